import { describe, expect, it } from "vitest";
import { isWorkday } from "../core/slo/index.js";
import { isKnownRegion, loadHolidayCalendar } from "./holidays.js";

describe("isKnownRegion", () => {
  it.each([
    ["US-NY", true],
    ["DE", true],
    ["DE-BY", true],
    ["AU-NSW", true],
    ["IN", true],
    ["GB-ENG", true],
    ["US-XX", false],
    ["XX", false],
    ["us-ny", false],
    ["DE-BY-A", false],
    ["", false],
  ])("%s -> %s", (region, known) => {
    expect(isKnownRegion(region)).toBe(known);
  });
});

describe("loadHolidayCalendar", () => {
  it("loads once and shares the instance", async () => {
    const [a, b] = await Promise.all([loadHolidayCalendar(), loadHolidayCalendar()]);
    expect(a).toBe(b);
    expect(await loadHolidayCalendar()).toBe(a);
  });

  it.each([
    ["US-NY", "2025-07-04", true, "Independence Day"],
    ["US-NY", "2026-07-03", true, "substitute day for a Saturday July 4"],
    ["US-NY", "2025-07-05", false, "ordinary Saturday"],
    ["US-NY", "2025-02-14", false, "Valentine's Day is an observance"],
    ["US-NY", "2025-12-24", false, "Christmas Eve is optional"],
    ["US-NY", "2025-11-27", true, "Thanksgiving"],
    ["DE", "2025-12-25", true, "Christmas Day"],
    ["DE", "2025-12-26", true, "second day of Christmas"],
    ["DE", "2025-12-24", false, "Christmas Eve is a bank holiday from 14:00"],
    ["DE", "2025-01-06", false, "Epiphany is not a holiday everywhere in Germany"],
    ["DE-BY", "2025-01-06", true, "but it is in Bavaria"],
    ["AU-NSW", "2025-01-27", true, "Australia Day, observed on Monday"],
    ["IN", "2025-01-26", true, "Republic Day"],
    ["CN", "2024-02-10", true, "Spring Festival"],
    ["CN", "2024-03-08", false, "Women's Day is an afternoon holiday"],
    ["AE", "2025-03-31", true, "second day of a three-day Eid"],
    ["XX", "2025-12-25", false, "unknown region has no holidays"],
  ])("%s %s is a public holiday: %s (%s)", async (region, date, expected) => {
    const calendar = await loadHolidayCalendar();
    expect(calendar.isHoliday(region, date)).toBe(expected);
  });

  it("lists a year's public holidays in date order", async () => {
    const list = (await loadHolidayCalendar()).holidays("US-NY", 2025);
    expect(list.map((h) => h.date)).toEqual([...list.map((h) => h.date)].sort());
    expect(list).toContainEqual({ date: "2025-07-04", name: "Independence Day" });
    expect(list.every((h) => h.date.startsWith("2025-"))).toBe(true);
    expect((await loadHolidayCalendar()).holidays("XX", 2025)).toEqual([]);
  });

  it("plugs into core's workday rule", async () => {
    const calendar = await loadHolidayCalendar();
    const ny = { region: "US-NY" };
    expect(isWorkday(ny, "2025-07-04", calendar, [])).toBe(false);
    expect(isWorkday(ny, "2025-07-07", calendar, [])).toBe(true);
    expect(isWorkday({ region: "DE" }, "2025-12-25", calendar, [])).toBe(false);
  });
});
