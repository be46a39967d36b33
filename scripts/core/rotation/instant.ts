/**
 * The one rule for an instant a person types (a command-line flag such as `--at`, or an action's `at`
 * input), so that every command and action reads the same text as the same instant:
 *
 * - with an offset (`Z`, `-05:00`, `+05:45`), it is that instant;
 * - without one, it is wall-clock time in the rotation zone (`2026-12-21T12:00` is noon in New York
 *   for a New York rotation), never the machine's zone and never UTC;
 * - a date alone is the start of that day in the rotation zone;
 * - a wall time the clocks skip (inside a DST gap) is an error that names the gap;
 * - a wall time that happens twice (clocks going back) is the earlier instant, as schedule generation
 *   reads handoff times ({@link wallClockMillis}).
 */
import { DateTime } from "luxon";
import { UsageError } from "../model/index.js";
import {
  DAY_MS,
  dayNumber,
  inZone,
  offsetMinutes,
  offsetName,
  startOfDateMillis,
  wallClockMillis,
} from "./wall-clock.js";

const MINUTE_MS = 60_000;

/**
 * Reads `text` by the rule above. `zone` is the rotation's IANA zone; `what` names the value in
 * messages (`--at`, `Input "at"`). Throws a {@link UsageError} that shows the accepted forms, or
 * names the gap. An instant given with an offset keeps it; one read in the zone is in the zone.
 */
export function parseInstant(text: string, zone: string, what: string): DateTime {
  const value = text.trim();
  const example = inZone(Date.UTC(2026, 11, 7, 16), zone).toFormat("yyyy-MM-dd'T'HH:mmZZ");
  const bad = () =>
    new UsageError(
      `${what} must be a date (2026-12-07, the start of that day in ${zone}), a time in ${zone} (2026-12-07T11:00) ` +
        `or an instant with an offset (${example}, 2026-12-07T16:00Z), not "${text}".`,
    );
  // Read in two zones an hour apart: a text with its own offset names the same instant both times.
  const asUtc = DateTime.fromISO(value, { zone: "UTC", setZone: true });
  if (value === "" || !asUtc.isValid) throw bad();
  const asUtcPlusOne = DateTime.fromISO(value, { zone: "UTC+1", setZone: true });
  if (asUtc.toMillis() === asUtcPlusOne.toMillis()) return asUtc;

  // No offset: the fields read in UTC are the wall clock meant in the rotation zone.
  const date = asUtc.toISODate()!;
  if (!/t/i.test(value)) return inZone(startOfDateMillis(date, zone), zone);
  const ms =
    wallClockMillis(dayNumber(date), asUtc.hour * 60 + asUtc.minute, zone) + asUtc.second * 1000 + asUtc.millisecond;
  const local = inZone(ms, zone);
  if (local.toFormat("yyyy-MM-dd HH:mm") !== asUtc.toFormat("yyyy-MM-dd HH:mm"))
    throw gapError(what, value, asUtc, zone);
  return local;
}

/** The error for a wall time the clocks skip: when the gap is, from which time to which, that day. */
function gapError(what: string, value: string, wall: DateTime, zone: string): UsageError {
  // The offset changes once within a day either side of the wall time; find the first instant after it.
  let lo = wall.toMillis() - DAY_MS;
  let hi = wall.toMillis() + DAY_MS;
  const before = offsetMinutes(lo, zone);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetMinutes(mid, zone) === before) lo = mid;
    else hi = mid;
  }
  const after = offsetMinutes(hi, zone);
  const clock = (offset: number) => DateTime.fromMillis(hi + offset * MINUTE_MS, { zone: "UTC" }).toFormat("HH:mm");
  const names = `${offsetName(inZone(lo, zone))} to ${offsetName(inZone(hi, zone))}`;
  return new UsageError(
    `${what} ${value} does not exist in ${zone}: on ${wall.toISODate()} the clocks there jump from ${clock(before)} ` +
      `to ${clock(after)} (${names}). Give a time outside that gap, or an offset.`,
  );
}
