/**
 * Wall-clock arithmetic: turning "this calendar day at HH:MM in that zone" into an instant and back,
 * deterministically across DST changes.
 *
 * Calendar days are handled as day numbers (days since 1970-01-01, proleptic Gregorian) so that
 * week and period arithmetic never touches offsets; only the final step to an instant consults the
 * zone. Everything works on epoch milliseconds so the hot paths (generation over many years) do not
 * allocate `DateTime`s.
 */
import { DateTime, IANAZone } from "luxon";

/** Milliseconds in a 24-hour day (not a calendar day: those can be 23 or 25 hours long). */
export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const zones = new Map<string, IANAZone>();

/** A cached luxon zone; throws on a name that is not an IANA zone (the loader rejects those first). */
function zoneOf(name: string): IANAZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = IANAZone.create(name);
    if (!zone.isValid) throw new RangeError(`unknown time zone "${name}"`);
    zones.set(name, zone);
  }
  return zone;
}

/** Whether `name` is an IANA zone this runtime knows (cached: asking Intl builds a formatter). */
export function isKnownZone(name: string): boolean {
  if (zones.has(name)) return true;
  try {
    zoneOf(name);
    return true;
  } catch {
    return false;
  }
}

/** A UTC day during which the zone's offset changes: `before` until the instant `at`, `after` from it on. */
interface OffsetChange {
  at: number;
  before: number;
  after: number;
}

/**
 * Per zone and UTC day: the offset in force all day, or the change that happens during it. Asking the
 * zone (Intl underneath) costs microseconds, and generation and the SLO search ask millions of times
 * over the same days.
 */
const dayOffsets = new Map<string, Map<number, number | OffsetChange>>();

/** UTC offset of `zone` at the instant `ms`, in minutes (New York in winter: -300). */
export function offsetMinutes(ms: number, zone: string): number {
  let days = dayOffsets.get(zone);
  if (!days) dayOffsets.set(zone, (days = new Map()));
  const day = Math.floor(ms / DAY_MS);
  let offset = days.get(day);
  if (offset === undefined) {
    offset = dayOffset(zoneOf(zone), day);
    if (days.size > 200_000) days.clear();
    days.set(day, offset);
  }
  return typeof offset === "number" ? offset : ms < offset.at ? offset.before : offset.after;
}

function dayOffset(zone: IANAZone, day: number): number | OffsetChange {
  const start = day * DAY_MS;
  const end = start + DAY_MS - 1;
  const before = zone.offset(start);
  const after = zone.offset(end);
  // No real zone changes its offset twice within one day, so equal ends mean a constant day.
  if (before === after) return before;
  // The first millisecond with the new offset.
  let lo = start;
  let hi = end;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return { at: hi, before, after };
}

/** Day number (days since 1970-01-01) of a calendar date `YYYY-MM-DD`. */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  if (y === undefined || m === undefined || d === undefined) throw new RangeError(`not a date: "${date}"`);
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** The calendar date `YYYY-MM-DD` of a day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of the calendar day that the instant `ms` falls on in `zone`. */
export function localDay(ms: number, zone: string): number {
  return Math.floor((ms + offsetMinutes(ms, zone) * MINUTE_MS) / DAY_MS);
}

/** ISO weekday of a day number: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Minutes after midnight of a wall-clock time `HH:MM` (`11:00` is 660). */
export function clockMinutes(time: string): number {
  const [h, m] = time.split(":").map(Number);
  if (h === undefined || m === undefined || Number.isNaN(h) || Number.isNaN(m))
    throw new RangeError(`not a time: "${time}"`);
  return h * 60 + m;
}

/**
 * The instant (epoch ms) at which the wall clock of `zone` shows `minutes` after midnight on `day`.
 *
 * DST rules, chosen to be deterministic and documented rather than left to the library:
 * - a wall time that occurs twice (fall back, 01:30 in New York on the first Sunday of November)
 *   resolves to its FIRST occurrence, the earlier instant;
 * - a wall time that does not exist (spring forward, 02:30 in New York on the second Sunday of March)
 *   moves forward by the length of the gap (02:30 becomes 03:30), the same as luxon does.
 */
export function wallClockMillis(day: number, minutes: number, zone: string): number {
  const asUtc = day * DAY_MS + minutes * MINUTE_MS;
  // The offsets in force a day either side cover every transition except two within two days.
  const before = offsetMinutes(asUtc - DAY_MS, zone);
  const after = offsetMinutes(asUtc + DAY_MS, zone);
  let best = Number.POSITIVE_INFINITY;
  for (const offset of before === after ? [before] : [before, after]) {
    const candidate = asUtc - offset * MINUTE_MS;
    if (offsetMinutes(candidate, zone) === offset && candidate < best) best = candidate;
  }
  // No candidate reads back as that wall time: it is inside a gap. Using the offset from before the
  // gap lands the same distance past the transition as the wall time is past its start.
  return Number.isFinite(best) ? best : asUtc - before * MINUTE_MS;
}

/** `wallClockMillis` as a `DateTime` in `zone`. */
export function wallClock(day: number, minutes: number, zone: string): DateTime {
  return inZone(wallClockMillis(day, minutes, zone), zone);
}

/** Midnight at the start of calendar date `date` (`YYYY-MM-DD`) in `zone`, in epoch ms. */
export function startOfDateMillis(date: string, zone: string): number {
  return wallClockMillis(dayNumber(date), 0, zone);
}

/** An instant in `zone` (so that printing it shows the zone's wall clock). */
export function inZone(ms: number, zone: string): DateTime {
  return DateTime.fromMillis(ms, { zone: zoneOf(zone) });
}

/**
 * The zone of a local time, written the same way for every zone and locale: `UTC-05:00`, `UTC+01:00`,
 * `UTC+05:30`. (Short zone names are not used: en-US gives "EST" for New York but "GMT+1" for Berlin.)
 */
export function offsetName(dt: DateTime): string {
  return dt.toFormat("'UTC'ZZ");
}

/** Human-readable wall time for messages: `2026-12-07 11:00 UTC-05:00`. */
export function formatInstant(ms: number, zone: string): string {
  const local = inZone(ms, zone);
  return `${local.toFormat("yyyy-MM-dd HH:mm")} ${offsetName(local)}`;
}
