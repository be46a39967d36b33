// Fails before issue 13 item 1: core/postmortem (postmortemDue) did not exist; drafts had no computed due date.
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { fixedHolidayCalendar, NO_HOLIDAYS } from "../slo/index.js";
import { inHolidayPeriod, postmortemDue } from "./due.js";

const ny = { timezone: "America/New_York", region: "US-NY" };
const berlin = { timezone: "Europe/Berlin", region: "DE-BE" };
const utc = (iso: string) => DateTime.fromISO(iso, { zone: "UTC" });

describe("postmortemDue (issue 13 item 1)", () => {
  it("counts business days after the day of resolution, skipping the weekend", () => {
    // Friday 2026-11-06 -> Monday 1, Tuesday 2.
    expect(postmortemDue(utc("2026-11-06T15:00:00Z"), ny, NO_HOLIDAYS, [], 2)).toBe("2026-11-10");
    // Wednesday -> Friday.
    expect(postmortemDue(utc("2026-11-18T15:08:00Z"), ny, NO_HOLIDAYS, [], 2)).toBe("2026-11-20");
    // Resolved on a Saturday: Monday and Tuesday.
    expect(postmortemDue(utc("2026-11-07T12:00:00Z"), ny, NO_HOLIDAYS, [], 2)).toBe("2026-11-10");
  });

  it("reads the resolution day in the first author's zone", () => {
    // Sunday 22:00 UTC is Sunday in New York (due Tuesday) but Monday morning in Tokyo (due Wednesday).
    const at = utc("2026-11-29T22:00:00Z");
    expect(postmortemDue(at, ny, NO_HOLIDAYS, [], 2)).toBe("2026-12-01");
    expect(postmortemDue(at, { timezone: "Asia/Tokyo", region: "JP" }, NO_HOLIDAYS, [], 2)).toBe("2026-12-02");
  });

  it("skips the public holidays of the author's region and the organisation's days off", () => {
    const calendar = fixedHolidayCalendar({ "DE-BE": ["2026-10-05"] });
    // Friday 2026-10-02: Monday is a holiday in Berlin, not in New York.
    expect(postmortemDue(utc("2026-10-02T10:00:00Z"), berlin, calendar, [], 2)).toBe("2026-10-07");
    expect(postmortemDue(utc("2026-10-02T14:00:00Z"), ny, calendar, [], 2)).toBe("2026-10-06");
    // An organisation day off counts for everyone.
    expect(postmortemDue(utc("2026-10-02T14:00:00Z"), ny, calendar, ["2026-10-06"], 2)).toBe("2026-10-07");
  });

  it("skips the end-of-year holiday period, across the new year", () => {
    const period = { from: "12-23", to: "01-02" };
    // Tuesday 2026-12-22: Dec 23 to Jan 2 are off, Jan 3 2027 is a Sunday: Monday 4 and Tuesday 5.
    expect(postmortemDue(utc("2026-12-22T16:00:00Z"), ny, NO_HOLIDAYS, [], 2, period)).toBe("2027-01-05");
    // Without the period only the weekend counts.
    expect(postmortemDue(utc("2026-12-22T16:00:00Z"), ny, NO_HOLIDAYS, [], 2)).toBe("2026-12-24");
    // Resolved inside the period.
    expect(postmortemDue(utc("2026-12-28T16:00:00Z"), ny, NO_HOLIDAYS, [], 1, period)).toBe("2027-01-04");
  });

  it("knows which dates are in a holiday period", () => {
    expect(inHolidayPeriod("2026-12-23", { from: "12-23", to: "01-02" })).toBe(true);
    expect(inHolidayPeriod("2027-01-02", { from: "12-23", to: "01-02" })).toBe(true);
    expect(inHolidayPeriod("2027-01-03", { from: "12-23", to: "01-02" })).toBe(false);
    expect(inHolidayPeriod("2026-07-10", { from: "07-01", to: "07-14" })).toBe(true);
    expect(inHolidayPeriod("2026-07-10", undefined)).toBe(false);
  });
});
