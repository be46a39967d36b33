/**
 * End to end: the bundled `slo` and `slo-report` actions run as processes against the fake GitHub,
 * on a temporary copy of the example organisation.
 *
 * Time: the actions take their "now" from the `at` input (documented in action.yml as for tests and
 * replays only), and the fake's clock follows it, so timestamps of what the action writes agree with
 * the instant it believes it runs at. Nothing depends on today's date. All report times fall inside
 * the published schedule: Wednesday 2 December 2026, 15:00 UTC, is 10:00 in Detroit, where
 * dwashington (manager dana-whitfield) is on call in full support, with kbarrett (manager
 * tobias-wren): the deadline is 15:10 UTC, a warning is due after 15:05.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAction, type ActionRun } from "./action-runner.js";
import { useWebhooks, type Hook } from "./webhook-kit.js";
import { buildEvent } from "./event-payloads.js";
import { startFakeGitHub, type FakeGitHub, type LoggedRequest } from "./fake-github/index.js";
import { useFakeGitHub } from "./fake-github/test-helper.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The example organisation's test copy, so a team's own data at the root never changes these runs. */
const example = join(root, "scripts/fixtures/example");
const SLO_ENTRY = join(root, ".github/actions/slo/dist/index.mjs");
const REPORT_ENTRY = join(root, ".github/actions/slo-report/dist/index.mjs");
const REPORTED = "2026-12-02T15:00:00Z";
const INCIDENT_LABELS = ["incident", "severity:P2", "status:investigating"];
const ONCALL = ["dwashington", "kbarrett"];
/** For tests that start the action many times (about a second each, more on a loaded machine). */
const MANY_RUNS = { timeout: 180_000 };

let workspace = "";
beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), "oncall-slo-e2e-"));
  for (const dir of ["rotations", "incidents", "postmortems", "playbooks"])
    await cp(join(example, dir), join(workspace, dir), { recursive: true });
});
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

// The fake's clock, moved by each run to the instant the action is told it runs at.
let clock = new Date(REPORTED);
const fake = useFakeGitHub({ now: () => clock });

/** A local chat webhook on 127.0.0.1 that records what it receives and answers `status`. */
const webhook = useWebhooks();

interface RunOptions {
  hook?: Hook;
  event?: ReturnType<typeof buildEvent>;
  inputs?: Record<string, string>;
  /** Expected exit code (default 0). */
  exit?: number;
}

/** One run of the bundled slo action at `at`, as the scheduled workflow would start it. */
async function check(f: FakeGitHub, at: string, options: RunOptions = {}): Promise<ActionRun> {
  clock = new Date(at);
  const event = options.event ?? buildEvent("schedule", { schedule: "*/5 * * * *" });
  const run = await runAction({
    entry: SLO_ENTRY,
    ...event,
    apiUrl: f.url,
    workspace,
    inputs: {
      "github-token": f.token,
      at,
      ...(options.hook ? { "webhook-url": options.hook.url } : {}),
      ...options.inputs,
    },
  });
  expect(run.exitCode, `slo action at ${at}:\n${run.stdout}\n${run.stderr}`).toBe(options.exit ?? 0);
  return run;
}

function seedIncident(
  f: FakeGitHub,
  fields: { createdAt?: string; labels?: string[]; state?: "open" | "closed"; title?: string } = {},
): number {
  return f.seed.issue({
    title: fields.title ?? "[Incident] Checkout declines every card",
    body: "### What is broken?\n\nCheckout.",
    user: "tobias-wren",
    labels: [...INCIDENT_LABELS, ...(fields.labels ?? [])],
    assignees: ONCALL,
    createdAt: fields.createdAt ?? REPORTED,
    ...(fields.state ? { state: fields.state } : {}),
  }).number;
}

/** The bot's SLO comments on an issue, by marker key. */
function sloComments(f: FakeGitHub, issue: number): string[] {
  return f.comments(issue).flatMap((c) => /<!-- oncall:(slo-[a-z]+) -->/.exec(c.body)?.[1] ?? []);
}
const labelsOf = (f: FakeGitHub, issue: number) =>
  f
    .issue(issue)!
    .labels.filter((l) => l.startsWith("slo:"))
    .sort();
const reads = (entries: readonly LoggedRequest[]) => entries.filter((e) => e.method === "GET");
const writes = (entries: readonly LoggedRequest[]) => entries.filter((e) => e.method !== "GET");
/** Writes to incidents, leaving out the repository's label table (created or recoloured once). */
const incidentWrites = (entries: readonly LoggedRequest[]) =>
  writes(entries).filter((e) => e.operationId !== "issues/create-label" && e.operationId !== "issues/update-label");

