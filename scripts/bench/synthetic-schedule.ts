/**
 * The published schedule and overrides of the synthetic organisation, generated with the real engine
 * (the same calls `oncall schedule generate` makes), and the who-is-on-call index the incident
 * generator uses to name the on-call engineers of each incident.
 */
import type { DateTime } from "luxon";
import type { Override, Shift } from "../core/model/index.js";
import type { Overrides } from "../core/model/generated/types.js";
import { generateSchedule } from "../core/rotation/index.js";
import { effectiveCoverage } from "../core/schedule/index.js";
import { buildWhoIndex, type WhoIndex } from "../core/schedule/index.js";
import { dayNumber, inZone, wallClockMillis, weekdayOf } from "../core/rotation/index.js";
import { appendShifts, isoInstant } from "../repo/schedule-file.js";
import { ROTATION_START, type SyntheticRoster } from "./synthetic-roster.js";
import type { Random } from "./random.js";

const DAY_MS = 86_400_000;

/** Midnight New York time `years` years after the rotation start: where generation stops. */
export function scheduleEnd(roster: SyntheticRoster, years: number): DateTime {
  const [y, m, d] = ROTATION_START.split("-");
  return inZone(
    wallClockMillis(dayNumber(`${Number(y) + years}-${m}-${d}`), 0, roster.config.timezone),
    roster.config.timezone,
  );
}

/** `years` years of shifts from the rotation start, as the engine generates them. */
export function generateShifts(roster: SyntheticRoster, years: number): Shift[] {
  return generateSchedule({
    config: roster.config,
    people: roster.people,
    published: [],
    until: scheduleEnd(roster, years),
  }).shifts;
}

/** rotations/schedule.yaml for `shifts`, written exactly as `oncall schedule generate` appends them. */
export function scheduleText(roster: SyntheticRoster, shifts: readonly Shift[]): string {
  return appendShifts(null, shifts, roster.config.timezone);
}

/**
 * One day-long override per layer about every eight weeks (never in December or early January), by a
 * steady member of the same layer, so that nobody ends up on two layers at once.
 */
export function syntheticOverrides(roster: SyntheticRoster, years: number, random: Random): Override[] {
  const zone = roster.config.timezone;
  const first = dayNumber(ROTATION_START) + 14;
  const last = Math.floor(scheduleEnd(roster, years).toMillis() / DAY_MS) - 14;
  const out: Override[] = [];
  roster.config.layers.forEach((layer, l) => {
    const standIns = roster.steady.get(layer.name) ?? [];
    if (standIns.length === 0) return;
    for (let day = first + 3 * l; day < last; day += 56) {
      const d = day - (weekdayOf(day) - 1) + 1; // the Tuesday of that week
      const month = new Date(d * DAY_MS).getUTCMonth();
      const date = new Date(d * DAY_MS).getUTCDate();
      if (month === 11 || (month === 0 && date < 10)) continue;
      out.push({
        layer: layer.name,
        start: inZone(wallClockMillis(d, 9 * 60, zone), zone),
        end: inZone(wallClockMillis(d + 1, 9 * 60, zone), zone),
        by: random.pick(standIns),
        reason: random.pick(REASONS),
      });
    }
  });
  return out;
}

const REASONS = [
  "Covers the scheduled engineer's day at the quarterly planning offsite.",
  "Stands in while the scheduled engineer is travelling to a customer visit.",
  "Takes the day while the scheduled engineer gives a conference talk; paid back on a later shift.",
  "Covers a medical appointment.",
];

/** rotations/overrides.yaml content. */
export function overridesFile(overrides: readonly Override[], zone: string): Overrides {
  return {
    overrides: overrides.map((o) => ({
      layer: o.layer,
      start: isoInstant(o.start, zone),
      end: isoInstant(o.end, zone),
      by: o.by,
      ...(o.reason !== undefined && { reason: o.reason }),
    })),
  };
}

/** Who-is-on-call index over the whole schedule, overrides and fallbacks folded in. */
export function whoIndexFor(
  roster: SyntheticRoster,
  shifts: readonly Shift[],
  overrides: readonly Override[],
  years: number,
): WhoIndex {
  const zone = roster.config.timezone;
  const segments = effectiveCoverage({
    shifts,
    overrides,
    people: roster.people,
    config: roster.config,
    from: inZone(Date.parse(`${ROTATION_START}T00:00:00Z`) - DAY_MS, zone),
    to: scheduleEnd(roster, years),
  });
  return buildWhoIndex(segments);
}
