/**
 * Invariants of the published schedule and overrides, as findings. Whether a repository is valid never
 * depends on the day it is checked: only the two warnings (`horizon-short`, `holiday-unfilled`) look at
 * `now`, and they are skipped when no `now` is given. Unknown logins are the loader's business.
 *
 * Rules here are about shapes and time (layers, gaps, overlaps, overrides outside the published
 * schedule, the holiday window, the horizon); the
 * rules about people (new hires, leavers, one person on two slots, first-timers) live in
 * schedule-people-rules.ts and run as part of `checkSchedule`.
 */
import type { DateTime } from "luxon";
import type { Finding, Override, Person, RotationConfig, Shift } from "../model/index.js";
import { describe, finding } from "./findings.js";
import { slotOfLayer } from "./effective.js";
import { holidayWindowsBetween, unfilledHolidaySlots } from "../rotation/index.js";
import { checkSchedulePeople } from "./people-rules.js";
import { formatInstant } from "../rotation/index.js";

/** Input of `checkSchedule`. */
export interface ScheduleCheckInput {
  shifts: readonly Shift[];
  overrides: readonly Override[];
  people: readonly Person[];
  config: RotationConfig;
  /** Only for the two warnings; validity never depends on it. */
  now?: DateTime;
}

/** Every schedule invariant plus the two time-dependent warnings; see the module comment. */
export function checkSchedule(input: ScheduleCheckInput): Finding[] {
  const { config, shifts, overrides } = input;
  const zone = config.timezone;
  const slotOf = slotOfLayer(config);
  const findings: Finding[] = [];
  const usable = <T extends Shift | Override>(list: readonly T[], what: string): T[] =>
    list.filter((e) => {
      if (!slotOf.has(e.layer)) {
        findings.push(
          finding(
            "error",
            "unknown-layer",
            `${what} names layer "${e.layer}", which is not a layer of the rotation config`,
            e,
            "layer",
          ),
        );
        return false;
      }
      if (e.end <= e.start) {
        findings.push(finding("error", "end-before-start", `${describe(e, zone)} ends before it starts`, e, "end"));
        return false;
      }
      return true;
    });
  const goodShifts = usable(shifts, "a shift");
  const goodOverrides = usable(overrides, "an override");

  for (const shift of goodShifts) {
    if (shift.login === null && !shift.fallback) {
      findings.push(
        finding(
          "error",
          "unfilled-no-fallback",
          `${describe(shift, zone)} is unfilled and has no fallback, so nobody is on call`,
          shift,
          "login",
        ),
      );
    }
    if (slotOf.get(shift.layer) !== shift.layer) {
      const inside = holidayWindowsBetween(config, shift.start.toMillis(), shift.end.toMillis()).some(
        (w) => w.layer === shift.layer && w.start <= shift.start && shift.end <= w.end,
      );
      if (!inside)
        findings.push(
          finding(
            "error",
            "holiday-outside-period",
            `${describe(shift, zone)} lies outside the holiday period of ${shift.layer}`,
            shift,
            "start",
          ),
        );
    }
  }

  for (const layer of config.layers) {
    const own = goodShifts
      .filter((s) => slotOf.get(s.layer) === layer.name)
      .sort((a, b) => a.start.toMillis() - b.start.toMillis());
    let prev: Shift | undefined;
    for (const shift of own) {
      if (prev && shift.start < prev.end) {
        findings.push(
          finding(
            "error",
            "schedule-overlap",
            `${describe(shift, zone)} overlaps ${describe(prev, zone)}: a slot has exactly one shift at a time`,
            shift,
            "start",
          ),
        );
      } else if (prev && shift.start > prev.end) {
        findings.push(
          finding(
            "error",
            "schedule-gap",
            `${layer.name} has nobody on call from ${formatInstant(prev.end.toMillis(), zone)} until ${formatInstant(shift.start.toMillis(), zone)}`,
            shift,
            "start",
          ),
        );
      }
      if (!prev || shift.end > prev.end) prev = shift;
    }
    const ownOverrides = goodOverrides
      .filter((o) => slotOf.get(o.layer) === layer.name)
      .sort((a, b) => a.start.toMillis() - b.start.toMillis());
    let reach: Override | undefined;
    for (const o of ownOverrides) {
      if (reach && o.start < reach.end)
        findings.push(
          finding("error", "override-overlap", `${describe(o, zone)} overlaps ${describe(reach, zone)}`, o, "start"),
        );
      if (!reach || o.end > reach.end) reach = o;
      // An override stands in for part of a published shift; one touching none changes nothing (a typo
      // in the year, or a date before the rotation began or beyond what is published).
      if (!own.some((s) => s.start < o.end && o.start < s.end)) {
        const span = own.length
          ? `runs from ${formatInstant(own[0]!.start.toMillis(), zone)} to ${formatInstant(prev!.end.toMillis(), zone)}`
          : "has no shifts yet";
        const message =
          `${describe(o, zone)} covers no published ${layer.name} shift ` +
          `(the published ${layer.name} schedule ${span}); ` +
          "check its dates, or add it once the schedule reaches them";
        findings.push(finding("error", "override-outside-schedule", message, o, "start"));
      }
    }
    // A layer that has ended (an imported rotation's end) needs no horizon past its end.
    const layerEnd = layer.end === undefined ? Infinity : Date.parse(layer.end);
    const ended =
      layerEnd <= (input.now?.toMillis() ?? -Infinity) || (prev !== undefined && prev.end.toMillis() >= layerEnd);
    if (input.now && !ended) {
      const wanted = input.now.plus({ weeks: config.horizonWeeks });
      const last = prev?.end;
      if (!last || last < wanted) {
        const reachText = last ? `reaches only ${formatInstant(last.toMillis(), zone)}` : "has no shifts";
        findings.push({
          severity: "warning",
          rule: "horizon-short",
          message: `${layer.name}: the published schedule ${reachText}, less than ${config.horizonWeeks} weeks ahead; run schedule generate`,
          ...(layer.src && { src: layer.src }),
        });
      }
    }
  }

  if (input.now && config.holidayPeriod) {
    const layers = config.holidayPeriod.layers.map((l) => l.name);
    for (const shift of unfilledHolidaySlots(goodShifts, input.now, config.holidayPeriod.flagDays, layers)) {
      const fallback = shift.fallback ? `; until someone volunteers, ${shift.fallback} covers it` : "";
      findings.push(
        finding(
          "warning",
          "holiday-unfilled",
          `${describe(shift, zone)} still needs a volunteer${fallback}`,
          shift,
          "login",
        ),
      );
    }
  }

  findings.push(...checkSchedulePeople({ ...input, shifts: goodShifts, overrides: goodOverrides }));
  return findings;
}
