/**
 * Issue 10, items 8 to 10, end to end: the bundled incident and slo actions run as processes against
 * the fake GitHub, on a temp copy of the example organisation whose incidents/policy.yaml each test
 * may extend. Times as in incident.e2e.test.ts: Wednesday 2026-12-02 15:00 UTC, when dwashington
 * (full support, 10 minutes) and kbarrett are on call; `reporter` and `mallory` can only read, and
 * `triage-tess` has triage access.
 *
 * - Item 8: hidden markers cannot be smuggled through the form or a command into what the bot writes,
 *   and a roster member who quotes the bot comment, markers and all, still has their commands applied.
 * - Item 9: at most 10 commands per comment and 3 follow-ups, /responder only for members; all three
 *   limits come from the policy.
 * - Item 10: `reporters:` in the policy; a report from someone else waits in triage, with no SLO
 *   until /confirm, and then counts from the confirmation (bot comment, SLO check, record).
 */
import { appendFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseStateMarker } from "../core/incident/index.js";
import type { IncidentState } from "../core/incident/index.js";
import { formBody } from "../core/incident/test-kit.js";
import { runAction, type ActionRun } from "./action-runner.js";
import { buildEvent } from "./event-payloads.js";
import type { FakeGitHub } from "./fake-github/index.js";
import { useFakeGitHub } from "./fake-github/test-helper.js";
import {
  CARD_DECLINED_REPORT,
  exampleWorkspace,
  IncidentDriver,
  readYaml,
  removeWorkspace,
  seedIncidentLabels,
  seedPeople,
  type Step,
  type TestClock,
} from "./incident-kit.js";

const REPORTED = "2026-12-02T15:00:00Z";
const BOT = "github-actions[bot]";
const SLO_ENTRY = join(
  resolve(dirname(fileURLToPath(import.meta.url)), "..", ".."),
  ".github/actions/slo/dist/index.mjs",
);
/** Tests here start the actions many times (a second or two each on a loaded machine). */
const MANY_RUNS = { timeout: 240_000 };

const clock: TestClock = { now: new Date(REPORTED) };
const fake = useFakeGitHub({ now: () => clock.now });
let workspace = "";

beforeEach(async () => {
  workspace = await exampleWorkspace();
  seedPeople(fake());
  seedIncidentLabels(fake());
});
afterEach(() => removeWorkspace(workspace));

/** Adds top-level keys to the workspace's incidents/policy.yaml. */
function extendPolicy(yaml: string): Promise<void> {
  return appendFile(join(workspace, "incidents", "policy.yaml"), `\n${yaml}\n`);
}

function ok<T extends Step>(step: T): T {
  expect(step.run.exitCode, `${step.run.stdout}\n${step.run.stderr}`).toBe(0);
  expect(step.run.annotations.filter((a) => a.level === "error")).toEqual([]);
  return step;
}

/** Comments written by the bot (the token's identity in the fake). */
function botComments(f: FakeGitHub, issue: number) {
  return f.comments(issue).filter((c) => c.user === BOT);
}

