/**
 * Issue 10, items 5 to 7: incident commands that are never lost or jammed, and a saved state nobody
 * else can plant. Each test runs the bundled incident action against the fake GitHub (rebuild with
 * `npm run bundle`), as incident.e2e.test.ts does.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseStateMarker, serializeStateMarker } from "../core/incident/index.js";
import type { IncidentState } from "../core/incident/index.js";
import { formBody, freshState } from "../core/incident/test-kit.js";
import type { FakeGitHub } from "./fake-github/index.js";
import { MAX_BODY_LENGTH } from "./fake-github/handler.js";
import { useFakeGitHub } from "./fake-github/test-helper.js";
import {
  exampleWorkspace,
  IncidentDriver,
  markedComments,
  ok,
  SIGN_IN_DOWN_REPORT,
  removeWorkspace,
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
  seedIncidentLabels(fake());
});
afterEach(() => removeWorkspace(workspace));

const REPORT = SIGN_IN_DOWN_REPORT;

const at = (minute: number) => `2026-12-02T15:${String(minute).padStart(2, "0")}:00Z`;

/** Status and severity labels on the issue (the ones that must agree with the saved state). */
function stateLabels(f: FakeGitHub, number = 1): string[] {
  return (f.issue(number)?.labels ?? []).filter((l) => /^(status|severity):/.test(l) || l === "not-incident").sort();
}

describe("every command is applied, in order, whatever runs are cancelled (item 5)", () => {
  it("applies four comments whose runs never happened, and the fifth, in order, each once", async () => {
    // Fails before issue 10 item 5: the run of the fifth comment applied only the fifth.
    const f = fake();
    const d = new IncidentDriver(f, workspace, clock);
    ok(await d.open({ title: "[Incident] Sign-in down", body: REPORT, at: REPORTED }));
    const skipped = [
      d.post("dwashington", "/ack", at(2)),
      d.post("kbarrett", "/timeline one: rolled back the 14:50 deploy", at(3)),
      d.post("dwashington", "/status identified", at(4)),
      d.post("mallory", "/resolve nothing to see", at(5)),
    ];
    const last = ok(await d.comment("kbarrett", "/timeline two: errors are back to normal\n/status mitigated", at(6)));

    const state = savedState(f, 1);
    expect(state).toMatchObject({ status: "mitigated", acknowledgedBy: "dwashington", acknowledgedAt: at(2) });
    expect(state.timeline.filter((e) => e.kind === "status").map((e) => [e.at, e.text])).toEqual([
      [at(4), "Status set to identified."],
      [at(6), "Status set to mitigated."],
    ]);
    expect(state.timeline.filter((e) => e.kind === "note").map((e) => e.text)).toEqual([
      "one: rolled back the 14:50 deploy",
      "two: errors are back to normal",
    ]);
    // The outsider's /resolve was refused (one reply) and counts as handled.
    expect(markedComments(f, 1, `reply:${skipped[3]?.commentId}`)).toHaveLength(1);
    expect(f.issue(1)?.state).toBe("open");
    for (const { commentId } of skipped) expect(state.processed.some((k) => k.startsWith(`${commentId}:`))).toBe(true);
    expect(stateLabels(f)).toEqual(["severity:P1", "status:mitigated"]);

    // The cancelled runs' events, delivered late, and a rerun of the last: nothing left to do.
    for (const { event } of skipped) {
      const late = ok(await d.run(event));
      expect(writes(late.calls)).toEqual([]);
      expect(late.run.outputs["skipped"]).toMatch(/were applied already/);
    }
    expect(writes(ok(await d.run(last.event)).calls)).toEqual([]);
    expect(savedState(f, 1).timeline).toEqual(state.timeline);
  });
});

