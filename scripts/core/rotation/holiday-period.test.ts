import { describe, expect, it } from "vitest";
import {
  holidaySlotEndMillis,
  holidaySlots,
  holidayWindowAt,
  holidayWindows,
  holidayWindowsBetween,
  unfilledHolidaySlots,
} from "./holiday-period.js";
import { DEFAULT_HOLIDAY_PERIOD } from "./config.js";
import { at, NY, rotation, shift } from "./test-kit.js";

describe("holiday windows", () => {
  it("runs from 23 December at the handoff time to 3 January at the handoff time by default", () => {
    const windows = holidayWindows(rotation(), 2026);
    expect(windows.map((w) => [w.layer, w.replaces, w.start.toISO(), w.end.toISO()])).toEqual([
      ["holiday-a", "rot-a", "2026-12-23T11:00:00.000-05:00", "2027-01-03T11:00:00.000-05:00"],
      ["holiday-b", "rot-b", "2026-12-23T11:00:00.000-05:00", "2027-01-03T11:00:00.000-05:00"],
    ]);
  });

  it("uses the replaced layer's own handoff time", () => {
    const config = rotation({
      layers: [
        { name: "rot-a", handoffDay: "monday", handoffTime: "09:30", shiftWeeks: 1, group: "eastern" },
        { name: "rot-b", handoffDay: "wednesday", handoffTime: "11:00", shiftWeeks: 1, group: "others" },
      ],
    });
    expect(holidayWindows(config, 2027)[0]!.start.toISO()).toBe("2027-12-23T09:30:00.000-05:00");
  });

  it("is empty when disabled, and skips volunteer layers replacing unknown layers", () => {
    expect(holidayWindows(rotation({ holidayPeriod: undefined }), 2026)).toEqual([]);
    const config = rotation({
      holidayPeriod: { ...DEFAULT_HOLIDAY_PERIOD, layers: [{ name: "holiday-x", replaces: "rot-x" }] },
    });
    expect(holidayWindows(config, 2026)).toEqual([]);
  });

  it("supports a period inside one year, and reads 02-29 as 02-28 in other years", () => {
    const config = rotation({ holidayPeriod: { ...DEFAULT_HOLIDAY_PERIOD, from: "02-29", to: "03-01" } });
    const w = holidayWindows(config, 2027)[0]!;
    expect([w.start.toISODate(), w.end.toISODate()]).toEqual(["2027-02-28", "2027-03-02"]);
    expect(holidayWindows(config, 2028)[0]!.start.toISODate()).toBe("2028-02-29");
  });

  it("finds windows overlapping a range and the window at an instant", () => {
    const config = rotation();
    const list = holidayWindowsBetween(
      config,
      at("2026-01-01T00:00").toMillis(),
      at("2028-01-01T00:00").toMillis(),
      "rot-b",
    );
    expect(list.map((w) => w.year)).toEqual([2025, 2026, 2027]);
    expect(holidayWindowAt(config, "rot-a", at("2027-01-03T10:59").toMillis())?.year).toBe(2026);
    expect(holidayWindowAt(config, "rot-a", at("2027-01-03T11:00").toMillis())).toBeUndefined();
  });
});

describe("holiday slots", () => {
  it("cuts the window into two-day slots, the last one shorter", () => {
    const w = holidayWindows(rotation(), 2026)[0]!;
    const slots = holidaySlots(w, 2, NY).map(
      (s) => `${s.start.toFormat("MM-dd HH:mm")}..${s.end.toFormat("MM-dd HH:mm")}`,
    );
    expect(slots).toEqual([
      "12-23 11:00..12-25 11:00",
      "12-25 11:00..12-27 11:00",
      "12-27 11:00..12-29 11:00",
      "12-29 11:00..12-31 11:00",
      "12-31 11:00..01-02 11:00",
      "01-02 11:00..01-03 11:00",
    ]);
  });

  it("ends a slot at the next boundary after an instant inside it", () => {
    const w = holidayWindows(rotation(), 2026)[0]!;
    expect(holidaySlotEndMillis(w, 2, NY, at("2026-12-25T10:00").toMillis())).toBe(at("2026-12-25T11:00").toMillis());
    expect(holidaySlotEndMillis(w, 2, NY, at("2026-12-25T11:00").toMillis())).toBe(at("2026-12-27T11:00").toMillis());
    expect(holidaySlotEndMillis(w, 2, NY, at("2027-01-02T12:00").toMillis())).toBe(at("2027-01-03T11:00").toMillis());
  });

  it("keeps slot boundaries on the wall clock across a DST change inside the window", () => {
    const config = rotation({
      timezone: "Australia/Sydney",
      holidayPeriod: { ...DEFAULT_HOLIDAY_PERIOD, from: "04-01", to: "04-10" },
    });
    const w = holidayWindows(config, 2026)[0]!;
    const hours = holidaySlots(w, 2, "Australia/Sydney").map((s) => s.start.setZone("Australia/Sydney").hour);
    expect(new Set(hours)).toEqual(new Set([11]));
  });
});

describe("unfilledHolidaySlots", () => {
  const shifts = [
    shift("holiday-a", "2026-12-23T11:00", "2026-12-25T11:00", null, { fallback: "ann" }),
    shift("holiday-a", "2026-12-25T11:00", "2026-12-27T11:00", "vol"),
    shift("holiday-b", "2027-01-02T11:00", "2027-01-03T11:00", null, { fallback: "bo" }),
    shift("rot-a", "2026-12-21T11:00", "2026-12-23T11:00", null, { fallback: "mgr" }),
  ];

  it("flags unfilled volunteer slots that start within flagDays and have not ended", () => {
    const flagged = (now: string, days: number) =>
      unfilledHolidaySlots(shifts, at(now), days, ["holiday-a", "holiday-b"]).map((s) => s.start.toISODate());
    expect(flagged("2026-12-01T00:00", 14)).toEqual([]);
    expect(flagged("2026-12-10T00:00", 14)).toEqual(["2026-12-23"]);
    expect(flagged("2026-12-24T00:00", 14)).toEqual(["2026-12-23", "2027-01-02"]);
    expect(flagged("2027-01-03T12:00", 14)).toEqual([]);
  });
});
