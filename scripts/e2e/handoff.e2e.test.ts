/**
 * End to end: the bundled `handoff` action runs as a process against the fake GitHub, on a temporary
 * copy of the example organisation (scripts/fixtures/example), at instants given by its `at` input
 * (the fake's clock follows). In that schedule rot-a hands over on Monday 7 December 2026 at 11:00
 * New York (16:00 UTC) from dwashington to jrivera, and rot-b on Wednesday 9 December at 11:00 from
 * lschneider to kbarrett; the reminders (24 h, the default) fall due a day earlier.
 *
 * Every test also checks the API budget from the fake's request log: at most 4 requests plus 3 per
 * phase posted, whatever the run did.
 *
 * Fails before the issue 12 item 3 (and item 4 for the team tests): there was no handoff action.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runAction, type ActionRun } from "./action-runner.js";
import { useWebhooks } from "./webhook-kit.js";
import { buildEvent } from "./event-payloads.js";
import type { FakeGitHub } from "./fake-github/index.js";
import { useFakeGitHub } from "./fake-github/test-helper.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const example = join(root, "scripts/fixtures/example");
const ENTRY = join(root, ".github/actions/handoff/dist/index.mjs");
const MANY_RUNS = { timeout: 180_000 };
const BOT = "github-actions[bot]";

let workspace = "";
beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), "oncall-handoff-e2e-"));
  for (const dir of ["rotations", "incidents", "postmortems", "playbooks"])
    await cp(join(example, dir), join(workspace, dir), { recursive: true });
});
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

let clock = new Date("2026-12-06T16:17:00Z");
const fake = useFakeGitHub({ now: () => clock });

const webhook = useWebhooks();

/** One scheduled run at `at`; checks the exit code and the request budget of this run. */
async function handoff(f: FakeGitHub, at: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  clock = new Date(at);
  const before = f.log.count();
  const run = await runAction({
    entry: ENTRY,
    ...buildEvent("schedule", { schedule: "17 */2 * * *" }),
    apiUrl: f.url,
    workspace,
    inputs: { "github-token": f.token, at, ...inputs },
  });
  expect(run.exitCode, `handoff action at ${at}:\n${run.stdout}\n${run.stderr}`).toBe(0);
  const requests = f.log.count() - before;
  const phases = Number(run.outputs["phases"] ?? "0");
  expect(requests, f.log.summary().slice(before).join("\n")).toBeLessThanOrEqual(4 + 3 * phases);
  return run;
}

/** A handoff issue written by an earlier run, with the given phase markers. */
function seedDone(f: FakeGitHub, key: string, phases: string[], state: "open" | "closed" = "open"): number {
  // The people handing over can be assigned (GitHub drops assignees without write access).
  for (const login of ["dwashington", "jrivera", "lschneider", "kbarrett"]) f.seed.user(login, { permission: "write" });
  return f.seed.issue({
    title: `earlier handoff ${key}`,
    body: ["Earlier.", ...phases.map((p) => `<!-- oncall:${key}/${p} -->`), `<!-- oncall:${key} -->`].join("\n\n"),
    user: BOT,
    labels: ["handoff"],
    state,
  }).number;
}
const PREV_A = "handoff/rot.a/20261130T1600Z";
const PREV_B = "handoff/rot.b/20261202T1600Z";
const A = "handoff/rot.a/20261207T1600Z";
const B = "handoff/rot.b/20261209T1600Z";

const handoffIssues = (f: FakeGitHub) => [...f.repo().issues.values()].filter((i) => i.labels.includes("handoff"));
const issueOf = (f: FakeGitHub, key: string) =>
  handoffIssues(f).filter((i) => i.body?.includes(`<!-- oncall:${key} -->`));
const writes = (f: FakeGitHub) => f.log.writes().map((e) => `${e.method} ${e.operationId}`);

