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
 *
 * Many incidents against one schedule (the SLO check, the monthly report, benchmarks) share a
 * {@link deadlineFinder}: the coverage is indexed once and working days are remembered across reports,
 * so a deadline costs a few offset look-ups per person on call. Local times come from epoch arithmetic
 * on cached zone offsets (`offsetMinutes`), never from building zoned `DateTime`s in the loop.
 */
import { DateTime } from "luxon";
import type { CoverageSegment, Person } from "../model/index.js";
import {
  DEFAULT_SUPPORT_TIERS,
  tierBoundaryMinutes,
  tierForLocalTime,
  type SupportTier,
  type TierTable,
} from "./support-tier.js";
import { DAY_MS, isKnownZone, offsetMinutes } from "../rotation/index.js";
import { workdayTable, type HolidayCalendar, type OrgHolidays } from "./work-calendar.js";

/** How far after the report the search looks for support to start, in days (default). */
export const DEFAULT_DEADLINE_HORIZON_DAYS = 14;

/** What every deadline of one schedule shares. */
export interface DeadlineSettings {
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

export interface AckDeadlineInput extends DeadlineSettings {
  /** When the incident was reported (the issue was opened). */
  reportedAt: DateTime;
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

/** Deadlines of any number of reports against one coverage; see {@link deadlineFinder}. */
export interface DeadlineFinder {
  deadline(reportedAt: DateTime): AckDeadline;
}

const MINUTE_MS = 60_000;

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
  return deadlineFinder(input).deadline(input.reportedAt);
}

/**
 * Prepares deadlines against one coverage: segments sorted and indexed by start, the roster by login,
 * the organisation holidays as day numbers, and a cache of working days by region and day that lives as
 * long as the finder. Answers are the same as {@link ackDeadline} for every report.
 */
export function deadlineFinder(settings: DeadlineSettings): DeadlineFinder {
  const tiers = settings.tiers ?? DEFAULT_SUPPORT_TIERS;
  const horizonMs = (settings.horizonDays ?? DEFAULT_DEADLINE_HORIZON_DAYS) * DAY_MS;
  const people =
    settings.people instanceof Map
      ? settings.people
      : new Map((settings.people as readonly Person[]).map((p) => [p.login, p]));
  const boundaries = tierBoundaryMinutes(tiers);
  // No later piece can beat the best candidate once its start plus the smallest target reaches it.
  const smallestTarget = Math.min(...tiers.map((t) => t.targetMinutes));
  const index = indexCoverage(settings.coverage);

  const workday = workdayTable(settings.calendar, settings.orgHolidays);
  const checkedZones = new Set<string>();
  const checkZone = (person: Person): void => {
    if (checkedZones.has(person.timezone)) return;
    if (!isKnownZone(person.timezone)) throw new RangeError(`${person.login}: invalid time zone ${person.timezone}`);
    checkedZones.add(person.timezone);
  };

  return {
    deadline(reportedAt) {
      const reported = reportedAt.toUTC();
      if (!reported.isValid) throw new RangeError(`invalid report instant: ${reported.invalidExplanation ?? ""}`);
      const r = reported.toMillis();
      const limit = r + horizonMs;
      const segments = index.overlapping(r, limit);
      let best: { deadline: number; instant: number; login: string; tier: SupportTier; target: number } | undefined;
      const oncall = onCallAt(segments, r).logins;
      for (let t = r; t < limit;) {
        if (best && t + smallestTarget * MINUTE_MS >= best.deadline) break;
        const here = onCallAt(segments, t);
        let next = Math.min(limit, here.nextEdge);
        for (const login of here.logins) {
          const person = people.get(login);
          if (!person) continue;
          checkZone(person);
          const offset = offsetMinutes(t, person.timezone) * MINUTE_MS;
          // Wall-clock time written as if it were UTC, so plain arithmetic walks the local calendar.
          const wall = t + offset;
          const day = Math.floor(wall / DAY_MS);
          const minute = (wall - day * DAY_MS) / MINUTE_MS;
          const { tier, targetMinutes } = tierForLocalTime(workday(person.region, day), minute, tiers);
          if (targetMinutes !== null) {
            const candidate = t + targetMinutes * MINUTE_MS;
            if (!best || candidate < best.deadline)
              best = { deadline: candidate, instant: t, login, tier, target: targetMinutes };
          }
          next = Math.min(next, nextLocalChange(person.timezone, t, offset, day, minute, boundaries));
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
    },
  };
}

/** Coverage indexed per slot by start, with a query for the segments overlapping a window. */
function indexCoverage(coverage: readonly CoverageSegment[]): { overlapping(from: number, to: number): Segment[] } {
  const bySlot = new Map<string, Segment[]>();
  for (const c of coverage) {
    let list = bySlot.get(c.slot);
    if (!list) bySlot.set(c.slot, (list = []));
    list.push({ slot: c.slot, start: c.start.toMillis(), end: c.end.toMillis(), login: c.login });
  }
  const slots = [...bySlot.keys()].sort().map((slot) => {
    const sorted = bySlot.get(slot)!.sort((a, b) => a.start - b.start);
    let longest = 0;
    for (const s of sorted) longest = Math.max(longest, s.end - s.start);
    return { sorted, starts: Float64Array.from(sorted, (s) => s.start), longest };
  });
  return {
    /** Segments with end > from and start < to, in slot order and by start within a slot. */
    overlapping(from, to) {
      const out: Segment[] = [];
      for (const { sorted, starts, longest } of slots) {
        // The first segment that can still reach `from` starts no earlier than from - longest.
        let lo = 0;
        let hi = starts.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (starts[mid]! < from - longest) lo = mid + 1;
          else hi = mid;
        }
        for (let i = lo; i < sorted.length && sorted[i]!.start < to; i++)
          if (sorted[i]!.end > from) out.push(sorted[i]!);
      }
      return out;
    },
  };
}

/**
 * Logins whose segment contains instant `t` (start inclusive, end exclusive), in slot order, unique; and
 * the first segment start or end after `t` (Infinity when none), where who is on call next changes.
 */
function onCallAt(segments: readonly Segment[], t: number): { logins: string[]; nextEdge: number } {
  const logins: string[] = [];
  let nextEdge = Number.POSITIVE_INFINITY;
  for (const s of segments) {
    if (s.start > t) nextEdge = Math.min(nextEdge, s.start);
    else if (t < s.end) {
      nextEdge = Math.min(nextEdge, s.end);
      if (!logins.includes(s.login)) logins.push(s.login);
    }
  }
  return { logins, nextEdge };
}

/**
 * The first instant after `t` at which this zone's wall clock reaches a tier boundary, or its UTC
 * offset changes, whichever comes first. Until then the person's tier cannot change: their local date
 * and time move continuously and cross no boundary.
 *
 * The boundary is placed with the offset in force now (`offset`, ms), never by resolving a wall time
 * through the zone: a wall time that DST repeats or skips has no single instant, but until the offset
 * changes the clock reads exactly instant + offset. After a change the walk starts afresh from the new
 * local time. `day` and `minute` are the local day number and minute of day at `t`.
 */
function nextLocalChange(
  zone: string,
  t: number,
  offset: number,
  day: number,
  minute: number,
  boundaries: readonly number[],
): number {
  let nextMinute = 1440; // the next midnight, if no boundary comes first today
  for (const b of boundaries) {
    if (b > minute) {
      nextMinute = b;
      break;
    }
  }
  const next = day * DAY_MS + nextMinute * MINUTE_MS - offset;
  return offsetChangeBetween(zone, t, offset / MINUTE_MS, next);
}

/**
 * The first instant in (from, to) at which the zone's UTC offset differs from `start` (its offset at
 * `from`, minutes), or `to` when there is none. A clock set back by DST repeats wall times; splitting
 * the piece there keeps every piece on a continuous stretch of the local clock. Assumes at most one
 * change in the interval (it spans at most a day).
 */
function offsetChangeBetween(zone: string, from: number, start: number, to: number): number {
  if (offsetMinutes(to - 1, zone) === start) return to;
  let lo = from; // offset here is `start`
  let hi = to - 1; // offset here differs
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetMinutes(mid, zone) === start) lo = mid;
    else hi = mid;
  }
  return hi;
}
