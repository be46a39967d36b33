/**
 * End to end: the bundled `slo-watch` action (issue 10 item 14) runs as a process against the fake
 * GitHub, on a temporary copy of the test fixture organisation (scripts/fixtures/minimal).
 *
 * Time: the watch's clock starts at the `at` input and runs fast: the runner's
 * ONCALL_GITHUB_TIME_SCALE_MS is {@link SCALE} real milliseconds per watched second, so a 10-minute
 * wait takes about 6 real seconds. The action logs each decision with the instant its clock read,
 * which is what the tests check the punctuality against. Each API call also takes real
 * milliseconds, a tenth of a watched second each, so logged instants trail the due instants by a
 * few watched seconds.
 *
 * Thursday 8 January 2026, 15:00 UTC, is 10:00 in New York, where alice is on call, and 16:00 in
 * Berlin, where lena is: both in full support (10 minutes), both managed by dana. The deadline is
 * 15:10; the warning is due just after 15:05.
 *
 * Every test here fails before issue 10 item 14: there was no per-incident watch (no slo-watch
 * action), only a check every 5 minutes that never waits.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAction, type ActionRun } from "./action-runner.js";
import { buildEvent, type BuiltEvent } from "./event-payloads.js";
import type { FakeGitHub } from "./fake-github/index.js";
import { useFakeGitHub } from "./fake-github/test-helper.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const WATCH_ENTRY = join(root, ".github/actions/slo-watch/dist/index.mjs");
const SWEEP_ENTRY = join(root, ".github/actions/slo/dist/index.mjs");
const FIXTURE = join(root, "scripts/fixtures/minimal");
/** Real milliseconds per watched second. */
const SCALE = 10;
const REPORTED = "2026-01-08T15:00:00Z";
const ONCALL = ["alice", "lena"];
const BASE_LABELS = ["incident", "severity:P2"];
const SLOW = { timeout: 120_000 };

let workspace = "";
beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), "oncall-slo-watch-e2e-"));
  await cp(FIXTURE, workspace, { recursive: true });
});
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

const fake = useFakeGitHub({ now: () => new Date(REPORTED) });

function seedIncident(f: FakeGitHub, fields: { createdAt?: string; labels?: string[] } = {}): number {
  return f.seed.issue({
    title: "[Incident] Checkout declines every card",
    body: "### What is broken?\n\nCheckout.",
    user: "bob",
    labels: [...BASE_LABELS, ...(fields.labels ?? ["status:investigating"])],
    assignees: ONCALL,
    createdAt: fields.createdAt ?? REPORTED,
  }).number;
}

function opened(f: FakeGitHub, n: number): BuiltEvent {
  const issue = f.issue(n)!;
  return buildEvent("issues.opened", {
    sender: "bob",
    issue: { number: n, labels: [...issue.labels], assignees: ONCALL, created_at: issue.createdAt, state: "open" },
  });
}

/** Starts one watch run at `at` (not awaited, so a test can act while it waits). */
function watch(f: FakeGitHub, event: BuiltEvent, at: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    entry: WATCH_ENTRY,
    ...event,
    apiUrl: f.url,
    workspace,
    apiTimeScaleMs: SCALE,
    timeoutMs: 90_000,
    inputs: { "github-token": f.token, at, ...inputs },
  });
}

function ok(run: ActionRun): ActionRun {
  expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
  return run;
}

/** The watch's clock reading on the log line that announces `what` (e.g. "warn", "acknowledgement SLO breached"). */
function loggedAt(run: ActionRun, what: string): string {
  const line = run.stdout.split("\n").find((l) => /^\d{4}-\d\d-\d\dT/.test(l) && l.includes(what));
  expect(line, `no "${what}" line in:\n${run.stdout}`).toBeDefined();
  return line!.split(" ")[0]!;
}

const sloComments = (f: FakeGitHub, n: number) =>
  f.comments(n).flatMap((c) => /<!-- oncall:(slo-[a-z]+) -->/.exec(c.body)?.[1] ?? []);
const sloLabels = (f: FakeGitHub, n: number) =>
  f
    .issue(n)!
    .labels.filter((l) => l.startsWith("slo:"))
    .sort();
