/**
 * The incident action's other ways through, end to end (see incident.e2e.test.ts for the set-up):
 * /not-incident, a malformed form and its fix, an outsider, a triager, events that need no work, a
 * repository without the labels yet, reopening, a lost bot comment, and a dry run.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stripStateMarker } from "../core/incident/index.js";
import { formBody } from "../core/incident/test-kit.js";
import * as v from "../repo/generated/validators.js";
import { buildEvent } from "./event-payloads.js";
import { useFakeGitHub } from "./fake-github/test-helper.js";
import {
  callNames,
  exampleWorkspace,
  IncidentDriver,
  markedComments,
  readYaml,
  removeWorkspace,
  repoSnapshot,
  savedState,
  seedIncidentLabels,
  seedPeople,
  writes,
  type Step,
  type TestClock,
} from "./incident-kit.js";

const REPORTED = "2026-12-02T15:00:00Z";
const clock: TestClock = { now: new Date(REPORTED) };
const fake = useFakeGitHub({ now: () => clock.now });
let workspace = "";

beforeEach(async () => {
  workspace = await exampleWorkspace();
  seedPeople(fake());
});
afterEach(() => removeWorkspace(workspace));

const REPORT = formBody({
  what: "Search returns no results for any query.",
  who: "Every customer using search.",
  severity:
    "P2 - Major: an important feature is broken for many customers or a core flow fails for a whole segment with no workaround",
  services: "search",
  production: "Yes",
  started: "14:40 UTC",
});

function ok<T extends Step>(step: T): T {
  expect(step.run.exitCode, `${step.run.stdout}\n${step.run.stderr}`).toBe(0);
  expect(step.run.annotations.filter((a) => a.level === "error")).toEqual([]);
  return step;
}

/** Reruns the event three times: no write, nothing changed. */
async function rerunThrice(d: IncidentDriver, step: Step): Promise<void> {
  const before = repoSnapshot(fake());
  for (let i = 0; i < 3; i++) {
    const again = ok(await d.run(step.event));
    expect(callNames(writes(again.calls))).toEqual([]);
  }
  expect(repoSnapshot(fake())).toBe(before);
}

async function opened(d: IncidentDriver, body = REPORT): Promise<Step> {
  return ok(await d.open({ title: "[Incident] Search is empty", body, at: REPORTED }));
}

describe("/not-incident", () => {
  it("closes the report kindly, points at the bug route and commits the record directly in commit mode", async () => {
    const f = fake();
    seedIncidentLabels(f);
    const d = new IncidentDriver(f, workspace, clock, { "record-mode": "commit" });
    await opened(d);
    const step = ok(
      await d.comment("kbarrett", "/not-incident only the internal test catalogue is empty", "2026-12-02T15:05:00Z"),
    );
    expect(step.run.outputs).toMatchObject({ status: "not-incident" });
    expect(f.issue(1)).toMatchObject({ state: "closed", stateReason: "not_planned" });
    expect([...(f.issue(1)?.labels ?? [])].sort()).toEqual(["acknowledged", "incident", "not-incident", "severity:P2"]);
    const notice = markedComments(f, 1, "not-incident");
    expect(notice).toHaveLength(1);
    expect(notice[0]?.body).toContain("@reporter, thank you for raising this");
    expect(notice[0]?.body).toContain("only the internal test catalogue is empty");
    expect(notice[0]?.body).toContain("[the bug tracker](https://github.com/example-org/fernhill/issues/new/choose)");
    const record = readYaml(f, "incidents/2026/INC-1.yaml");
    expect(v.incident(record)).toBe(true);
    expect(record).toMatchObject({ status: "not-incident", resolvedAt: "2026-12-02T15:05:00Z" });
    expect([...f.repo().issues.values()].filter((i) => i.pull)).toEqual([]);
    expect(callNames(step.calls)).toEqual([
      "GET issues/list-comments",
      "GET issues/get",
      "GET repos/get-content",
      "PUT repos/create-or-update-file-contents",
      "DELETE issues/remove-label",
      "POST issues/add-labels",
      "POST issues/create-comment",
      "PATCH issues/update",
      "PATCH issues/update-comment",
    ]);
    await rerunThrice(d, step);
  });
});

