/**
 * Extending the materialized schedule. The published shifts are read-only input; the result is only the
 * shifts to append, so a published shift can never move.
 *
 * Model. Each slot (regular layer) has an underlying sequence of TURNS between consecutive regular
 * handoffs. Every turn belongs to one person, chosen lazily when the first piece of the turn is emitted.
 * Outside holiday windows a turn is one regular shift; a holiday window cuts it: the part before the
 * window is a clipped regular shift, the inside becomes volunteer slots (`login: null`, `fallback` = the
 * turn's person at the slot's start, so the slot is covered until a volunteer takes it), and the part
 * after the window is a partial regular shift for the same person until the next handoff.
 *
 * Choosing a turn's person, at instant c for the rest of the turn [c, end):
 * 1. the first person in the current round's order (round-order.ts: shuffled from the seed, with people
 *    who joined the layer since the previous round and then the company's newest engineers at the end)
 *    who has not served in the round, may hold [c, end) (new-hire rule, end date), is not on another
 *    slot's shift overlapping it, did not have the previous turn, and would not pair two first-timers
 *    (checked for the regular part of the turn, which inside a holiday window starts when it ends);
 * 2. otherwise the same in a fresh round: people left over (new hires not eligible yet, people blocked
 *    by a clash) move to the next round;
 * 3. otherwise 1 and 2 again allowing the previous turn's person to follow themselves (possible only
 *    across a round boundary), then again also allowing a first-timer pairing (noted: the roster
 *    leaves no choice);
 * 4. otherwise nobody: the piece is unfilled with a fallback (`nullFallback`) and the next piece of the
 *    turn tries again. Round state only changes when someone is actually placed.
 * Leavers are therefore never given a turn they cannot finish: the next person takes it. Their
 * already-published shifts are released with `releaseLeaverShifts` (roster-changes.ts).
 *
 * A layer with an `end` stops there: its last shift is cut at the end and nothing follows it.
 *
 * Order. Slots advance together, the one whose schedule ends earliest first (ties in config order), so a
 * choice only ever looks at other slots' shifts that started before it; extending to X and then to Y
 * gives exactly the shifts of extending to Y, and generating again gives nothing.
 */
import type { DateTime } from "luxon";
import type { LayerConfig, Person, RotationConfig, Shift } from "../model/index.js";
import { DEFAULT_HANDOFF_ANCHOR, handoffMillisAfter, handoffMillisAtOrBefore } from "./handoffs.js";
import { HolidayWindowIndex, holidaySlotEndMillis } from "./holiday-period.js";
import { RosterView } from "./roster-view.js";
import { roundOrder } from "./round-order.js";
import { SlotTimeline } from "./slot-timeline.js";
import { formatInstant, inZone, isoDate, localDay, startOfDateMillis } from "./wall-clock.js";

/** Input of `generateSchedule`. */
export interface GenerateInput {
  config: RotationConfig;
  people: readonly Person[];
  /** The published schedule in any order; never modified. Shifts of unknown layers are ignored. */
  published: readonly Shift[];
  /** Instant the schedule must reach: each slot is extended until its last shift ends at or after `until`. */
  until: DateTime;
  /**
   * Where a slot with no published shift begins: at its first handoff at or after this instant.
   * Default: `config.start` at midnight in the rotation zone. Ignored for slots that have shifts.
   */
  from?: DateTime;
  /** Seed for the round order; default `config.seed`. */
  seed?: number;
}

/** The shifts to append (in the order they were generated: by start, slots interleaved) and notes. */
export interface GenerateResult {
  shifts: Shift[];
  notes: string[];
}

interface Turn {
  startMs: number;
  endMs: number;
  /** Undefined until someone is placed (a turn nobody could take is retried at its next piece). */
  login?: string;
}

interface SlotRun {
  layer: LayerConfig;
  /** Epoch ms of the layer's `end`: nothing is generated at or after it. Infinity when it has none. */
  endMs: number;
  timeline: SlotTimeline;
  cursor: number;
  round: number;
  served: Set<string>;
  /** Who served in the round before (undefined when unknown); see `RoundOrderOptions.previous`. */
  previous: Set<string> | undefined;
  roundStartMs: number | undefined;
  turn: Turn | undefined;
}

