/**
 * The acknowledgement deadline of an incident (SPEC section 6).
 *
 * With target(s) the smallest tier target among the people on call at instant s (infinite when all of
 * them are in limited support), the deadline of a report at r is min over s >= r of (s + target(s)).
 * Reported inside covered hours that is simply r + target; reported in limited hours the clock starts
 * when someone's support starts; and a better tier starting soon can win (a report at 08:55 in partial
 * support is due 09:10, not 09:25, because full support starts at 09:00).
 *
 * target(s) is piecewise constant, so the search walks forward piece by piece rather than minute by
 * minute. A piece ends at the next instant anything could change: a coverage segment boundary (handoff,
 * override), a tier boundary on the wall clock of someone on call (07:00, 09:00, 17:00, 19:00, and
 * midnight where the date and so the workday status change) or a UTC offset change in their zone. On a
 * piece [a, b) the best candidate is a + target(a); the walk stops once no later piece can beat the best
 * candidate found, or at the horizon.
 */
import { DateTime } from "luxon";
import type { CoverageSegment, Person } from "./model.js";
import { DEFAULT_SUPPORT_TIERS, minuteOfDay, tierBoundaryMinutes, tierForLocalTime, type SupportTier, type TierTable } from "./support-tier.js";
import { isWorkday, type HolidayCalendar, type OrgHolidays } from "./work-calendar.js";

/** How far after the report the search looks for support to start, in days (default). */
export const DEFAULT_DEADLINE_HORIZON_DAYS = 14;

export interface AckDeadlineInput {
  /** When the incident was reported (the issue was opened). */
  reportedAt: DateTime;
  /** Who is on call when, per slot; overrides and fallbacks already folded in. Order does not matter. */
  coverage: readonly CoverageSegment[];
  /** The roster, by login or as a list. Logins missing from it count as limited support (no target). */
  people: ReadonlyMap<string, Person> | readonly Person[];
  calendar: HolidayCalendar;
  /** Organisation-wide days off, `YYYY-MM-DD`. */
  orgHolidays: OrgHolidays;
  /** How many days after the report support may start (default {@link DEFAULT_DEADLINE_HORIZON_DAYS}). */
  horizonDays?: number;
  /** Tier table (default {@link DEFAULT_SUPPORT_TIERS}). */
  tiers?: TierTable;
}

export interface AckDeadline {
  /** The report instant, in UTC. */
  reportedAt: DateTime;
  /**
   * The tier at the instant that sets the deadline (`setBy.instant`), which is the report instant unless
   * support starts or improves later. `limited` when no deadline was found within the horizon.
   */
  tier: SupportTier;
  /** Target of that tier in minutes; null when no deadline was found. */
  targetMinutes: number | null;
  /** The acknowledgement deadline in UTC; null when nobody on call has support within the horizon. */
  deadline: DateTime | null;
  /** Logins on call at the report instant, in slot order, without duplicates. */
  oncall: string[];
  /** The instant whose tier sets the deadline and the on-call person whose tier it is (absent when no deadline). */
  setBy?: { instant: DateTime; login: string };
}

interface Segment {
  slot: string;
  start: number;
  end: number;
  login: string;
}

/**
 * The acknowledgement deadline for a report at `reportedAt`, computed exactly from breakpoints. Ties
 * between candidates keep the earliest instant (and, at one instant, the first on-call person in slot
 * order), so `setBy` is deterministic.
 */
