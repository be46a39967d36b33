/**
 * Public holidays by region, from date-holidays, behind core's `HolidayCalendar` interface.
 *
 * date-holidays carries every country's rules and costs on the order of 100 ms to load, which the CLI
 * should not pay for commands that never ask about holidays. So it is imported on first use
 * ({@link loadHolidayCalendar}); knowing whether a region exists needs no tables at all
 * ({@link isKnownRegion} reads the region list generated at build time).
 */
import type { HolidayCalendar } from "../core/slo/index.js";
import { HOLIDAY_REGIONS } from "../core/model/generated/regions.js";

/** A public holiday of a region: its local date and name in the region's default language. */
interface PublicHoliday {
  date: string;
  name: string;
}

/** A {@link HolidayCalendar} with real data, plus a listing for explanations (`oncall slo deadline`). */
export interface RegionHolidayCalendar extends HolidayCalendar {
  /** Full-day public holidays of `region` falling in `year`, sorted by date; empty for an unknown region. */
  holidays(region: string, year: number): readonly PublicHoliday[];
}

/**
 * Whether date-holidays has data for a region: a country (`DE`) or country and subdivision (`US-NY`),
 * spelled as ISO 3166 codes in upper case. Does not load the holiday tables.
 */
export function isKnownRegion(region: string): boolean {
  return HOLIDAY_REGIONS.has(region);
}

type HolidaysModule = typeof import("date-holidays");
let loading: Promise<RegionHolidayCalendar> | undefined;

/**
 * The holiday calendar, loading date-holidays on the first call; later calls share the same instance
 * and its cache. Rules:
 * - only holidays of type `public` count (not bank, school, optional or observance days);
 * - only full-day holidays count: a public holiday starting at noon (some countries have afternoon
 *   holidays) leaves a working morning, so the day stays a workday;
 * - substitute days ("observed" on the nearest weekday) are public holidays in their own right;
 * - a region date-holidays does not know has no public holidays (the loader rejects those regions first).
 * Results are computed once per region and year.
 */
export function loadHolidayCalendar(): Promise<RegionHolidayCalendar> {
  loading ??= import("date-holidays").then(
    (module) => createCalendar(module),
    (error: unknown) => {
      loading = undefined; // let a later call retry instead of failing forever
      throw error;
    },
  );
  return loading;
}

function createCalendar(module: HolidaysModule): RegionHolidayCalendar {
  const byRegionYear = new Map<string, { list: PublicHoliday[]; dates: ReadonlySet<string> }>();

  const year = (region: string, y: number) => {
    const key = `${region}|${y}`;
    let entry = byRegionYear.get(key);
    if (!entry) {
      const list = isKnownRegion(region) ? publicHolidays(forRegion(module, region), y) : [];
      entry = { list, dates: new Set(list.map((h) => h.date)) };
      byRegionYear.set(key, entry);
    }
    return entry;
  };

  return {
    // A holiday of several days may start in the previous year (date-holidays lists it there).
    isHoliday: (region, isoDate) => {
      const y = Number(isoDate.slice(0, 4));
      return year(region, y).dates.has(isoDate) || year(region, y - 1).dates.has(isoDate);
    },
    holidays: (region, y) =>
      [...year(region, y - 1).list, ...year(region, y).list].filter((h) => h.date.startsWith(`${y}-`)),
  };
}

/** date-holidays for `US-NY` (country `US`, state `NY`) or `DE`, public holidays only. */
function forRegion(module: HolidaysModule, region: string): InstanceType<HolidaysModule["default"]> {
  const Holidays = module.default;
  const dash = region.indexOf("-");
  const options = { types: ["public" as const] };
  return dash < 0
    ? new Holidays(region, options)
    : new Holidays(region.slice(0, dash), region.slice(dash + 1), options);
}

/**
 * Full-day public holidays of one year, one entry per day: a holiday lasting several days (date-holidays
 * gives start and end) covers each of its dates.
 */
function publicHolidays(holidays: InstanceType<HolidaysModule["default"]>, y: number): PublicHoliday[] {
  const out = new Map<string, PublicHoliday>();
  for (const h of holidays.getHolidays(y)) {
    // `date` is the local start, "YYYY-MM-DD hh:mm:ss"; a start after midnight is a part-day holiday.
    if (h.type !== "public" || !h.date.slice(11).startsWith("00:00")) continue;
    const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
    for (let d = 0; d < days; d++) {
      const date = addDays(h.date.slice(0, 10), d);
      if (!out.has(date)) out.set(date, { date, name: h.name });
    }
  }
  return [...out.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
