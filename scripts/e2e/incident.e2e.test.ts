/**
 * The incident action end to end: the bundled action runs as a process, on real-shaped payloads,
 * against the fake GitHub (every request and response checked against GitHub's OpenAPI description),
 * with a temp copy of the example organisation as its workspace. Times are fixed inside the published
 * schedule: reported Wednesday 2026-12-02 15:00 UTC, when dwashington (rot-a, New York, 10:00 local:
 * full support, 10 minutes) and kbarrett (rot-b) are on call.
 *
 * This file follows one incident from report to record, rerunning every event three times and
 * counting API calls; incident-paths.e2e.test.ts covers the other ways through, and
 * incident-faults.e2e.test.ts what happens when GitHub fails.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as v from "../repo/generated/validators.js";
import { useFakeGitHub } from "./fake-github/test-helper.js";
import type { FakeGitHub } from "./fake-github/index.js";
import {
  callNames,
  CARD_DECLINED_REPORT,
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

const REPORT = CARD_DECLINED_REPORT;

/** Runs the step's event three more times: each run succeeds and changes nothing at all. */
async function expectRerunsChangeNothing(d: IncidentDriver, f: FakeGitHub, step: Step): Promise<void> {
  const before = repoSnapshot(f);
  for (let i = 0; i < 3; i++) {
    const again = await d.run(step.event);
    expect(again.run.exitCode, again.run.stdout).toBe(0);
    expect(callNames(writes(again.calls))).toEqual([]);
    expect(again.calls.length).toBeLessThanOrEqual(step.calls.length);
  }
  expect(repoSnapshot(f)).toBe(before);
}

/** Calls that write the record: git data, contents and pull requests. */
function recordCalls(calls: Step["calls"]): Step["calls"] {
  return calls.filter((c) =>
    /^(git|pulls)\/|^repos\/(get-content|create-or-update-file-contents)$/.test(c.operationId ?? ""),
  );
}

function ok<T extends Step>(step: T): T {
  expect(step.run.exitCode, `${step.run.stdout}\n${step.run.stderr}`).toBe(0);
  expect(step.run.annotations.filter((a) => a.level === "error")).toEqual([]);
  return step;
}

