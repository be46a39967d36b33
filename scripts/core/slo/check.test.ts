import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { describeSloDecision, planSloCheck, type OpenIncidentSloState } from "./check.js";

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "UTC" });
const managers = new Map([
  ["alice", "mona"],
  ["bob", "mona"],
  ["carol", "alice"],
]);

function state(fields: Partial<OpenIncidentSloState> = {}): OpenIncidentSloState {
  return {
    number: 7,
    reportedAt: utc("2025-06-11T15:00:00"),
    deadline: utc("2025-06-11T15:10:00"),
    targetMinutes: 10,
    acknowledged: false,
    warned: false,
    breached: false,
    escalated: false,
    oncall: ["alice", "bob"],
    ...fields,
  };
}
const plan = (now: string, ...incidents: OpenIncidentSloState[]) =>
  planSloCheck({ now: utc(now), incidents, managers });
const kinds = (now: string, ...incidents: OpenIncidentSloState[]) =>
  plan(now, ...incidents).map((d) => `${d.incident}:${d.kind}`);

describe("planSloCheck warnings", () => {
  it.each([
    ["2025-06-11T15:00:00", []],
    ["2025-06-11T15:04:59", []],
    ["2025-06-11T15:05:00", []], // exactly half left: not yet
    ["2025-06-11T15:05:01", ["7:warn"]],
    ["2025-06-11T15:09:59", ["7:warn"]],
  ])("full tier (10 min), at %s: %j", (now, expected) => {
    expect(kinds(now, state())).toEqual(expected);
  });

  it("warns a partial-tier incident with less than 15 minutes left", () => {
    const s = state({ deadline: utc("2025-06-11T15:30:00"), targetMinutes: 30 });
    expect(kinds("2025-06-11T15:15:00", s)).toEqual([]);
    expect(plan("2025-06-11T15:16:00", s)).toEqual([
      { kind: "warn", incident: 7, deadline: s.deadline, minutesLeft: 14, mention: ["alice", "bob"] },
    ]);
  });

  it("counts from the report when the deadline has no target (reported in limited hours)", () => {
    const s = state({
      reportedAt: utc("2025-06-12T00:00:00"),
      deadline: utc("2025-06-12T05:30:00"),
      targetMinutes: null,
    });
    expect(kinds("2025-06-12T02:45:00", s)).toEqual([]);
    expect(kinds("2025-06-12T02:46:00", s)).toEqual(["7:warn"]);
  });

  it("warns once", () => {
    expect(kinds("2025-06-11T15:08:00", state({ warned: true }))).toEqual([]);
  });
});

describe("planSloCheck breaches and escalation", () => {
  it("breaches and escalates at the deadline itself", () => {
    const decisions = plan("2025-06-11T15:10:00", state({ warned: true }));
    expect(decisions).toEqual([
      { kind: "breach", incident: 7, deadline: utc("2025-06-11T15:10:00"), minutesLate: 0 },
      {
        kind: "escalate",
        incident: 7,
        deadline: utc("2025-06-11T15:10:00"),
        mention: ["alice", "bob", "mona"],
        oncall: ["alice", "bob"],
        managers: ["mona"],
      },
    ]);
  });

  it("catches up after a missed run: breach and escalate, no stale warning", () => {
    expect(kinds("2025-06-11T16:00:00", state())).toEqual(["7:breach", "7:escalate"]);
    expect(plan("2025-06-11T16:00:00", state())[0]).toMatchObject({ minutesLate: 50 });
  });

  it("escalates when a previous run recorded the breach but stopped before escalating", () => {
    expect(kinds("2025-06-11T15:20:00", state({ warned: true, breached: true }))).toEqual(["7:escalate"]);
  });

  it("does nothing more once breached and escalated", () => {
    expect(kinds("2025-06-11T18:00:00", state({ warned: true, breached: true, escalated: true }))).toEqual([]);
  });

  it("does not repeat a manager who is already on call, nor one shared by both", () => {
    const decision = plan("2025-06-11T15:30:00", state({ oncall: ["carol", "alice", "carol"] })).find(
      (d) => d.kind === "escalate",
    );
    expect(decision).toMatchObject({
      oncall: ["carol", "alice"],
      managers: ["mona"],
      mention: ["carol", "alice", "mona"],
    });
  });

  it("escalates to the on-call people alone when nobody has a manager", () => {
    const decision = plan("2025-06-11T15:30:00", state({ oncall: ["zed"] })).find((d) => d.kind === "escalate");
    expect(decision).toMatchObject({ mention: ["zed"], managers: [] });
  });
});

describe("planSloCheck skips", () => {
  it("ignores acknowledged incidents, however late", () => {
    expect(plan("2025-06-11T18:00:00", state({ acknowledged: true }))).toEqual([]);
  });

  it("ignores incidents without a deadline", () => {
    expect(plan("2025-06-11T18:00:00", state({ deadline: null, targetMinutes: null }))).toEqual([]);
  });

  it("orders decisions by incident number", () => {
    const late = state({ number: 12 });
    const soon = state({ number: 3, deadline: utc("2025-06-11T15:20:00") });
    expect(kinds("2025-06-11T15:16:00", late, soon)).toEqual(["3:warn", "12:breach", "12:escalate"]);
  });
});

describe("describeSloDecision", () => {
  it("describes each kind without mentions", () => {
    const lines = plan("2025-06-11T15:12:00", state(), state({ number: 8, deadline: utc("2025-06-11T15:15:00") })).map(
      describeSloDecision,
    );
    expect(lines).toEqual([
      "#7: acknowledgement SLO breached (deadline 2025-06-11 15:10 UTC, 2 min ago)",
      "#7: escalate to alice, bob, mona",
      "#8: warn alice, bob: 3 min left to acknowledge (deadline 2025-06-11 15:15 UTC)",
    ]);
    expect(lines.join("\n")).not.toContain("@");
  });
});
