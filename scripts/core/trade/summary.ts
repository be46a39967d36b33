/**
 * A trade in plain words, for the pull request comment and `oncall trade check`:
 * "alice takes bob's rot-a shift 7-14 Dec; bob takes alice's 4-11 Jan". Dates are the rotation
 * zone's wall clock; a whole shift is named by its days, a part of one by days and times.
 */
import type { DateTime } from "luxon";
import type { Shift } from "../model/index.js";
import type { TradeChange } from "./diff.js";

/** `7-14 Dec`, `28 Dec-4 Jan`, or with times `1 Dec 09:00-2 Dec 09:00` and `1 Dec 09:00-17:00`. */
export function dateRange(start: DateTime, end: DateTime, zone: string, withTimes: boolean): string {
  const a = start.setZone(zone);
  const b = end.setZone(zone);
  if (withTimes) {
    const sameDay = a.hasSame(b, "day");
    return `${a.toFormat("d LLL HH:mm")}-${b.toFormat(sameDay ? "HH:mm" : "d LLL HH:mm")}`;
  }
  if (a.hasSame(b, "month")) return `${a.toFormat("d")}-${b.toFormat("d LLL")}`;
  return `${a.toFormat("d LLL")}-${b.toFormat("d LLL")}`;
}

/** Whether the change covers exactly one published shift of `from` (the usual trade). */
function wholeShift(change: TradeChange, shifts: readonly Shift[]): boolean {
  return shifts.some(
    (s) => s.start.equals(change.start) && s.end.equals(change.end) && (s.login ?? s.fallback ?? null) === change.from,
  );
}

/** One clause per change, in time order; the layer is named only when it differs from the previous clause's. */
function describeChanges(changes: readonly TradeChange[], beforeShifts: readonly Shift[], zone: string): string[] {
  const ordered = [...changes].sort(
    (a, b) => a.start.toMillis() - b.start.toMillis() || a.layer.localeCompare(b.layer),
  );
  const out: string[] = [];
  let lastLayer: string | undefined;
  for (const c of ordered) {
    const whole = wholeShift(c, beforeShifts);
    const range = dateRange(c.start, c.end, zone, !whole);
    const layer = c.layer === lastLayer ? "" : `${c.layer} `;
    const thing = whole ? `${layer}shift ${range}` : `${layer}${range}`;
    const shortThing = c.layer === lastLayer && whole ? range : thing;
    lastLayer = c.layer;
    if (c.to === null) {
      out.push(`nobody is on call for ${c.layer} ${range} (was ${c.from})`);
    } else if (c.from === null) {
      out.push(`${c.to} takes the uncovered ${c.layer} ${range}`);
    } else if (c.fromSource === "fallback") {
      out.push(`${c.to} takes the unfilled ${thing} from fallback ${c.from}`);
    } else if (c.toSource === "fallback") {
      out.push(`${c.from}'s ${thing} falls back to ${c.to}`);
    } else if (whole) {
      out.push(`${c.to} takes ${c.from}'s ${shortThing}`);
    } else {
      out.push(`${c.to} covers ${c.from} on ${thing}`);
    }
  }
  return out;
}

/**
 * The whole summary: the clauses joined by "; ", plus a note on newly published time. Says so plainly
 * when nothing that was published changes.
 */
export function tradeSummary(
  changes: readonly TradeChange[],
  published: readonly TradeChange[],
  beforeShifts: readonly Shift[],
  zone: string,
): string {
  const parts = describeChanges(changes, beforeShifts, zone);
  if (published.length) {
    const until = published.reduce((m, c) => (c.end > m ? c.end : m), published[0]!.end);
    parts.push(`publishes new shifts through ${until.setZone(zone).toFormat("d LLL yyyy")}`);
  }
  return parts.length ? parts.join("; ") : "no published shift changes";
}
