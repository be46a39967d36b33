/**
 * What a trade changes: the effective schedule (overrides, holiday volunteers and fallbacks folded in)
 * before and after, compared slot by slot. A trade is judged by who is actually on call, not by which
 * lines moved, so a swap in the schedule, an override and a roster edit (a leaver whose shifts fall
 * back to their manager) are all seen the same way.
 *
 * Time that only the new side covers, after the end of the old side's published schedule, is a
 * publication (the schedule workflow appending rounds), not a trade: it is returned apart and needs
 * nobody's consent.
 */
import type { DateTime } from "luxon";
import type { CoverageSegment, CoverageSource, Override, Person, RotationConfig, Shift } from "../model/index.js";
import { effectiveCoverage, slotOfLayer } from "../schedule/index.js";
import { inZone } from "../rotation/index.js";

/** One side of a trade: the rotation data at one revision. */
export interface TradeSide {
  shifts: readonly Shift[];
  overrides: readonly Override[];
  people: readonly Person[];
  config: RotationConfig;
}

/**
 * A stretch of one slot where the person on call differs. `layer` is the layer that supplies the
 * person (rot-a, or holiday-a in the holiday period); `from`/`to` are null where nobody is on call.
 */
export interface TradeChange {
  layer: string;
  /** The regular layer being covered. */
  slot: string;
  start: DateTime;
  end: DateTime;
  from: string | null;
  to: string | null;
  /** Why `from` was on call before (schedule, override, fallback, ...). */
  fromSource?: CoverageSource;
  /** Why `to` is on call after. */
  toSource?: CoverageSource;
}

export interface CoverageDiff {
  /** Changes to time the old side had published, by slot in config order, then by start. */
  changes: TradeChange[];
  /** Newly published time beyond the old side's schedule (from is always null). */
  published: TradeChange[];
}

/** The instants the two sides' shifts and overrides span, in epoch ms; undefined when both are empty. */
function span(sides: readonly TradeSide[]): [number, number] | undefined {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const side of sides) {
    for (const e of [...side.shifts, ...side.overrides]) {
      from = Math.min(from, e.start.toMillis());
      to = Math.max(to, e.end.toMillis());
    }
  }
  return from < to ? [from, to] : undefined;
}

/** End of the published schedule per slot (epoch ms), from the shifts alone. */
function publishedEnds(side: TradeSide): Map<string, number> {
  const slotOf = slotOfLayer(side.config);
  const out = new Map<string, number>();
  for (const s of side.shifts) {
    const slot = slotOf.get(s.layer);
    if (slot !== undefined) out.set(slot, Math.max(out.get(slot) ?? Number.NEGATIVE_INFINITY, s.end.toMillis()));
  }
  return out;
}

/** The segment of a sorted, non-overlapping list covering `ms`, advancing a cursor. */
function cursorOver(list: readonly CoverageSegment[]): (ms: number) => CoverageSegment | undefined {
  let i = 0;
  return (ms) => {
    while (i < list.length && list[i]!.end.toMillis() <= ms) i++;
    const seg = list[i];
    return seg && seg.start.toMillis() <= ms ? seg : undefined;
  };
}

/** Compares who is on call before and after, over everything either side publishes. */
export function diffCoverage(before: TradeSide, after: TradeSide): CoverageDiff {
  const window = span([before, after]);
  if (!window) return { changes: [], published: [] };
  const zone = after.config.timezone;
  const coverage = (side: TradeSide) =>
    effectiveCoverage({
      shifts: side.shifts,
      overrides: side.overrides,
      people: side.people,
      config: side.config,
      from: inZone(window[0], zone),
      to: inZone(window[1], zone),
    });
  const old = coverage(before);
  const now = coverage(after);
  const oldEnds = publishedEnds(before);
  const slots = [...new Set([...after.config.layers, ...before.config.layers].map((l) => l.name))];

  const changes: TradeChange[] = [];
  const published: TradeChange[] = [];
  for (const slot of slots) {
    const a = old.filter((s) => s.slot === slot);
    const b = now.filter((s) => s.slot === slot);
    const oldEnd = oldEnds.get(slot) ?? Number.NEGATIVE_INFINITY;
    const cuts = new Set<number>([window[0], window[1]]);
    if (Number.isFinite(oldEnd)) cuts.add(oldEnd);
    for (const s of [...a, ...b]) cuts.add(s.start.toMillis()).add(s.end.toMillis());
    const points = [...cuts].sort((x, y) => x - y);
    const atOld = cursorOver(a);
    const atNew = cursorOver(b);
    for (let i = 0; i + 1 < points.length; i++) {
      const startMs = points[i]!;
      const endMs = points[i + 1]!;
      const x = atOld(startMs);
      const y = atNew(startMs);
      const from = x?.login ?? null;
      const to = y?.login ?? null;
      if (from === to) continue;
      const change: TradeChange = {
        layer: y?.layer ?? x?.layer ?? slot,
        slot,
        start: inZone(startMs, zone),
        end: inZone(endMs, zone),
        from,
        to,
      };
      if (x) change.fromSource = x.source;
      if (y) change.toSource = y.source;
      const list = from === null && startMs >= oldEnd ? published : changes;
      const prev = list[list.length - 1];
      if (
        prev &&
        prev.slot === slot &&
        prev.layer === change.layer &&
        prev.from === from &&
        prev.to === to &&
        prev.end.toMillis() === startMs &&
        prev.fromSource === change.fromSource &&
        prev.toSource === change.toSource
      ) {
        list[list.length - 1] = { ...prev, end: change.end };
      } else list.push(change);
    }
  }
  return { changes, published };
}

/** Everyone who gains or loses time on call through `changes`, sorted. */
export function affectedPeople(changes: readonly TradeChange[]): string[] {
  const out = new Set<string>();
  for (const c of changes) {
    if (c.from !== null) out.add(c.from);
    if (c.to !== null) out.add(c.to);
  }
  return [...out].sort((x, y) => x.localeCompare(y));
}
