/**
 * The end-of-year holiday period, when each regular layer is replaced by a volunteer layer with short
 * slots.
 *
 * For every volunteer layer the window begins on `from` at the REPLACED layer's handoff time and ends on
 * the day after `to` at that same time (default: 23 December 11:00 to 3 January 11:00 New York). Inside
 * the window the slots are `shiftDays` calendar days long, counted from the window start on the wall
 * clock (so they stay at 11:00 across any DST change); the last slot is shorter when the window does not
 * divide evenly. A regular shift that overlaps the window is clipped to it, and the regular layer resumes
 * at the window end with a partial shift up to its next regular handoff (see schedule-generate.ts).
 *
 * A `from` or `to` of 02-29 in a year without one is read as 02-28.
 */
import type { DateTime } from "luxon";
import type { RotationConfig, Shift } from "../model/index.js";
import { clockMinutes, inZone, localDay, wallClockMillis } from "./wall-clock.js";

/** The holiday window of one volunteer layer in one year. */
export interface HolidayWindow {
  /** Volunteer layer (holiday-a). */
  layer: string;
  /** Regular layer it replaces (rot-a): the slot being covered. */
  replaces: string;
  /** Calendar year in which the window begins. */
  year: number;
  /** Inclusive start, in the rotation zone. */
  start: DateTime;
  /** Exclusive end, in the rotation zone. */
  end: DateTime;
  /** Day number of the first day (the slot grid is counted from it). */
  firstDay: number;
  /** Wall-clock minutes after midnight of the window's edges and slot boundaries. */
  minutes: number;
}

/** Day number of MM-DD in `year`, clamping the day to the month's length. */
function monthDay(year: number, mmdd: string): number {
  const month = Number(mmdd.slice(0, 2));
  const day = Number(mmdd.slice(3, 5));
  const lastOfMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Math.floor(Date.UTC(year, month - 1, Math.min(day, lastOfMonth)) / 86_400_000);
}

/**
 * The holiday windows that begin in `year`, one per volunteer layer whose replaced layer exists, in the
 * order of `holidayPeriod.layers`. Empty when the period is disabled.
 */
export function holidayWindows(config: RotationConfig, year: number): HolidayWindow[] {
  const period = config.holidayPeriod;
  if (!period) return [];
  const zone = config.timezone;
  const out: HolidayWindow[] = [];
  for (const volunteer of period.layers) {
    const regular = config.layers.find((l) => l.name === volunteer.replaces);
    if (!regular) continue;
    const minutes = clockMinutes(regular.handoffTime);
    const firstDay = monthDay(year, period.from);
    const lastDay = monthDay(period.to < period.from ? year + 1 : year, period.to);
    out.push({
      layer: volunteer.name,
      replaces: volunteer.replaces,
      year,
      start: inZone(wallClockMillis(firstDay, minutes, zone), zone),
      end: inZone(wallClockMillis(lastDay + 1, minutes, zone), zone),
      firstDay,
      minutes,
    });
  }
  return out;
}

/** Holiday windows of every layer (or of the slot `replaces` only) overlapping [fromMs, toMs), by start. */
export function holidayWindowsBetween(
  config: RotationConfig,
  fromMs: number,
  toMs: number,
  replaces?: string,
): HolidayWindow[] {
  if (!config.holidayPeriod || toMs <= fromMs) return [];
  const firstYear = new Date(localDay(fromMs, config.timezone) * 86_400_000).getUTCFullYear() - 1;
  const lastYear = new Date(localDay(toMs, config.timezone) * 86_400_000).getUTCFullYear();
  const out: HolidayWindow[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    for (const w of holidayWindows(config, year)) {
      if (replaces !== undefined && w.replaces !== replaces) continue;
      if (w.start.toMillis() < toMs && w.end.toMillis() > fromMs) out.push(w);
    }
  }
  return out.sort((a, b) => a.start.toMillis() - b.start.toMillis());
}

/** The window of slot `replaces` containing the instant `atMs`, if any. */
export function holidayWindowAt(config: RotationConfig, replaces: string, atMs: number): HolidayWindow | undefined {
  return holidayWindowsBetween(config, atMs, atMs + 1, replaces)[0];
}

/**
 * End (epoch ms) of the volunteer slot containing `atMs` inside `window`: the next slot boundary after
 * `atMs` (boundaries every `shiftDays` days from the window start), capped at the window end.
 */
export function holidaySlotEndMillis(window: HolidayWindow, shiftDays: number, zone: string, atMs: number): number {
  const endMs = window.end.toMillis();
  let k = Math.max(1, Math.floor((localDay(atMs, zone) - window.firstDay) / shiftDays));
  for (;;) {
    const boundary = wallClockMillis(window.firstDay + k * shiftDays, window.minutes, zone);
    if (boundary >= endMs) return endMs;
    if (boundary > atMs) return boundary;
    k += 1;
  }
}

/**
 * Holiday windows of one config, computed once per year and looked up by slot and instant: the
 * generator asks at every piece it emits.
 */
export class HolidayWindowIndex {
  private readonly years = new Map<number, HolidayWindow[]>();

  constructor(private readonly config: RotationConfig) {}

  /** The window of slot `replaces` containing `ms`, or else the start (epoch ms) of its next window within a year. */
  near(replaces: string, ms: number): { inside?: HolidayWindow; nextStart?: number } {
    if (!this.config.holidayPeriod) return {};
    const year = new Date(localDay(ms, this.config.timezone) * 86_400_000).getUTCFullYear();
    let nextStart: number | undefined;
    for (const y of [year - 1, year, year + 1]) {
      let list = this.years.get(y);
      if (!list) this.years.set(y, (list = holidayWindows(this.config, y)));
      for (const w of list) {
        if (w.replaces !== replaces) continue;
        const s = w.start.toMillis();
        if (s <= ms && ms < w.end.toMillis()) return { inside: w };
        if (s > ms && (nextStart === undefined || s < nextStart)) nextStart = s;
      }
    }
    return nextStart === undefined ? {} : { nextStart };
  }
}

/** Every volunteer slot of `window`, in order: [start, end) pairs in the rotation zone. */
export function holidaySlots(
  window: HolidayWindow,
  shiftDays: number,
  zone: string,
): { start: DateTime; end: DateTime }[] {
  const out: { start: DateTime; end: DateTime }[] = [];
  let ms = window.start.toMillis();
  const endMs = window.end.toMillis();
  while (ms < endMs) {
    const next = holidaySlotEndMillis(window, shiftDays, zone, ms);
    out.push({ start: inZone(ms, zone), end: inZone(next, zone) });
    ms = next;
  }
  return out;
}

/**
 * Unfilled volunteer slots to flag at `now`: shifts of a layer in `holidayLayers` with no login that
 * have not ended yet and start within `flagDays` days (default 14 in the config) of `now`.
 */
export function unfilledHolidaySlots(
  shifts: readonly Shift[],
  now: DateTime,
  flagDays: number,
  holidayLayers: readonly string[],
): Shift[] {
  const layers = new Set(holidayLayers);
  const nowMs = now.toMillis();
  const horizon = now.plus({ days: flagDays }).toMillis();
  return shifts
    .filter((s) => layers.has(s.layer) && s.login === null && s.end.toMillis() > nowMs && s.start.toMillis() < horizon)
    .sort((a, b) => a.start.toMillis() - b.start.toMillis());
}