describe("handoff action (issue 12 item 3)", () => {
  it(
    "posts the reminder, then the summary of one handoff, each once; the chat webhook gets the summary",
    MANY_RUNS,
    async () => {
      const f = fake();
      const hook = await webhook();
      const previous = seedDone(f, PREV_A, ["upcoming", "at-handoff"]);
      seedDone(f, PREV_B, ["upcoming", "at-handoff"]);

      const reminder = await handoff(f, "2026-12-06T16:17:00Z", { "webhook-url": hook.url });
      const [issue] = issueOf(f, A);
      expect(issue?.title).toBe("rot-a handoff Mon 7 Dec 11:00 New York: @dwashington -> @jrivera");
      expect(issue?.assignees).toEqual(["jrivera"]);
      expect(issue?.body).toContain("@jrivera: your **rot-a** shift starts");
      expect(issue?.body).toContain("Start-of-shift checklist");
      expect(issue?.body).toContain("@dwashington: below is your on-call report, prefilled.");
      expect(issue?.body).toContain(`<!-- oncall:${A}/upcoming -->`);
      expect(issue?.body).not.toContain("At the handoff");
      expect(hook.received).toEqual([]);
      expect(reminder.summary).toContain("rot-a reminder of the handoff Mon 7 Dec 11:00 New York");

      // A run before the handoff: nothing new.
      f.log.clear();
      await handoff(f, "2026-12-07T14:17:00Z", { "webhook-url": hook.url });
      expect(writes(f)).toEqual([]);

      const summary = await handoff(f, "2026-12-07T16:17:00Z", { "webhook-url": hook.url });
      expect(issueOf(f, A)).toHaveLength(1);
      const after = issueOf(f, A)[0]!;
      expect(after.body).toContain("## At the handoff, Mon 7 Dec 11:00 New York");
      expect(after.body).toContain(`Previous handoff: #${previous}.`);
      expect(after.body).toContain(`<!-- oncall:${A}/at-handoff -->`);
      expect(after.assignees.sort()).toEqual(["dwashington", "jrivera"]);
      expect(f.issue(previous)?.state).toBe("closed");
      expect(hook.received).toHaveLength(1);
      const link = `https://github.com/acme/oncall/issues/${after.number}`;
      expect(hook.received[0]?.text).toContain(
        `rot-a handoff Mon 7 Dec 11:00 New York: dwashington -> jrivera (<${link}|summary>)`,
      );
      expect(summary.summary).toMatch(/Started 0 min after the 16:17 UTC slot/);

      // A rerun of the same instant, and a later run: no second issue, comment, edit or chat message.
      f.log.clear();
      await handoff(f, "2026-12-07T16:17:00Z", { "webhook-url": hook.url });
      await handoff(f, "2026-12-07T18:17:00Z", { "webhook-url": hook.url });
      expect(writes(f)).toEqual([]);
      expect(hook.received).toHaveLength(1);
      expect(f.comments(after.number)).toEqual([]);
    },
  );

  // Fails before the bot-login input: any account of type Bot counted, so this planted issue silenced the reminder.
  it("a handoff issue planted by another bot account does not count as a phase posted", MANY_RUNS, async () => {
    const f = fake();
    seedDone(f, PREV_A, ["upcoming", "at-handoff"]);
    seedDone(f, PREV_B, ["upcoming", "at-handoff"]);
    f.seed.issue({
      title: "planted",
      body: [`<!-- oncall:${A}/upcoming -->`, `<!-- oncall:${A} -->`].join("\n\n"),
      user: "mallory-app[bot]",
      labels: ["handoff"],
    });
    await handoff(f, "2026-12-06T16:17:00Z");
    const ours = issueOf(f, A).filter((i) => i.user === BOT);
    expect(ours).toHaveLength(1);
    expect(ours[0]?.title).toBe("rot-a handoff Mon 7 Dec 11:00 New York: @dwashington -> @jrivera");
    expect(ours[0]?.body).toContain(`<!-- oncall:${A}/upcoming -->`);
  });

  it("a run 5 hours late posts both phases in order and says how late it is", MANY_RUNS, async () => {
    const f = fake();
    seedDone(f, PREV_A, ["upcoming", "at-handoff"]);
    seedDone(f, PREV_B, ["upcoming", "at-handoff"]);
    // The reminder fell due at 16:00 UTC on Sunday; no run until 21:00 on Monday: 5 hours after the handoff.
    const run = await handoff(f, "2026-12-07T21:00:00Z");
    const issues = issueOf(f, A);
    expect(issues).toHaveLength(1);
    const body = issues[0]!.body ?? "";
    expect(body.indexOf("your **rot-a** shift starts")).toBeLessThan(body.indexOf("## At the handoff"));
    expect(run.outputs["phases"]).toBe("2");
    expect(run.summary).toContain("Started 43 min after the 20:17 UTC slot"); // the latest slot, not the one missed
    expect(run.summary).toContain(
      "rot-a summary of the handoff Mon 7 Dec 11:00 New York: due Mon 7 Dec 16:00 UTC, posted 5 h 00 min after",
    );
  });

  it("after three days of skipped runs catches up in order, the oldest on one catch-up line", MANY_RUNS, async () => {
    const f = fake();
    const prevA = seedDone(f, PREV_A, ["upcoming", "at-handoff"]);
    const prevB = seedDone(f, PREV_B, ["upcoming", "at-handoff"]);
    // The last run was before Sunday's 16:00 reminder; the next one comes on Wednesday 18:17 UTC.
    const run = await handoff(f, "2026-12-09T18:17:00Z");
    expect(run.outputs["phases"]).toBe("3");
    expect(run.outputs["caught-up"]).toBe("1");
    const a = issueOf(f, A);
    const b = issueOf(f, B);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(a[0]!.number).toBeLessThan(b[0]!.number); // rot-a's summary fell due first
    const catchUp = handoffIssues(f).filter((i) => i.body?.includes("**Catch-up:**"));
    expect(catchUp.map((i) => i.number)).toEqual([a[0]!.number]);
    expect(a[0]!.body).toContain("rot-a reminder of Mon 7 Dec 11:00 New York.");
    expect(a[0]!.body).toContain(`<!-- oncall:${A}/upcoming -->`);
    expect(a[0]!.body).not.toContain("shift starts"); // the missed reminder is not posted late
    expect(b[0]!.body).toContain("your **rot-b** shift starts");
    expect(b[0]!.body).toContain("## At the handoff");
    expect(f.issue(prevA)?.state).toBe("closed");
    expect(f.issue(prevB)?.state).toBe("closed");
    expect(run.summary).toContain("Caught up on one line (older than the catch-up limit): 1 phase(s).");

    f.log.clear();
    await handoff(f, "2026-12-09T20:17:00Z");
    expect(writes(f)).toEqual([]);
  });

  it(
    "a run that overlaps the previous one (the next slot while it was queued) posts nothing twice",
    MANY_RUNS,
    async () => {
      // The workflow's concurrency group runs overlapping runs one after the other, never at once.
      const workflow = parse(readFileSync(join(root, ".github/workflows/handoff.yml"), "utf8")) as {
        concurrency: { group: string; "cancel-in-progress": boolean };
        on: { schedule: { cron: string }[] };
      };
      expect(workflow.concurrency).toEqual({ group: "handoff", "cancel-in-progress": false });
      expect(workflow.on.schedule).toEqual([{ cron: "17 */2 * * *" }]);
      const f = fake();
      seedDone(f, PREV_A, ["upcoming", "at-handoff"]);
      seedDone(f, PREV_B, ["upcoming", "at-handoff"]);
      await handoff(f, "2026-12-07T16:30:00Z");
      // The run queued behind it (a manual dispatch a minute later), then the next scheduled one.
      const queued = await handoff(f, "2026-12-07T16:31:00Z");
      const next = await handoff(f, "2026-12-07T18:17:00Z");
      expect(queued.outputs["phases"]).toBe("0");
      expect(next.outputs["phases"]).toBe("0");
      expect(issueOf(f, A)).toHaveLength(1);
      expect(f.comments(issueOf(f, A)[0]!.number)).toEqual([]);
    },
  );
  it("a dry run prints the plan and writes nothing", MANY_RUNS, async () => {
    const f = fake();
    seedDone(f, PREV_A, ["upcoming", "at-handoff"]);
    seedDone(f, PREV_B, ["upcoming", "at-handoff"]);
    const hook = await webhook();
    f.log.clear();
    const run = await handoff(f, "2026-12-07T16:17:00Z", { "dry-run": "true", "webhook-url": hook.url });
    expect(writes(f)).toEqual([]);
    expect(hook.received).toEqual([]);
    expect(run.stdout).toContain("Dry run: the plan, not applied:");
    expect(run.stdout).toContain("chat message for the rot-a handoff");
    expect(run.summary).toContain("## Handoffs (dry run, nothing posted)");
  });
});