/** Extend the schedule to `until`. Throws when a slot has no shift and neither `from` nor `config.start` says where to begin. */
export function generateSchedule(input: GenerateInput): GenerateResult {
  return new Generator(input).run();
}

class Generator {
  private readonly config: RotationConfig;
  private readonly zone: string;
  private readonly anchor: string;
  private readonly seed: number;
  private readonly roster: RosterView;
  private readonly slots: SlotRun[] = [];
  private readonly firstStart = new Map<string, number>();
  private readonly epoch: number;
  private readonly notes = new Set<string>();
  private readonly out: Shift[] = [];
  private readonly windows: HolidayWindowIndex;

  constructor(private readonly input: GenerateInput) {
    const { config } = input;
    this.config = config;
    this.zone = config.timezone;
    this.anchor = config.start ?? DEFAULT_HANDOFF_ANCHOR;
    this.seed = input.seed ?? config.seed;
    this.roster = new RosterView(config, input.people);
    this.windows = new HolidayWindowIndex(config);

    const holidayOf = new Map((config.holidayPeriod?.layers ?? []).map((h) => [h.replaces, h.name]));
    const slotOf = new Map<string, string>();
    for (const layer of config.layers) {
      slotOf.set(layer.name, layer.name);
      const holiday = holidayOf.get(layer.name);
      if (holiday !== undefined) slotOf.set(holiday, layer.name);
    }
    const known = input.published.filter((s) => slotOf.has(s.layer));
    for (const s of known) if (s.login !== null) this.noteFirst(s.login, s.start.toMillis());
    const fromMs =
      input.from?.toMillis() ?? (config.start !== undefined ? startOfDateMillis(config.start, this.zone) : undefined);

    for (const layer of config.layers) {
      const timeline = new SlotTimeline(
        layer.name,
        holidayOf.get(layer.name),
        known.filter((s) => slotOf.get(s.layer) === layer.name),
      );
      const last = timeline.last();
      let cursor: number;
      if (last) cursor = last.endMs;
      else if (fromMs !== undefined) cursor = handoffMillisAfter(layer, this.zone, fromMs, true, this.anchor);
      else throw new Error(`cannot start layer ${layer.name}: nothing is published and the rotation has no start date`);
      const { round, served, startMs, previous } = timeline.roundState();
      const endMs = layer.end === undefined ? Number.POSITIVE_INFINITY : Date.parse(layer.end);
      this.slots.push({
        layer,
        endMs,
        timeline,
        cursor,
        round,
        served,
        previous,
        roundStartMs: startMs,
        turn: undefined,
      });
    }
    let epoch = Number.POSITIVE_INFINITY;
    for (const s of known) epoch = Math.min(epoch, s.start.toMillis());
    for (const slot of this.slots) if (slot.timeline.pieces.length === 0) epoch = Math.min(epoch, slot.cursor);
    this.epoch = epoch;
    for (const slot of this.slots) slot.turn = this.resumeTurn(slot);
  }

  run(): GenerateResult {
    const until = this.input.until.toMillis();
    for (;;) {
      let next: SlotRun | undefined;
      for (const slot of this.slots)
        if (slot.cursor < until && slot.cursor < slot.endMs && (!next || slot.cursor < next.cursor)) next = slot;
      if (!next) break;
      this.emit(next);
    }
    return { shifts: this.out, notes: [...this.roster.balanceNotes(), ...this.notes] };
  }

  /** The turn in progress at a slot's cursor, taking its person from the published piece before it. */
  private resumeTurn(slot: SlotRun): Turn | undefined {
    const startMs = handoffMillisAtOrBefore(slot.layer, this.zone, slot.cursor, this.anchor);
    if (startMs === slot.cursor) return undefined;
    const turn: Turn = { startMs, endMs: handoffMillisAfter(slot.layer, this.zone, slot.cursor, false, this.anchor) };
    const last = slot.timeline.last();
    if (last && last.startMs >= startMs) {
      const s = last.shift;
      const who = s.layer === slot.layer.name ? s.login : s.round !== undefined ? s.fallback : undefined;
      const person = who ? this.roster.get(who) : undefined;
      if (person && this.roster.canHold(person, slot.cursor, turn.endMs)) turn.login = person.login;
    }
    return turn;
  }

