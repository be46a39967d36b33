import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  bestTarget,
  DEFAULT_SUPPORT_TIERS,
  tierAt,
  tierBoundaryMinutes,
  tierForLocalTime,
  type SupportTier,
  type TierTable,
} from "./support-tier.js";
import { fixedHolidayCalendar, NO_HOLIDAYS } from "./work-calendar.js";

const ZONES = ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Sydney"];

/** Local time -> expected tier on a workday and on a non-workday. */
const BOUNDARIES: [string, SupportTier, SupportTier][] = [
  ["00:00", "limited", "limited"],
  ["06:59", "limited", "limited"],
  ["07:00", "partial", "limited"],
  ["08:59", "partial", "limited"],
  ["09:00", "full", "partial"],
  ["16:59", "full", "partial"],
  ["17:00", "partial", "limited"],
  ["18:59", "partial", "limited"],
  ["19:00", "limited", "limited"],
  ["23:59", "limited", "limited"],
];

const TARGET: Record<SupportTier, number | null> = { full: 10, partial: 30, limited: null };

// Wednesday 2025-06-11 is a workday everywhere; Saturday 2025-06-14 is not.
const cases = ZONES.flatMap((zone) =>
  BOUNDARIES.flatMap(([time, onWorkday, offDay]) => [
    { zone, date: "2025-06-11", time, expected: onWorkday },
    { zone, date: "2025-06-14", time, expected: offDay },
  ]),
);

describe("tierAt at every boundary", () => {
  it.each(cases)("$zone $date $time -> $expected", ({ zone, date, time, expected }) => {
    const instant = DateTime.fromISO(`${date}T${time}`, { zone }).toUTC();
    const person = { timezone: zone, region: "XX" };
    expect(tierAt(person, instant, NO_HOLIDAYS, [])).toEqual({ tier: expected, targetMinutes: TARGET[expected] });
  });
});

describe("tierAt", () => {
  it("judges by the person's local date and time, not UTC", () => {
    // 2025-06-11T03:15Z is 09:00 in Kathmandu (+05:45) and 23:15 the day before in New York.
    const instant = DateTime.fromISO("2025-06-11T03:15:00Z");
    expect(tierAt({ timezone: "Asia/Kathmandu", region: "NP" }, instant, NO_HOLIDAYS, []).tier).toBe("full");
    expect(tierAt({ timezone: "America/New_York", region: "US" }, instant, NO_HOLIDAYS, []).tier).toBe("limited");
  });

  it("treats a public holiday of the region like a weekend", () => {
    const calendar = fixedHolidayCalendar({ "US-NY": ["2025-07-04"], DE: ["2025-12-25"] });
    const july4 = DateTime.fromISO("2025-07-04T10:00", { zone: "America/New_York" });
    expect(tierAt({ timezone: "America/New_York", region: "US-NY" }, july4, calendar, []).tier).toBe("partial");
    expect(tierAt({ timezone: "America/New_York", region: "US-CA" }, july4, calendar, []).tier).toBe("full");
    const christmas = DateTime.fromISO("2025-12-25T08:00", { zone: "Europe/Berlin" });
    expect(tierAt({ timezone: "Europe/Berlin", region: "DE" }, christmas, calendar, []).tier).toBe("limited");
  });

  it("treats organisation holidays like a weekend", () => {
    const instant = DateTime.fromISO("2025-11-28T10:00", { zone: "Europe/Berlin" });
    expect(tierAt({ timezone: "Europe/Berlin", region: "DE" }, instant, NO_HOLIDAYS, ["2025-11-28"]).tier).toBe(
      "partial",
    );
  });

  it("counts seconds: 08:59:59 is still before full support", () => {
    const instant = DateTime.fromISO("2025-06-11T08:59:59.999", { zone: "Europe/Berlin" });
    expect(tierAt({ timezone: "Europe/Berlin", region: "DE" }, instant, NO_HOLIDAYS, []).tier).toBe("partial");
  });

  it("rejects an unknown zone", () => {
    expect(() =>
      tierAt({ timezone: "Mars/Olympus", region: "DE" }, DateTime.fromISO("2025-06-11T10:00Z"), NO_HOLIDAYS, []),
    ).toThrow(/Mars/);
  });
});

describe("the tier table", () => {
  it("derives the boundaries from the table", () => {
    expect(tierBoundaryMinutes()).toEqual([0, 7 * 60, 9 * 60, 17 * 60, 19 * 60]);
  });

  it("can be replaced: a 24-hour follow-the-sun table", () => {
    const tiers: TierTable = [
      { tier: "full", targetMinutes: 5, workday: { from: 0, to: 1440 }, nonWorkday: { from: 0, to: 1440 } },
    ];
    expect(tierForLocalTime(false, 3 * 60, tiers)).toEqual({ tier: "full", targetMinutes: 5 });
    expect(tierBoundaryMinutes(tiers)).toEqual([0]);
  });

  it("lists the best tier first", () => {
    expect(DEFAULT_SUPPORT_TIERS.map((t) => t.tier)).toEqual(["full", "partial"]);
  });

  it("picks the smallest target, null when all are limited", () => {
    expect(
      bestTarget([
        { tier: "partial", targetMinutes: 30 },
        { tier: "full", targetMinutes: 10 },
      ]),
    ).toBe(10);
    expect(bestTarget([{ tier: "limited", targetMinutes: null }])).toBeNull();
    expect(bestTarget([])).toBeNull();
  });
});
