import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DateTime } from "luxon";
import { handoffOnOrAfter, handoffsBetween, nextHandoff, previousHandoff, type HandoffRule } from "./handoffs.js";
import { at, NY } from "./test-kit.js";

const rotA: HandoffRule = { handoffDay: "monday", handoffTime: "11:00", shiftWeeks: 1 };
const rotB: HandoffRule = { handoffDay: "wednesday", handoffTime: "11:00" };

describe("handoffs", () => {
  it("finds the next Monday 11:00 New York, strictly after", () => {
    expect(nextHandoff(rotA, NY, at("2026-03-04T09:00")).toISO()).toBe("2026-03-09T11:00:00.000-04:00");
    expect(nextHandoff(rotA, NY, at("2026-03-09T11:00")).toISO()).toBe("2026-03-16T11:00:00.000-04:00");
    expect(handoffOnOrAfter(rotA, NY, at("2026-03-09T11:00")).toISO()).toBe("2026-03-09T11:00:00.000-04:00");
    expect(previousHandoff(rotA, NY, at("2026-03-09T10:59")).toISO()).toBe("2026-03-02T11:00:00.000-05:00");
    expect(previousHandoff(rotB, NY, at("2026-03-11T11:00")).toISO()).toBe("2026-03-11T11:00:00.000-04:00");
  });

  it("keeps 11:00 on the wall clock across both US DST changes", () => {
    const march = handoffsBetween(rotA, NY, at("2026-02-25T00:00"), at("2026-03-20T00:00")).map((d) =>
      d.toUTC().toISO(),
    );
    expect(march).toEqual(["2026-03-02T16:00:00.000Z", "2026-03-09T15:00:00.000Z", "2026-03-16T15:00:00.000Z"]);
    const november = handoffsBetween(rotB, NY, at("2026-10-26T00:00"), at("2026-11-12T00:00")).map((d) =>
      d.toUTC().toISO(),
    );
    expect(november).toEqual(["2026-10-28T15:00:00.000Z", "2026-11-04T16:00:00.000Z", "2026-11-11T16:00:00.000Z"]);
  });

  it("accepts an instant in any zone and answers in the rotation zone", () => {
    const fromTokyo = DateTime.fromISO("2026-03-10T09:00:00+09:00", { setZone: true });
    const next = nextHandoff(rotA, NY, fromTokyo);
    expect(next.zoneName).toBe(NY);
    expect(next.toISO()).toBe("2026-03-16T11:00:00.000-04:00");
  });

  it("moves a handoff inside the spring-forward gap forward and takes the first of a repeated time", () => {
    const sunday0230: HandoffRule = { handoffDay: "sunday", handoffTime: "02:30" };
    expect(nextHandoff(sunday0230, NY, at("2026-03-07T00:00")).toISO()).toBe("2026-03-08T03:30:00.000-04:00");
    const sunday0130: HandoffRule = { handoffDay: "sunday", handoffTime: "01:30" };
    expect(nextHandoff(sunday0130, NY, at("2026-10-31T00:00")).toISO()).toBe("2026-11-01T01:30:00.000-04:00");
    // The week after the gap is back to 02:30, and each week is found exactly once.
    const weeks = handoffsBetween(sunday0230, NY, at("2026-03-01T00:00"), at("2026-03-16T00:00")).map((d) => d.toISO());
    expect(weeks).toEqual([
      "2026-03-01T02:30:00.000-05:00",
      "2026-03-08T03:30:00.000-04:00",
      "2026-03-15T02:30:00.000-04:00",
    ]);
  });

  it("runs every shiftWeeks weeks from the anchor", () => {
    const fortnightly: HandoffRule = { handoffDay: "monday", handoffTime: "11:00", shiftWeeks: 2 };
    const list = handoffsBetween(fortnightly, NY, at("2026-01-01T00:00"), at("2026-02-10T00:00"), "2026-01-12").map(
      (d) => d.toISODate(),
    );
    expect(list).toEqual(["2026-01-12", "2026-01-26", "2026-02-09"]);
    expect(previousHandoff(fortnightly, NY, at("2026-01-25T00:00"), "2026-01-12").toISODate()).toBe("2026-01-12");
  });

  it("property: every next handoff is the following Monday 11:00 New York wall time (2026-2035)", () => {
    const start = Date.parse("2026-01-01T00:00:00Z");
    const end = Date.parse("2036-01-01T00:00:00Z");
    fc.assert(
      fc.property(fc.integer({ min: start, max: end }), (ms) => {
        const after = DateTime.fromMillis(ms, { zone: "UTC" });
        const next = nextHandoff(rotA, NY, after);
        const wall = next.setZone(NY);
        expect([wall.weekday, wall.hour, wall.minute]).toEqual([1, 11, 0]);
        expect(next.toMillis()).toBeGreaterThan(ms);
        expect(next.toMillis() - ms).toBeLessThanOrEqual(7 * 86_400_000 + 3_600_000);
        expect(previousHandoff(rotA, NY, next.minus({ milliseconds: 1 })).toMillis()).toBeLessThanOrEqual(ms);
      }),
      { numRuns: 300 },
    );
  });
});