  private emit(slot: SlotRun): void {
    const c = slot.cursor;
    if (!slot.turn || c >= slot.turn.endMs) {
      slot.turn = { startMs: c, endMs: handoffMillisAfter(slot.layer, this.zone, c, false, this.anchor) };
    }
    const turn = slot.turn;
    const { inside, nextStart } = this.windows.near(slot.layer.name, c);
    const holidayLayer = inside?.layer;
    let end = Math.min(turn.endMs, slot.endMs);
    if (inside)
      end = Math.min(holidaySlotEndMillis(inside, this.config.holidayPeriod!.shiftDays, this.zone, c), slot.endMs);
    else if (nextStart !== undefined && nextStart < end) end = nextStart;

    let fallback: string | undefined;
    if (turn.login === undefined) {
      // Inside a holiday window the turn's person only stands behind the volunteer slots; their first
      // regular shift of the turn is its rest after the window (if the turn outlasts it).
      const windowEnd = inside?.end.toMillis();
      const regularFrom = windowEnd === undefined ? c : windowEnd < turn.endMs ? windowEnd : undefined;
      const placed = this.place(slot, c, turn.endMs, regularFrom);
      if (placed) turn.login = placed;
      else {
        fallback = this.nullFallback(slot, c);
        const what = fallback ? `fallback ${fallback}` : "no fallback either";
        this.notes.add(
          `${slot.layer.name} from ${formatInstant(c, this.zone)}: nobody can take the shift; left unfilled (${what})`,
        );
      }
    }
    const shift: Shift = {
      layer: holidayLayer ?? slot.layer.name,
      start: inZone(c, this.zone),
      end: inZone(end, this.zone),
      login: null,
    };
    if (holidayLayer !== undefined) {
      const who = turn.login ?? fallback;
      if (who !== undefined) shift.fallback = who;
      if (turn.login !== undefined) shift.round = slot.round;
    } else {
      shift.login = turn.login ?? null;
      if (turn.login === undefined && fallback !== undefined) shift.fallback = fallback;
      shift.round = slot.round;
    }
    if (shift.round !== undefined && slot.roundStartMs === undefined) slot.roundStartMs = c;
    if (shift.login !== null) this.noteFirst(shift.login, c);
    slot.timeline.append(shift);
    this.out.push(shift);
    slot.cursor = end;
  }

  /**
   * Choose the person for the rest of a turn [c, endMs), updating the round state; see the module
   * comment. `regularFrom` is where the person's regular shift in the turn begins (c, or the end of the
   * holiday window the turn starts in), undefined when the turn ends inside the window: the first-timer
   * pairing rule looks at [regularFrom, endMs).
   */
  private place(slot: SlotRun, c: number, endMs: number, regularFrom: number | undefined): string | undefined {
    const members = this.roster.membersAt(slot.layer.name, c);
    const lastPerson = slot.timeline.personBefore(c);
    const attempt = (
      round: number,
      served: ReadonlySet<string>,
      previous: ReadonlySet<string> | undefined,
      roundStartMs: number,
      tier: number,
    ): Person | undefined => {
      const order = roundOrder(members, {
        seed: this.seed,
        layer: slot.layer.name,
        round,
        roundStart: isoDate(localDay(roundStartMs, this.zone)),
        newcomerDays: 2 * this.config.newHireDays,
        ...(previous && { previous }),
      });
      return order.find(
        (p) =>
          !served.has(p.login) &&
          this.roster.canHold(p, c, endMs) &&
          !this.clashes(slot, p.login, c, endMs) &&
          !(tier < 1 && p.login === lastPerson) &&
          !(tier < 2 && regularFrom !== undefined && this.pairsFirstTimers(slot, p.login, regularFrom, endMs)),
      );
    };
    const pairingNote = (login: string): void => {
      this.notes.add(
        `${slot.layer.name} from ${formatInstant(c, this.zone)}: ${login} is on a first shift alongside another first-timer (no one else can take it)`,
      );
    };
    // Tier 0: every rule. Tier 1: the same person may follow themselves across a round boundary.
    // Tier 2: two first-timers may be paired. Each tier tries the current round, then a fresh one.
    for (const tier of [0, 1, 2]) {
      const same = attempt(slot.round, slot.served, slot.previous, slot.roundStartMs ?? c, tier);
      if (same) {
        if (tier === 2) pairingNote(same.login);
        slot.served.add(same.login);
        return same.login;
      }
      const fresh = attempt(slot.round + 1, new Set(), slot.served, c, tier);
      if (fresh) {
        const left = members.filter((p) => !slot.served.has(p.login)).map((p) => p.login);
        if (left.length > 0)
          this.notes.add(
            `${slot.layer.name} round ${slot.round}: ${left.join(", ")} not placed (not eligible yet, on another layer at the time, or avoiding a first-timer pairing); they move to round ${slot.round + 1}`,
          );
        if (tier === 2) pairingNote(fresh.login);
        slot.round += 1;
        slot.previous = slot.served;
        slot.served = new Set([fresh.login]);
        slot.roundStartMs = undefined;
        return fresh.login;
      }
    }
    return undefined;
  }

