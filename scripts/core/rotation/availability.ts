/**
 * When a person may be on call: the 60-day rule for new engineers, end dates for leavers, and who counts
 * as being on their very first shift. Shared by the generator and the schedule rules so that both apply
 * exactly the same boundaries.
 *
 * People's dates are calendar dates; they become instants at midnight in the ROTATION zone (not the
 * person's zone), because the schedule itself is defined on that clock.
 */
import type { Person, RotationConfig, Shift } from "../model/index.js";
import { dayNumber, wallClockMillis } from "./wall-clock.js";

/**
 * First instant (epoch ms) at which a shift of `person` may start: midnight of start date + newHireDays
 * in `zone`. A shift starting earlier breaks the new-hire rule.
 */
export function firstShiftAllowedMillis(person: Pick<Person, "start">, newHireDays: number, zone: string): number {
  return wallClockMillis(dayNumber(person.start) + newHireDays, 0, zone);
}

/**
 * Instant (epoch ms) at which `person` stops being available: midnight at the end of their end date
 * (the end date itself is still a working day) in `zone`; +Infinity without an end date. A shift that
 * ends after this instant runs past the end date.
 */
export function availableUntilMillis(person: Pick<Person, "end">, zone: string): number {
  return person.end === undefined ? Number.POSITIVE_INFINITY : wallClockMillis(dayNumber(person.end) + 1, 0, zone);
}

/**
 * Whether `person` may hold the whole window [startMs, endMs): past the new-hire period when it starts
 * and still employed when it ends.
 */
export function canHold(
  person: Pick<Person, "start" | "end">,
  config: Pick<RotationConfig, "newHireDays" | "timezone">,
  startMs: number,
  endMs: number,
): boolean {
  return (
    startMs >= firstShiftAllowedMillis(person, config.newHireDays, config.timezone) &&
    endMs <= availableUntilMillis(person, config.timezone)
  );
}

/**
 * Whether `person` is assumed to have served on call before the schedule's first shift (`epochMs`):
 * they were already past the new-hire period then. For such people the first shift in the file is not
 * their first shift ever, so the "never pair two first-timers" rule leaves them alone; without this, every
 * engineer would count as a first-timer in the first round of a fresh schedule.
 */
export function isExperienced(
  person: Pick<Person, "start">,
  config: Pick<RotationConfig, "newHireDays" | "timezone">,
  epochMs: number,
): boolean {
  return firstShiftAllowedMillis(person, config.newHireDays, config.timezone) <= epochMs;
}

/** Start (epoch ms) of the earliest shift that `login` holds, per login, over filled shifts. */
export function firstShiftStarts(shifts: readonly Shift[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const shift of shifts) {
    if (shift.login === null) continue;
    const ms = shift.start.toMillis();
    const seen = first.get(shift.login);
    if (seen === undefined || ms < seen) first.set(shift.login, ms);
  }
  return first;
}

/** Start (epoch ms) of the earliest shift in a schedule, or undefined for an empty schedule. */
export function scheduleEpoch(shifts: readonly Shift[]): number | undefined {
  let epoch: number | undefined;
  for (const shift of shifts) {
    const ms = shift.start.toMillis();
    if (epoch === undefined || ms < epoch) epoch = ms;
  }
  return epoch;
}

/** One stretch of a stand-in's cover, in epoch ms; `via` lists who left before them (empty for the first). */
export interface StandIn {
  login: string;
  startMs: number;
  endMs: number;
  via: string[];
}

/**
 * Who covers [startMs, endMs) for a fallback (or for a leaver's manager): `login` while they are at the
 * company, then up the management chain, each manager from the moment the one below them has left
 * (their end date, see {@link availableUntilMillis}). A leaver must not stay someone's fallback. When the
 * chain runs out (no manager, an unknown login, or a cycle) the last person keeps the rest, and the
 * schedule rules report it as `fallback-no-manager`. Pieces are in time order and never empty.
 */
export function standIns(
  login: string,
  startMs: number,
  endMs: number,
  people: ReadonlyMap<string, Pick<Person, "login" | "end" | "manager">>,
  zone: string,
): StandIn[] {
  const out: StandIn[] = [];
  const via: string[] = [];
  let who = login;
  let from = startMs;
  while (from < endMs) {
    const person = people.get(who);
    const until = person ? availableUntilMillis(person, zone) : Number.POSITIVE_INFINITY;
    const next = person?.manager;
    if (until >= endMs || next === undefined || next === who || via.includes(next) || !people.has(next)) {
      out.push({ login: who, startMs: from, endMs, via: [...via] });
      break;
    }
    if (until > from) out.push({ login: who, startMs: from, endMs: until, via: [...via] });
    via.push(who);
    from = Math.max(from, until);
    who = next;
  }
  return out;
}
