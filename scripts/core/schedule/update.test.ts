import { describe, expect, it } from "vitest";
import type { RotationConfig } from "../model/index.js";
import { planScheduleUpdate } from "./update.js";
import { at, person, rotation } from "../rotation/test-kit.js";

const people = [
  person("ann"),
  person("bo"),
  person("cy"),
  person("dee", { timezone: "Europe/London" }),
  person("ed", { timezone: "Asia/Kolkata" }),
  person("fay", { timezone: "Europe/Berlin" }),
];

describe("planScheduleUpdate, first publication", () => {
  // Fails before issue 16 item 3: the example's start three months back published 47 ended shifts.
  it("never writes shifts that have already ended when the start is in the past", () => {
    const now = at("2026-12-04T09:00");
    const plan = planScheduleUpdate({
      config: rotation({ start: "2026-09-07" }),
      people,
      shifts: [],
      now,
      until: now.plus({ weeks: 5 }),
    });
    expect(plan.added.length).toBeGreaterThan(0);
    expect(plan.added.filter((s) => s.end <= now)).toEqual([]);
    // Each layer begins at its first handoff after now: Monday 7 and Wednesday 9 December at 11:00.
    const first = (layer: string) => plan.added.filter((s) => s.layer === layer)[0]!.start.toISO();
    expect(first("rot-a")).toBe(at("2026-12-07T11:00").toISO());
    expect(first("rot-b")).toBe(at("2026-12-09T11:00").toISO());
  });

  it("keeps a start in the future", () => {
    const now = at("2026-12-04T09:00");
    const plan = planScheduleUpdate({
      config: rotation({ start: "2027-01-11" }),
      people,
      shifts: [],
      now,
      until: at("2027-03-01T00:00"),
    });
    expect(plan.added[0]!.start.toISO()).toBe(at("2027-01-11T11:00").toISO());
  });

  // Fails before issue 16 item 4: "cannot start layer rot-a: nothing is published and the rotation has no start date".
  it("starts at the next handoff after now when the config has no start", () => {
    const config: RotationConfig = rotation();
    delete config.start;
    const now = at("2026-12-04T09:00");
    const plan = planScheduleUpdate({ config, people, shifts: [], now, until: now.plus({ weeks: 5 }) });
    expect(plan.added.filter((s) => s.layer === "rot-a")[0]!.start.toISO()).toBe(at("2026-12-07T11:00").toISO());
    expect(plan.added.every((s) => s.end > now)).toBe(true);
  });
});