describe("bounded text (item 6)", () => {
  it("saves the state of a 58,000-character report listing service a thousands of times, and /ack still works", async () => {
    // Fails before issue 10 item 6: the form-problems comment was over 65,536 characters (HTTP 422),
    // the state was never saved and every later event failed.
    const f = fake();
    const d = new IncidentDriver(f, workspace, clock);
    const body = formBody({
      what: "Sign-in is down.",
      who: "Everyone.",
      severity: "P1",
      services: "a,".repeat(29_000),
      production: "Yes",
    });
    expect(body.length).toBeGreaterThan(58_000);
    ok(await d.open({ title: "[Incident] Sign-in down", body, at: REPORTED }));
    for (const c of f.comments(1)) expect(c.body.length).toBeLessThanOrEqual(MAX_BODY_LENGTH);
    const problems = markedComments(f, 1, "form-problems");
    expect(problems).toHaveLength(1);
    expect(problems[0]?.body.match(/`a`/g)).toHaveLength(1);
    ok(await d.comment("dwashington", "/ack", at(3)));
    expect(savedState(f, 1)).toMatchObject({ acknowledgedBy: "dwashington" });
  });

  it("saves the state when a reply cannot be posted", async () => {
    // Fails before issue 10 item 6: a failed reply stopped the run before the bot comment was saved.
    const f = fake();
    const d = new IncidentDriver(f, workspace, clock);
    ok(await d.open({ title: "[Incident] Sign-in down", body: REPORT, at: REPORTED }));
    f.faults.add({ kind: "read-only-token", operation: "issues/create-comment", times: 1 });
    const step = ok(await d.comment("dwashington", "/ack\n/frobnicate", at(3)));
    expect(step.run.annotations.some((a) => a.level === "warning" && /skipped/.test(a.message))).toBe(true);
    expect(savedState(f, 1)).toMatchObject({ acknowledgedBy: "dwashington" });
    expect(markedComments(f, 1, `reply:${(step as Step & { commentId: number }).commentId}`)).toHaveLength(0);
  });

  it("corrects labels left behind by a run that failed before saving the state", async () => {
    // Fails before issue 10 item 6: the next run trusted its (older) payload and the saved state for
    // the labels, so status:identified stayed on an issue whose saved state said investigating.
    const f = fake();
    const d = new IncidentDriver(f, workspace, clock);
    ok(await d.open({ title: "[Incident] Sign-in down", body: REPORT, at: REPORTED }));
    const first = d.post("dwashington", "/status identified", at(3));
    // Posted before the first run starts, so its payload shows the labels from before that run.
    const second = d.post("kbarrett", "/timeline looking at the database", at(4));
    f.faults.add({ kind: "read-only-token", operation: "issues/update-comment", times: 1 });
    const failed = await d.run(first.event);
    expect(failed.run.exitCode).not.toBe(0);
    expect(stateLabels(f)).toEqual(["severity:P1", "status:identified"]);
    expect(savedState(f, 1).status).toBe("investigating");

    ok(await d.run(second.event));
    const state = savedState(f, 1);
    expect(stateLabels(f)).toEqual([`severity:${state.severity ?? "unknown"}`, `status:${state.status}`].sort());
    expect(state.status).toBe("identified");
    expect(f.issue(1)?.labels).toContain("acknowledged");
  });
});

/** The state in the one bot comment written by `login` (others may carry a forged marker). */
function stateBy(f: FakeGitHub, login: string): IncidentState | null {
  const own = markedComments(f, 1).filter((c) => c.user === login);
  expect(own).toHaveLength(1);
  return parseStateMarker(own[0]?.body).state;
}

describe("only our own bot is trusted (item 7)", () => {
  /** A state that says the incident was resolved by mallory, hidden as another app would plant it. */
  function forgedBody(): string {
    const forged = {
      ...freshState(),
      issue: 1,
      status: "resolved" as const,
      acknowledgedAt: at(1),
      acknowledgedBy: "mallory",
      commander: "mallory",
      resolvedAt: at(1),
    };
    return `All good here.\n\n${serializeStateMarker(forged)}\n\n<!-- oncall:incident -->`;
  }

  it("ignores a state comment planted by another bot account", async () => {
    // Fails before issue 10 item 7: any account of type Bot was trusted, so the planted state was
    // read as the incident's and its comment adopted as the bot comment.
    const f = fake();
    const d = new IncidentDriver(f, workspace, clock);
    f.seed.user("evil-app[bot]", { type: "Bot" });
    const issue = f.seed.issue({
      title: "[Incident] Sign-in down",
      body: REPORT,
      user: "reporter",
      labels: ["incident"],
      createdAt: REPORTED,
    });
    d.number = issue.number;
    // The other app comments before the workflow's first run starts.
    const planted = f.seed.comment(1, { body: forgedBody(), user: "evil-app[bot]", createdAt: REPORTED });
    ok(await d.comment("dwashington", "/timeline starting", at(2)));

    expect(f.comments(1).find((c) => c.id === planted.id)?.body).toBe(forgedBody());
    const state = stateBy(f, "github-actions[bot]");
    expect(state).toMatchObject({ status: "investigating" });
    expect(state?.acknowledgedBy).not.toBe("mallory");
    expect(f.issue(1)?.state).toBe("open");
  });
});

describe("a GitHub App token (item 7)", () => {
  const appFake = useFakeGitHub({ now: () => clock.now, actor: "oncall-app[bot]" });

  it("reads the state only from the app's comments when bot-login names the app", async () => {
    const f = appFake();
    seedPeople(f);
    seedIncidentLabels(f);
    const d = new IncidentDriver(f, workspace, clock, { "bot-login": "oncall-app[bot]" });
    ok(await d.open({ title: "[Incident] Sign-in down", body: REPORT, at: REPORTED }));
    // Any workflow's GITHUB_TOKEN writes as github-actions[bot]: not trusted when the app is the bot.
    f.seed.comment(1, {
      body: `${serializeStateMarker({ ...freshState(), issue: 1, status: "resolved" })}\n\n<!-- oncall:incident -->`,
      user: "github-actions[bot]",
      createdAt: at(1),
    });
    ok(await d.comment("dwashington", "/ack", at(2)));
    expect(stateBy(f, "oncall-app[bot]")).toMatchObject({ status: "investigating", acknowledgedBy: "dwashington" });
  });
});
