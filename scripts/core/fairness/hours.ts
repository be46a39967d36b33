/**
 * How a stretch of on-call time falls on a person's own calendar: how much of it is outside their
 * working hours, on their weekend, or on a holiday. The fairness report sums these per person.
 *
 * The split by working hours is core/workhours' (the same one the handoff summary uses): off-hours are
 * the minutes outside 09:00-17:00 local on a workday, with weekends, public holidays of the person's
 * region and organisation holidays counted whole. The fairness report adds one thing: the holiday
 * period (23 December to 2 January by default), read as the person's local calendar dates, counts as
 * holiday time too. It does not make those days off-hours: a holiday-period date that is otherwise a
 * workday keeps 09:00-17:00 as working time (the issue counts only weekends and public holidays whole).
 */
import type { HolidayPeriodConfig, Person } from "../model/index.js";
import { dayNumber, inZone, localDay, startOfDateMillis } from "../rotation/index.js";
import type { HolidayCalendar, OrgHolidays } from "../slo/index.js";
import { classifyInterval } from "../workhours/index.js";

/** Minutes of one interval by kind. `offHours` includes `weekend` and the public/org part of `holiday`. */
export interface HourKinds {
  total: number;
  offHours: number;
  weekend: number;
  holiday: number;
}

/** A zero {@link HourKinds}, to add into. */
export function noHours(): HourKinds {
  return { total: 0, offHours: 0, weekend: 0, holiday: 0 };
}

/** Adds `b` into `a` (mutates and returns `a`). */
export function addHours(a: HourKinds, b: HourKinds): HourKinds {
  a.total += b.total;
  a.offHours += b.offHours;
  a.weekend += b.weekend;
  a.holiday += b.holiday;
  return a;
}

/** What the classifier needs to know about the organisation's days off. */
export interface DaysOff {
  /** Public holidays, already with the config's `regionHolidays` (`withRegionHolidays`). */
  calendar: HolidayCalendar;
  orgHolidays: OrgHolidays;
  /** The holiday period (MM-DD from/to, inclusive, may wrap the new year); absent when disabled. */
  holidayPeriod?: Pick<HolidayPeriodConfig, "from" | "to">;
}

/** A person's fields the split needs. */
export type HoursPerson = Pick<Person, "timezone" | "region">;

/**
 * The instants [startMs, endMs) on `person`'s local calendar, in minutes of each kind.
 * @returns all zero for an empty interval.
 */
export function classifyOnCall(person: HoursPerson, startMs: number, endMs: number, daysOff: DaysOff): HourKinds {
  if (!(endMs > startMs)) return noHours();
  const zone = person.timezone;
  const split = classifyInterval(
    person,
    { start: inZone(startMs, zone), end: inZone(endMs, zone) },
    daysOff.calendar,
    daysOff.orgHolidays,
  );
  const out: HourKinds = {
    total: split.workMinutes + split.offMinutes,
    offHours: split.offMinutes,
    weekend: split.weekendMinutes,
    holiday: split.holidayMinutes,
  };
  // Holiday-period days that are neither weekend nor already a public or organisation holiday.
  for (const [s, e] of holidayPeriodRanges(daysOff.holidayPeriod, zone, startMs, endMs)) {
    const part = classifyInterval(
      person,
      { start: inZone(s, zone), end: inZone(e, zone) },
      daysOff.calendar,
      daysOff.orgHolidays,
    );
    out.holiday += part.workMinutes + part.offMinutes - part.weekendMinutes - part.holidayMinutes;
  }
  return out;
}

/**
 * The parts of [startMs, endMs) that fall on holiday-period dates of `zone`'s calendar: from midnight of
 * `from` to midnight after `to` (MM-DD, inclusive; a `to` before `from` ends in the next year), as
 * [start, end) epoch-ms pairs in time order. 02-29 in a year without it is read as 02-28.
 */
function holidayPeriodRanges(
  period: Pick<HolidayPeriodConfig, "from" | "to"> | undefined,
  zone: string,
  startMs: number,
  endMs: number,
): [number, number][] {
  if (!period || !(endMs > startMs)) return [];
  const yearOf = (ms: number) => new Date(localDay(ms, zone) * 86_400_000).getUTCFullYear();
  const out: [number, number][] = [];
  for (let year = yearOf(startMs) - 1; year <= yearOf(endMs); year++) {
    const first = date(year, period.from);
    const last = date(period.to < period.from ? year + 1 : year, period.to);
    const s = Math.max(startMs, startOfDateMillis(first, zone));
    const e = Math.min(endMs, startOfDateMillis(nextDate(last), zone));
    if (e > s) out.push([s, e]);
  }
  return out;
}

function date(year: number, mmdd: string): string {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${String(year).padStart(4, "0")}-${mmdd === "02-29" && !leap ? "02-28" : mmdd}`;
}

function nextDate(isoDate: string): string {
  return new Date((dayNumber(isoDate) + 1) * 86_400_000).toISOString().slice(0, 10);
}
