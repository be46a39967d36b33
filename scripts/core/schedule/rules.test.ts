import { describe, expect, it } from "vitest";
import type { Override, Person, Shift } from "../model/index.js";
import { generateSchedule } from "../rotation/index.js";
import { checkSchedule } from "./rules.js";
import { at, person, rotation, shift } from "../rotation/test-kit.js";

const config = rotation({ start: "2026-03-02" });
const people: Person[] = [
  person("ann"),
  person("bo"),
  person("cy", { end: "2026-03-20", manager: "mgr" }),
  person("dee", { timezone: "Europe/London" }),
  person("ed", { timezone: "Asia/Kolkata" }),
  person("nu", { start: "2026-02-01", timezone: "Europe/Berlin" }),
  person("nv", { start: "2026-02-01" }),
  person("mgr", { oncall: false }),
];
const override = (layer: string, start: string, end: string, by: string, src?: Override["src"]): Override => ({
  layer,
  start: at(start),
  end: at(end),
  by,
  ...(src && { src }),
});
const check = (shifts: Shift[], overrides: Override[] = [], now?: string) =>
  checkSchedule({ shifts, overrides, people, config, ...(now && { now: at(now) }) });
const rules = (shifts: Shift[], overrides: Override[] = [], now?: string) =>
  check(shifts, overrides, now).map((f) => `${f.severity}:${f.rule}`);

const base = (): Shift[] => [
  shift("rot-a", "2026-03-02T11:00", "2026-03-09T11:00", "ann"),
  shift("rot-a", "2026-03-09T11:00", "2026-03-16T11:00", "bo"),
  shift("rot-b", "2026-03-04T11:00", "2026-03-11T11:00", "dee"),
  shift("rot-b", "2026-03-11T11:00", "2026-03-18T11:00", "ed"),
];

