import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { handoffsBetween, previousHandoff } from "../rotation/index.js";
import { scheduleLateness, minutesText } from "./lateness.js";
import { planHandoffRun, type HandoffRunInput, type ListedHandoffIssue } from "./run-plan.js";

const NY = "America/New_York";
const rule = { handoffDay: "monday" as const, handoffTime: "11:00" };
const people: Record<string, [string, string]> = { "2026-11-30": ["ann", "bob"], "2026-12-07": ["bob", "cy"] };

function input(now: string, issues: ListedHandoffIssue[], extra: Partial<HandoffRunInput> = {}): HandoffRunInput {
  return {
    now: DateTime.fromISO(now, { zone: "UTC" }),
    zone: NY,
    layers: ["rot-a"],
    handoffsOf: (_l, from, to) => handoffsBetween(rule, NY, from, to),
    previousOf: (_l, at) => previousHandoff(rule, NY, at.minus(1)),
    view: (_l, at) => {
      const [outgoing, incoming] = people[at.setZone(NY).toISODate()!] ?? ["x", "y"];
      return { outgoing: { login: outgoing }, incoming: { login: incoming }, report: "R", summary: () => "S" };
    },
    reminderHours: 24,
    catchUpDays: 3,
    checklist: ["one"],
    issues,
    ...extra,
  };
}
const done = (n: number, key: string, phases: string[], state: "open" | "closed" = "open"): ListedHandoffIssue => ({
  number: n,
  state,
  url: `u/${n}`,
  body: [...phases.map((p) => `<!-- oncall:${key}/${p} -->`), `<!-- oncall:${key} -->`].join("\n"),
});
const PREV = "handoff/rot.a/20261130T1600Z";
const CUR = "handoff/rot.a/20261207T1600Z";

// Fails before the issue 12 item 3: there was no handoff run to plan.
describe("planHandoffRun (issue 12 items 3 and 4)", () => {
  it("summary on the reminder's issue: body appended, outgoing assigned, previous closed, team add then remove", () => {
    const plan = planHandoffRun(
      input("2026-12-07T16:17Z", [done(2, CUR, ["upcoming"]), done(1, PREV, ["upcoming", "at-handoff"])]),
    );
    expect(plan.effects.map((e) => e.kind)).toEqual(["update-issue", "add-assignees", "close-issue"]);
    expect(plan.effects[0]).toMatchObject({ issue: 2 });
    expect((plan.effects[0] as { body: string }).body).toContain(`<!-- oncall:${CUR}/upcoming -->`);
    expect(plan.effects[2]).toMatchObject({ issue: 1, reason: "completed" });
    expect(plan.team).toEqual({ add: ["cy"], remove: ["bob"] });
  });

  it("also closes an older handoff issue of the layer left open by a caught-up summary", () => {
    const OLD = "handoff/rot.a/20261123T1600Z";
    const issues = [done(3, CUR, ["upcoming"]), done(2, PREV, ["upcoming"]), done(1, OLD, ["upcoming"])];
    const plan = planHandoffRun(input("2026-12-07T16:17Z", issues));
    expect(plan.effects.filter((e) => e.kind === "close-issue")).toEqual([
      { kind: "close-issue", issue: 2, reason: "completed" },
      { kind: "close-issue", issue: 1, reason: "completed" },
    ]);
  });

  it("keeps in the team an outgoing person who is still on call in another layer", () => {
    const issues = [done(2, CUR, ["upcoming"]), done(1, PREV, ["upcoming", "at-handoff"])];
    const plan = planHandoffRun(input("2026-12-07T16:17Z", issues, { onCallNow: ["cy", "BOB"] }));
    expect(plan.team).toEqual({ add: ["cy"], remove: [] });
  });

  it("does nothing when every phase is done", () => {
    const plan = planHandoffRun(input("2026-12-07T18:17Z", [done(2, CUR, ["upcoming", "at-handoff"])]));
    expect(plan.effects).toEqual([]);
    expect(plan.team).toEqual({ add: [], remove: [] });
  });

  it("with only stale phases, one issue carries the catch-up line and every stale marker", () => {
    const plan = planHandoffRun(input("2026-12-11T17:00Z", [done(1, PREV, ["upcoming", "at-handoff"])]));
    expect(plan.due).toEqual([]);
    expect(plan.stale.map((p) => p.kind)).toEqual(["upcoming", "at-handoff"]);
    expect(plan.effects.map((e) => e.kind)).toEqual(["create-issue"]);
    const body = (plan.effects[0] as { body: string }).body;
    expect(body.match(/\*\*Catch-up:\*\*/g)).toHaveLength(1);
    expect(body).toContain(`<!-- oncall:${CUR}/upcoming -->`);
    expect(body).toContain(`<!-- oncall:${CUR}/at-handoff -->`);
    expect(plan.chats).toEqual([]);
  });
});

describe("scheduleLateness", () => {
  it.each([
    ["2026-12-07T16:17:00Z", "16:17", 0],
    ["2026-12-07T18:16:00Z", "16:17", 119],
    ["2026-12-07T00:10:00Z", "22:17", 113],
  ])("%s is late against the %s slot by %i minutes", (start, slot, minutes) => {
    const got = scheduleLateness(DateTime.fromISO(start));
    expect([got.slot.toUTC().toFormat("HH:mm"), got.minutes]).toEqual([slot, minutes]);
  });
  it("writes minutes readably", () => expect([minutesText(7), minutesText(125)]).toEqual(["7 min", "2 h 05 min"]));
});
