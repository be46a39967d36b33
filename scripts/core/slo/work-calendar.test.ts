import { describe, expect, it } from "vitest";
import { fixedHolidayCalendar, isWorkday, NO_HOLIDAYS, nonWorkdayReason } from "./work-calendar.js";
import { NO_REGION, withRegionHolidays } from "./work-calendar.js";

const ny = { region: "US-NY" };
const berlin = { region: "DE" };
const calendar = fixedHolidayCalendar({ "US-NY": ["2025-07-04"], DE: ["2025-12-25", "2025-12-26"] });

describe("isWorkday", () => {
  it.each([
    ["2025-07-07", true, "Monday"],
    ["2025-07-11", true, "Friday"],
    ["2025-07-12", false, "Saturday"],
    ["2025-07-13", false, "Sunday"],
  ])("%s is a workday: %s (%s)", (date, expected) => {
    expect(isWorkday(ny, date, NO_HOLIDAYS, [])).toBe(expected);
  });

  it("a public holiday of the person's region is a non-workday", () => {
    expect(isWorkday(ny, "2025-07-04", calendar, [])).toBe(false);
    expect(nonWorkdayReason(ny, "2025-07-04", calendar, [])).toBe("public-holiday");
    expect(isWorkday(berlin, "2025-12-25", calendar, [])).toBe(false);
  });

  it("another region's holiday does not count", () => {
    expect(isWorkday(berlin, "2025-07-04", calendar, [])).toBe(true);
    expect(isWorkday(ny, "2025-12-26", calendar, [])).toBe(true);
  });

  it("organisation holidays count for everyone, given as a list or a set", () => {
    expect(isWorkday(ny, "2025-11-28", calendar, ["2025-11-28"])).toBe(false);
    expect(isWorkday(berlin, "2025-11-28", calendar, new Set(["2025-11-28"]))).toBe(false);
    expect(nonWorkdayReason(berlin, "2025-11-28", calendar, ["2025-11-28"])).toBe("org-holiday");
  });

  it("names a weekend before a holiday falling on it", () => {
    expect(nonWorkdayReason(ny, "2026-07-04", fixedHolidayCalendar({ "US-NY": ["2026-07-04"] }), [])).toBe("weekend");
  });

  it("rejects something that is not a date", () => {
    expect(() => isWorkday(ny, "2025-13-01", NO_HOLIDAYS, [])).toThrow(RangeError);
  });
});

describe("withRegionHolidays", () => {
  const library = fixedHolidayCalendar({ "US-NY": ["2026-07-03"] });
  const calendar = withRegionHolidays(library, { NP: ["2026-10-21"], "US-NY": ["2026-11-27"] });

  // Fails before issue 16 item 5: organisation-defined region lists did not exist.
  it("adds the organisation's days to the library's, for regions it lacks and ones it knows", () => {
    expect(isWorkday({ region: "NP" }, "2026-10-21", calendar, [])).toBe(false);
    expect(isWorkday({ region: "NP" }, "2026-10-22", calendar, [])).toBe(true);
    expect(nonWorkdayReason({ region: "US-NY" }, "2026-11-27", calendar, [])).toBe("public-holiday");
    expect(nonWorkdayReason({ region: "US-NY" }, "2026-07-03", calendar, [])).toBe("public-holiday");
  });

  it("gives region none no public holidays, only the organisation's days off", () => {
    expect(isWorkday({ region: NO_REGION }, "2026-10-21", calendar, [])).toBe(true);
    expect(nonWorkdayReason({ region: NO_REGION }, "2026-12-24", calendar, ["2026-12-24"])).toBe("org-holiday");
  });
});