describe("the form", () => {
  it("answers a malformed report with guidance naming what is missing, and thanks the reporter once it is fixed", async () => {
    const f = fake();
    seedIncidentLabels(f);
    const d = new IncidentDriver(f, workspace, clock);
    const bad = formBody({ who: "me", severity: "P9 - the worst", services: "search, payroll", production: "Maybe" });
    const open = await opened(d, bad);
    expect(open.calls.length).toBeLessThanOrEqual(6);
    const guidance = markedComments(f, 1, "form-problems");
    expect(guidance).toHaveLength(1);
    expect(guidance[0]?.body).toContain("@reporter, thanks for raising this incident");
    expect(guidance[0]?.body).toContain("**What is broken?** is empty");
    expect(guidance[0]?.body).toContain("**Severity**: `P9 - the worst` is not one of P1 to P5");
    expect(guidance[0]?.body).toContain("payroll");
    expect(guidance[0]?.body).toContain("**Is production affected?** `Maybe` is neither Yes nor No");
    expect(f.issue(1)?.labels).toContain("severity:unknown");
    expect(f.issue(1)?.assignees).toEqual(["dwashington", "kbarrett"]);
    await rerunThrice(d, open);

    const fixed = ok(await d.edit(REPORT, "2026-12-02T15:03:00Z"));
    expect(markedComments(f, 1, "form-problems")[0]?.body).toContain("Thanks @reporter, the report is complete now.");
    expect(f.issue(1)?.labels).toContain("severity:P2");
    expect(f.issue(1)?.labels).not.toContain("severity:unknown");
    expect(savedState(f, 1)).toMatchObject({ severity: "P2", services: ["search"], formProblems: [] });
    expect(markedComments(f, 1)).toHaveLength(1);
    await rerunThrice(d, fixed);
  });
});

describe("who may run commands", () => {
  it("refuses an outsider once, politely, and changes nothing else", async () => {
    const f = fake();
    seedIncidentLabels(f);
    const d = new IncidentDriver(f, workspace, clock);
    await opened(d);
    const bot = markedComments(f, 1)[0]?.body;
    const labels = [...(f.issue(1)?.labels ?? [])];
    const step = ok(await d.comment("mallory", "/resolve fixed it\n/severity P5", "2026-12-02T15:03:00Z"));
    // Issue 10 items 5 and 6: the issue is read, and the refused comment is saved as handled.
    expect(callNames(step.calls)).toEqual([
      "GET issues/list-comments",
      "GET repos/get-collaborator-permission-level",
      "GET issues/get",
      "POST issues/create-comment",
      "PATCH issues/update-comment",
    ]);
    const replies = markedComments(f, 1, `reply:${step.commentId}`);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain(
      "Sorry @mallory, incident commands can only be run by people on the on-call roster or with write or triage access",
    );
    expect(stripStateMarker(markedComments(f, 1)[0]?.body ?? "")).toBe(stripStateMarker(bot ?? ""));
    expect(f.issue(1)?.labels).toEqual(labels);
    expect(f.issue(1)?.state).toBe("open");
    expect(step.run.summary).toContain("Refused");
    await rerunThrice(d, step);
    expect(markedComments(f, 1, `reply:${step.commentId}`)).toHaveLength(1);
  });

  it("accepts someone with triage access who is not on the roster", async () => {
    const f = fake();
    seedIncidentLabels(f);
    const d = new IncidentDriver(f, workspace, clock);
    await opened(d);
    const step = ok(
      await d.comment("triage-tess", "/timeline the search cluster lost its master at 14:38", "2026-12-02T15:06:00Z"),
    );
    expect(callNames(step.calls)).toEqual([
      "GET issues/list-comments",
      "GET repos/get-collaborator-permission-level",
      "GET issues/get",
      "PATCH issues/update-comment",
    ]);
    expect(savedState(f, 1).timeline.at(-1)).toMatchObject({ author: "triage-tess", kind: "note" });
    // Not an on-call engineer or responder: no acknowledgement.
    expect(savedState(f, 1).acknowledgedAt).toBeUndefined();
    await rerunThrice(d, step);
  });
});

