/**
 * Support tiers of the acknowledgement SLO (SPEC section 6): how quickly one on-call person is expected
 * to acknowledge, judged by the wall clock and calendar where that person is.
 *
 * The tiers are a table ({@link DEFAULT_SUPPORT_TIERS}) rather than code, so the hours and targets live
 * in one place, could come from configuration, and the deadline search can derive its breakpoints from
 * the same numbers ({@link tierBoundaryMinutes}).
 */
import type { DateTime } from "luxon";
import type { Person } from "../model/index.js";
import { isWorkday, type HolidayCalendar, type OrgHolidays } from "./work-calendar.js";

export type SupportTier = "full" | "partial" | "limited";

/** A half-open window of local wall-clock time, in minutes after midnight: `from` inclusive, `to` exclusive. */
interface LocalWindow {
  from: number;
  to: number;
}

/** One row of the tier table: the tier applies inside its window on workdays or on other days. */
interface TierRule {
  tier: Exclude<SupportTier, "limited">;
  /** Acknowledgement target in minutes. */
  targetMinutes: number;
  /** Window on workdays; absent when the tier never applies on workdays. */
  workday?: LocalWindow;
  /** Window on weekends and holidays; absent when the tier never applies then. */
  nonWorkday?: LocalWindow;
}

/** The tier table, best tier first: the first rule whose window contains the local time wins. */
export type TierTable = readonly TierRule[];

const hm = (h: number, m = 0): number => h * 60 + m;

/**
 * The default tiers. Anything no rule covers is limited support, which has no target.
 * - full: workdays 09:00-17:00, 10 minutes;
 * - partial: workdays 07:00-19:00 outside full, and non-workdays 09:00-17:00, 30 minutes.
 */
export const DEFAULT_SUPPORT_TIERS: TierTable = [
  { tier: "full", targetMinutes: 10, workday: { from: hm(9), to: hm(17) } },
  { tier: "partial", targetMinutes: 30, workday: { from: hm(7), to: hm(19) }, nonWorkday: { from: hm(9), to: hm(17) } },
];

/** A tier with its target; `targetMinutes` is null for limited support. */
export interface TierAt {
  tier: SupportTier;
  targetMinutes: number | null;
}

const LIMITED: TierAt = Object.freeze({ tier: "limited", targetMinutes: null });

/**
 * The tier for a local wall-clock time.
 * @param workday whether the local date is a workday for the person.
 * @param minuteOfDay minutes after local midnight; may be fractional (08:59:30 is 539.5).
 */
export function tierForLocalTime(
  workday: boolean,
  minuteOfDay: number,
  tiers: TierTable = DEFAULT_SUPPORT_TIERS,
): TierAt {
  for (const rule of tiers) {
    const window = workday ? rule.workday : rule.nonWorkday;
    if (window && minuteOfDay >= window.from && minuteOfDay < window.to)
      return { tier: rule.tier, targetMinutes: rule.targetMinutes };
  }
  return LIMITED;
}

/** Minutes after midnight of a local time, with seconds as a fraction so boundaries stay exact. */
function minuteOfDay(local: DateTime): number {
  return local.hour * 60 + local.minute + local.second / 60 + local.millisecond / 60_000;
}

/**
 * The tier of `person` at `instant`, by the person's local time and calendar.
 * @param orgHolidays organisation-wide days off (`YYYY-MM-DD`), non-workdays for everyone.
 */
export function tierAt(
  person: Pick<Person, "timezone" | "region">,
  instant: DateTime,
  calendar: HolidayCalendar,
  orgHolidays: OrgHolidays,
  tiers: TierTable = DEFAULT_SUPPORT_TIERS,
): TierAt {
  const local = instant.setZone(person.timezone);
  if (!local.isValid) throw new RangeError(`invalid time zone ${person.timezone}`);
  return tierForLocalTime(isWorkday(person, local.toISODate() ?? "", calendar, orgHolidays), minuteOfDay(local), tiers);
}

/**
 * Every local time of day at which a tier may change, in minutes after midnight, sorted, always
 * starting with 0 (midnight: the day, and so the workday status, changes).
 */
export function tierBoundaryMinutes(tiers: TierTable = DEFAULT_SUPPORT_TIERS): number[] {
  const minutes = new Set<number>([0]);
  for (const rule of tiers) {
    for (const window of [rule.workday, rule.nonWorkday]) {
      if (!window) continue;
      // A window ending at 24:00 ends at the next midnight, already in the set.
      if (window.from < 1440) minutes.add(window.from);
      if (window.to < 1440) minutes.add(window.to);
    }
  }
  return [...minutes].sort((a, b) => a - b);
}

/** The best (smallest) target of a list of tiers; null when all are limited. */
export function bestTarget(tiers: readonly TierAt[]): number | null {
  let best: number | null = null;
  for (const t of tiers)
    if (t.targetMinutes !== null && (best === null || t.targetMinutes < best)) best = t.targetMinutes;
  return best;
}
