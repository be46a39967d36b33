/**
 * When a postmortem draft is due: `businessDays` working days after the day of resolution, counted in
 * the first author's zone and calendar (weekends, the public holidays of their region, the
 * organisation's days off), skipping the end-of-year holiday period when the rotation has one.
 */
import type { DateTime } from "luxon";
import type { HolidayPeriodConfig, Person } from "../model/index.js";
import { dayNumber, isoDate } from "../rotation/index.js";
import { workdayTable, type HolidayCalendar, type OrgHolidays } from "../slo/index.js";

/** Enough to cover any policy (at most 30 business days) across a long holiday period. */
const SEARCH_DAYS = 366;

/**
 * The due date `YYYY-MM-DD` of a postmortem whose incident was resolved at `resolvedAt`.
 * The day of resolution never counts, so an incident resolved on a Friday with 2 business days is due
 * on Tuesday. Days from `holidayPeriod.from` to `holidayPeriod.to` (MM-DD, inclusive, crossing the new
 * year when `to` is earlier) are not business days either: the on-call team is on volunteer duty then.
 * @param author the first author; their `timezone` fixes the resolution day, their `region` the holidays.
 * @param businessDays `postmortemDueBusinessDays` of the policy (default 2).
 */
export function postmortemDue(
  resolvedAt: DateTime,
  author: Pick<Person, "timezone" | "region">,
  calendar: HolidayCalendar,
  orgHolidays: OrgHolidays,
  businessDays: number,
  holidayPeriod?: Pick<HolidayPeriodConfig, "from" | "to">,
): string {
  const local = resolvedAt.setZone(author.timezone);
  const start = dayNumber((local.isValid ? local : resolvedAt.toUTC()).toISODate()!);
  const workday = workdayTable(calendar, orgHolidays);
  let left = Math.max(0, Math.floor(businessDays));
  let day = start;
  for (let i = 0; left > 0 && i < SEARCH_DAYS; i++) {
    day += 1;
    if (workday(author.region, day) && !inHolidayPeriod(isoDate(day), holidayPeriod)) left -= 1;
  }
  return isoDate(day);
}

/** Whether `YYYY-MM-DD` falls in the MM-DD range `from`..`to` (inclusive, wrapping at the new year). */
export function inHolidayPeriod(date: string, period: Pick<HolidayPeriodConfig, "from" | "to"> | undefined): boolean {
  if (!period) return false;
  const md = date.slice(5);
  return period.from <= period.to ? md >= period.from && md <= period.to : md >= period.from || md <= period.to;
}