describe("events that need no work", () => {
  it("makes no API call for conversation, the bot's own comments, pull requests or issues that are not incidents", async () => {
    const f = fake();
    seedIncidentLabels(f);
    const d = new IncidentDriver(f, workspace, clock);
    await opened(d);

    const chat = await d.comment(
      "kbarrett",
      "I can reproduce it from the EU too.\n/var/log/search is full of timeouts",
      "2026-12-02T15:02:00Z",
    );
    expect(chat.calls).toEqual([]);
    expect(chat.run.outputs["skipped"]).toBe("The comment has no commands.");

    const own = await d.comment("github-actions[bot]", "/ack", "2026-12-02T15:02:30Z");
    expect(own.calls).toEqual([]);

    const onPull = buildEvent("issue_comment.created", {
      sender: "kbarrett",
      issue: { number: 1, labels: ["incident"] },
      comment: { body: "/ack", user: "kbarrett" },
      apiUrl: f.url,
    });
    (onPull.payload["issue"] as Record<string, unknown>)["pull_request"] = {
      url: `${f.url}/repos/acme/oncall/pulls/1`,
    };
    expect((await d.run(onPull)).calls).toEqual([]);

    const bug = buildEvent("issues.opened", {
      sender: "reporter",
      issue: { number: 9, labels: ["bug"], created_at: REPORTED },
      apiUrl: f.url,
    });
    const plain = await d.run(bug);
    expect(plain.calls).toEqual([]);
    expect(plain.run.exitCode).toBe(0);
    expect(plain.run.outputs["skipped"]).toContain("no `incident` label");
  });
});

describe("labels", () => {
  it("creates the incident labels with their colours in a repository that has none yet", async () => {
    const f = fake();
    const d = new IncidentDriver(f, workspace, clock);
    const step = await opened(d);
    expect(f.repo().labels.get("severity:p2")).toMatchObject({ color: "d93f0b", description: "Incident severity P2" });
    expect(f.repo().labels.get("acknowledged")).toMatchObject({ color: "0e8a16" });
    // The first incident of a repository pays for the labels once: one list, then one create each.
    expect(f.log.count({ operationId: "issues/list-labels-for-repo" })).toBe(1);
    expect(
      step.calls.filter((c) => c.operationId !== "issues/create-label" && c.operationId !== "issues/update-label"),
    ).toHaveLength(5);
    await rerunThrice(d, step);
  });
});