describe("slo action", () => {
  it(
    "warns, breaches and escalates exactly once over repeated runs, and the webhook gets the escalation once",
    MANY_RUNS,
    async () => {
      const f = fake();
      const hook = await webhook();
      const n = seedIncident(f);

      for (const at of ["2026-12-02T15:02:00Z", "2026-12-02T15:05:00Z"]) await check(f, at, { hook });
      expect(f.comments(n)).toEqual([]);
      expect(writes(f.log.entries)).toEqual([]);

      const warned = await check(f, "2026-12-02T15:06:00Z", { hook });
      expect(warned.outputs).toMatchObject({ checked: "1", warned: String(n), breached: "", escalated: "" });
      expect(sloComments(f, n)).toEqual(["slo-warn"]);
      expect(f.comments(n)[0]!.body).toContain("@dwashington @kbarrett");
      expect(labelsOf(f, n)).toEqual(["slo:warned"]);

      await check(f, "2026-12-02T15:08:00Z", { hook });
      const breached = await check(f, "2026-12-02T15:10:00Z", { hook });
      expect(breached.outputs).toMatchObject({ warned: "", breached: String(n), escalated: String(n) });
      for (const at of ["2026-12-02T15:15:00Z", "2026-12-02T16:00:00Z", "2026-12-03T09:00:00Z"])
        await check(f, at, { hook });

      expect(sloComments(f, n)).toEqual(["slo-warn", "slo-breach", "slo-escalate"]);
      expect(labelsOf(f, n)).toEqual(["slo:breached", "slo:escalated", "slo:warned"]);
      const [, breach, escalation] = f.comments(n).map((c) => c.body);
      expect(breach).toContain("- 2026-12-02 15:10 UTC · slo-check · Acknowledgement SLO breached");
      expect(escalation).toContain("On call: @dwashington @kbarrett");
      expect(escalation).toContain("@dana-whitfield @tobias-wren: please help");
      expect(f.log.count({ operationId: "issues/create-comment" })).toBe(3);
      expect(f.log.count({ operationId: "issues/update-comment" })).toBe(0);

      expect(hook.received).toHaveLength(1);
      expect(hook.received[0]!.text).toContain(`Incident #${n} is not acknowledged`);
      expect(hook.received[0]!.text).toContain("Managers: Dana Whitfield (dana-whitfield), Tobias Wren (tobias-wren)");
      expect(hook.received[0]!.blocks?.length).toBeGreaterThan(0);
    },
  );

  it("stops once the incident is acknowledged before the deadline", MANY_RUNS, async () => {
    const f = fake();
    const hook = await webhook();
    const n = seedIncident(f);
    await check(f, "2026-12-02T15:06:00Z", { hook });
    expect(sloComments(f, n)).toEqual(["slo-warn"]);

    // The incident action labels the first /ack at 15:08; the label event starts a check with the
    // issue as the event saw it.
    clock = new Date("2026-12-02T15:08:00Z");
    f.store.attachLabels(f.repo(), f.issue(n)!, ["acknowledged"]);
    const event = buildEvent("issues.labeled", {
      sender: "dwashington",
      issue: {
        number: n,
        labels: [...INCIDENT_LABELS, "slo:warned", "acknowledged"],
        assignees: ONCALL,
        created_at: REPORTED,
        state: "open",
      },
    });
    const onEvent = await check(f, "2026-12-02T15:08:00Z", { hook, event });
    expect(onEvent.outputs).toMatchObject({ checked: "0" });
    for (const at of ["2026-12-02T15:10:00Z", "2026-12-02T15:30:00Z", "2026-12-02T18:00:00Z"])
      await check(f, at, { hook });

    expect(sloComments(f, n)).toEqual(["slo-warn"]);
    expect(labelsOf(f, n)).toEqual(["slo:warned"]);
    expect(hook.received).toEqual([]);
  });

  it("trusts the event's copy of the issue over a lagging search index", async () => {
    const f = fake();
    const n = seedIncident(f);
    // The search (the fake's index is always fresh) still shows no acknowledgement; the event does.
    const event = buildEvent("issues.labeled", {
      sender: "dwashington",
      issue: {
        number: n,
        labels: [...INCIDENT_LABELS, "acknowledged"],
        assignees: ONCALL,
        created_at: REPORTED,
        state: "open",
      },
    });
    await check(f, "2026-12-02T15:20:00Z", { event });
    expect(f.comments(n)).toEqual([]);
  });

  it("catches up after skipped runs: breach and escalation, no stale warning", async () => {
    const f = fake();
    const hook = await webhook();
    const n = seedIncident(f);
    const late = await check(f, "2026-12-02T16:40:00Z", { hook });
    expect(late.outputs).toMatchObject({ warned: "", breached: String(n), escalated: String(n) });
    expect(sloComments(f, n)).toEqual(["slo-breach", "slo-escalate"]);
    expect(labelsOf(f, n)).toEqual(["slo:breached", "slo:escalated"]);
    await check(f, "2026-12-02T16:45:00Z", { hook });
    expect(sloComments(f, n)).toEqual(["slo-breach", "slo-escalate"]);
    expect(hook.received).toHaveLength(1);
  });

  it("completes an escalation that a failed run left half done, without a second chat message", async () => {
    const f = fake();
    const hook = await webhook();
    const n = seedIncident(f, { labels: ["slo:warned", "slo:breached"] });
    // The escalation comment goes out, then labelling fails (server errors outlast the retries).
    f.faults.add({ operation: "issues/add-labels", kind: "server-error", times: 10 });
    const failed = await check(f, "2026-12-02T15:20:00Z", { hook, exit: 1 });
    expect(failed.stdout).toContain("add labels");
    expect(sloComments(f, n)).toEqual(["slo-escalate"]);
    expect(hook.received).toHaveLength(1); // sent: the comment that records the escalation exists
    f.faults.clear();
    await check(f, "2026-12-02T15:25:00Z", { hook });
    expect(labelsOf(f, n)).toEqual(["slo:breached", "slo:escalated", "slo:warned"]);
    expect(sloComments(f, n)).toEqual(["slo-escalate"]);
    expect(hook.received).toHaveLength(1);
  });

  it("fails the run when the webhook cannot be reached, never printing its URL, and does not repeat the escalation", async () => {
    const f = fake();
    const hook = await webhook();
    hook.status = 500;
    const n = seedIncident(f);
    const run = await check(f, "2026-12-02T15:12:00Z", { hook, exit: 1 });
    expect(hook.received).toHaveLength(2); // one attempt and one retry
    expect(
      run.annotations.some((a) =>
        a.message.includes(`Chat message for #${n} not delivered: the webhook answered HTTP 500 (2 attempts)`),
      ),
    ).toBe(true);
    // The only place the URL appears is the runner command that masks it in every later log line.
    const logged = `${run.stdout}${run.stderr}`.split("\n").filter((line) => !line.startsWith("::add-mask::"));
    expect(run.stdout).toContain(`::add-mask::${hook.url}`);
    expect(logged.join("\n")).not.toContain("webhook-secret");
    expect(labelsOf(f, n)).toEqual(["slo:breached", "slo:escalated"]);
    hook.status = 200;
    await check(f, "2026-12-02T15:17:00Z", { hook });
    expect(hook.received).toHaveLength(2);
  });

  it("prints the plan and writes nothing on a dry run", async () => {
    const f = fake();
    const hook = await webhook();
    const n = seedIncident(f);
    const run = await check(f, "2026-12-02T15:12:00Z", { hook, inputs: { "dry-run": "true" } });
    expect(run.stdout).toContain(`#${n}: acknowledgement SLO breached`);
    expect(run.stdout).toContain(`write comment "slo-escalate" on #${n}`);
    expect(writes(f.log.entries)).toEqual([]);
    expect(hook.received).toEqual([]);
  });

  it("fails with a clear message for an unreadable `at`", async () => {
    const f = fake();
    const run = await check(f, "2026-12-02T15:12:00Z", { inputs: { at: "soon" }, exit: 1 });
    expect(run.annotations.map((a) => a.message).join("\n")).toMatch(/Input "at" must be a date .*, not "soon"\./);
  });
});