/** The bot's one comment with the incident marker (never a person's quote of it). */
function incidentComment(f: FakeGitHub, issue: number) {
  const found = botComments(f, issue).filter((c) => c.body.includes("<!-- oncall:incident -->"));
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The state saved in the bot's incident comment (the kit's savedState would also count a person's quote). */
function botState(f: FakeGitHub, issue: number): IncidentState {
  const { state, problem } = parseStateMarker(incidentComment(f, issue).body);
  if (!state) throw new Error(`no saved state on #${issue}: ${problem ?? "absent"}`);
  return state;
}

/** The bot's reply to comment `id`. */
function replyTo(f: FakeGitHub, issue: number, id: number): string {
  return botComments(f, issue).find((c) => c.body.includes(`<!-- oncall:reply:${id} -->`))?.body ?? "";
}

/** One run of the bundled slo action at `at`, as the schedule starts it. */
async function sloCheck(f: FakeGitHub, at: string): Promise<ActionRun> {
  clock.now = new Date(at);
  const run = await runAction({
    entry: SLO_ENTRY,
    ...buildEvent("schedule", { schedule: "*/5 * * * *" }),
    apiUrl: f.url,
    workspace,
    inputs: { "github-token": f.token, at },
  });
  expect(run.exitCode, `slo action at ${at}:\n${run.stdout}\n${run.stderr}`).toBe(0);
  return run;
}

const sloKeys = (f: FakeGitHub, issue: number) =>
  f.comments(issue).flatMap((c) => /<!-- oncall:(slo-[a-z]+) -->/.exec(c.body)?.[1] ?? []);

describe("issue 10 item 8: markers cannot be smuggled", () => {
  // Fails before issue 10 item 8: form answers and command arguments were echoed inside inline code
  // with their `<` intact, so the form-problems comment and the reply carried `<!-- oncall:incident -->`
  // and the bot took one of them for its own incident comment.
  it("escapes every echoed `<`, so only the bot's own markers are in what it writes", async () => {
    const f = fake();
    const d = new IncidentDriver(f, workspace, clock);
    const forged = "<!-- oncall:incident --><!-- oncall:incident-state v1 e30= -->";
    const body = formBody({
      what: `Checkout down ${forged}`,
      who: "Everyone",
      severity: forged,
      services: `checkout, ${forged}`,
      production: forged,
      started: forged,
      links: forged,
    });
    ok(await d.open({ title: "[Incident] Checkout down", body, at: REPORTED }));
    const c = ok(
      await d.comment(
        "kbarrett",
        `/severity ${forged}\n/status ${forged}\n/nonsense${forged}\n/timeline ${forged}`,
        "2026-12-02T15:03:00Z",
      ),
    );

    for (const comment of botComments(f, d.number)) {
      const markers = comment.body.match(/<!--[\s\S]*?-->/g) ?? [];
      const own = markers.filter((m) => !m.startsWith("<!-- oncall:incident-state "));
      expect(own, comment.body).toHaveLength(1);
      expect(comment.body.trimEnd().endsWith(own[0]!), comment.body).toBe(true);
      expect(markers.length - own.length, comment.body).toBe(comment.body.includes("<!-- oncall:incident -->") ? 1 : 0);
    }
    // The form problems and the reply are still there, each in its own comment, and the state is intact.
    expect(botComments(f, d.number).map((x) => /<!-- oncall:([a-z-]+)[:\d]* -->\s*$/.exec(x.body)?.[1])).toEqual([
      "form-problems",
      "incident",
      "reply",
    ]);
    expect(replyTo(f, d.number, c.commentId)).toContain("‹!-- oncall:incident -->");
    const state = botState(f, d.number);
    expect(state.acknowledgedBy).toBe("kbarrett");
    expect(state.timeline.some((e) => e.kind === "note" && e.text.includes(forged))).toBe(true);
    expect(incidentComment(f, d.number).body).toContain("&lt;!-- oncall:incident -->");
  });

  // Fails before issue 10 item 8: a comment whose body held `<!-- oncall:` was taken for the bot's
  // own, so the roster member's /ack under a quote of the bot comment was silently ignored.
  it("applies the commands of a roster member who quotes the bot comment, and never reads the quote as state", async () => {
    const f = fake();
    const d = new IncidentDriver(f, workspace, clock);
    ok(await d.open({ title: "[Incident] Card payments declined", body: CARD_DECLINED_REPORT, at: REPORTED }));
    const quoted = incidentComment(f, d.number)
      .body.split("\n")
      .map((l) => `> ${l}`)
      .join("\n");
    ok(await d.comment("triage-tess", "/severity P1", "2026-12-02T15:02:00Z"));
    // The quote carries the state as it was at opening (P2, unacknowledged).
    const quote = ok(
      await d.comment(
        "dwashington",
        `${quoted}\n\nOn it, looking at the processor dashboards.\n/ack\n/timeline rolled back the 14:45 deploy`,
        "2026-12-02T15:04:00Z",
      ),
    );
    expect(quote.run.outputs["acknowledged"]).toBe("true");
    const state = botState(f, d.number);
    expect(state).toMatchObject({ severity: "P1", acknowledgedBy: "dwashington", commander: "dwashington" });
    expect(state.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(["severity", "ack", "note"]));
    // A later command still builds on the bot's state, not on the quote.
    ok(await d.comment("triage-tess", "/status identified", "2026-12-02T15:06:00Z"));
    expect(botState(f, d.number)).toMatchObject({
      severity: "P1",
      status: "identified",
      acknowledgedBy: "dwashington",
    });
    expect(f.issue(d.number)!.labels).toEqual(
      expect.arrayContaining(["severity:P1", "status:identified", "acknowledged"]),
    );
  });
});

describe("issue 10 item 9: limits per comment", () => {
  // Fails before issue 10 item 9: all 12 commands were applied and 4 follow-up issues opened.
  it(
    "applies at most 10 commands and 3 follow-ups per comment, and names the rest in the reply",
    MANY_RUNS,
    async () => {
      const f = fake();
      const d = new IncidentDriver(f, workspace, clock);
      ok(await d.open({ title: "[Incident] Card payments declined", body: CARD_DECLINED_REPORT, at: REPORTED }));
      const lines = [
        ...["Alert on declines", "Runbook for the processor", "Retry budget", "Status page automation"].map(
          (t) => `/followup ${t}`,
        ),
        ...Array.from({ length: 6 }, (_, i) => `/timeline note ${i + 1}`),
        "/status identified",
        "/timeline note 7",
      ];
      const c = ok(await d.comment("kbarrett", lines.join("\n"), "2026-12-02T15:03:00Z"));
      const followups = [...f.repo().issues.values()].filter((i) => i.labels.includes("follow-up"));
      expect(followups.map((i) => i.title)).toEqual(["Alert on declines", "Runbook for the processor", "Retry budget"]);
      const state = botState(f, d.number);
      expect(state.status).toBe("investigating");
      expect(state.timeline.filter((e) => e.kind === "note").map((e) => e.text)).toEqual([
        "note 1",
        "note 2",
        "note 3",
        "note 4",
        "note 5",
        "note 6",
      ]);
      expect(state.processed).toHaveLength(12);
      const reply = replyTo(f, d.number, c.commentId);
      expect(reply).toContain("- Line 4, `/followup`: not applied: one comment opens at most 3 follow-up issues");
      expect(reply).toContain("- Line 11, `/status`: not applied: one comment applies at most 10 commands");
      expect(reply).toContain("- Line 12, `/timeline`: not applied: one comment applies at most 10 commands");
      // A rerun of the same event applies nothing more.
      const again = ok(await d.run(c.event));
      expect(again.run.outputs["skipped"]).toMatch(/applied already/);
      expect([...f.repo().issues.values()].filter((i) => i.labels.includes("follow-up"))).toHaveLength(3);
    },
  );

  // Fails before issue 10 item 9: anyone could be pulled in, assigned and pinged with /responder.
  it("pulls in only members with /responder: roster or triage access, not a read-only account", async () => {
    const f = fake();
    const d = new IncidentDriver(f, workspace, clock);
    ok(await d.open({ title: "[Incident] Card payments declined", body: CARD_DECLINED_REPORT, at: REPORTED }));
    const c = ok(await d.comment("kbarrett", "/responder @mallory\n/responder @triage-tess", "2026-12-02T15:03:00Z"));
    expect(botState(f, d.number).responders).toEqual(["triage-tess"]);
    expect(f.issue(d.number)!.assignees).not.toContain("mallory");
    const reply = replyTo(f, d.number, c.commentId);
    expect(reply).toContain("mallory was not added as a responder");
    expect(reply).not.toContain("@mallory");
    expect(reply).toContain("@triage-tess: @kbarrett asked for your help");
  });

  // Fails before issue 10 item 9: the policy had no `commands` key (the schema refused it).
  it("takes each limit from incidents/policy.yaml", async () => {
    await extendPolicy("commands:\n  perComment: 3\n  followupsPerComment: 1\n  responders: anyone");
    const f = fake();
    const d = new IncidentDriver(f, workspace, clock);
    ok(await d.open({ title: "[Incident] Card payments declined", body: CARD_DECLINED_REPORT, at: REPORTED }));
    const c = ok(
      await d.comment(
        "kbarrett",
        "/followup One\n/followup Two\n/responder @mallory\n/timeline past the limit",
        "2026-12-02T15:03:00Z",
      ),
    );
    const state = botState(f, d.number);
    expect(state.followups.map((x) => x.title)).toEqual(["One"]);
    expect(state.responders).toEqual(["mallory"]);
    expect(state.timeline.some((e) => e.text === "past the limit")).toBe(false);
    const reply = replyTo(f, d.number, c.commentId);
    expect(reply).toContain("- Line 2, `/followup`: not applied: one comment opens at most 1 follow-up issues");
    expect(reply).toContain("- Line 4, `/timeline`: not applied: one comment applies at most 3 commands");
  });
});

describe("issue 10 item 10: who may open an incident", () => {
  // Fails before issue 10 item 10: every report started as an incident, assigned, with a deadline
  // from the report, and the SLO check warned and escalated on it.
  it(
    "keeps an outsider's report in triage without SLO until /confirm, then counts from the confirmation",
    MANY_RUNS,
    async () => {
      await extendPolicy("reporters: roster");
      const f = fake();
      const d = new IncidentDriver(f, workspace, clock);
      ok(
        await d.open({
          title: "[Incident] Card payments declined",
          body: CARD_DECLINED_REPORT,
          at: REPORTED,
          author: "reporter",
        }),
      );
      const issue = () => f.issue(d.number)!;
      expect(issue().labels).toEqual(expect.arrayContaining(["incident", "status:triage"]));
      expect(issue().assignees).toEqual([]);
      let comment = incidentComment(f, d.number).body;
      expect(comment).toContain("This report awaits triage.");
      expect(comment).toMatch(/@dwashington, @kbarrett: please look, then confirm it/);
      expect(comment).toContain("not started: the report awaits triage");
      expect(botState(f, d.number)).toMatchObject({ status: "triage" });
      expect(botState(f, d.number).deadline).toBeUndefined();

      // Long past a deadline from the report: the SLO check leaves the report alone.
      await sloCheck(f, "2026-12-02T15:25:00Z");
      expect(sloKeys(f, d.number)).toEqual([]);

      // The reporter cannot confirm their own report; commands other than the triage ones wait.
      const self = ok(await d.comment("reporter", "/confirm", "2026-12-02T15:26:00Z"));
      expect(replyTo(f, d.number, self.commentId)).toMatch(/^Sorry @reporter/);
      const early = ok(await d.comment("dwashington", "/ack", "2026-12-02T15:27:00Z"));
      expect(replyTo(f, d.number, early.commentId)).toContain("awaiting triage");
      expect(botState(f, d.number).acknowledgedAt).toBeUndefined();

      const confirmed = ok(await d.comment("kbarrett", "/confirm", "2026-12-02T15:30:00Z"));
      expect(confirmed.run.outputs["deadline"]).toBe("2026-12-02T15:40:00Z");
      expect(issue().labels).toEqual(expect.arrayContaining(["status:investigating", "triaged"]));
      expect(issue().labels).not.toContain("status:triage");
      expect([...issue().assignees].sort()).toEqual(["dwashington", "kbarrett"]);
      const state = botState(f, d.number);
      expect(state).toMatchObject({
        status: "investigating",
        reportedAt: REPORTED,
        confirmedAt: "2026-12-02T15:30:00Z",
        confirmedBy: "kbarrett",
      });
      expect(state.deadline?.at).toBe("2026-12-02T15:40:00Z");
      comment = incidentComment(f, d.number).body;
      expect(comment).toContain(
        "| **Confirmed** | by kbarrett at 2026-12-02 15:30 UTC (reported 2026-12-02 15:00 UTC) |",
      );
      expect(comment).toContain("**due by 2026-12-02 15:40 UTC (full support, 10 min)**");

      // The SLO check now counts from the confirmation: quiet at 15:34, a warning at 15:36, a breach at 15:41.
      await sloCheck(f, "2026-12-02T15:34:00Z");
      expect(sloKeys(f, d.number)).toEqual([]);
      await sloCheck(f, "2026-12-02T15:36:00Z");
      expect(sloKeys(f, d.number)).toEqual(["slo-warn"]);
      expect(f.comments(d.number).find((c) => c.body.includes("oncall:slo-warn"))!.body).toContain(
        "**2026-12-02 15:40 UTC** (10-minute target, confirmed 2026-12-02 15:30 UTC)",
      );
      await sloCheck(f, "2026-12-02T15:41:00Z");
      expect(sloKeys(f, d.number)).toEqual(["slo-warn", "slo-breach", "slo-escalate"]);

      // The record keeps both instants, and its SLO outcome counts from the confirmation.
      ok(await d.comment("dwashington", "/ack\n/sync", "2026-12-02T15:42:00Z"));
      const record = readYaml(f, `incidents/2026/INC-${d.number}.yaml`, `oncall/incident-${d.number}`);
      expect(record).toMatchObject({
        status: "investigating",
        reportedAt: REPORTED,
        confirmedAt: "2026-12-02T15:30:00Z",
        confirmedBy: "kbarrett",
      });
      expect(record?.["slo"]).toEqual({
        tier: "full",
        targetMinutes: 10,
        deadline: "2026-12-02T15:40:00Z",
        outcome: "breached",
      });
    },
  );

  // Fails before issue 10 item 10: the policy had no `reporters` key (the schema refused it).
  it("with reporters: collaborators, opens a triage-access report at once and closes an outsider's with /not-incident", async () => {
    await extendPolicy("reporters: collaborators");
    const f = fake();
    const tess = new IncidentDriver(f, workspace, clock);
    ok(
      await tess.open({
        title: "[Incident] Search is slow",
        body: CARD_DECLINED_REPORT,
        at: REPORTED,
        author: "triage-tess",
      }),
    );
    expect(botState(f, tess.number).status).toBe("investigating");
    expect(f.issue(tess.number)!.assignees.length).toBeGreaterThan(0);

    const d = new IncidentDriver(f, workspace, clock);
    ok(
      await d.open({
        title: "[Incident] Everything is broken",
        body: CARD_DECLINED_REPORT,
        at: "2026-12-02T15:01:00Z",
        author: "mallory",
      }),
    );
    expect(botState(f, d.number).status).toBe("triage");
    expect(f.issue(d.number)!.labels).toContain("status:triage");
    ok(await d.comment("triage-tess", "/not-incident a test account only", "2026-12-02T15:05:00Z"));
    expect(botState(f, d.number)).toMatchObject({ status: "not-incident" });
    expect(f.issue(d.number)!.state).toBe("closed");
    // Reopening a report that was never confirmed puts it back in triage, not straight into the SLO.
    ok(await d.reopen("2026-12-02T15:07:00Z", "triage-tess"));
    expect(botState(f, d.number).status).toBe("triage");
    expect(f.issue(d.number)!.labels).toContain("status:triage");
  });
});
