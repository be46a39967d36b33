/**
 * Turns from a source's rotation rules, and the composition of several sources of truth (rules,
 * rendered timelines, stacked layers) into one list of pieces. Turns follow the schedule zone's wall
 * clock: a daily turn that starts at 09:00 starts at 09:00 on both sides of a DST change, like our
 * own handoffs (`wallClockMillis`).
 */
import { clockMinutes, inZone, localDay, wallClockMillis } from "../rotation/index.js";
import type { Piece } from "./model.js";

/** A rotation rule: turns of `days` days from `startMs`, taken in turn by `cycle` (null: nobody). */
export interface TurnRule {
  startMs: number;
  days: number;
  zone: string;
  cycle: readonly (string | null)[];
  /** The rule holds only inside [activeFrom, activeTo). */
  activeFrom: number;
  activeTo: number;
}

/** Start (epoch ms) of turn `k` of a rule: k x days after its first handoff, at the same wall-clock time. */
function turnStart(rule: Pick<TurnRule, "startMs" | "days" | "zone">, k: number): number {
  const local = inZone(rule.startMs, rule.zone);
  const minutes = clockMinutes(local.toFormat("HH:mm"));
  return wallClockMillis(localDay(rule.startMs, rule.zone) + k * rule.days, minutes, rule.zone);
}

/** The rule's turns inside [from, to), cut to the window and to the rule's active range. */
export function ruleTurns(rule: TurnRule, from: number, to: number): Piece[] {
  const lo = Math.max(from, rule.activeFrom);
  const hi = Math.min(to, rule.activeTo);
  if (lo >= hi || rule.cycle.length === 0) return [];
  const n = rule.cycle.length;
  let k = Math.floor((localDay(lo, rule.zone) - localDay(rule.startMs, rule.zone)) / rule.days) - 1;
  while (turnStart(rule, k + 1) <= lo) k++;
  const out: Piece[] = [];
  for (; ; k++) {
    const s = turnStart(rule, k);
    if (s >= hi) break;
    const e = turnStart(rule, k + 1);
    const startMs = Math.max(s, lo);
    const endMs = Math.min(e, hi);
    if (startMs < endMs) out.push({ startMs, endMs, who: rule.cycle[((k % n) + n) % n]! });
  }
  return out;
}

/** The piece of `list` holding `ms`, if any. */
export function pieceAt(list: readonly Piece[], ms: number): Piece | undefined {
  return list.find((p) => p.startMs <= ms && ms < p.endMs);
}

/**
 * Pieces over [from, to) chosen by `pick` between every boundary of `lists`. Stretches picked from the
 * same piece stay one piece (a turn cut by nothing stays a turn); stretches with no piece are nobody,
 * merged with each other.
 */
export function compose(
  lists: readonly (readonly Piece[])[],
  from: number,
  to: number,
  pick: (ms: number) => Piece | undefined,
): Piece[] {
  const cuts = new Set<number>([from, to]);
  for (const list of lists)
    for (const p of list) for (const ms of [p.startMs, p.endMs]) if (ms > from && ms < to) cuts.add(ms);
  const points = [...cuts].sort((a, b) => a - b);
  const out: Piece[] = [];
  let prevOrigin: Piece | undefined;
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    const origin = pick(s);
    const who = origin?.who ?? null;
    const prev = out[out.length - 1];
    // A hole (no piece) merges with a hole; a piece only with itself.
    if (prev && prev.endMs === s && origin === prevOrigin && prev.who === who) prev.endMs = e;
    else out.push({ startMs: s, endMs: e, who });
    prevOrigin = origin;
  }
  return out;
}

/** Layers stacked, `layers[0]` on top: at every instant the highest layer that has someone wins. */
export function stackLayers(layers: readonly (readonly Piece[])[], from: number, to: number): Piece[] {
  return compose(layers, from, to, (ms) => {
    for (const list of layers) {
      const p = pieceAt(list, ms);
      if (p && p.who !== null) return p;
    }
    return undefined;
  });
}

/**
 * The source's rendered pieces inside `span` (holes there are nobody), `rules` outside it and wherever
 * `keepRules` holds (under an override, where the rendered answer is the override's, not the shift's).
 */
export function spliceRendered(
  rules: readonly Piece[],
  rendered: readonly Piece[] | undefined,
  span: readonly [number, number] | undefined,
  from: number,
  to: number,
  keepRules: (ms: number) => boolean = () => false,
  /** Where `keepRules` changes its answer (the overrides' pieces), so those instants are boundaries too. */
  keepCuts: readonly Piece[] = [],
): Piece[] {
  if (!rendered || !span) return compose([rules], from, to, (ms) => pieceAt(rules, ms));
  const nobody: Piece = { startMs: span[0], endMs: span[1], who: null };
  return compose([rules, rendered, [nobody], keepCuts], from, to, (ms) => {
    const inSpan = ms >= span[0] && ms < span[1];
    if (!inSpan || keepRules(ms)) return pieceAt(rules, ms);
    return pieceAt(rendered, ms);
  });
}

/** The span [first start, last end] a rendered list covers, or undefined when it is empty. */
export function spanOf(list: readonly Piece[] | undefined): [number, number] | undefined {
  if (!list || !list.length) return undefined;
  return [Math.min(...list.map((p) => p.startMs)), Math.max(...list.map((p) => p.endMs))];
}