  /**
   * Whether `login` holds a shift of another slot overlapping [startMs, endMs), or is that slot's
   * person for the rest of a turn it has not emitted yet (a turn cut by a holiday window resumes with
   * the same person after it, so that person is spoken for until the turn ends).
   */
  private clashes(slot: SlotRun, login: string, startMs: number, endMs: number): boolean {
    for (const other of this.slots) {
      if (other === slot) continue;
      for (const piece of other.timeline.overlapping(startMs, endMs)) if (piece.shift.login === login) return true;
      if (pendingHolder(other, startMs, endMs) === login) return true;
    }
    return false;
  }

  /** Whether giving [startMs, endMs) to `login` would put two people on their first shift side by side. */
  private pairsFirstTimers(slot: SlotRun, login: string, startMs: number, endMs: number): boolean {
    if (this.experienced(login) || (this.firstStart.get(login) ?? Infinity) < startMs) return false;
    for (const other of this.slots) {
      if (other === slot) continue;
      for (const piece of other.timeline.overlapping(startMs, endMs)) {
        const q = piece.shift.login;
        if (q !== null && q !== login && !this.experienced(q) && this.firstStart.get(q) === piece.startMs) return true;
      }
      // A turn the other slot has not finished emitting (cut by a holiday window) whose person has had
      // no shift yet: the rest of it will be their first.
      const q = pendingHolder(other, startMs, endMs);
      if (q !== undefined && q !== login && !this.experienced(q) && !this.firstStart.has(q)) return true;
    }
    return false;
  }

  /** Past the new-hire period when the schedule began (see `isExperienced`); unknown logins count as experienced. */
  private experienced(login: string): boolean {
    const person = this.roster.get(login);
    return !person || this.roster.window(person)[0] <= this.epoch;
  }

  /**
   * Who covers a piece nobody can take: the manager most common among the layer's members (ties by
   * login); when no member has a manager, the most common manager among everyone in the roster file;
   * failing that, whoever last held the slot. Undefined only for a team without managers or history.
   */
  private nullFallback(slot: SlotRun, c: number): string | undefined {
    return (
      this.roster.commonManager(c, this.roster.membersAt(slot.layer.name, c)) ??
      this.roster.commonManager(c) ??
      slot.timeline.lastHolder(c)
    );
  }

  private noteFirst(login: string, startMs: number): void {
    const seen = this.firstStart.get(login);
    if (seen === undefined || startMs < seen) this.firstStart.set(login, startMs);
  }
}

/** The person of a slot's turn whose unemitted rest [cursor, turn end) overlaps [startMs, endMs). */
function pendingHolder(slot: SlotRun, startMs: number, endMs: number): string | undefined {
  const turn = slot.turn;
  if (!turn || slot.cursor >= turn.endMs) return undefined;
  return slot.cursor < endMs && startMs < turn.endMs ? turn.login : undefined;
}
