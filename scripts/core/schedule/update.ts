/**
 * One publication of the schedule: what `oncall schedule generate` and the schedule workflow propose.
 * Three steps, in this order: release the future shifts of leavers (unfilled, manager as fallback), let
 * people who have no shift yet take unfilled slots they are eligible for, then append generated shifts
 * until the horizon. Past and started shifts are never edited.
 *
 * A slot with nothing published begins at its first handoff at or after the later of `now` and the
 * config's `start` (midnight in the rotation zone); without a `start`, at the first handoff after `now`.
 * So a `start` left in the past (a copied example) never publishes shifts that have already ended.
 */
import type { DateTime } from "luxon";
import type { Person, RotationConfig, Shift } from "../model/index.js";
import { releaseLeaverShifts, joinSlot, type ShiftEdit } from "../rotation/index.js";
import { generateSchedule } from "../rotation/index.js";
import { isRostered, inZone, startOfDateMillis } from "../rotation/index.js";

export interface ScheduleUpdateInput {
  config: RotationConfig;
  people: readonly Person[];
  /** The published schedule, in file order (edit indexes refer to it). */
  shifts: readonly Shift[];
  now: DateTime;
  /** Instant the schedule must reach. */
  until: DateTime;
}

export interface ScheduleUpdate {
  /** In-place edits of published shifts (indexes into `shifts`). */
  edits: ShiftEdit[];
  /** Shifts to append. */
  added: Shift[];
  /** Sentences for people: why each edit was made, and the generator's notes. */
  notes: string[];
}

export function planScheduleUpdate(input: ScheduleUpdateInput): ScheduleUpdate {
  const { config, people, now, until } = input;
  const nowMs = now.toMillis();
  const notes: string[] = [];
  const byLogin = new Map(people.map((p) => [p.login, p]));

  // 1. Leavers: only shifts that have not started yet may change; history is immutable.
  const edits = releaseLeaverShifts(input.shifts, people, config).filter((e) =>
    e.replacement.some((s) => s.login === null && s.start.toMillis() >= nowMs),
  );
  for (const e of edits) {
    const original = input.shifts[e.index]!;
    const released = e.replacement.find((s) => s.login === null)!;
    const who = byLogin.get(original.login ?? "");
    notes.push(
      `${original.login} leaves on ${who?.end}: their ${original.layer} shift from ${released.start.toISODate()} is unfilled` +
        (released.fallback
          ? `; ${released.fallback} (their manager) covers it until someone takes it.`
          : " and has no fallback (no manager)."),
    );
  }
  let shifts = applyEdits(input.shifts, edits);

  // 2. People with no shift at all take an unfilled slot they are eligible for, earliest first.
  const today = now.setZone(config.timezone).toISODate()!;
  for (const person of people) {
    if (!isRostered(person, today) || shifts.some((s) => s.login === person.login)) continue;
    const slot = joinSlot(shifts, person, config, now);
    if (!slot) continue;
    const taken: Shift = { ...slot, login: person.login };
    delete taken.fallback;
    // The slot may be the released part of a leaver's edit made above: change that edit instead.
    const earlier = edits.find((e) => e.replacement.includes(slot));
    if (earlier) earlier.replacement = earlier.replacement.map((s) => (s === slot ? taken : s));
    else edits.push({ index: input.shifts.indexOf(slot), replacement: [taken] });
    shifts = shifts.map((s) => (s === slot ? taken : s));
    notes.push(`${person.login} takes the unfilled ${slot.layer} shift from ${slot.start.toISODate()}.`);
  }

  // 3. Extend to the horizon.
  const configStart = config.start === undefined ? nowMs : startOfDateMillis(config.start, config.timezone);
  const startMs = Math.max(nowMs, configStart);
  const from = inZone(startMs, config.timezone);
  const generated = generateSchedule({ config, people, published: shifts, until, from });
  return { edits, added: generated.shifts, notes: [...notes, ...generated.notes] };
}

/** The schedule after edits, for the next step to see. */
function applyEdits(shifts: readonly Shift[], edits: readonly ShiftEdit[]): Shift[] {
  const byIndex = new Map(edits.map((e) => [e.index, e.replacement]));
  return shifts.flatMap((s, i) => byIndex.get(i) ?? [s]);
}