describe("slo action reads", () => {
  /**
   * Runs one check at 15:20 against a fresh fake holding two due incidents (reported at 15:00) plus
   * `extra` other open incidents, and returns the requests it made.
   */
  async function traffic(extra: (f: FakeGitHub) => void): Promise<{ entries: LoggedRequest[]; due: number[] }> {
    clock = new Date(REPORTED);
    const f = await startFakeGitHub({ now: () => clock });
    try {
      const due = [seedIncident(f), seedIncident(f)];
      extra(f);
      await check(f, "2026-12-02T15:20:00Z");
      for (const n of due) expect(sloComments(f, n)).toEqual(["slo-breach", "slo-escalate"]);
      return { entries: [...f.log.entries], due };
    } finally {
      await f.close();
      f.assertNoViolations();
    }
  }

  it("cost the same for 200 open incidents as for 2: one search, then reads only for the incidents acted on", async () => {
    const two = await traffic(() => {});
    // 198 more open incidents: acknowledged ones (some warned, some breached late) and unacknowledged
    // ones already escalated. The check has nothing left to do for any of them.
    const many = await traffic((f) => {
      for (let i = 0; i < 198; i++) {
        const createdAt = `2026-12-0${1 + (i % 2)}T${String(10 + (i % 5)).padStart(2, "0")}:00:00Z`;
        const labels =
          i % 3 === 0
            ? ["slo:warned", "slo:breached", "slo:escalated"]
            : i % 3 === 1
              ? ["acknowledged", "slo:warned"]
              : ["acknowledged"];
        seedIncident(f, { createdAt, labels, title: `[Incident] Background incident ${i}` });
      }
    });
    const calls = (entries: readonly LoggedRequest[]) => entries.map((e) => `${e.method} ${e.operationId}`).sort();
    expect(reads(many.entries).length).toBe(reads(two.entries).length);
    expect(calls(reads(many.entries))).toEqual(calls(reads(two.entries)));
    expect(calls(incidentWrites(many.entries))).toEqual(calls(incidentWrites(two.entries)));
    // What those reads are: one search, one label listing (the run writes labels), and one comment
    // listing per incident acted on (to find an earlier comment by its marker); no issue is read.
    expect(calls(reads(two.entries))).toEqual([
      "GET issues/list-comments",
      "GET issues/list-comments",
      "GET issues/list-labels-for-repo",
      "GET search/issues-and-pull-requests",
    ]);
    expect(many.entries.filter((e) => e.operationId === "issues/list-comments").map((e) => e.path)).toEqual(
      many.due.map((n) => `/repos/acme/oncall/issues/${n}/comments`),
    );
  });

  it("reads no incident one by one even when more than a page of them are live: one search page per 100", async () => {
    clock = new Date(REPORTED);
    const f = await startFakeGitHub({ now: () => clock });
    try {
      for (let i = 0; i < 150; i++) seedIncident(f, { title: `[Incident] Storm ${i}` });
      const run = await check(f, "2026-12-02T15:03:00Z");
      expect(run.outputs.checked).toBe("150");
      expect(reads(f.log.entries).map((e) => `${e.operationId} page ${e.query["page"] ?? "1"}`)).toEqual([
        "search/issues-and-pull-requests page 1",
        "search/issues-and-pull-requests page 2",
      ]);
      expect(writes(f.log.entries)).toEqual([]);
    } finally {
      await f.close();
      f.assertNoViolations();
    }
  });
});

