import { describe, expect, it } from "vitest";
import type { RotationConfiguration } from "../model/generated/types.js";
import { DEFAULT_EASTERN_ZONES, DEFAULT_HANDOFF, DEFAULT_ROTATION, defaultHolidayLayers } from "./config.js";
import { normalizeRotation } from "./config.js";

const minimal: RotationConfiguration = {
  timezone: "America/New_York",
  seed: 7,
  layers: [
    { name: "rot-a", handoffDay: "monday", handoffTime: "11:00", group: "eastern" },
    { name: "rot-b", handoffDay: "wednesday", handoffTime: "11:00", group: "others" },
  ],
};

describe("normalizeRotation", () => {
  it("applies every documented default", () => {
    const config = normalizeRotation(minimal);
    expect(config).toMatchObject({
      timezone: "America/New_York",
      seed: 7,
      newHireDays: 60,
      horizonWeeks: 5,
      balanceTolerance: 2,
      orgHolidays: [],
    });
    expect(config.start).toBeUndefined();
    expect(config.easternZones).toEqual(DEFAULT_EASTERN_ZONES);
    expect(config.layers.map((l) => l.shiftWeeks)).toEqual([1, 1]);
    expect(config.holidayPeriod).toEqual({
      from: "12-23",
      to: "01-02",
      shiftDays: 2,
      flagDays: 14,
      layers: [
        { name: "holiday-a", replaces: "rot-a" },
        { name: "holiday-b", replaces: "rot-b" },
      ],
    });
  });

  it("keeps given values and fills the rest of a partial holiday period", () => {
    const config = normalizeRotation({
      ...minimal,
      layers: [{ ...minimal.layers[0], shiftWeeks: 2, members: ["ann", "bo"] }, minimal.layers[1]!],
      start: "2026-09-07",
      newHireDays: 30,
      horizonWeeks: 8,
      balanceTolerance: 0,
      easternZones: ["America/New_York"],
      holidayPeriod: { from: "12-20", shiftDays: 3 },
      orgHolidays: ["2026-12-25"],
    });
    expect(config).toMatchObject({
      start: "2026-09-07",
      newHireDays: 30,
      horizonWeeks: 8,
      balanceTolerance: 0,
      easternZones: ["America/New_York"],
      orgHolidays: ["2026-12-25"],
    });
    expect(config.layers[0]).toMatchObject({ shiftWeeks: 2, members: ["ann", "bo"] });
    expect(config.holidayPeriod).toMatchObject({ from: "12-20", to: "01-02", shiftDays: 3, flagDays: 14 });
  });

  it("drops the holiday period when disabled", () => {
    const config = normalizeRotation({ ...minimal, holidayPeriod: { enabled: false, from: "12-01" } });
    expect(config.holidayPeriod).toBeUndefined();
  });

  it("points each layer at its entry in the file", () => {
    const config = normalizeRotation(minimal, { file: "rotations/config.yaml", path: [] });
    expect(config.layers[1]!.src).toEqual({ file: "rotations/config.yaml", path: ["layers", 1] });
  });

  it("names default volunteer layers after renamed regular layers", () => {
    expect(defaultHolidayLayers([{ name: "rot-a" }, { name: "primary" }])).toEqual([
      { name: "holiday-a", replaces: "rot-a" },
      { name: "holiday-primary", replaces: "primary" },
    ]);
  });
});

describe("DEFAULT_ROTATION", () => {
  it("is the SPEC policy: rot-a Monday 11:00 eastern, rot-b Wednesday 11:00 others, New York", () => {
    expect(DEFAULT_ROTATION.timezone).toBe("America/New_York");
    expect(DEFAULT_ROTATION.layers).toEqual([
      { name: "rot-a", handoffDay: "monday", handoffTime: "11:00", shiftWeeks: 1, group: "eastern" },
      { name: "rot-b", handoffDay: "wednesday", handoffTime: "11:00", shiftWeeks: 1, group: "others" },
    ]);
    expect(DEFAULT_ROTATION.newHireDays).toBe(60);
    expect(DEFAULT_ROTATION.horizonWeeks).toBe(5);
  });
});

describe("handoff settings (issue 12 item 6)", () => {
  // Fails before issue 12 item 6: the config had no handoff block and RotationConfig no `handoff`.
  it("default to a 24-hour reminder, 3 catch-up days and the built-in checklist, field by field", () => {
    expect(normalizeRotation(minimal).handoff).toEqual({
      reminderHours: 24,
      catchUpDays: 3,
      checklist: [...DEFAULT_HANDOFF.checklist],
    });
    const custom = normalizeRotation({ ...minimal, handoff: { reminderHours: 12, checklist: ["Say hello"] } });
    expect(custom.handoff).toEqual({ reminderHours: 12, catchUpDays: 3, checklist: ["Say hello"] });
    const template = normalizeRotation({ ...minimal, handoff: { reportTemplate: "# {{layer}}" } });
    expect(template.handoff.reportTemplate).toBe("# {{layer}}");
    expect(DEFAULT_ROTATION.handoff).toBe(DEFAULT_HANDOFF);
  });
});
