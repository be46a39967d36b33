/**
 * Working time and off-hours by a person's own clock and calendar: how much of an interval fell outside
 * their working day. The handoff summary uses it to show response time that can be reclaimed (SPEC
 * section 8); the fairness report splits on-call time the same way (weekend and holiday hours).
 *
 * Workdays come from the acknowledgement SLO's work calendar (weekends, public holidays of the person's
 * region, organisation holidays), so both features agree on what a day off is.
 */
import type { DateTime } from "luxon";
import type { Person } from "../model/index.js";
import { nonWorkdayReason, type HolidayCalendar, type OrgHolidays } from "../slo/index.js";

/** Start of the working day on the person's local wall clock, in hours (09:00). */
export const WORKDAY_START_HOUR = 9;
/** End (exclusive) of the working day on the person's local wall clock, in hours (17:00). */
export const WORKDAY_END_HOUR = 17;

/** A half-open interval of time `[start, end)`. An end at or before the start is empty. */
export interface Interval {
  start: DateTime;
  end: DateTime;
}

/** The person fields the split needs: their zone and their holiday region. */
export type WorkhoursPerson = Pick<Person, "timezone" | "region">;

/**
 * An interval split by one person's working time, in minutes (fractional: seconds count).
 * `workMinutes + offMinutes` is the interval's length; `weekendMinutes + holidayMinutes <= offMinutes`
 * (the rest of `offMinutes` is workday time before 09:00 or from 17:00).
 */
export interface IntervalSplit {
  /** Minutes on workdays between 09:00 and 17:00 local time. */
  workMinutes: number;
  /** Every other minute: evenings, nights, weekends and holidays. */
  offMinutes: number;
  /** Minutes on a local Saturday or Sunday (whole day). */
  weekendMinutes: number;
  /** Minutes on a public holiday of the person's region or an organisation holiday that is not a weekend. */
  holidayMinutes: number;
}

const MS_PER_MINUTE = 60_000;

/**
 * Splits `interval` into working and off-hours minutes by `person`'s local 09:00-17:00 on their workdays.
 * Walks the local calendar days the interval touches, so midnight and DST changes (a 23- or 25-hour day)
 * are counted by real elapsed time, not by wall-clock arithmetic.
 * @param calendar public holidays; pass it through `withRegionHolidays` to include the config's own lists.
 * @param orgHolidays organisation-wide days off (`YYYY-MM-DD`), non-workdays for everyone.
 */
export function classifyInterval(
  person: WorkhoursPerson,
  interval: Interval,
  calendar: HolidayCalendar,
  orgHolidays: OrgHolidays,
): IntervalSplit {
  const split: IntervalSplit = { workMinutes: 0, offMinutes: 0, weekendMinutes: 0, holidayMinutes: 0 };
  const startMs = interval.start.toMillis();
  const endMs = interval.end.toMillis();
  if (!(endMs > startMs)) return split;
  let day = interval.start.setZone(person.timezone).startOf("day");
  while (day.toMillis() < endMs) {
    let next = day.plus({ days: 1 }).startOf("day");
    // Guard against a zone rule that could keep us on the same day: always move forward.
    if (next.toMillis() <= day.toMillis()) next = day.plus({ hours: 24 });
    const from = Math.max(startMs, day.toMillis());
    const to = Math.min(endMs, next.toMillis());
    if (to > from) addDay(split, person, day, from, to, calendar, orgHolidays);
    day = next;
  }
  return split;
}

function addDay(
  split: IntervalSplit,
  person: WorkhoursPerson,
  day: DateTime,
  fromMs: number,
  toMs: number,
  calendar: HolidayCalendar,
  orgHolidays: OrgHolidays,
): void {
  const minutes = (toMs - fromMs) / MS_PER_MINUTE;
  const reason = nonWorkdayReason(person, day.toISODate() ?? "", calendar, orgHolidays);
  if (reason !== null) {
    split.offMinutes += minutes;
    if (reason === "weekend") split.weekendMinutes += minutes;
    else split.holidayMinutes += minutes;
    return;
  }
  const open = day.set({ hour: WORKDAY_START_HOUR, minute: 0, second: 0, millisecond: 0 }).toMillis();
  const close = day.set({ hour: WORKDAY_END_HOUR, minute: 0, second: 0, millisecond: 0 }).toMillis();
  const work = Math.max(0, Math.min(toMs, close) - Math.max(fromMs, open)) / MS_PER_MINUTE;
  split.workMinutes += work;
  split.offMinutes += minutes - work;
}

/**
 * Minutes of `interval` outside `person`'s local 09:00-17:00 on their workdays; weekends, their region's
 * public holidays and organisation holidays count whole. Fractional when the interval has seconds.
 */
export function offHoursMinutes(
  person: WorkhoursPerson,
  interval: Interval,
  calendar: HolidayCalendar,
  orgHolidays: OrgHolidays,
): number {
  return classifyInterval(person, interval, calendar, orgHolidays).offMinutes;
}

/**
 * Off-hours minutes of several intervals of one person, overlaps counted once (two timeline entries
 * of the same night must not double the time to reclaim). Intervals may come in any order.
 */
export function offHoursMinutesOfUnion(
  person: WorkhoursPerson,
  intervals: readonly Interval[],
  calendar: HolidayCalendar,
  orgHolidays: OrgHolidays,
): number {
  let total = 0;
  for (const piece of mergeIntervals(intervals)) total += offHoursMinutes(person, piece, calendar, orgHolidays);
  return total;
}

/** Overlapping or touching intervals joined, empty ones dropped, in time order. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals
    .filter((i) => i.end.toMillis() > i.start.toMillis())
    .sort((a, b) => a.start.toMillis() - b.start.toMillis());
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged.at(-1);
    if (last && next.start.toMillis() <= last.end.toMillis()) {
      if (next.end.toMillis() > last.end.toMillis()) merged[merged.length - 1] = { start: last.start, end: next.end };
    } else merged.push(next);
  }
  return merged;
}
