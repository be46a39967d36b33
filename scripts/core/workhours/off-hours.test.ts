import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { fixedHolidayCalendar, NO_HOLIDAYS } from "../slo/index.js";
import { classifyInterval, mergeIntervals, offHoursMinutes, offHoursMinutesOfUnion } from "./index.js";

const kolkata = { timezone: "Asia/Kolkata", region: "IN" };
const sydney = { timezone: "Australia/Sydney", region: "AU-NSW" };
const newYork = { timezone: "America/New_York", region: "US-NY" };

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone });
const span = (start: string, end: string, zone: string) => ({ start: at(start, zone), end: at(end, zone) });

describe("off-hours minutes (issue 12 item 1)", () => {
  it.each([
    // [who, interval start, end (both local), work, off, weekend, holiday]
    ["Kolkata across midnight", kolkata, "2026-03-10T16:00", "2026-03-11T10:00", 120, 960, 0, 0],
    ["Kolkata inside the working day", kolkata, "2026-03-10T09:30", "2026-03-10T16:30", 420, 0, 0, 0],
    ["Kolkata Friday night into Saturday", kolkata, "2026-03-13T22:00", "2026-03-14T02:00", 0, 240, 120, 0],
    // Sydney leaves DST on Sunday 5 April 2026 (03:00 AEDT -> 02:00 AEST): that Sunday has 25 hours.
    ["Sydney weekend leaving DST", sydney, "2026-04-04T00:00", "2026-04-06T00:00", 0, 49 * 60, 49 * 60, 0],
    // Sydney enters DST on Sunday 4 October 2026 (02:00 -> 03:00): Friday 17:00 to Monday 09:00 is 63 h.
    [
      "Sydney Friday evening to Monday entering DST",
      sydney,
      "2026-10-02T17:00",
      "2026-10-05T09:00",
      0,
      63 * 60,
      47 * 60,
      0,
    ],
    ["Sydney overnight Monday into Tuesday after DST", sydney, "2026-10-05T16:00", "2026-10-06T10:00", 120, 960, 0, 0],
    // New York enters DST on Sunday 8 March 2026; Monday's working day starts at 09:00 EDT.
    ["New York Sunday night into Monday", newYork, "2026-03-08T20:00", "2026-03-09T10:00", 60, 780, 240, 0],
  ] as const)("%s", (_name, person, start, end, work, off, weekend, holiday) => {
    const split = classifyInterval(person, span(start, end, person.timezone), NO_HOLIDAYS, []);
    expect(split).toEqual({ workMinutes: work, offMinutes: off, weekendMinutes: weekend, holidayMinutes: holiday });
    expect(offHoursMinutes(person, span(start, end, person.timezone), NO_HOLIDAYS, [])).toBe(off);
  });

  it("the interval's zone does not matter, only the person's", () => {
    const local = span("2026-03-10T16:00", "2026-03-11T10:00", "Asia/Kolkata");
    const utc = { start: local.start.toUTC(), end: local.end.toUTC() };
    expect(offHoursMinutes(kolkata, utc, NO_HOLIDAYS, [])).toBe(960);
    // The same UTC hours are a New York night and working morning: 10:30Z-04:30Z is 06:30-00:30 EDT.
    expect(classifyInterval(newYork, utc, NO_HOLIDAYS, []).workMinutes).toBe(8 * 60);
  });

  it("a public holiday of the region and an organisation holiday count whole, a weekend holiday as weekend", () => {
    const calendar = fixedHolidayCalendar({ "AU-NSW": ["2026-10-05"], IN: ["2026-03-14"] });
    // Labour Day in New South Wales: Monday 5 October 2026.
    expect(
      classifyInterval(sydney, span("2026-10-05T08:00", "2026-10-05T18:00", sydney.timezone), calendar, []),
    ).toEqual({ workMinutes: 0, offMinutes: 600, weekendMinutes: 0, holidayMinutes: 600 });
    expect(
      classifyInterval(kolkata, span("2026-03-12T08:00", "2026-03-12T18:00", kolkata.timezone), NO_HOLIDAYS, [
        "2026-03-12",
      ]),
    ).toEqual({ workMinutes: 0, offMinutes: 600, weekendMinutes: 0, holidayMinutes: 600 });
    expect(
      classifyInterval(kolkata, span("2026-03-14T10:00", "2026-03-14T11:00", kolkata.timezone), calendar, []),
    ).toEqual({ workMinutes: 0, offMinutes: 60, weekendMinutes: 60, holidayMinutes: 0 });
    // Another region's holiday is a workday here.
    expect(offHoursMinutes(newYork, span("2026-10-05T09:00", "2026-10-05T17:00", newYork.timezone), calendar, [])).toBe(
      0,
    );
  });

  it("empty and reversed intervals are zero; seconds count as fractions", () => {
    const zero = { workMinutes: 0, offMinutes: 0, weekendMinutes: 0, holidayMinutes: 0 };
    expect(classifyInterval(kolkata, span("2026-03-10T10:00", "2026-03-10T10:00", "UTC"), NO_HOLIDAYS, [])).toEqual(
      zero,
    );
    expect(classifyInterval(kolkata, span("2026-03-10T11:00", "2026-03-10T10:00", "UTC"), NO_HOLIDAYS, [])).toEqual(
      zero,
    );
    expect(
      offHoursMinutes(kolkata, span("2026-03-10T16:59:30", "2026-03-10T17:00:30", kolkata.timezone), NO_HOLIDAYS, []),
    ).toBe(0.5);
  });

  it("work plus off is the interval's length at random spans in DST zones", () => {
    let seed = 12;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 300; i++) {
      const person = [kolkata, sydney, newYork][i % 3] ?? kolkata;
      const start = DateTime.fromMillis(Date.UTC(2026, 0, 1) + random() * 365 * 86_400_000, { zone: "UTC" });
      const end = start.plus({ minutes: Math.floor(random() * 10 * 24 * 60) });
      const split = classifyInterval(person, { start, end }, NO_HOLIDAYS, []);
      expect(split.workMinutes + split.offMinutes).toBeCloseTo(end.diff(start, "minutes").minutes, 6);
      expect(split.weekendMinutes + split.holidayMinutes).toBeLessThanOrEqual(split.offMinutes + 1e-9);
      expect(split.workMinutes).toBeLessThanOrEqual(Math.ceil(end.diff(start, "days").days + 1) * 8 * 60);
    }
  });

  it("overlapping intervals of one person count once", () => {
    const a = span("2026-03-10T20:00", "2026-03-10T22:00", kolkata.timezone);
    const b = span("2026-03-10T21:00", "2026-03-10T23:00", kolkata.timezone);
    expect(mergeIntervals([b, a])).toHaveLength(1);
    expect(offHoursMinutesOfUnion(kolkata, [a, b], NO_HOLIDAYS, [])).toBe(180);
  });
});
