import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { validateEffects, type Effect } from "./effects.js";
import { loadRepository } from "../repo/load-repository.js";
import type { Organisation } from "../core/model/index.js";
import {
  isSloCandidate,
  planSlo,
  sloStateOf,
  SLO_COMMENT_KEYS,
  SLO_LABELS,
  type IncidentIssue,
} from "../core/slo/index.js";
import { NO_HOLIDAYS } from "../core/slo/index.js";

// The example organisation: on Wednesday 2 December 2026 at 15:00 UTC (10:00 in Detroit, 07:00 in Los
// Angeles) dwashington (manager dana-whitfield) and kbarrett (manager tobias-wren) are on call and
// dwashington is in full support: a report then is due at 15:10.
// The example organisation's test copy (a team's own data replaces the root's).
const root = fileURLToPath(new URL("../fixtures/example/", import.meta.url));
let org: Organisation;
beforeAll(async () => {
  const loaded = await loadRepository(root, {
    only: new Set([
      "rotations/people.yaml",
      "rotations/config.yaml",
      "rotations/schedule.yaml",
      "rotations/overrides.yaml",
    ]),
  });
  org = loaded.org;
});

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "UTC" });
const REPORTED = "2026-12-02T15:00:00Z";

function issue(fields: Partial<IncidentIssue> = {}): IncidentIssue {
  return {
    number: 12,
    createdAt: REPORTED,
    labels: ["incident", "severity:P2", "status:investigating"],
    assignees: ["dwashington", "kbarrett"],
    title: "Checkout down",
    url: "https://github.com/acme/oncall/issues/12",
    ...fields,
  };
}
const plan = (at: string, ...issues: IncidentIssue[]) => planSlo({ now: utc(at), issues, org, calendar: NO_HOLIDAYS });
const kinds = (at: string, ...issues: IncidentIssue[]) =>
  plan(at, ...issues).decisions.map((d) => `${d.incident}:${d.kind}`);
const comment = (effects: readonly Effect[], key: string) =>
  effects.find((e): e is Extract<Effect, { kind: "upsert-comment" }> => e.kind === "upsert-comment" && e.key === key);

