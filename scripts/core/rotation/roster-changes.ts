/**
 * Roster changes applied to an already published schedule, as explicit edits for a pull request:
 * a leaver's shifts become unfilled with their manager as fallback, and a new engineer takes an unfilled
 * shift that starts late enough for them. (Future rounds need no edit: the generator already leaves
 * leavers out and places new engineers at the end of a round, once they are eligible.)
 */
import type { DateTime } from "luxon";
import type { Person, RotationConfig, Shift } from "../model/index.js";
import { availableUntilMillis, canHold, standIns } from "./availability.js";
import { inZone } from "./wall-clock.js";

/** Replace `shifts[index]` by `replacement` (one or two shifts, in order). */
export interface ShiftEdit {
  index: number;
  replacement: Shift[];
}

/**
 * Edits releasing the shifts of people who have (or will have) left: a shift that starts after the
 * person's end date becomes `login: null` with their manager as fallback; one that starts before and
 * runs past it is split at midnight after the end date (rotation zone), the leaver keeping the first
 * part. Without a manager the unfilled part has no fallback and the schedule rules will say so; a
 * manager who has left by then is passed over for the next one up the chain still at the company.
 */
export function releaseLeaverShifts(
  shifts: readonly Shift[],
  people: readonly Person[],
  config: Pick<RotationConfig, "timezone">,
): ShiftEdit[] {
  const byLogin = new Map(people.map((p) => [p.login, p]));
  const edits: ShiftEdit[] = [];
  shifts.forEach((shift, index) => {
    const person = shift.login === null ? undefined : byLogin.get(shift.login);
    if (!person || person.end === undefined) return;
    const until = availableUntilMillis(person, config.timezone);
    if (shift.end.toMillis() <= until) return;
    const released: Shift = { ...shift, login: null };
    delete released.fallback;
    // The manager at the time the released part begins: one who has left hands it further up.
    const from = Math.max(shift.start.toMillis(), until);
    if (person.manager) {
      released.fallback = standIns(person.manager, from, from + 1, byLogin, config.timezone)[0]!.login;
    }
    if (shift.start.toMillis() >= until) {
      edits.push({ index, replacement: [released] });
      return;
    }
    const cut = inZone(until, config.timezone);
    edits.push({
      index,
      replacement: [
        { ...shift, end: cut },
        { ...released, start: cut },
      ],
    });
  });
  return edits;
}

/**
 * The first unfilled regular shift a new engineer can take: `login: null`, of a layer in `config.layers`,
 * starting at or after `after`, entirely within the person's availability (so at least newHireDays after
 * their start date), and not overlapping another shift they already hold. Undefined when there is none;
 * the person then joins at the end of a round through the generator.
 */
export function joinSlot(
  shifts: readonly Shift[],
  person: Person,
  config: RotationConfig,
  after: DateTime,
): Shift | undefined {
  const regular = new Set(config.layers.map((l) => l.name));
  const mine = shifts.filter((s) => s.login === person.login);
  return shifts
    .filter((s) => s.login === null && regular.has(s.layer) && s.start >= after)
    .filter((s) => canHold(person, config, s.start.toMillis(), s.end.toMillis()))
    .filter((s) => !mine.some((m) => m.start < s.end && s.start < m.end))
    .sort((a, b) => a.start.toMillis() - b.start.toMillis())[0];
}
