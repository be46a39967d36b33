/**
 * The effective schedule: who is actually on call for each slot once everything is folded in.
 *
 * Per slot (regular layer), from lowest to highest precedence:
 * - regular shifts: the holder (source "schedule");
 * - volunteer shifts of the layer replacing it in the holiday period: the volunteer ("holiday");
 * - unfilled shifts of either kind: their `fallback` ("fallback"); without one, nobody (a gap that the
 *   schedule rules report);
 * - a holder past their end date: from midnight after it, their manager ("fallback"), as SPEC says a
 *   leaver's shifts become unfilled; without a manager the holder stays and the rules report it;
 * - a fallback (or that manager) who has left in turn: the next manager up the chain who is still at
 *   the company, from the moment they left (`standIns`); when the chain runs out the last one stays and
 *   the rules report `fallback-no-manager`;
 * - overrides of the slot (naming the regular or the volunteer layer) win over all of it ("override").
 * Shifts passed in `preview` (generated, not published) report "preview" instead of "schedule",
 * "holiday" or "fallback". Where shifts of one slot overlap (an invalid schedule) the earlier-starting one
 * wins, likewise for overlapping overrides, so the result never overlaps within a slot.
 */
import type { DateTime } from "luxon";
import type { CoverageSegment, CoverageSource, Override, Person, RotationConfig, Shift } from "../model/index.js";
import { availableUntilMillis, standIns } from "../rotation/index.js";
import { inZone } from "../rotation/index.js";

/** Input of `effectiveCoverage`. Only [from, to) is computed. */
export interface CoverageInput {
  shifts: readonly Shift[];
  overrides: readonly Override[];
  people: readonly Person[];
  config: RotationConfig;
  from: DateTime;
  to: DateTime;
  /** Generated but unpublished shifts among `shifts`: their segments have source "preview". */
  preview?: ReadonlySet<Shift>;
}

/** A coverage piece before merging, in epoch ms, with the shift or override that supplied it. */
export interface TracedPiece {
  slot: string;
  layer: string;
  startMs: number;
  endMs: number;
  login: string;
  source: CoverageSource;
  origin: Shift | Override;
}

/** Map from every layer name (regular and volunteer) to the slot it covers. */
export function slotOfLayer(config: RotationConfig): Map<string, string> {
  const map = new Map<string, string>(config.layers.map((l) => [l.name, l.name]));
  for (const h of config.holidayPeriod?.layers ?? [])
    if (map.get(h.replaces) === h.replaces) map.set(h.name, h.replaces);
  return map;
}

/** Sort by start and cut each piece where the previous one ends (earlier start wins). */
function flatten(pieces: TracedPiece[]): TracedPiece[] {
  pieces.sort((a, b) => a.startMs - b.startMs);
  const out: TracedPiece[] = [];
  let reach = Number.NEGATIVE_INFINITY;
  for (const p of pieces) {
    const startMs = Math.max(p.startMs, reach);
    if (startMs < p.endMs) out.push(startMs === p.startMs ? p : { ...p, startMs });
    reach = Math.max(reach, p.endMs);
  }
  return out;
}

/** `base` minus the time covered by `cover` (both flattened, sorted). */
function subtract(base: TracedPiece[], cover: TracedPiece[]): TracedPiece[] {
  const out: TracedPiece[] = [];
  let j = 0;
  for (const piece of base) {
    let start = piece.startMs;
    while (j < cover.length && cover[j]!.endMs <= start) j++;
    for (let k = j; k < cover.length && cover[k]!.startMs < piece.endMs; k++) {
      const c = cover[k]!;
      if (c.startMs > start) out.push({ ...piece, startMs: start, endMs: c.startMs });
      start = Math.max(start, c.endMs);
    }
    if (start < piece.endMs) out.push(start === piece.startMs ? piece : { ...piece, startMs: start });
  }
  return out;
}

/** Unmerged, traced coverage of [from, to): per slot in config order, sorted by start, never overlapping. */
export function coveragePieces(input: CoverageInput): TracedPiece[] {
  const { config, preview } = input;
  const from = input.from.toMillis();
  const to = input.to.toMillis();
  const slotOf = slotOfLayer(config);
  const people = new Map(input.people.map((p) => [p.login, p]));
  const base = new Map<string, TracedPiece[]>(config.layers.map((l) => [l.name, []]));
  const over = new Map<string, TracedPiece[]>(config.layers.map((l) => [l.name, []]));

  for (const shift of input.shifts) {
    const slot = slotOf.get(shift.layer);
    if (slot === undefined) continue;
    const startMs = Math.max(shift.start.toMillis(), from);
    const endMs = Math.min(shift.end.toMillis(), to);
    if (startMs >= endMs) continue;
    const isPreview = preview?.has(shift) ?? false;
    const add = (s: number, e: number, login: string, source: CoverageSource): void => {
      if (s < e)
        base.get(slot)!.push({
          slot,
          layer: shift.layer,
          startMs: s,
          endMs: e,
          login,
          source: isPreview ? "preview" : source,
          origin: shift,
        });
    };
    const fallBack = (login: string, s: number): void => {
      for (const p of standIns(login, s, endMs, people, config.timezone)) add(p.startMs, p.endMs, p.login, "fallback");
    };
    if (shift.login === null) {
      if (shift.fallback) fallBack(shift.fallback, startMs);
      continue;
    }
    const held: CoverageSource = shift.layer === slot ? "schedule" : "holiday";
    const person = people.get(shift.login);
    const until = person ? availableUntilMillis(person, config.timezone) : Number.POSITIVE_INFINITY;
    if (endMs <= until || !person?.manager) {
      add(startMs, endMs, shift.login, held);
    } else {
      add(startMs, Math.min(endMs, until), shift.login, held);
      fallBack(person.manager, Math.max(startMs, until));
    }
  }
  for (const o of input.overrides) {
    const slot = slotOf.get(o.layer);
    if (slot === undefined) continue;
    const startMs = Math.max(o.start.toMillis(), from);
    const endMs = Math.min(o.end.toMillis(), to);
    if (startMs < endMs)
      over.get(slot)!.push({ slot, layer: o.layer, startMs, endMs, login: o.by, source: "override", origin: o });
  }

  const out: TracedPiece[] = [];
  for (const layer of config.layers) {
    const overrides = flatten(over.get(layer.name)!);
    const pieces = [...subtract(flatten(base.get(layer.name)!), overrides), ...overrides];
    out.push(...pieces.sort((a, b) => a.startMs - b.startMs));
  }
  return out;
}

/**
 * Effective coverage of [from, to) per slot, in config order and by start: every instant of a slot is
 * in at most one segment, and in exactly one inside the published horizon of a valid schedule.
 * Adjacent segments are merged when slot, layer, login and source are all equal.
 */
export function effectiveCoverage(input: CoverageInput): CoverageSegment[] {
  const zone = input.config.timezone;
  const merged: TracedPiece[] = [];
  for (const piece of coveragePieces(input)) {
    const prev = merged[merged.length - 1];
    if (
      prev &&
      prev.slot === piece.slot &&
      prev.endMs === piece.startMs &&
      prev.login === piece.login &&
      prev.source === piece.source &&
      prev.layer === piece.layer
    ) {
      merged[merged.length - 1] = { ...prev, endMs: piece.endMs };
    } else merged.push(piece);
  }
  return merged.map((p) => ({
    slot: p.slot,
    layer: p.layer,
    start: inZone(p.startMs, zone),
    end: inZone(p.endMs, zone),
    login: p.login,
    source: p.source,
  }));
}