export function ackDeadline(input: AckDeadlineInput): AckDeadline {
  const tiers = input.tiers ?? DEFAULT_SUPPORT_TIERS;
  const reported = input.reportedAt.toUTC();
  if (!reported.isValid) throw new RangeError(`invalid report instant: ${reported.invalidExplanation ?? ""}`);
  const r = reported.toMillis();
  const limit = r + (input.horizonDays ?? DEFAULT_DEADLINE_HORIZON_DAYS) * 86_400_000;
  const people = input.people instanceof Map ? input.people : new Map((input.people as readonly Person[]).map((p) => [p.login, p]));
  const orgHolidays: OrgHolidays = Array.isArray(input.orgHolidays) ? new Set(input.orgHolidays as readonly string[]) : input.orgHolidays;
  const boundaries = tierBoundaryMinutes(tiers);
  // No later piece can beat the best candidate once its start plus the smallest target reaches it.
  const smallestTarget = Math.min(...tiers.map((t) => t.targetMinutes));

  const segments: Segment[] = input.coverage
    .map((c) => ({ slot: c.slot, start: c.start.toMillis(), end: c.end.toMillis(), login: c.login }))
    .filter((s) => s.end > r && s.start < limit)
    .sort((a, b) => (a.slot < b.slot ? -1 : a.slot > b.slot ? 1 : a.start - b.start));
  const segmentEdges = [...new Set(segments.flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);

  const workdays = new Map<string, boolean>();
  const workday = (person: Person, isoDate: string): boolean => {
    const key = `${person.region}|${isoDate}`;
    let value = workdays.get(key);
    if (value === undefined) workdays.set(key, (value = isWorkday(person, isoDate, input.calendar, orgHolidays)));
    return value;
  };

  let best: { deadline: number; instant: number; login: string; tier: SupportTier; target: number } | undefined;
  const oncall = onCallAt(segments, r);
  for (let t = r; t < limit; ) {
    if (best && t + smallestTarget * 60_000 >= best.deadline) break;
    let next = Math.min(limit, segmentEdges.find((e) => e > t) ?? limit);
    for (const login of t === r ? oncall : onCallAt(segments, t)) {
      const person = people.get(login);
      if (!person) continue;
      const local = DateTime.fromMillis(t, { zone: person.timezone });
      if (!local.isValid) throw new RangeError(`${login}: invalid time zone ${person.timezone}`);
      const { tier, targetMinutes } = tierForLocalTime(workday(person, local.toISODate() ?? ""), minuteOfDay(local), tiers);
      if (targetMinutes !== null) {
        const candidate = t + targetMinutes * 60_000;
        if (!best || candidate < best.deadline) best = { deadline: candidate, instant: t, login, tier, target: targetMinutes };
      }
      next = Math.min(next, nextLocalChange(person.timezone, local, boundaries));
    }
    t = next;
  }

  if (!best) return { reportedAt: reported, tier: "limited", targetMinutes: null, deadline: null, oncall };
  return {
    reportedAt: reported,
    tier: best.tier,
    targetMinutes: best.target,
    deadline: DateTime.fromMillis(best.deadline, { zone: "UTC" }),
    oncall,
    setBy: { instant: DateTime.fromMillis(best.instant, { zone: "UTC" }), login: best.login },
  };
}

/** Logins whose segment contains instant `t` (start inclusive, end exclusive), in slot order, unique. */
function onCallAt(segments: readonly Segment[], t: number): string[] {
  const logins: string[] = [];
  for (const s of segments) if (s.start <= t && t < s.end && !logins.includes(s.login)) logins.push(s.login);
  return logins;
}

/**
 * The first instant after `local` at which this zone's wall clock reaches a tier boundary, or its UTC
 * offset changes, whichever comes first. Until then the person's tier cannot change: their local date
 * and time move continuously and cross no boundary.
 *
 * The boundary is placed with the offset in force now, never by resolving a wall time through the zone:
 * a wall time that DST repeats or skips has no single instant, but until the offset changes the clock
 * reads exactly instant + offset. After a change the walk starts afresh from the new local time.
 */
function nextLocalChange(zone: string, local: DateTime, boundaries: readonly number[]): number {
  const t = local.toMillis();
  const offset = local.offset * 60_000;
  // Wall-clock time written as if it were UTC, so plain arithmetic walks the local calendar.
  const wall = t + offset;
  const midnight = Math.floor(wall / 86_400_000) * 86_400_000;
  let nextWall = midnight + 86_400_000; // the next midnight, if no boundary comes first today
  for (const minute of boundaries) {
    const at = midnight + minute * 60_000;
    if (at > wall) {
      nextWall = at;
      break;
    }
  }
  const next = nextWall - offset;
  return offsetChangeBetween(zone, t, next);
}

/**
 * The first instant in (from, to) at which the zone's UTC offset differs from its offset at `from`, or
 * `to` when there is none. A clock set back by DST repeats wall times; splitting the piece there keeps
 * every piece on a continuous stretch of the local clock. Assumes at most one change in the interval
 * (it spans under three days).
 */
function offsetChangeBetween(zone: string, from: number, to: number): number {
  const offsetAt = (ms: number): number => DateTime.fromMillis(ms, { zone }).offset;
  const start = offsetAt(from);
  if (offsetAt(to - 1) === start) return to;
  let lo = from; // offset here is `start`
  let hi = to - 1; // offset here differs
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid) === start) lo = mid;
    else hi = mid;
  }
  return hi;
}
