/**
 * Which calendar days are working days for a person: the question the acknowledgement SLO asks before
 * it looks at the clock (SPEC section 6: public holidays of a person's region count as weekends).
 *
 * Core never loads holiday data itself. A {@link HolidayCalendar} is passed in: the repository layer
 * supplies one backed by date-holidays (scripts/repo/holidays.ts), tests supply a fixed one.
 */
import type { Person } from "../model/index.js";
import { dayNumber, isoDate as isoDateOf, weekdayOf } from "../rotation/index.js";

/**
 * Answers whether a calendar date is a public holiday in a holiday region.
 * Implementations must be synchronous and cheap: the deadline search asks once per person and day.
 */
export interface HolidayCalendar {
  /**
   * @param region ISO 3166 country with optional subdivision, as on the roster (`US-NY`, `DE`).
   * @param isoDate calendar date `YYYY-MM-DD`, already in the person's local zone.
   * @returns true when the date is a full-day public holiday of the region.
   */
  isHoliday(region: string, isoDate: string): boolean;
}

/** Organisation-wide days off (`RotationConfig.orgHolidays`), as a list or an already built set. */
export type OrgHolidays = readonly string[] | ReadonlySet<string>;

/** A calendar with no public holidays at all: only weekends and organisation holidays are days off. */
export const NO_HOLIDAYS: HolidayCalendar = { isHoliday: () => false };

/**
 * A calendar from an explicit table, for tests and for organisations that keep their own list.
 * @param days region -> list of `YYYY-MM-DD` holidays. Regions missing from the table have none.
 */
export function fixedHolidayCalendar(days: Readonly<Record<string, readonly string[]>>): HolidayCalendar {
  const table = new Map<string, ReadonlySet<string>>(
    Object.entries(days).map(([region, list]) => [region, new Set(list)]),
  );
  return { isHoliday: (region, isoDate) => table.get(region)?.has(isoDate) ?? false };
}

/** The roster's region for a person with no public holidays of their own: only organisation days off count. */
export const NO_REGION = "none";

/**
 * `calendar` with the organisation's own holiday lists (`RotationConfig.regionHolidays`, region ->
 * `YYYY-MM-DD` dates) added to it, and region `none` ({@link NO_REGION}) free of public holidays. Every
 * question about holidays (support tiers, the work calendar) should go through the result, so a region
 * the holiday library lacks (Nepal) is treated like any other.
 */
export function withRegionHolidays(
  calendar: HolidayCalendar,
  regionHolidays: Readonly<Record<string, readonly string[]>> | undefined,
): HolidayCalendar {
  const own = new Map<string, ReadonlySet<string>>(
    Object.entries(regionHolidays ?? {}).map(([region, days]) => [region, new Set(days)]),
  );
  return {
    isHoliday: (region, isoDate) =>
      region !== NO_REGION && ((own.get(region)?.has(isoDate) ?? false) || calendar.isHoliday(region, isoDate)),
  };
}

/** ISO weekday numbers (Monday 1 ... Sunday 7) that are never workdays. Fixed by the spec. */
const WEEKEND: ReadonlySet<number> = new Set([6, 7]);

/**
 * Why a date is not a workday for a person, or null when it is one. Useful for explaining a tier.
 * @param isoDate calendar date `YYYY-MM-DD` in the person's zone.
 * @param orgHolidays organisation-wide days off (`YYYY-MM-DD`).
 */
export function nonWorkdayReason(
  person: Pick<Person, "region">,
  isoDate: string,
  calendar: HolidayCalendar,
  orgHolidays: OrgHolidays,
): "weekend" | "public-holiday" | "org-holiday" | null {
  // A calendar date's weekday needs no zone: count days since 1970-01-01.
  const day = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? dayNumber(isoDate) : Number.NaN;
  if (Number.isNaN(day) || isoDateOf(day) !== isoDate) throw new RangeError(`not a calendar date: ${isoDate}`);
  if (WEEKEND.has(weekdayOf(day))) return "weekend";
  if (hasDate(orgHolidays, isoDate)) return "org-holiday";
  if (calendar.isHoliday(person.region, isoDate)) return "public-holiday";
  return null;
}

/**
 * Whether `isoDate` is a workday for `person`: not a Saturday or Sunday, not a public holiday of the
 * person's region, not an organisation holiday.
 * @param isoDate calendar date `YYYY-MM-DD` in the person's zone (the caller converts the instant).
 */
export function isWorkday(
  person: Pick<Person, "region">,
  isoDate: string,
  calendar: HolidayCalendar,
  orgHolidays: OrgHolidays,
): boolean {
  return nonWorkdayReason(person, isoDate, calendar, orgHolidays) === null;
}

function hasDate(days: OrgHolidays, isoDate: string): boolean {
  return "has" in days ? days.has(isoDate) : days.includes(isoDate);
}

/**
 * Working days by region and day number (days since 1970-01-01), remembered: the same answers as
 * {@link isWorkday} at a map look-up each after the first, for searches that ask about the same days
 * again and again (the deadlines of many incidents). Keep one per calendar and batch of questions.
 */
export function workdayTable(
  calendar: HolidayCalendar,
  orgHolidays: OrgHolidays,
): (region: string, day: number) => boolean {
  const orgDays: ReadonlySet<string> = "has" in orgHolidays ? orgHolidays : new Set(orgHolidays);
  const regions = new Map<string, Map<number, boolean>>();
  return (region, day) => {
    let days = regions.get(region);
    if (!days) regions.set(region, (days = new Map()));
    let value = days.get(day);
    if (value === undefined) days.set(day, (value = isWorkday({ region }, isoDateOf(day), calendar, orgDays)));
    return value;
  };
}
