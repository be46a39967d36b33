import { describe, expect, it } from "vitest";
import type { Finding, Problem } from "../model/index.js";
import { checkTrade, type LoadedSide } from "./check.js";
import { at, baseShifts, CONFIG, PEOPLE, swapped } from "./test-kit.js";

const ALL = new Set(["people", "rotation", "schedule", "overrides"]);
const problem = (message: string, extra: Partial<Problem> = {}): Problem => ({
  file: "rotations/schedule.yaml",
  line: 3,
  column: 5,
  message,
  severity: "error",
  rule: "schedule-gap",
  ...extra,
});
const loaded = (shifts = baseShifts(), problems: Problem[] = [], present: ReadonlySet<string> = ALL): LoadedSide => ({
  org: { shifts, overrides: [], people: PEOPLE, rotation: CONFIG },
  present,
  problems,
});
const position = (f: Finding): Problem => problem(f.message, { rule: f.rule, line: Number(f.src?.path[1] ?? 0) + 6 });

describe("checkTrade", () => {
  const swap = swapped(baseShifts(), ["alice", "2026-11-30T11:00"], ["bob", "2026-12-07T11:00"]);

  it("puts changes, affected people and the summary together", () => {
    const r = checkTrade({ before: loaded(), after: loaded(swap), position, now: at("2026-11-23T12:00") });
    expect(r.affected).toEqual(["alice", "bob"]);
    expect(r.summary).toBe("bob takes alice's rot-a shift 30 Nov-7 Dec; alice takes bob's 7-14 Dec");
    expect(r.problems).toEqual([]);
  });

  it("adds the past-change errors, placed by the edge", () => {
    const r = checkTrade({ before: loaded(), after: loaded(swap), position, now: at("2026-12-01T12:00") });
    expect(r.problems).toEqual([expect.objectContaining({ rule: "trade-past-change", line: 6 })]);
  });

  it("keeps the base's own errors apart, and passes on new errors and warnings", () => {
    const old = problem("rot-a has nobody on call from A until B");
    const fresh = problem("bob is on call for both rot-a and rot-b", { rule: "both-layers", line: 9 });
    const warning = problem("two first-timers", { severity: "warning", rule: "first-timers-paired" });
    const r = checkTrade({
      before: loaded(baseShifts(), [old]),
      after: loaded(swap, [{ ...old, line: 4 }, fresh, warning]),
      position,
      now: at("2026-11-23T12:00"),
    });
    expect(r.problems).toEqual([fresh]);
    expect(r.existing).toHaveLength(1);
    expect(r.warnings).toEqual([warning]);
  });

  it("does not compare what it cannot read", () => {
    const broken = problem("bad YAML", { rule: "yaml-syntax" });
    const head = checkTrade({
      before: loaded(),
      after: loaded([], [broken], new Set(["people", "rotation"])),
      position,
      now: at("2026-11-23T12:00"),
    });
    expect(head).toMatchObject({ changes: [], affected: [], problems: [broken] });
    expect(head.summary).toContain("cannot be read");
    const base = checkTrade({
      before: loaded([], [broken], new Set(["people"])),
      after: loaded(swap),
      position,
      now: at("2026-11-23T12:00"),
    });
    expect(base).toMatchObject({ changes: [], affected: [], problems: [] });
    expect(base.summary).toContain("base revision");
  });
});