describe("the on-call team (issue 12 item 4)", () => {
  it("adds the incoming person before removing the outgoing one", MANY_RUNS, async () => {
    const f = fake();
    seedDone(f, PREV_A, ["upcoming", "at-handoff"]);
    seedDone(f, PREV_B, ["upcoming", "at-handoff"]);
    f.store.teams.set("acme/oncall-now", ["dwashington", "lschneider"]);
    const team = { "oncall-team": "acme/oncall-now", "team-token": f.token };
    // The reminder changes no team; the summary run is the tightest budget: 4 + 3 for one phase.
    expect((await handoff(f, "2026-12-06T16:17:00Z", team)).summary).toContain("no handoff in this run, unchanged");
    f.log.clear();
    const run = await handoff(f, "2026-12-07T16:17:00Z", team);
    expect(run.outputs["phases"]).toBe("1");
    expect(f.log.count()).toBe(7);
    const teamWrites = f.log
      .writes()
      .filter((e) => e.operationId?.startsWith("teams/"))
      .map((e) => `${e.method} ${e.path.split("/").pop()}`);
    expect(teamWrites).toEqual(["PUT jrivera", "DELETE dwashington"]);
    expect(f.store.teams.get("acme/oncall-now")).toEqual(["lschneider", "jrivera"]);
    expect(run.summary).toContain("Team acme/oncall-now: add jrivera, then remove dwashington.");
  });

  it("without an organisation-scoped token skips the team with a notice", MANY_RUNS, async () => {
    const f = fake();
    seedDone(f, PREV_A, ["upcoming", "at-handoff"]);
    seedDone(f, PREV_B, ["upcoming", "at-handoff"]);
    f.store.teams.set("acme/oncall-now", ["dwashington"]);
    const run = await handoff(f, "2026-12-07T16:17:00Z", { "oncall-team": "acme/oncall-now" });
    expect(f.log.find().filter((e) => e.operationId?.startsWith("teams/"))).toEqual([]);
    expect(f.store.teams.get("acme/oncall-now")).toEqual(["dwashington"]);
    expect(run.summary).toContain(
      "Team acme/oncall-now skipped (add jrivera, then remove dwashington): no organisation-scoped token.",
    );
    expect(issueOf(f, A)).toHaveLength(1);
  });
});
