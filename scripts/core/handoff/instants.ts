/**
 * When each layer hands off: the regular layer's weekday and wall-clock time in the rotation zone, and
 * inside the end-of-year holiday period the edges of the volunteer slots that replace it. Handoffs are
 * read off the rotation's rules (never cron arithmetic), so a late run finds the same instants.
 *
 * A "layer" here is a slot: a regular layer name (`rot-a`); its holiday slots are handoffs of `rot-a`
 * whose shift layer is the volunteer layer (`holiday-a`).
 */
import type { DateTime } from "luxon";
import { UsageError, type Organisation, type RotationConfig } from "../model/index.js";
import {
  DEFAULT_HANDOFF_ANCHOR,
  handoffMillisAfter,
  holidayWindowsBetween,
  inZone,
  wallClockMillis,
} from "../rotation/index.js";

/** One handoff of one layer. */
export interface LayerHandoff {
  /** The regular layer (slot) handing off: `rot-a`. */
  layer: string;
  /** The handoff instant, in the rotation zone. */
  at: DateTime;
  /** Layer of the shift that starts at `at`: the regular layer, or its volunteer layer in the holiday period. */
  shiftLayer: string;
}

type HandoffOrg = Pick<Organisation, "rotation">;

const DAY_MS = 86_400_000;

/**
 * The regular layer `name` stands for: itself, or the layer a volunteer layer replaces. Throws a
 * {@link UsageError} naming the layers when there is no such layer (a user's `--layer` typo).
 */
export function handoffLayer(config: RotationConfig, name: string): string {
  if (config.layers.some((l) => l.name === name)) return name;
  const volunteer = config.holidayPeriod?.layers.find((l) => l.name === name);
  if (volunteer && config.layers.some((l) => l.name === volunteer.replaces)) return volunteer.replaces;
  const known = [...config.layers.map((l) => l.name), ...(config.holidayPeriod?.layers.map((l) => l.name) ?? [])];
  throw new UsageError(`There is no layer "${name}" in rotations/config.yaml; the layers are ${known.join(", ")}.`);
}

function layersOf(config: RotationConfig, layer: string | undefined): string[] {
  return layer === undefined ? config.layers.map((l) => l.name) : [handoffLayer(config, layer)];
}

/**
 * Every handoff of one regular layer in [fromMs, toMs), by time. Regular handoffs strictly inside a
 * holiday window are dropped; the window's start, its slot edges and its end are added.
 */
function slotHandoffs(config: RotationConfig, slot: string, fromMs: number, toMs: number): LayerHandoff[] {
  const zone = config.timezone;
  const rule = config.layers.find((l) => l.name === slot)!;
  const anchor = config.start ?? DEFAULT_HANDOFF_ANCHOR;
  const windows = holidayWindowsBetween(config, fromMs - DAY_MS, toMs + DAY_MS, slot);
  const found = new Map<number, string>();
  for (let ms = handoffMillisAfter(rule, zone, fromMs, true, anchor); ms < toMs;) {
    if (!windows.some((w) => w.start.toMillis() < ms && ms < w.end.toMillis())) found.set(ms, slot);
    ms = handoffMillisAfter(rule, zone, ms, false, anchor);
  }
  const shiftDays = config.holidayPeriod?.shiftDays ?? 1;
  for (const w of windows) {
    const endMs = w.end.toMillis();
    for (let k = 0; ; k++) {
      const ms = wallClockMillis(w.firstDay + k * shiftDays, w.minutes, zone);
      if (ms >= endMs) break;
      if (ms >= fromMs && ms < toMs) found.set(ms, w.layer);
    }
    // The regular layer takes over again at the window's end.
    if (endMs >= fromMs && endMs < toMs) found.set(endMs, slot);
  }
  return [...found.entries()]
    .sort(([a], [b]) => a - b)
    .map(([ms, shiftLayer]) => ({ layer: slot, at: inZone(ms, zone), shiftLayer }));
}

/**
 * Handoffs in [from, to) of every regular layer (or of `layer` only; a volunteer layer's name means the
 * layer it replaces), in time order; handoffs at the same instant keep the config's layer order.
 * Named apart from rotation's `handoffsBetween`, which takes one layer's rule rather than the organisation.
 * @throws UsageError for an unknown layer.
 */
export function layerHandoffsBetween(org: HandoffOrg, from: DateTime, to: DateTime, layer?: string): LayerHandoff[] {
  const fromMs = from.toMillis();
  const toMs = to.toMillis();
  if (!(toMs > fromMs)) return [];
  const all = layersOf(org.rotation, layer).flatMap((slot) => slotHandoffs(org.rotation, slot, fromMs, toMs));
  // Array.prototype.sort is stable: equal instants stay in config order.
  return all.sort((a, b) => a.at.toMillis() - b.at.toMillis());
}

/**
 * How far apart two handoffs of `slot` can be, with a day to spare for DST: one regular shift, or one
 * volunteer slot (at most 7 days) inside a holiday window, whose edges are handoffs too.
 */
function searchSpanMillis(config: RotationConfig, slot: string): number {
  const weeks = config.layers.find((l) => l.name === slot)?.shiftWeeks ?? 1;
  return (7 * weeks + 2) * DAY_MS;
}

/** The last handoff of `slot` at or before `atMs`. */
function lastSlotHandoff(config: RotationConfig, slot: string, atMs: number): LayerHandoff {
  return slotHandoffs(config, slot, atMs - searchSpanMillis(config, slot), atMs + 1).at(-1)!;
}

/**
 * The latest handoff at or before `at` of each regular layer (or of `layer` only), in config order:
 * the handoff that began the shift in progress at `at`.
 * @throws UsageError for an unknown layer.
 */
export function latestHandoffs(org: HandoffOrg, at: DateTime, layer?: string): LayerHandoff[] {
  return layersOf(org.rotation, layer).map((slot) => lastSlotHandoff(org.rotation, slot, at.toMillis()));
}

/** The handoff of the same layer before `handoff`: the start of the outgoing person's window. */
export function previousLayerHandoff(org: HandoffOrg, handoff: LayerHandoff): LayerHandoff {
  return lastSlotHandoff(org.rotation, handoff.layer, handoff.at.toMillis() - 1);
}

/** The handoff of the same layer after `handoff`: the end of the incoming person's shift. */
export function nextLayerHandoff(org: HandoffOrg, handoff: LayerHandoff): LayerHandoff {
  const fromMs = handoff.at.toMillis() + 1;
  return slotHandoffs(org.rotation, handoff.layer, fromMs, fromMs + searchSpanMillis(org.rotation, handoff.layer))[0]!;
}
