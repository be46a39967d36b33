/**
 * The order of people within one round of a layer: shuffled, reproducible from the recorded seed, with
 * the newest engineers towards the end.
 *
 * Rather than a Fisher-Yates shuffle of the member list, every member draws one number from a PRNG
 * stream seeded by (seed, layer, round, login) and the round is sorted by those draws. Sorting by
 * independent uniform draws gives a uniformly random permutation just like Fisher-Yates, but the relative
 * order of two people does not depend on who else is on the roster: when someone joins or leaves in the
 * middle of a round, everybody else keeps their place. That is what lets the generator continue a
 * partially published round by recomputing its order and skipping those who already served.
 */
import type { Person } from "../model/index.js";

/** FNV-1a 32-bit hash of a string's UTF-16 code units: a cheap, well-spread seed derivation. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): a tiny, fast PRNG with a full 2^32 period, plenty for
 * shuffling rosters. Returns a function yielding floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A member's draw for a round, in [0, 1): the first output of mulberry32 seeded by the inputs. */
export function roundDraw(seed: number, layer: string, round: number, login: string): number {
  return mulberry32((fnv1a(`${layer}\u0000${round}\u0000${login}`) ^ seed) >>> 0)();
}

/** What `roundOrder` needs besides the members. */
export interface RoundOrderOptions {
  /** The rotation's recorded seed (0 .. 2^32-1). */
  seed: number;
  /** Layer name; each layer shuffles independently. */
  layer: string;
  /** Round number, from 0. */
  round: number;
  /** YYYY-MM-DD the round began (its first shift's start date). */
  roundStart: string;
  /**
   * People who started fewer than this many days before `roundStart` are newcomers and go to the end
   * of the round, earliest start first (the generator passes 2 x newHireDays, default 120).
   */
  newcomerDays: number;
  /**
   * Who served in this layer's previous round, when known. Members who did not (added to the roster or
   * moved here by balancing since, or left over from it) go after those who did, so that someone who
   * joins the layer in the middle of a round joins at its end.
   */
  previous?: ReadonlySet<string>;
}

/**
 * The order of one round: members who served in the previous round sorted by their draw, then the other
 * members who are not newcomers by their draw, then newcomers by start date (the newest last), ties by
 * draw. Ties between draws (1 in 2^32) fall back to login.
 */
export function roundOrder<P extends Pick<Person, "login" | "start">>(
  members: readonly P[],
  options: RoundOrderOptions,
): P[] {
  const { seed, layer, round, roundStart, newcomerDays, previous } = options;
  const cutoff = new Date(Date.parse(`${roundStart}T00:00:00Z`) - newcomerDays * 86_400_000).toISOString().slice(0, 10);
  // Group 0: served last round; 1: joined the layer since; 2: newcomers to the company.
  const keyed = members.map((p) => ({
    p,
    draw: roundDraw(seed, layer, round, p.login),
    group: p.start > cutoff ? 2 : previous && !previous.has(p.login) ? 1 : 0,
  }));
  keyed.sort((a, b) => {
    if (a.group !== b.group) return a.group - b.group;
    if (a.group === 2 && a.p.start !== b.p.start) return a.p.start < b.p.start ? -1 : 1;
    if (a.draw !== b.draw) return a.draw - b.draw;
    return a.p.login < b.p.login ? -1 : a.p.login > b.p.login ? 1 : 0;
  });
  return keyed.map((k) => k.p);
}
