import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { effectiveCoverage } from "../schedule/index.js";
import { inZone } from "../rotation/index.js";
import { affectedPeople, diffCoverage, type TradeChange } from "./diff.js";
import { at, baseShifts, NY, override, PEOPLE, side, swapped, weekly } from "./test-kit.js";

const text = (c: TradeChange) =>
  `${c.layer} ${c.start.toFormat("MM-dd HH:mm")}..${c.end.toFormat("MM-dd HH:mm")} ${c.from ?? "-"}>${c.to ?? "-"}`;

describe("diffCoverage", () => {
  it("finds nothing when nothing changes", () => {
    const s = baseShifts();
    expect(diffCoverage(side(s), side(s))).toEqual({ changes: [], published: [] });
    expect(diffCoverage(side([]), side([]))).toEqual({ changes: [], published: [] });
  });

  it("sees a swap as two changes, in the rotation zone", () => {
    const before = baseShifts();
    const after = swapped(before, ["bob", "2026-12-07T11:00"], ["carol", "2026-12-14T11:00"]);
    const { changes, published } = diffCoverage(side(before), side(after));
    expect(changes.map(text)).toEqual([
      "rot-a 12-07 11:00..12-14 11:00 bob>carol",
      "rot-a 12-14 11:00..12-21 11:00 carol>bob",
    ]);
    expect(changes[0]!.start.zoneName).toBe(NY);
    expect(changes[0]!.slot).toBe("rot-a");
    expect(published).toEqual([]);
    expect(affectedPeople(changes)).toEqual(["bob", "carol"]);
  });

  it("sees an override only for its window, and a removed override as the reverse", () => {
    const shifts = baseShifts();
    const cover = override("rot-b", "2026-12-03T09:00", "2026-12-04T09:00", "gwen");
    expect(diffCoverage(side(shifts), side(shifts, [cover])).changes.map(text)).toEqual([
      "rot-b 12-03 09:00..12-04 09:00 erin>gwen",
    ]);
    expect(diffCoverage(side(shifts, [cover]), side(shifts)).changes.map(text)).toEqual([
      "rot-b 12-03 09:00..12-04 09:00 gwen>erin",
    ]);
  });

  it("keeps an override that still wins out of a swap underneath it", () => {
    const before = baseShifts();
    const cover = override("rot-a", "2026-12-08T09:00", "2026-12-09T09:00", "alice");
    const after = swapped(before, ["bob", "2026-12-07T11:00"], ["carol", "2026-12-14T11:00"]);
    expect(diffCoverage(side(before, [cover]), side(after, [cover])).changes.map(text)).toEqual([
      "rot-a 12-07 11:00..12-08 09:00 bob>carol",
      "rot-a 12-09 09:00..12-14 11:00 bob>carol",
      "rot-a 12-14 11:00..12-21 11:00 carol>bob",
    ]);
  });

  it("treats time beyond the old schedule's end as published, not traded", () => {
    const before = baseShifts();
    const more = [...before, ...weekly("rot-a", "2027-01-11T11:00", ["alice", "bob"], 12)];
    const { changes, published } = diffCoverage(side(before), side(more));
    expect(changes).toEqual([]);
    expect(published.map(text)).toEqual([
      "rot-a 01-11 11:00..01-18 11:00 ->alice",
      "rot-a 01-18 11:00..01-25 11:00 ->bob",
    ]);
  });

  it("reports a roster edit by the published time it moves: a leaver's shift falls back to the manager", () => {
    const shifts = baseShifts();
    const leaving = PEOPLE.map((p) => (p.login === "carol" ? { ...p, end: "2026-12-16" } : p));
    const { changes } = diffCoverage(side(shifts), side(shifts, [], leaving));
    expect(changes.map(text)).toEqual([
      "rot-a 12-17 00:00..12-21 11:00 carol>dana",
      "rot-a 01-04 11:00..01-11 11:00 carol>dana",
    ]);
    expect(changes[0]).toMatchObject({ fromSource: "schedule", toSource: "fallback" });
    expect(affectedPeople(changes)).toEqual(["carol", "dana"]);
  });

  it("reports a shift removed at the end as time nobody covers", () => {
    const before = baseShifts();
    const after = before.filter((s) => !(s.layer === "rot-a" && s.start.equals(at("2027-01-04T11:00"))));
    expect(diffCoverage(side(before), side(after)).changes.map(text)).toEqual([
      "rot-a 01-04 11:00..01-11 11:00 carol>-",
    ]);
  });

  it("keeps its instants right across a DST change", () => {
    const before = weekly("rot-a", "2026-10-26T11:00", ["alice", "bob", "carol"]);
    const after = swapped(before, ["alice", "2026-10-26T11:00"], ["bob", "2026-11-02T11:00"]);
    const [first] = diffCoverage(side(before), side(after)).changes;
    expect(first!.start.toISO()).toBe("2026-10-26T11:00:00.000-04:00");
    expect(first!.end.toISO()).toBe("2026-11-02T11:00:00.000-05:00");
  });
});

describe("diffCoverage (property)", () => {
  const logins = ["alice", "bob", "carol", "erin", "gwen"];
  const schedule = fc.array(fc.constantFrom(...logins), { minLength: 4, maxLength: 10 });
  const overrides = fc.array(
    fc.record({
      day: fc.integer({ min: 0, max: 60 }),
      hours: fc.integer({ min: 1, max: 72 }),
      by: fc.constantFrom(...logins),
    }),
    { maxLength: 3 },
  );

  it("each change says who was and who is on call, and the reverse diff mirrors it", () => {
    fc.assert(
      fc.property(schedule, schedule, overrides, (a, b, ovs) => {
        const n = Math.min(a.length, b.length);
        const before = side(weekly("rot-a", "2026-11-30T11:00", a.slice(0, n)));
        // Overrides only on the after side, one per day offset, never overlapping one another.
        const seen = new Set<number>();
        const after = side(
          weekly("rot-a", "2026-11-30T11:00", b.slice(0, n)),
          ovs
            .filter((o) => !seen.has(o.day) && seen.add(o.day))
            .sort((x, y) => x.day - y.day)
            .map((o, i, list) => {
              const start = at("2026-11-30T00:00").plus({ days: o.day });
              const next = list[i + 1]
                ? at("2026-11-30T00:00").plus({ days: list[i + 1]!.day })
                : start.plus({ hours: o.hours });
              const end = start.plus({ hours: o.hours }) < next ? start.plus({ hours: o.hours }) : next;
              return { layer: "rot-a", start, end, by: o.by };
            }),
        );
        // Overrides past the end of the schedule would be newly published time, which has no mirror.
        const last = before.shifts[before.shifts.length - 1]!.end;
        if (after.overrides.some((o) => o.end > last)) return;
        const { changes } = diffCoverage(before, after);
        const whoAt = (s: typeof before, ms: number) =>
          effectiveCoverage({ ...s, from: inZone(ms, NY), to: inZone(ms + 1, NY) }).find((x) => x.slot === "rot-a")
            ?.login ?? null;
        for (const c of changes) {
          for (const ms of [c.start.toMillis(), c.end.toMillis() - 1]) {
            expect(whoAt(before, ms)).toBe(c.from);
            expect(whoAt(after, ms)).toBe(c.to);
          }
        }
        const mirror = diffCoverage(after, before).changes;
        expect(mirror.map((c) => [c.start.toMillis(), c.end.toMillis(), c.to, c.from])).toEqual(
          changes.map((c) => [c.start.toMillis(), c.end.toMillis(), c.from, c.to]),
        );
      }),
      { numRuns: 150 },
    );
  });
});
