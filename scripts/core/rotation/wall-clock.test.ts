import { describe, expect, it } from "vitest";
import {
  clockMinutes,
  dayNumber,
  formatInstant,
  isoDate,
  localDay,
  offsetMinutes,
  startOfDateMillis,
  wallClock,
  wallClockMillis,
  weekdayOf,
} from "./wall-clock.js";

const utc = (iso: string): number => Date.parse(iso);

describe("calendar days", () => {
  it("round-trips dates through day numbers", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(isoDate(dayNumber("2028-02-29"))).toBe("2028-02-29");
    expect(dayNumber("2027-01-01") - dayNumber("2026-12-31")).toBe(1);
  });

  it("knows the weekday of a day number", () => {
    expect(weekdayOf(dayNumber("2026-03-09"))).toBe(1); // Monday
    expect(weekdayOf(dayNumber("2026-03-11"))).toBe(3); // Wednesday
    expect(weekdayOf(dayNumber("1969-12-28"))).toBe(7); // Sunday, before the epoch
  });

  it("finds the local calendar day of an instant", () => {
    // 03:00 UTC on 10 March is still 9 March in New York.
    expect(isoDate(localDay(utc("2026-03-10T03:00:00Z"), "America/New_York"))).toBe("2026-03-09");
    expect(isoDate(localDay(utc("2026-03-09T20:00:00Z"), "Pacific/Auckland"))).toBe("2026-03-10");
  });

  it("parses HH:MM", () => {
    expect(clockMinutes("11:00")).toBe(660);
    expect(clockMinutes("00:05")).toBe(5);
    expect(() => clockMinutes("noon")).toThrow(RangeError);
  });
});

describe("wallClockMillis", () => {
  it("follows the wall clock across DST (11:00 New York is 16:00 UTC in winter, 15:00 in summer)", () => {
    expect(wallClockMillis(dayNumber("2026-03-02"), 660, "America/New_York")).toBe(utc("2026-03-02T16:00:00Z"));
    expect(wallClockMillis(dayNumber("2026-03-09"), 660, "America/New_York")).toBe(utc("2026-03-09T15:00:00Z"));
  });

  it("moves a wall time inside a spring-forward gap forward by the gap", () => {
    expect(wallClockMillis(dayNumber("2026-03-08"), 150, "America/New_York")).toBe(utc("2026-03-08T07:30:00Z")); // 03:30 UTC-04:00
    expect(wallClock(dayNumber("2026-10-04"), 150, "Australia/Sydney").toISO()).toBe("2026-10-04T03:30:00.000+11:00");
  });

  it("takes the first occurrence of a repeated wall time", () => {
    expect(wallClockMillis(dayNumber("2026-11-01"), 90, "America/New_York")).toBe(utc("2026-11-01T05:30:00Z")); // 01:30 UTC-04:00
    expect(wallClock(dayNumber("2026-04-05"), 150, "Australia/Sydney").toISO()).toBe("2026-04-05T02:30:00.000+11:00");
    expect(wallClock(dayNumber("2026-10-25"), 150, "Europe/London").toISO()).toBe("2026-10-25T02:30:00.000+00:00"); // not repeated in London: 01:00-02:00 is
    expect(wallClock(dayNumber("2026-10-25"), 90, "Europe/London").toISO()).toBe("2026-10-25T01:30:00.000+01:00");
  });

  it("handles zones with odd offsets", () => {
    expect(wallClockMillis(dayNumber("2026-06-01"), 660, "Asia/Kathmandu")).toBe(utc("2026-06-01T05:15:00Z"));
    expect(offsetMinutes(utc("2026-06-01T00:00:00Z"), "Asia/Kolkata")).toBe(330);
  });

  it("rejects unknown zones", () => {
    expect(() => wallClockMillis(0, 0, "Mars/Olympus")).toThrow(/unknown time zone/);
  });

  it("starts a date at local midnight and formats instants in a zone", () => {
    expect(startOfDateMillis("2026-07-04", "America/New_York")).toBe(utc("2026-07-04T04:00:00Z"));
    expect(formatInstant(utc("2026-12-07T16:00:00Z"), "America/New_York")).toBe("2026-12-07 11:00 UTC-05:00");
  });
});