describe("reopening and a lost state", () => {
  it("takes a resolved incident back to investigating when the issue is reopened", async () => {
    const f = fake();
    seedIncidentLabels(f);
    const d = new IncidentDriver(f, workspace, clock, { "record-mode": "commit" });
    await opened(d);
    ok(await d.comment("dwashington", "/resolve false alarm, the cluster recovered", "2026-12-02T15:05:00Z"));
    expect(f.issue(1)?.state).toBe("closed");
    const reopened = ok(await d.reopen("2026-12-02T15:20:00Z", "kbarrett"));
    expect(reopened.run.outputs).toMatchObject({ status: "investigating" });
    expect(f.issue(1)?.labels).toContain("status:investigating");
    expect(f.issue(1)?.labels).not.toContain("status:resolved");
    expect(savedState(f, 1).timeline.at(-1)).toMatchObject({
      kind: "reopened",
      author: "kbarrett",
      at: "2026-12-02T15:20:00Z",
    });
    await rerunThrice(d, reopened);
  });

  it("rebuilds the state from the issue and its comments when the bot comment was deleted", async () => {
    const f = fake();
    seedIncidentLabels(f);
    const d = new IncidentDriver(f, workspace, clock);
    await opened(d);
    ok(await d.comment("dwashington", "/ack\n/severity P1", "2026-12-02T15:04:00Z"));
    const lost = markedComments(f, 1)[0];
    if (lost) f.repo().comments.delete(lost.id);
    const step = ok(await d.comment("dwashington", "/status identified", "2026-12-02T15:20:00Z"));
    const bot = markedComments(f, 1);
    expect(bot).toHaveLength(1);
    expect(bot[0]?.body).toContain("The state was rebuilt from the issue and its earlier comments");
    expect(savedState(f, 1)).toMatchObject({
      status: "identified",
      severity: "P1",
      acknowledgedBy: "dwashington",
      acknowledgedAt: "2026-12-02T15:04:00Z",
    });
    expect(savedState(f, 1).timeline.filter((e) => e.kind === "ack")).toHaveLength(1);
    await rerunThrice(d, step);
  });
});

describe("past the published schedule", () => {
  it("assigns whoever the rotation's preview puts on call, and says so", async () => {
    const f = fake();
    seedIncidentLabels(f);
    const d = new IncidentDriver(f, workspace, clock);
    const at = "2027-02-03T15:00:00Z";
    const step = ok(await d.open({ title: "[Incident] Search is empty", body: REPORT, at }));
    const oncall = savedState(f, 1).oncall;
    expect(oncall.length).toBeGreaterThan(0);
    expect(f.issue(1)?.assignees).toEqual(oncall);
    expect(step.run.annotations.filter((a) => a.level === "notice").map((a) => a.message)).toEqual(
      expect.arrayContaining([expect.stringContaining("preview")]),
    );
    expect(step.run.outputs["deadline"]).not.toBe("");
  });
});

describe("the acknowledgement deadline", () => {
  it("is worked out when the incident opens and kept, even if the schedule changes afterwards", async () => {
    const f = fake();
    seedIncidentLabels(f);
    const d = new IncidentDriver(f, workspace, clock);
    const open = await opened(d);
    expect(open.run.outputs["deadline"]).toBe("2026-12-02T15:10:00Z");
    expect(savedState(f, 1).deadline).toEqual({ tier: "full", targetMinutes: 10, at: "2026-12-02T15:10:00Z" });
    // Overrides merged since put two people outside their support hours (02:00 in Sydney, 20:30 in
    // Bengaluru) on call at the report: a recomputed deadline would be 16:10, after they hand back.
    const overrides = (who: string, layer: string) =>
      `  - layer: ${layer}\n    start: 2026-12-02T14:00:00Z\n    end: 2026-12-02T16:00:00Z\n    by: ${who}\n`;
    await writeFile(
      join(workspace, "rotations", "overrides.yaml"),
      `overrides:\n${overrides("emily-zhao", "rot-a")}${overrides("arjun-nair", "rot-b")}`,
    );
    const ack = ok(await d.comment("kbarrett", "/ack", "2026-12-02T15:12:00Z"));
    expect(ack.run.outputs["deadline"]).toBe("2026-12-02T15:10:00Z");
    expect(markedComments(f, 1)[0]?.body).toContain("deadline was 2026-12-02 15:10 UTC (full support, 10 min), missed");
  });
});

describe("dry run", () => {
  it("plans and reports without writing anything", async () => {
    const f = fake();
    seedIncidentLabels(f);
    const d = new IncidentDriver(f, workspace, clock, { "dry-run": "true" });
    const step = ok(await opened(d));
    expect(writes(step.calls)).toEqual([]);
    expect(f.comments(1)).toEqual([]);
    expect(step.run.summary).toContain("**Planned** (nothing was written)");
    expect(step.run.summary).toContain("assign dwashington, kbarrett to #1");
  });
});
