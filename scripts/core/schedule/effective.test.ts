import { describe, expect, it } from "vitest";
import type { CoverageSegment, Override } from "../model/index.js";
import { effectiveCoverage } from "./effective.js";
import { at, NY, person, rotation, shift } from "../rotation/test-kit.js";

const config = rotation();
const people = [
  person("ann"),
  person("bo"),
  person("cy", { end: "2026-03-10", manager: "mgr" }),
  person("mgr", { oncall: false }),
];
const show = (segments: CoverageSegment[]) =>
  segments.map(
    (s) =>
      `${s.slot}/${s.layer} ${s.start.setZone(NY).toFormat("MM-dd HH:mm")}..${s.end.setZone(NY).toFormat("MM-dd HH:mm")} ${s.login} ${s.source}`,
  );
const override = (layer: string, start: string, end: string, by: string): Override => ({
  layer,
  start: at(start),
  end: at(end),
  by,
});
const cover = (
  shifts: ReturnType<typeof shift>[],
  overrides: Override[] = [],
  from = "2026-01-01T00:00",
  to = "2027-12-31T00:00",
) => show(effectiveCoverage({ shifts, overrides, people, config, from: at(from), to: at(to) }));

describe("effectiveCoverage", () => {
  it("merges consecutive shifts of the same person and keeps slots apart", () => {
    const shifts = [
      shift("rot-a", "2026-03-02T11:00", "2026-03-09T11:00", "ann"),
      shift("rot-a", "2026-03-09T11:00", "2026-03-16T11:00", "ann"),
      shift("rot-b", "2026-03-04T11:00", "2026-03-11T11:00", "bo"),
    ];
    expect(cover(shifts)).toEqual([
      "rot-a/rot-a 03-02 11:00..03-16 11:00 ann schedule",
      "rot-b/rot-b 03-04 11:00..03-11 11:00 bo schedule",
    ]);
  });

  it("lets an override win for its window, splitting the shift", () => {
    const shifts = [shift("rot-a", "2026-03-02T11:00", "2026-03-09T11:00", "ann")];
    expect(cover(shifts, [override("rot-a", "2026-03-04T09:00", "2026-03-05T09:00", "bo")])).toEqual([
      "rot-a/rot-a 03-02 11:00..03-04 09:00 ann schedule",
      "rot-a/rot-a 03-04 09:00..03-05 09:00 bo override",
      "rot-a/rot-a 03-05 09:00..03-09 11:00 ann schedule",
    ]);
  });

  it("covers unfilled shifts with their fallback and volunteer slots with the volunteer", () => {
    const shifts = [
      shift("rot-a", "2026-12-21T11:00", "2026-12-23T11:00", null, { fallback: "mgr" }),
      shift("holiday-a", "2026-12-23T11:00", "2026-12-25T11:00", "bo", { fallback: "ann" }),
      shift("holiday-a", "2026-12-25T11:00", "2026-12-27T11:00", null, { fallback: "ann" }),
      shift("holiday-a", "2026-12-27T11:00", "2026-12-29T11:00", null, { fallback: "ann" }),
      shift("rot-a", "2026-12-29T11:00", "2027-01-04T11:00", null),
    ];
    expect(cover(shifts)).toEqual([
      "rot-a/rot-a 12-21 11:00..12-23 11:00 mgr fallback",
      "rot-a/holiday-a 12-23 11:00..12-25 11:00 bo holiday",
      "rot-a/holiday-a 12-25 11:00..12-29 11:00 ann fallback",
    ]);
  });

  it("hands a leaver's time after their end date to their manager", () => {
    const shifts = [shift("rot-b", "2026-03-04T11:00", "2026-03-11T11:00", "cy")];
    expect(cover(shifts)).toEqual([
      "rot-b/rot-b 03-04 11:00..03-11 00:00 cy schedule",
      "rot-b/rot-b 03-11 00:00..03-11 11:00 mgr fallback",
    ]);
  });

  it("marks unpublished shifts as preview, overrides still winning", () => {
    const published = shift("rot-a", "2026-03-02T11:00", "2026-03-09T11:00", "ann");
    const generated = shift("rot-a", "2026-03-09T11:00", "2026-03-16T11:00", "ann");
    const segments = effectiveCoverage({
      shifts: [published, generated],
      overrides: [override("rot-a", "2026-03-10T00:00", "2026-03-11T00:00", "bo")],
      people,
      config,
      from: at("2026-01-01T00:00"),
      to: at("2026-12-31T00:00"),
      preview: new Set([generated]),
    });
    expect(show(segments)).toEqual([
      "rot-a/rot-a 03-02 11:00..03-09 11:00 ann schedule",
      "rot-a/rot-a 03-09 11:00..03-10 00:00 ann preview",
      "rot-a/rot-a 03-10 00:00..03-11 00:00 bo override",
      "rot-a/rot-a 03-11 00:00..03-16 11:00 ann preview",
    ]);
  });

  it("clips to [from, to), ignores unknown layers and never overlaps within a slot", () => {
    const shifts = [
      shift("rot-a", "2026-03-02T11:00", "2026-03-09T11:00", "ann"),
      shift("rot-a", "2026-03-05T11:00", "2026-03-12T11:00", "bo"),
      shift("rot-z", "2026-03-02T11:00", "2026-03-09T11:00", "cy"),
    ];
    expect(cover(shifts, [], "2026-03-03T00:00", "2026-03-10T00:00")).toEqual([
      "rot-a/rot-a 03-03 00:00..03-09 11:00 ann schedule",
      "rot-a/rot-a 03-09 11:00..03-10 00:00 bo schedule",
    ]);
  });

  it("applies an override naming the volunteer layer to its slot, and one beyond the schedule", () => {
    const shifts = [shift("holiday-b", "2026-12-23T11:00", "2026-12-25T11:00", null, { fallback: "ann" })];
    expect(cover(shifts, [override("holiday-b", "2026-12-24T11:00", "2026-12-26T11:00", "bo")])).toEqual([
      "rot-b/holiday-b 12-23 11:00..12-24 11:00 ann fallback",
      "rot-b/holiday-b 12-24 11:00..12-26 11:00 bo override",
    ]);
  });
});