describe("checkSchedule", () => {
  it("accepts a generated schedule, and its validity does not depend on now", () => {
    const cfg = rotation({ start: "2026-11-02" });
    const roster = people.filter((p) => p.login !== "cy");
    const { shifts } = generateSchedule({ config: cfg, people: roster, published: [], until: at("2027-03-01T00:00") });
    const run = (now?: string) =>
      checkSchedule({ shifts, overrides: [], people: roster, config: cfg, ...(now && { now: at(now) }) });
    expect(run()).toEqual([]);
    for (const now of ["2020-01-01T00:00", "2026-12-20T00:00", "2040-01-01T00:00"])
      expect(run(now).filter((f) => f.severity === "error")).toEqual([]);
  });

  it("accepts the small base schedule", () => {
    expect(rules(base())).toEqual([]);
  });

  it("reports unknown layers and shifts that end before they start, pointing at the field", () => {
    const src = { file: "rotations/schedule.yaml", path: ["shifts", 4] };
    const findings = check(
      [
        ...base(),
        shift("rot-z", "2026-03-02T11:00", "2026-03-09T11:00", "ann", { src }),
        shift("rot-a", "2026-03-20T11:00", "2026-03-16T11:00", "bo"),
      ],
      [override("rot-q", "2026-03-03T00:00", "2026-03-04T00:00", "bo")],
    );
    expect(findings.map((f) => [f.rule, f.field])).toEqual([
      ["unknown-layer", "layer"],
      ["end-before-start", "end"],
      ["unknown-layer", "layer"],
    ]);
    expect(findings[0]!.src).toEqual(src);
  });

  it("reports gaps and overlaps within a slot, including between a regular and a volunteer shift", () => {
    const shifts = base();
    shifts[1] = shift("rot-a", "2026-03-09T12:00", "2026-03-16T11:00", "bo");
    expect(rules(shifts)).toEqual(["error:schedule-gap"]);
    expect(check(shifts)[0]!.message).toMatch(
      /rot-a has nobody on call from 2026-03-09 11:00 UTC-04:00 until 2026-03-09 12:00 UTC-04:00/,
    );
    const overlapping = [...base(), shift("rot-a", "2026-03-15T11:00", "2026-03-22T11:00", "ann")];
    expect(rules(overlapping)).toEqual(["error:schedule-overlap"]);
    const withHoliday = [
      shift("rot-a", "2026-12-21T11:00", "2026-12-28T11:00", "ann"),
      shift("holiday-a", "2026-12-23T11:00", "2026-12-25T11:00", null, { fallback: "ann" }),
    ];
    expect(rules(withHoliday)).toContain("error:schedule-overlap");
  });

  it("reports unfilled shifts without a fallback", () => {
    const shifts = base();
    shifts[0] = shift("rot-a", "2026-03-02T11:00", "2026-03-09T11:00", null);
    expect(rules(shifts)).toEqual(["error:unfilled-no-fallback"]);
  });

  it("reports volunteer shifts outside the holiday window", () => {
    expect(rules([shift("holiday-b", "2026-07-01T11:00", "2026-07-03T11:00", "ann")])).toEqual([
      "error:holiday-outside-period",
    ]);
    expect(rules([shift("holiday-b", "2027-01-02T11:00", "2027-01-04T11:00", null, { fallback: "ann" })])).toEqual([
      "error:holiday-outside-period",
    ]);
    expect(rules([shift("holiday-b", "2027-01-02T11:00", "2027-01-03T11:00", null, { fallback: "ann" })])).toEqual([]);
  });

  it("reports overlapping overrides of one slot", () => {
    expect(
      rules(base(), [
        override("rot-a", "2026-03-03T00:00", "2026-03-05T00:00", "bo"),
        override("holiday-a", "2026-03-04T00:00", "2026-03-06T00:00", "bo"),
      ]),
    ).toContain("error:override-overlap");
  });

  it("enforces the new-hire rule on shifts and overrides", () => {
    const shifts = base();
    shifts[2] = shift("rot-b", "2026-03-04T11:00", "2026-03-11T11:00", "nu");
    expect(rules(shifts)).toEqual(["error:new-hire-too-early"]);
    expect(rules(base(), [override("rot-a", "2026-03-03T00:00", "2026-03-04T00:00", "nv")])).toEqual([
      "error:new-hire-too-early",
    ]);
    expect(check(shifts)[0]!.message).toMatch(/start 2026-02-01 \+ 60 days = 2026-04-02 00:00 UTC-04:00/);
  });

  it("reports shifts after an end date and shifts running past it", () => {
    const after = base();
    after[3] = shift("rot-b", "2026-03-11T11:00", "2026-03-18T11:00", "cy");
    expect(rules(after)).toEqual([]); // ends 18 March, the end date is 20 March
    const past = [...base(), shift("rot-b", "2026-03-18T11:00", "2026-03-25T11:00", "cy")];
    expect(check(past).map((f) => [f.rule, f.message.includes("runs past")])).toEqual([["after-end-date", true]]);
    const later = [
      ...base(),
      shift("rot-b", "2026-03-18T11:00", "2026-03-25T11:00", "ed"),
      shift("rot-b", "2026-03-25T11:00", "2026-04-01T11:00", "cy"),
    ];
    expect(check(later).map((f) => [f.rule, f.message.includes("is after")])).toEqual([["after-end-date", true]]);
  });

  it("reports one person on both slots at once, including through an override, but not as a fallback", () => {
    const shifts = base();
    shifts[2] = shift("rot-b", "2026-03-04T11:00", "2026-03-11T11:00", "ann");
    expect(rules(shifts)).toEqual(["error:both-layers"]);
    const src = { file: "rotations/overrides.yaml", path: ["overrides", 0] };
    const viaOverride = check(base(), [override("rot-b", "2026-03-05T00:00", "2026-03-06T00:00", "ann", src)]);
    expect(viaOverride.map((f) => [f.rule, f.field, f.src])).toEqual([["both-layers", "by", src]]);
    // An override taking ann off rot-a clears the clash.
    expect(rules(shifts, [override("rot-a", "2026-03-04T11:00", "2026-03-09T11:00", "bo")])).toEqual([]);
    const fallback = base();
    fallback[2] = shift("rot-b", "2026-03-04T11:00", "2026-03-11T11:00", null, { fallback: "ann" });
    expect(rules(fallback)).toEqual([]);
  });

  it("warns when two first-timers are on call together", () => {
    const cfg = rotation({ start: "2026-01-05" });
    const shifts = [
      shift("rot-a", "2026-01-05T11:00", "2026-04-06T11:00", "ann"),
      shift("rot-a", "2026-04-06T11:00", "2026-04-13T11:00", "nv"),
      shift("rot-b", "2026-01-07T11:00", "2026-04-08T11:00", "dee"),
      shift("rot-b", "2026-04-08T11:00", "2026-04-15T11:00", "nu"),
    ];
    const findings = checkSchedule({ shifts, overrides: [], people, config: cfg });
    expect(findings.map((f) => `${f.severity}:${f.rule}`)).toEqual(["warning:first-timers-paired"]);
  });

  it("warns (never errs) about a short horizon and unfilled volunteer slots, only when given now", () => {
    expect(rules(base(), [], "2026-03-10T00:00")).toEqual(["warning:horizon-short", "warning:horizon-short"]);
    expect(rules(base(), [], "2026-01-01T00:00")).toEqual([]); // reaches ten weeks ahead of that day
    expect(check(base(), [], "2026-03-10T00:00")[0]!.message).toMatch(
      /rot-a: the published schedule reaches only 2026-03-16 11:00 UTC-04:00, less than 5 weeks ahead/,
    );
    const holiday = [shift("holiday-a", "2026-12-23T11:00", "2026-12-25T11:00", null, { fallback: "ann" })];
    expect(rules(holiday, [], "2026-12-15T00:00")).toContain("warning:holiday-unfilled");
    expect(rules(holiday, [], "2026-11-15T00:00")).not.toContain("warning:holiday-unfilled");
    expect(rules(holiday)).toEqual([]);
  });
});
