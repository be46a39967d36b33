import { describe, expect, it } from "vitest";
import { diffCoverage } from "./diff.js";
import { MAX_WEEKS, weeklyView } from "./weeks.js";
import { at, baseShifts, side, swapped, weekly } from "./test-kit.js";

describe("weeklyView", () => {
  const before = side(baseShifts());
  const after = side(swapped(baseShifts(), ["bob", "2026-12-07T11:00"], ["carol", "2026-12-14T11:00"]));
  const changes = diffCoverage(before, after).changes;

  it("shows each person's weeks before and after, marking the changed ones", () => {
    const [bob] = weeklyView({ people: ["bob"], before, after, changes, now: at("2026-11-25T12:00"), weeks: 5 });
    expect(bob!.rows.map((r) => [r.weekStart.toISODate(), r.before, r.after, r.changed])).toEqual([
      ["2026-12-07", ["rot-a Mon 7 Dec 11:00 - Mon 14 Dec 11:00"], [], true],
      ["2026-12-14", [], ["rot-a Mon 14 Dec 11:00 - Mon 21 Dec 11:00"], true],
      ["2026-12-28", ["rot-a Mon 28 Dec 11:00 - Mon 4 Jan 11:00"], ["rot-a Mon 28 Dec 11:00 - Mon 4 Jan 11:00"], false],
    ]);
  });

  it("starts at the week of the earlier of now and the first change, with a shift under way at its real start", () => {
    const [alice] = weeklyView({ people: ["alice"], before, after, changes, now: at("2026-12-02T12:00"), weeks: 1 });
    expect(alice!.rows[0]).toMatchObject({ before: ["rot-a Mon 30 Nov 11:00 - Mon 7 Dec 11:00"], changed: false });
    expect(alice!.rows[0]!.weekStart.toISODate()).toBe("2026-11-30");
    // The view reaches the end of the last change even when `weeks` is shorter.
    const [carol] = weeklyView({ people: ["carol"], before, after, changes, now: at("2026-11-25T12:00"), weeks: 1 });
    expect(carol!.rows.some((r) => r.weekStart.toISODate() === "2026-12-14")).toBe(true);
  });

  it("stops after MAX_WEEKS weeks", () => {
    const long = side(
      weekly(
        "rot-a",
        "2026-11-30T11:00",
        Array.from({ length: 60 }, (_, i) => (i % 2 ? "bob" : "alice")),
      ),
    );
    const [alice] = weeklyView({
      people: ["alice"],
      before: long,
      after: long,
      changes: [],
      now: at("2026-11-30T12:00"),
      weeks: 100,
    });
    expect(alice!.rows).toHaveLength(MAX_WEEKS / 2);
    expect(alice!.rows.at(-1)!.weekStart.toISODate()).toBe("2027-05-17");
  });
});