describe("slo-report action", () => {
  async function report(f: FakeGitHub, at: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
    clock = new Date(at);
    const run = await runAction({
      entry: REPORT_ENTRY,
      ...buildEvent("schedule", { schedule: "17 7 1 * *" }),
      apiUrl: f.url,
      workspace,
      inputs: { "github-token": f.token, at, ...inputs },
    });
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    return run;
  }

  it("posts last month's report as one issue per month and to the job summary", MANY_RUNS, async () => {
    const f = fake();
    const first = await report(f, "2026-11-01T07:17:00Z");
    expect(first.outputs).toMatchObject({ month: "2026-10" });
    const number = Number(first.outputs.issue);
    const issue = f.issue(number)!;
    expect(issue.title).toBe("Acknowledgement SLO report: October 2026");
    expect(issue.labels).toEqual(["slo-report"]);
    expect(issue.body).toContain("# Acknowledgement SLO report");
    expect(issue.body).toContain("<!-- oncall:slo-report:2026-10 -->");
    expect(first.summary).toContain("## Attainment by month and tier");
    expect(first.summary).toContain("| 2026-10 |");

    const again = await report(f, "2026-11-01T09:00:00Z");
    expect(again.outputs.issue).toBe(String(number));
    const next = await report(f, "2026-12-01T07:17:00Z");
    expect(next.outputs).toMatchObject({ month: "2026-11" });
    expect(f.log.count({ operationId: "issues/create" })).toBe(2);
  });

  it("reports a chosen month", async () => {
    const f = fake();
    const run = await report(f, "2027-01-01T07:17:00Z", { month: "2026-09" });
    expect(f.issue(Number(run.outputs.issue))!.title).toBe("Acknowledgement SLO report: September 2026");
  });
});