describe("an incident from report to record", () => {
  it("opens, takes every command, resolves, and leaves one bot comment, a follow-up, a closed issue and a valid record", async () => {
    const f = fake();
    seedIncidentLabels(f);
    const d = new IncidentDriver(f, workspace, clock);
    const budget: Record<string, number> = {};

    // Opening: labels, the people on call assigned, one bot comment with the deadline and playbooks.
    const opened = ok(await d.open({ title: "[Incident] Card payments declined", body: REPORT, at: REPORTED }));
    budget["open"] = opened.calls.length;
    expect(callNames(opened.calls)).toEqual([
      "GET issues/list-comments",
      "GET issues/list-labels-for-repo",
      "POST issues/add-labels",
      "POST issues/add-assignees",
      "POST issues/create-comment",
    ]);
    expect(opened.run.outputs).toMatchObject({
      incident: "1",
      status: "investigating",
      severity: "P2",
      deadline: "2026-12-02T15:10:00Z",
      acknowledged: "false",
      skipped: "",
    });
    expect(f.issue(1)?.labels).toEqual(["incident", "severity:P2", "status:investigating"]);
    expect(f.issue(1)?.assignees).toEqual(["dwashington", "kbarrett"]);
    const bot = markedComments(f, 1);
    expect(bot).toHaveLength(1);
    expect(bot[0]?.user).toBe("github-actions[bot]");
    expect(bot[0]?.body).toContain("@dwashington (rot-a), @kbarrett (rot-b)");
    expect(bot[0]?.body).toContain("**due by 2026-12-02 15:10 UTC (full support, 10 min)**");
    expect(bot[0]?.body).toContain(
      "[Checkout payment failures](https://github.com/acme/oncall/blob/HEAD/playbooks/checkout-payment-failures.md)",
    );
    expect(opened.run.summary).toContain("INC-1: P2, investigating");
    await expectRerunsChangeNothing(d, f, opened);

    const step = async (name: string, author: string, body: string, at: string) => {
      const s = ok(await d.comment(author, body, at));
      budget[name] = s.calls.length;
      await expectRerunsChangeNothing(d, f, s);
      return s;
    };

    // The SLO check warns on the issue before anyone acknowledges: its labels are never touched here.
    f.issue(1)?.labels.push("slo:warned");
    f.seed.label("slo:warned");

    // The first on-call engineer to acknowledge becomes commander, the other one comms.
    const ack = await step("/ack", "dwashington", "Looking now.\n/ack", "2026-12-02T15:04:00Z");
    expect(callNames(ack.calls)).toEqual([
      "GET issues/list-comments",
      "GET issues/get",
      "POST issues/add-labels",
      "PATCH issues/update-comment",
    ]);
    expect(ack.run.outputs).toMatchObject({ acknowledged: "true" });
    expect(f.issue(1)?.labels).toContain("acknowledged");
    expect(savedState(f, 1)).toMatchObject({
      acknowledgedBy: "dwashington",
      acknowledgedAt: "2026-12-02T15:04:00Z",
      commander: "dwashington",
      comms: "kbarrett",
    });

    await step("/commander", "dwashington", "/commander @marcus-bell", "2026-12-02T15:06:00Z");
    await step("/comms", "marcus-bell", "/comms @sofia-mendes", "2026-12-02T15:07:00Z");
    expect(savedState(f, 1)).toMatchObject({ commander: "marcus-bell", comms: "sofia-mendes" });
    expect(f.issue(1)?.assignees).toEqual(["dwashington", "kbarrett", "marcus-bell", "sofia-mendes"]);

    const severity = await step("/severity", "marcus-bell", "/severity P1", "2026-12-02T15:08:00Z");
    expect(callNames(severity.calls)).toEqual([
      "GET issues/list-comments",
      "GET issues/get",
      "DELETE issues/remove-label",
      "POST issues/add-labels",
      "PATCH issues/update-comment",
    ]);
    expect(severity.run.outputs).toMatchObject({ severity: "P1" });

    await step("/status identified", "marcus-bell", "/status identified", "2026-12-02T15:15:00Z");
    await step("/status mitigated", "marcus-bell", "/status mitigated", "2026-12-02T15:30:00Z");
    expect(f.issue(1)?.labels.filter((l) => l.startsWith("status:") || l.startsWith("severity:"))).toEqual([
      "severity:P1",
      "status:mitigated",
    ]);

    // Untrusted text: the mention typed in the note is neutralized in everything the bot writes.
    await step(
      "/timeline",
      "sofia-mendes",
      "/timeline 14:05 deploy 4411 went out; @everyone ignore the alerts",
      "2026-12-02T15:32:00Z",
    );
    const summaryComment = markedComments(f, 1)[0]?.body ?? "";
    expect(summaryComment).toContain(
      "2026-12-02 14:05 UTC · sofia-mendes · deploy 4411 went out; @\u200beveryone ignore the alerts",
    );
    expect(summaryComment).not.toMatch(/@everyone/);

    const responder = await step("/responder", "marcus-bell", "/responder @arjun-nair", "2026-12-02T15:35:00Z");
    expect(callNames(responder.calls)).toEqual([
      "GET issues/list-comments",
      "GET issues/get",
      "POST issues/add-assignees",
      "POST issues/create-comment",
      "PATCH issues/update-comment",
    ]);
    expect(f.issue(1)?.assignees).toContain("arjun-nair");
    expect(markedComments(f, 1, `reply:${responder.commentId}`)[0]?.body).toContain(
      "@arjun-nair: @marcus-bell asked for your help",
    );

    // The interim record: one pull request, updated in place by the final one.
    const sync = await step("/sync", "marcus-bell", "/sync", "2026-12-02T15:38:00Z");
    expect(callNames(writes(sync.calls)).sort()).toEqual([
      "PATCH issues/update-comment",
      "POST git/create-ref",
      "POST pulls/create",
      "PUT repos/create-or-update-file-contents",
    ]);
    expect(recordCalls(sync.calls).length).toBeLessThanOrEqual(7);
    expect(readYaml(f, "incidents/2026/INC-1.yaml", "oncall/incident-1")).toMatchObject({ status: "mitigated" });

    const followup = await step(
      "/followup",
      "marcus-bell",
      "/followup Alert on the card decline rate (ask @kbarrett)",
      "2026-12-02T15:40:00Z",
    );
    expect(callNames(followup.calls)).toEqual([
      "GET issues/list-comments",
      "GET issues/get",
      "GET issues/list-for-repo",
      "POST issues/create",
      "PATCH issues/update-comment",
    ]);
    // #2 is the record's pull request (GitHub numbers issues and pull requests together).
    const created = f.issue(3);
    expect(created).toMatchObject({
      title: "Alert on the card decline rate (ask @\u200bkbarrett)",
      state: "open",
      labels: ["follow-up"],
    });
    expect(created?.body).toContain("Follow-up of incident #1 (INC-1)");
    expect(savedState(f, 1).followups).toEqual([expect.objectContaining({ issue: 3 })]);

    const resolved = await step(
      "/resolve",
      "marcus-bell",
      "/resolve Rolled back deploy 4411; payments recovered at 15:28.",
      "2026-12-02T16:10:00Z",
    );
    expect(resolved.run.outputs).toMatchObject({ status: "resolved", severity: "P1", acknowledged: "true" });

    // The issue: closed as completed, labels and assignees as the incident left them.
    const issue = f.issue(1);
    expect(issue).toMatchObject({ state: "closed", stateReason: "completed" });
    expect([...(issue?.labels ?? [])].sort()).toEqual([
      "acknowledged",
      "incident",
      "severity:P1",
      "slo:warned",
      "status:resolved",
    ]);
    expect(issue?.assignees).toEqual(["dwashington", "kbarrett", "marcus-bell", "sofia-mendes", "arjun-nair"]);
    // Comments: the eleven commands, the one bot comment, the reply to /responder and the reply to
    // /resolve asking for playbook updates (a new comment, so its mentions notify); nothing twice.
    const comments = f.comments(1);
    expect(comments.filter((c) => c.user === "github-actions[bot]")).toHaveLength(3);
    expect(comments).toHaveLength(14);
    const ask = comments.find(
      (c) => c.user === "github-actions[bot]" && !c.body.includes("## Incident") && c.body.includes("playbooks"),
    );
    expect(ask?.body).toMatch(/^@marcus-bell, @sofia-mendes, @arjun-nair: please update the playbooks/);
    expect(ask?.body).toContain("(https://github.com/acme/oncall/blob/HEAD/playbooks/api-gateway-5xx.md)");
    const final = markedComments(f, 1)[0]?.body ?? "";
    expect(final).toContain("## Incident INC-1: P1 Critical, resolved");
    expect(final).toContain("Rolled back deploy 4411; payments recovered at 15:28.");
    expect(final).toContain(
      "acknowledged by dwashington at 2026-12-02 15:04 UTC; deadline was 2026-12-02 15:10 UTC (full support, 10 min), met",
    );

    // The record: on the pull request's branch, valid against its schema, one entry per change.
    const pulls = [...f.repo().issues.values()].filter((i) => i.pull);
    expect(pulls).toHaveLength(1);
    // Issue 13 item 1: a P1 needs a postmortem, so the record's pull request carries its draft too.
    expect(pulls[0]).toMatchObject({
      title: "INC-1: incident record and postmortem draft",
      state: "open",
      pull: { headRef: "oncall/incident-1", baseRef: "main" },
    });
    expect(f.readFile("incidents/2026/INC-1.yaml")).toBeUndefined();
    const record = readYaml(f, "incidents/2026/INC-1.yaml", "oncall/incident-1");
    expect(v.incident(record)).toBe(true);
    expect(record).toMatchObject({
      id: "INC-1",
      issue: 1,
      status: "resolved",
      severity: "P1",
      services: ["checkout", "api-gateway"],
      production: true,
      summary: "Rolled back deploy 4411; payments recovered at 15:28.",
      reportedBy: "reporter",
      startedAt: "2026-12-02T14:50:00Z",
      reportedAt: "2026-12-02T15:00:00Z",
      acknowledgedAt: "2026-12-02T15:04:00Z",
      acknowledgedBy: "dwashington",
      mitigatedAt: "2026-12-02T15:30:00Z",
      resolvedAt: "2026-12-02T16:10:00Z",
      roles: { commander: "marcus-bell", comms: "sofia-mendes" },
      oncall: ["dwashington", "kbarrett"],
      responders: ["arjun-nair"],
      followups: [{ issue: 3, title: "Alert on the card decline rate (ask @kbarrett)", closed: false }],
      slo: { tier: "full", targetMinutes: 10, deadline: "2026-12-02T15:10:00Z", outcome: "met" },
    });
    const timeline = record?.["timeline"] as { kind: string; author: string; text: string }[];
    expect(timeline.map((e) => e.kind)).toEqual([
      "note",
      "opened",
      "ack",
      "role",
      "role",
      "role",
      "role",
      "severity",
      "status",
      "status",
      "responder",
      "followup",
      "resolve",
    ]);
    expect(new Set(timeline.map((e) => JSON.stringify(e))).size).toBe(timeline.length);

    // API calls per run, from the fake's request log.
    expect(budget["open"]).toBeLessThanOrEqual(6);
    for (const name of [
      "/ack",
      "/commander",
      "/comms",
      "/severity",
      "/status identified",
      "/status mitigated",
      "/timeline",
      "/responder",
      "/followup",
    ]) {
      // One more than before issue 10 item 6: every command run reads the issue, so labels follow the state.
      expect(budget[name], name).toBeLessThanOrEqual(5);
    }
    // Resolving also closes the issue and pushes the record to its pull request (branch and pull
    // request exist since /sync): the issue's share fits the budget, the record's is on top.
    expect(callNames(resolved.calls.filter((c) => !recordCalls([c]).length))).toEqual([
      "GET issues/list-comments",
      "GET issues/get",
      "DELETE issues/remove-label",
      "POST issues/add-labels",
      "POST issues/create-comment",
      "PATCH issues/update",
      "PATCH issues/update-comment",
    ]);
    // Two files since issue 13 (record and postmortem draft), so one commit through the git data API.
    expect(recordCalls(resolved.calls).length).toBeLessThanOrEqual(8);
    console.info(`incident e2e API calls per run: ${JSON.stringify(budget)}`);
  }, 600_000);
});
