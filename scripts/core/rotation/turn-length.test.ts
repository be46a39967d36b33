/**
 * Issue 15 (imports): a layer's turn length in whole days (`shiftDays`) and its optional `end`.
 * Fails before issue 15 item 2: the cadence knew only whole weeks and a layer never ended.
 */
import { describe, expect, it } from "vitest";
import { generateSchedule } from "./generate.js";
import { handoffsBetween, shiftDaysOf } from "./handoffs.js";
import { normalizeRotation } from "./config.js";
import { at, lines, person, rotation } from "./test-kit.js";
import { checkSchedule } from "../schedule/index.js";

const people = ["ann", "bo", "cy"].map((l) => person(l));

describe("turn length in days and layer end (issue 15)", () => {
  it("daily turns hand off every day at the wall-clock time, across the March DST change", () => {
    const rule = { handoffDay: "monday" as const, handoffTime: "09:00", shiftDays: 1 };
    const days = handoffsBetween(
      rule,
      "Europe/Berlin",
      at("2027-03-26T00:00:00+01:00"),
      at("2027-03-31T00:00:00+02:00"),
    );
    expect(days.map((d) => d.toISO())).toEqual([
      "2027-03-26T09:00:00.000+01:00",
      "2027-03-27T09:00:00.000+01:00",
      "2027-03-28T09:00:00.000+02:00",
      "2027-03-29T09:00:00.000+02:00",
      "2027-03-30T09:00:00.000+02:00",
    ]);
  });

  it("three-day turns are phased from the handoff weekday on or after the rotation start", () => {
    const rule = { handoffDay: "wednesday" as const, handoffTime: "10:00", shiftDays: 3 };
    // 2027-01-04 is a Monday: the first handoff day is Wednesday 2027-01-06, then every three days.
    const days = handoffsBetween(rule, "UTC", at("2027-01-05T00:00:00Z"), at("2027-01-16T00:00:00Z"), "2027-01-04");
    expect(days.map((d) => d.toISODate())).toEqual(["2027-01-06", "2027-01-09", "2027-01-12", "2027-01-15"]);
    expect(shiftDaysOf({ shiftWeeks: 2 })).toBe(14);
    expect(shiftDaysOf({ shiftWeeks: 2, shiftDays: 1 })).toBe(1);
  });

  it("the config keeps shiftDays and end", () => {
    const config = normalizeRotation({
      timezone: "UTC",
      seed: 1,
      layers: [{ name: "x", handoffDay: "monday", handoffTime: "09:00", shiftDays: 2, end: "2027-02-01T09:00:00Z" }],
    });
    expect(config.layers[0]).toMatchObject({ shiftDays: 2, end: "2027-02-01T09:00:00Z", shiftWeeks: 1 });
  });

  it("generation stops a layer at its end and the horizon warning leaves the ended layer alone", () => {
    const config = rotation({
      timezone: "UTC",
      start: "2027-01-04",
      holidayPeriod: undefined,
      layers: [
        {
          name: "day",
          handoffDay: "monday",
          handoffTime: "09:00",
          shiftWeeks: 1,
          shiftDays: 1,
          members: ["ann", "bo", "cy"],
          end: "2027-01-07T21:00:00Z",
        },
      ],
    });
    const shifts = generateSchedule({ config, people, published: [], until: at("2027-01-20T00:00:00Z") }).shifts;
    expect(shifts.map((s) => [s.start.toUTC().toISO(), s.end.toUTC().toISO()])).toEqual([
      ["2027-01-04T09:00:00.000Z", "2027-01-05T09:00:00.000Z"],
      ["2027-01-05T09:00:00.000Z", "2027-01-06T09:00:00.000Z"],
      ["2027-01-06T09:00:00.000Z", "2027-01-07T09:00:00.000Z"],
      ["2027-01-07T09:00:00.000Z", "2027-01-07T21:00:00.000Z"],
    ]);
    expect(new Set(lines(shifts).map((l) => l.split(" ").at(-2))).size).toBe(3);
    const findings = checkSchedule({ shifts, overrides: [], people, config, now: at("2027-01-05T00:00:00Z") });
    expect(findings).toEqual([]);
  });
});