describe("sloStateOf", () => {
  it("counts from the issue's creation with the people on call then, flags from the labels", () => {
    const state = sloStateOf(
      issue({
        labels: ["incident", "slo:warned", "SLO:Breached"],
        assignees: ["kbarrett", "github-actions[bot]", "ade-okafor"],
      }),
      org,
      NO_HOLIDAYS,
    );
    expect(state).toMatchObject({
      number: 12,
      targetMinutes: 10,
      acknowledged: false,
      warned: true,
      breached: true,
      escalated: false,
    });
    expect(state.deadline?.toISO()).toBe("2026-12-02T15:10:00.000Z");
    // On call at the report first, then responders assigned since; bots never.
    expect(state.oncall).toEqual(["dwashington", "kbarrett", "ade-okafor"]);
  });

  it("starts the clock when support starts for a report in limited hours", () => {
    // Saturday 03:00 UTC: nobody on call is in supported hours until 09:00 in Berlin (08:00 UTC).
    const state = sloStateOf(issue({ createdAt: "2026-12-05T03:00:00Z" }), org, NO_HOLIDAYS);
    expect(state).toMatchObject({ targetMinutes: 30 });
    expect(state.deadline?.toISO()).toBe("2026-12-05T08:30:00.000Z");
  });

  it("rejects an unreadable creation time", () => {
    expect(() => sloStateOf(issue({ createdAt: "yesterday" }), org, NO_HOLIDAYS)).toThrow(/#12: invalid created_at/);
  });
});

describe("isSloCandidate", () => {
  it.each([
    ["an open incident", {}, true],
    ["a closed one", { state: "closed" as const }, false],
    ["an acknowledged one", { labels: ["incident", "acknowledged"] }, false],
    ["one closed as not an incident", { labels: ["incident", "not-incident"] }, false],
    ["an issue that is no incident", { labels: ["bug"] }, false],
  ])("%s: %s", (_name, fields, expected) => {
    expect(isSloCandidate(issue(fields))).toBe(expected);
  });
});

describe("planSlo over runs", () => {
  it("does nothing while more than half the target remains", () => {
    expect(plan("2026-12-02T15:05:00Z", issue())).toMatchObject({ decisions: [], effects: [], notifications: [] });
  });

  it("warns the on-call people: comment first, then the label that remembers it", () => {
    const { effects, checked } = plan("2026-12-02T15:06:00Z", issue());
    expect(checked).toHaveLength(1);
    expect(effects.map((e) => e.kind)).toEqual(["ensure-labels", "upsert-comment", "add-labels"]);
    expect(effects[0]).toMatchObject({ labels: [{ name: "slo:warned" }] });
    expect(effects[2]).toEqual({ kind: "add-labels", issue: 12, labels: ["slo:warned"] });
    const body = comment(effects, SLO_COMMENT_KEYS.warn)!.body;
    expect(body).toContain("@dwashington @kbarrett");
    expect(body).toContain("**2026-12-02 15:10 UTC** (10-minute target, reported 2026-12-02 15:00 UTC)");
    validateEffects(effects);
  });

  it("warns once: the label stops a second warning", () => {
    expect(kinds("2026-12-02T15:08:00Z", issue({ labels: ["incident", SLO_LABELS.warned] }))).toEqual([]);
  });

  it("at the deadline records the breach and escalates to the managers, with a chat message", () => {
    const { effects, notifications } = plan("2026-12-02T15:10:00Z", issue({ labels: ["incident", SLO_LABELS.warned] }));
    expect(
      effects.map((e) =>
        e.kind === "upsert-comment"
          ? `comment ${e.key}`
          : e.kind === "add-labels"
            ? `label ${e.labels.join()}`
            : e.kind,
      ),
    ).toEqual([
      "ensure-labels",
      "comment slo-breach",
      "label slo:breached",
      "comment slo-escalate",
      "label slo:escalated",
    ]);
    expect(comment(effects, SLO_COMMENT_KEYS.breach)!.body).toContain(
      "- 2026-12-02 15:10 UTC · slo-check · Acknowledgement SLO breached",
    );
    const escalation = comment(effects, SLO_COMMENT_KEYS.escalate)!.body;
    expect(escalation).toContain("On call: @dwashington @kbarrett");
    expect(escalation).toContain("@dana-whitfield @tobias-wren: please help");
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ incident: 12, commentKey: SLO_COMMENT_KEYS.escalate });
    validateEffects(effects);
  });

  it("a late run catches up: breach and escalation, no stale warning", () => {
    expect(kinds("2026-12-02T17:45:00Z", issue())).toEqual(["12:breach", "12:escalate"]);
  });

  it("nothing more once breached and escalated, however late", () => {
    expect(
      plan("2026-12-03T09:00:00Z", issue({ labels: ["incident", "slo:warned", "slo:breached", "slo:escalated"] }))
        .effects,
    ).toEqual([]);
  });

  it("nothing at all once acknowledged", () => {
    expect(plan("2026-12-02T16:00:00Z", issue({ labels: ["incident", "acknowledged"] })).checked).toEqual([]);
  });

  it("writes comments that do not depend on the instant of the run, so a rerun changes nothing", () => {
    const bodies = (at: string) =>
      plan(at, issue()).effects.flatMap((e) => (e.kind === "upsert-comment" ? [e.body] : []));
    expect(bodies("2026-12-02T15:10:00Z")).toEqual(bodies("2026-12-02T19:30:00Z"));
  });

  it("lets a later copy of an issue (the event's) win over the listed one", () => {
    expect(kinds("2026-12-02T15:20:00Z", issue(), issue({ labels: ["incident", "acknowledged"] }))).toEqual([]);
    expect(kinds("2026-12-02T15:20:00Z", issue({ labels: ["incident", "acknowledged"] }), issue())).toEqual([
      "12:breach",
      "12:escalate",
    ]);
  });

  it("handles many incidents in number order with one label listing", () => {
    const issues = [
      issue({ number: 30, createdAt: "2026-12-02T15:20:00Z" }),
      issue({ number: 4 }),
      issue({ number: 9, createdAt: "2026-12-02T15:13:00Z" }),
    ];
    const result = plan("2026-12-02T15:19:00Z", ...issues);
    expect(result.decisions.map((d) => `${d.incident}:${d.kind}`)).toEqual(["4:breach", "4:escalate", "9:warn"]);
    expect(result.effects.filter((e) => e.kind === "ensure-labels")).toHaveLength(1);
  });
});

describe("escalation chat message", () => {
  const message = (fields: Partial<IncidentIssue> = {}) =>
    plan("2026-12-02T15:30:00Z", issue(fields)).notifications[0]!.message;

  it("is Slack-compatible: text for notifications and blocks, people by name and login", () => {
    const m = message();
    expect(m.text).toBe(
      "Incident #12 is not acknowledged: the deadline 2026-12-02 15:10 UTC passed. On call: Derek Washington (dwashington), Kyle Barrett (kbarrett). Managers: Dana Whitfield (dana-whitfield), Tobias Wren (tobias-wren).",
    );
    expect(m.text).not.toContain("@");
    expect(m.blocks[0]).toMatchObject({ type: "section", text: { type: "mrkdwn" } });
    expect(JSON.stringify(m.blocks)).toContain("<https://github.com/acme/oncall/issues/12|#12>");
    expect(m.blocks.at(-1)).toMatchObject({ type: "context" });
  });

  it("escapes the untrusted title so it cannot ping a channel or forge a link", () => {
    const m = message({ title: "Help <!channel> & <https://evil.example|click>\nnow" });
    const first = (m.blocks[0] as { text: { text: string } }).text.text;
    expect(first).toContain("Help &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; now");
    expect(first).not.toContain("<!channel>");
  });

  it("leaves out a link that is not a plain web address", () => {
    const m = message({ url: "javascript:alert(1)" });
    expect(JSON.stringify(m.blocks)).not.toContain("javascript:");
  });
});
