/**
 * Effective coverage of a window that may run past the published schedule: the published part as it
 * is, the rest generated in memory from the rotation config and marked "preview". Questions about the
 * future (status, handoffs, SLO deadlines) then get an answer instead of "nobody".
 */
import type { DateTime } from "luxon";
import type { CoverageSegment, Override, Person, RotationConfig, Shift } from "../model/index.js";
import { effectiveCoverage } from "./effective.js";
import { generateSchedule, shiftDaysOf } from "../rotation/index.js";
import { publishedUntil } from "./who.js";
import { DAY_MS, formatInstant, inZone, startOfDateMillis } from "../rotation/index.js";

export interface CoverageWindowInput {
  config: RotationConfig;
  people: readonly Person[];
  shifts: readonly Shift[];
  overrides: readonly Override[];
  from: DateTime;
  to: DateTime;
}

export interface CoverageWindow {
  segments: CoverageSegment[];
  /** True when some of [from, to) comes from an unpublished preview. */
  preview: boolean;
  /** Sentences naming the slots whose published schedule ends inside the window. */
  notes: string[];
  /** Published shifts plus the previewed ones, for callers that need the shifts themselves. */
  shifts: readonly Shift[];
  /** The previewed (generated, unpublished) shifts alone; empty when the published schedule reaches `to`. */
  previewed: readonly Shift[];
}

export function coverageWindow(input: CoverageWindowInput): CoverageWindow {
  const { config, people, shifts, overrides, from, to } = input;
  const published = publishedUntil(shifts, config);
  const toMs = to.toMillis();
  const behind = config.layers.filter((l) => {
    const end = published.get(l.name)?.toMillis() ?? -Infinity;
    // A layer that has ended (an imported rotation's end) is not behind: nobody follows its last shift.
    return end < toMs && !(l.end !== undefined && end >= Date.parse(l.end));
  });
  if (!behind.length)
    return {
      segments: effectiveCoverage({ shifts, overrides, people, config, from, to }),
      preview: false,
      notes: [],
      shifts,
      previewed: [],
    };
  const longest = Math.max(...config.layers.map((l) => Math.ceil(shiftDaysOf(l) / 7)));
  const startMs =
    config.start !== undefined
      ? startOfDateMillis(config.start, config.timezone)
      : from.toMillis() - (7 * longest + 1) * DAY_MS;
  const generated = generateSchedule({
    config,
    people,
    published: shifts,
    until: to,
    from: inZone(startMs, config.timezone),
  });
  const all = [...shifts, ...generated.shifts];
  const notes = behind.map((l) => {
    const end = published.get(l.name);
    return `${l.name}: the published schedule ${end ? `ends ${formatInstant(end.toMillis(), config.timezone)}` : "has no shifts"}; later times come from a preview generated from the rotation config (not published).`;
  });
  const preview = generated.shifts.some((s) => s.end > from && s.start < to);
  return {
    segments: effectiveCoverage({
      shifts: all,
      overrides,
      people,
      config,
      from,
      to,
      preview: new Set(generated.shifts),
    }),
    preview,
    notes: preview ? notes : [],
    shifts: all,
    previewed: generated.shifts,
  };
}
