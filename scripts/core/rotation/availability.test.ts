import { describe, expect, it } from "vitest";
import {
  availableUntilMillis,
  canHold,
  firstShiftAllowedMillis,
  firstShiftStarts,
  isExperienced,
  scheduleEpoch,
} from "./availability.js";
import { at, NY, person, rotation, shift } from "./test-kit.js";

describe("availability", () => {
  const config = rotation();
  it("allows a first shift from midnight 60 days after the start date (rotation zone)", () => {
    const p = person("new", { start: "2026-01-05" });
    expect(firstShiftAllowedMillis(p, 60, NY)).toBe(at("2026-03-06T00:00").toMillis());
    expect(canHold(p, config, at("2026-03-05T23:59").toMillis(), at("2026-03-12T11:00").toMillis())).toBe(false);
    expect(canHold(p, config, at("2026-03-06T00:00").toMillis(), at("2026-03-12T11:00").toMillis())).toBe(true);
  });

  it("keeps a leaver available through their end date", () => {
    const p = person("gone", { end: "2026-03-10" });
    expect(availableUntilMillis(p, NY)).toBe(at("2026-03-11T00:00").toMillis());
    expect(availableUntilMillis(person("stay"), NY)).toBe(Infinity);
    expect(canHold(p, config, at("2026-03-04T11:00").toMillis(), at("2026-03-11T00:00").toMillis())).toBe(true);
    expect(canHold(p, config, at("2026-03-04T11:00").toMillis(), at("2026-03-11T11:00").toMillis())).toBe(false);
  });

  it("treats people past the new-hire period when the schedule began as experienced", () => {
    const epoch = at("2026-03-02T11:00").toMillis();
    expect(isExperienced(person("old", { start: "2025-12-01" }), config, epoch)).toBe(true);
    expect(isExperienced(person("new", { start: "2026-01-15" }), config, epoch)).toBe(false);
  });

  it("finds first shifts and the schedule epoch", () => {
    const shifts = [
      shift("rot-a", "2026-03-09T11:00", "2026-03-16T11:00", "ann"),
      shift("rot-b", "2026-03-04T11:00", "2026-03-11T11:00", "bo"),
      shift("rot-a", "2026-03-02T11:00", "2026-03-09T11:00", "bo"),
      shift("rot-a", "2026-02-23T11:00", "2026-03-02T11:00", null, { fallback: "mgr" }),
    ];
    expect(firstShiftStarts(shifts)).toEqual(
      new Map([
        ["ann", at("2026-03-09T11:00").toMillis()],
        ["bo", at("2026-03-02T11:00").toMillis()],
      ]),
    );
    expect(scheduleEpoch(shifts)).toBe(at("2026-02-23T11:00").toMillis());
    expect(scheduleEpoch([])).toBeUndefined();
  });
});
