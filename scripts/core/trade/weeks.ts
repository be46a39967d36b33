/**
 * The before/after view for each affected person: their time on call week by week (weeks start on
 * Monday 00:00 on the rotation zone's wall clock), before and after the trade, so each of them sees
 * at a glance what they are agreeing to.
 */
import type { DateTime } from "luxon";
import type { CoverageSegment } from "../model/index.js";
import { effectiveCoverage } from "../schedule/index.js";
import type { TradeChange, TradeSide } from "./diff.js";
import { inZone } from "../rotation/index.js";

/** One week of one person's on-call time; `before`/`after` are readable periods. */
interface WeekRow {
  weekStart: DateTime;
  before: string[];
  after: string[];
  changed: boolean;
}

export interface PersonWeeks {
  login: string;
  rows: WeekRow[];
}

/** Longest view, in weeks, however far the changes reach. */
export const MAX_WEEKS = 26;

/** `rot-a Mon 7 Dec 11:00 - Mon 14 Dec 11:00`. */
function period(layer: string, start: DateTime, end: DateTime, zone: string): string {
  const f = "ccc d LLL HH:mm";
  return `${layer} ${start.setZone(zone).toFormat(f)} - ${end.setZone(zone).toFormat(f)}`;
}

/**
 * A person's segments in time order. Pieces from different sources (their shift, an override they
 * took) stay apart, so an override that did not change shows as unchanged next to a traded shift.
 */
function mine(segments: readonly CoverageSegment[], login: string): CoverageSegment[] {
  return segments.filter((x) => x.login === login).sort((a, b) => a.start.toMillis() - b.start.toMillis());
}

/**
 * Week rows for each of `people` from the week containing the earlier of `now` and the first change,
 * for at least `weeks` weeks and until the last change ends (at most {@link MAX_WEEKS}). Weeks where the
 * person is on call on neither side are left out.
 */
export function weeklyView(input: {
  people: readonly string[];
  before: TradeSide;
  after: TradeSide;
  changes: readonly TradeChange[];
  now: DateTime;
  weeks: number;
}): PersonWeeks[] {
  const zone = input.after.config.timezone;
  const first = input.changes.reduce((m, c) => (c.start < m ? c.start : m), input.now);
  const last = input.changes.reduce((m, c) => (c.end > m ? c.end : m), input.now.plus({ weeks: input.weeks }));
  const from = first.setZone(zone).startOf("week");
  let to = last.setZone(zone).startOf("week").plus({ weeks: 1 });
  if (to.diff(from, "weeks").weeks > MAX_WEEKS) to = from.plus({ weeks: MAX_WEEKS });
  // Read a little either side of the view, so periods that cross its edges show their real start and end.
  const coverage = (side: TradeSide) =>
    effectiveCoverage({ ...side, from: from.minus({ weeks: 4 }), to: to.plus({ weeks: 4 }) }).filter(
      (s) => s.end > from && s.start < to,
    );
  const old = coverage(input.before);
  const now = coverage(input.after);

  return input.people.map((login) => {
    const a = mine(old, login);
    const b = mine(now, login);
    const rows: WeekRow[] = [];
    for (let week = from; week < to; week = week.plus({ weeks: 1 })) {
      const next = week.plus({ weeks: 1 });
      const inWeek = (list: CoverageSegment[]) =>
        list.filter((s) => s.start >= week && s.start < next).map((s) => period(s.layer, s.start, s.end, zone));
      // A period already under way when the view starts belongs to the first week.
      const carried = (list: CoverageSegment[]) =>
        week.equals(from) ? list.filter((s) => s.start < from).map((s) => period(s.layer, s.start, s.end, zone)) : [];
      const before = [...carried(a), ...inWeek(a)];
      const after = [...carried(b), ...inWeek(b)];
      if (!before.length && !after.length) continue;
      rows.push({
        weekStart: inZone(week.toMillis(), zone),
        before,
        after,
        changed: before.join("|") !== after.join("|"),
      });
    }
    return { login, rows };
  });
}