const writes = (f: FakeGitHub) => f.log.entries.filter((e) => e.method !== "GET");
const between = (at: string, from: string, to: string) =>
  Date.parse(at) >= Date.parse(from) && Date.parse(at) < Date.parse(to);

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 60_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("slo-watch action", () => {
  it(
    "warns at half the target and breaches and escalates at the deadline in one run, and the sweep repeats nothing",
    SLOW,
    async () => {
      const f = fake();
      const n = seedIncident(f);
      const run = ok(await watch(f, opened(f, n), "2026-01-08T15:00:20Z"));

      expect(run.outputs).toMatchObject({
        ended: "escalated",
        posted: "slo-warn,slo-breach,slo-escalate",
        deadline: "2026-01-08T15:10:00Z",
      });
      expect(between(loggedAt(run, ": warn "), "2026-01-08T15:05:00Z", "2026-01-08T15:06:00Z")).toBe(true);
      expect(
        between(loggedAt(run, "acknowledgement SLO breached"), "2026-01-08T15:10:00Z", "2026-01-08T15:11:00Z"),
      ).toBe(true);
      expect(between(loggedAt(run, ": escalate to "), "2026-01-08T15:10:00Z", "2026-01-08T15:11:00Z")).toBe(true);
      expect(sloComments(f, n)).toEqual(["slo-warn", "slo-breach", "slo-escalate"]);
      expect(sloLabels(f, n)).toEqual(["slo:breached", "slo:escalated", "slo:warned"]);
      const [warning, , escalation] = f.comments(n).map((c) => c.body);
      expect(warning).toContain("@alice @lena: this incident is not acknowledged yet");
      expect(escalation).toContain("@dana: please help");
      // About one read a minute over ten minutes (fewer when the calls' real time stretches the minutes).
      const polls = Number(run.outputs.polls);
      expect(polls).toBeGreaterThanOrEqual(6);
      expect(polls).toBeLessThanOrEqual(14);
      expect(f.log.count({ operationId: "issues/get" })).toBe(polls);

      // The hourly sweep after it finds everything done: same markers, same labels, nothing new.
      const before = f.log.count({ operationId: "issues/create-comment" });
      const sweep = await runAction({
        entry: SWEEP_ENTRY,
        ...buildEvent("schedule", { schedule: "23 * * * *" }),
        apiUrl: f.url,
        workspace,
        inputs: { "github-token": f.token, at: "2026-01-08T15:23:00Z" },
      });
      expect(sweep.exitCode, sweep.stdout).toBe(0);
      expect(f.log.count({ operationId: "issues/create-comment" })).toBe(before);
      expect(sloComments(f, n)).toEqual(["slo-warn", "slo-breach", "slo-escalate"]);
    },
  );

  it("does not post a warning the sweep already posted", SLOW, async () => {
    const f = fake();
    const n = seedIncident(f);
    // A sweep that happened to run at 15:07 posted the warning.
    const sweep = await runAction({
      entry: SWEEP_ENTRY,
      ...buildEvent("schedule", { schedule: "23 * * * *" }),
      apiUrl: f.url,
      workspace,
      inputs: { "github-token": f.token, at: "2026-01-08T15:07:00Z" },
    });
    expect(sweep.exitCode, sweep.stdout).toBe(0);
    expect(sloComments(f, n)).toEqual(["slo-warn"]);
    const run = ok(await watch(f, opened(f, n), "2026-01-08T15:07:30Z"));
    expect(run.outputs).toMatchObject({ ended: "escalated", posted: "slo-breach,slo-escalate" });
    expect(sloComments(f, n)).toEqual(["slo-warn", "slo-breach", "slo-escalate"]);
  });

  it("ends at the next read once the incident is acknowledged mid-wait, without a warning", SLOW, async () => {
    const f = fake();
    const n = seedIncident(f);
    const running = watch(f, opened(f, n), "2026-01-08T15:00:20Z");
    // After the second read (about 15:01:20 on the watch's clock) the incident action labels the /ack.
    await until(() => f.log.count({ operationId: "issues/get" }) >= 2, "the second read");
    f.store.attachLabels(f.repo(), f.issue(n)!, ["acknowledged"]);
    const run = ok(await running);

    expect(run.outputs).toMatchObject({ ended: "acknowledged", posted: "" });
    expect(Number(run.outputs.polls)).toBeLessThanOrEqual(4);
    expect(f.comments(n)).toEqual([]);
    expect(writes(f)).toEqual([]);
  });

  it(
    "exits at once when the deadline is beyond its longest wait, leaving the incident to the sweep",
    SLOW,
    async () => {
      const f = fake();
      // Saturday 03:00 UTC: 22:00 on Friday in New York, 04:00 in Berlin: limited support for both. The
      // clock starts when lena's weekend support starts, 09:00 in Berlin (08:00 UTC): due 08:30 UTC.
      const n = seedIncident(f, { createdAt: "2026-01-10T03:00:00Z" });
      const run = ok(await watch(f, opened(f, n), "2026-01-10T03:00:20Z"));
      expect(run.outputs).toMatchObject({ ended: "handed-off", polls: "1", deadline: "2026-01-10T08:30:00Z" });
      expect(run.stdout).toContain("the hourly sweep takes it");
      expect(writes(f)).toEqual([]);
    },
  );

  it("does nothing for an incident in triage", SLOW, async () => {
    const f = fake();
    const n = seedIncident(f, { labels: ["status:triage"] });
    const run = ok(await watch(f, opened(f, n), "2026-01-08T15:00:20Z"));
    expect(run.outputs).toMatchObject({ ended: "triage", polls: "1", posted: "" });
    expect(writes(f)).toEqual([]);
  });

  it(
    "after /confirm, times the SLO from the comment, waiting for the incident action to leave triage",
    SLOW,
    async () => {
      const f = fake();
      // Reported at 13:00 by someone not allowed to report; confirmed at 15:00. Timed from the report,
      // the deadline would have passed long ago.
      const n = seedIncident(f, { createdAt: "2026-01-08T13:00:00Z", labels: ["status:triage"] });
      const event = buildEvent("issue_comment.created", {
        sender: "alice",
        issue: {
          number: n,
          labels: [...BASE_LABELS, "status:triage"],
          assignees: ONCALL,
          created_at: "2026-01-08T13:00:00Z",
          state: "open",
        },
        comment: {
          id: 1,
          body: "Looked at it: real.\r\n/confirm",
          user: "alice",
          created_at: REPORTED,
          updated_at: REPORTED,
        },
      });
      const running = watch(f, event, "2026-01-08T15:00:20Z");
      // The incident action, started by the same comment, applies the confirmation after the first read.
      await until(() => f.log.count({ operationId: "issues/get" }) >= 1, "the first read");
      const issue = f.issue(n)!;
      issue.labels.splice(issue.labels.indexOf("status:triage"), 1, "status:investigating");
      const run = ok(await running);

      expect(run.outputs).toMatchObject({
        ended: "escalated",
        posted: "slo-warn,slo-breach,slo-escalate",
        deadline: "2026-01-08T15:10:00Z",
      });
      expect(between(loggedAt(run, ": warn "), "2026-01-08T15:05:00Z", "2026-01-08T15:06:00Z")).toBe(true);
    },
  );

  it("starts no watch for a /confirm on an incident that was not in triage", async () => {
    const f = fake();
    const n = seedIncident(f);
    const event = buildEvent("issue_comment.created", {
      sender: "alice",
      issue: {
        number: n,
        labels: [...BASE_LABELS, "status:investigating"],
        assignees: ONCALL,
        created_at: REPORTED,
        state: "open",
      },
      comment: {
        id: 1,
        body: "/confirm",
        user: "alice",
        created_at: "2026-01-08T15:30:00Z",
        updated_at: "2026-01-08T15:30:00Z",
      },
    });
    const run = ok(await watch(f, event, "2026-01-08T15:30:10Z"));
    expect(run.outputs).toMatchObject({ ended: "none", polls: "0" });
    expect(f.log.entries).toEqual([]);
  });

  it("refuses an unreadable max-wait-minutes with a clear message", async () => {
    const f = fake();
    const n = seedIncident(f);
    const run = await watch(f, opened(f, n), "2026-01-08T15:00:20Z", { "max-wait-minutes": "forever" });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.map((a) => a.message).join("\n")).toContain(
      'Input max-wait-minutes must be a whole number of minutes from 1 to 300, not "forever"',
    );
  });
});
