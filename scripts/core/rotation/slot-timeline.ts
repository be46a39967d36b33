/**
 * The shifts covering one slot (a regular layer together with the volunteer layer that replaces it in
 * the holiday period), indexed for the generator: sorted by start, with the rotation state that the
 * published part implies. Reading the state back from the file, rather than remembering it anywhere
 * else, is what makes "generate to X, then to Y" equal "generate to Y".
 */
import type { Shift } from "../model/index.js";

/** A shift with its instants as epoch ms (comparisons in the generator's inner loop). */
export interface Piece {
  startMs: number;
  endMs: number;
  shift: Shift;
}

/** Longest span searched backwards for overlaps: longer than any valid shift (4 weeks). */
const MAX_SPAN_MS = 35 * 86_400_000;

/** Shifts of one slot, sorted by start; new pieces are appended at the end (they start last). */
export class SlotTimeline {
  readonly pieces: Piece[];

  constructor(
    /** The regular layer (rot-a): the slot's name. */
    readonly regular: string,
    /** The volunteer layer standing in for it in the holiday period, if any. */
    readonly holiday: string | undefined,
    shifts: readonly Shift[],
  ) {
    this.pieces = shifts
      .map((shift) => ({ startMs: shift.start.toMillis(), endMs: shift.end.toMillis(), shift }))
      .sort((a, b) => a.startMs - b.startMs);
  }

  /** The piece that ends last (the one the slot continues from), if any. */
  last(): Piece | undefined {
    let best: Piece | undefined;
    for (const piece of this.pieces) if (!best || piece.endMs > best.endMs) best = piece;
    return best;
  }

  /** Append a newly generated shift (it must start at or after every existing one). */
  append(shift: Shift): void {
    this.pieces.push({ startMs: shift.start.toMillis(), endMs: shift.end.toMillis(), shift });
  }

  /** Pieces overlapping [startMs, endMs), latest first. */
  *overlapping(startMs: number, endMs: number): Generator<Piece> {
    let lo = 0;
    let hi = this.pieces.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.pieces[mid]!.startMs < endMs) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i--) {
      const piece = this.pieces[i]!;
      if (piece.startMs < startMs - MAX_SPAN_MS) break;
      if (piece.endMs > startMs) yield piece;
    }
  }

  /**
   * The round in progress according to the recorded `round` fields: the round of the latest-starting
   * shift that has one, who already served in it (logins of regular shifts, and fallbacks of volunteer
   * slots, which name the person the regular layer had underneath), when it began, and who served in
   * the round before it (undefined when no shift records that round). Round 0, nobody served, when no
   * shift records a round.
   */
  roundState(): { round: number; served: Set<string>; startMs: number | undefined; previous: Set<string> | undefined } {
    let latest: Piece | undefined;
    for (const piece of this.pieces)
      if (piece.shift.round !== undefined && (!latest || piece.startMs >= latest.startMs)) latest = piece;
    if (!latest) return { round: 0, served: new Set(), startMs: undefined, previous: undefined };
    const round = latest.shift.round!;
    const served = this.servedIn(round);
    let startMs = latest.startMs;
    for (const piece of this.pieces) if (piece.shift.round === round) startMs = Math.min(startMs, piece.startMs);
    const hasPrevious = this.pieces.some((p) => p.shift.round === round - 1);
    return { round, served, startMs, previous: hasPrevious ? this.servedIn(round - 1) : undefined };
  }

  /** Who served in `round`: holders of its regular shifts and the people underneath its volunteer slots. */
  private servedIn(round: number): Set<string> {
    const served = new Set<string>();
    for (const { shift } of this.pieces) {
      if (shift.round !== round) continue;
      const who = shift.layer === this.regular ? shift.login : shift.fallback;
      if (who) served.add(who);
    }
    return served;
  }

  /**
   * Who had the turn that ended at `beforeMs`: the holder of the last piece starting before it, or for
   * a volunteer slot with a recorded round, its fallback (the person underneath). Undefined when unfilled.
   */
  personBefore(beforeMs: number): string | undefined {
    for (let i = this.pieces.length - 1; i >= 0; i--) {
      const { startMs, shift } = this.pieces[i]!;
      if (startMs >= beforeMs) continue;
      if (shift.layer === this.regular) return shift.login ?? undefined;
      return shift.round !== undefined ? shift.fallback : undefined;
    }
    return undefined;
  }

  /** Login of the last filled shift of the slot before `beforeMs`, if any. */
  lastHolder(beforeMs: number): string | undefined {
    for (let i = this.pieces.length - 1; i >= 0; i--) {
      const piece = this.pieces[i]!;
      if (piece.startMs < beforeMs && piece.shift.login) return piece.shift.login;
    }
    return undefined;
  }
}
