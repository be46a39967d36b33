/**
 * The source model in our terms: GitHub logins through the mapping, the roster, the rotation config
 * (one layer per source layer, members in the source's order, the handoff weekday and time in the
 * schedule's zone, the turn length and end), the published shifts and the overrides.
 */
import { IANAZone } from "luxon";
import type { Override, Shift, Weekday } from "../model/index.js";
import { inZone, isoDate, localDay, weekdayOf } from "../rotation/index.js";
import type { Gap, SourceLayer, SourceModel, SourceUser } from "./model.js";

/** A roster entry as the import writes it. */
interface ImportedPerson {
  login: string;
  name: string;
  timezone: string;
  region: string;
  start: string;
  team: string;
  oncall: boolean;
}

/** A layer of rotations/config.yaml as the import writes it (schema field names). */
interface ImportedLayerConfig {
  name: string;
  handoffDay: Weekday;
  handoffTime: string;
  shiftWeeks?: number;
  shiftDays?: number;
  end?: string;
  members: string[];
}

interface ImportedConfig {
  timezone: string;
  seed: number;
  start: string;
  layers: ImportedLayerConfig[];
}

export interface BuildOptions {
  /** Source key (lower case) -> GitHub login. */
  mapping: ReadonlyMap<string, string>;
  /** Who covers unfilled turns (a `none` participant, a hole in the final schedule). */
  fallback?: string;
  /** The rotation's newHireDays: imported people start early enough that the rule never fires. */
  newHireDays: number;
}

/** A login per piece: the expected answer of the source, in our terms. */
export interface ExpectedPiece {
  startMs: number;
  endMs: number;
  login: string | null;
}

export interface ImportPlan {
  zone: string;
  people: ImportedPerson[];
  config: ImportedConfig;
  shifts: Shift[];
  overrides: Override[];
  expected: Map<string, ExpectedPiece[]>;
  /** Source users the import needs but the mapping lacks, in first-seen order. */
  unmapped: SourceUser[];
  /** Unfilled shifts exist but no fallback was given. */
  needsFallback: boolean;
  /** Sentences about choices the import made that are not losses. */
  notes: string[];
}

const WEEKDAYS: readonly Weekday[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** Builds our files' contents from a converted source; see the module comment. */
export function buildImport(model: SourceModel, opts: BuildOptions): ImportPlan {
  const { zone } = model;
  const notes = [...model.notes];
  const needed: string[] = [];
  const need = (key: string | null) => {
    if (key !== null && !needed.includes(key)) needed.push(key);
  };
  for (const layer of model.layers) {
    layer.members.forEach(need);
    layer.base.forEach((p) => need(p.who));
  }
  model.overrides.forEach((o) => need(o.who));
  for (const list of model.expected.values()) list.forEach((p) => need(p.who));
  const unmapped = needed.filter((k) => !opts.mapping.has(k)).map((k) => model.users.get(k) ?? { key: k, name: k });
  const login = (key: string | null): string | null => (key === null ? null : (opts.mapping.get(key) ?? key));

  // The cadence anchor: the first handoff day of the layer with the longest turns, so its phase is exact.
  const longest = [...model.layers].sort((a, b) => b.days - a.days)[0];
  const anchorDay = longest ? localDay(longest.handoffMs, zone) : localDay(model.verifyFrom, zone);
  const layers = model.layers.map((l) => layerConfig(l, zone, anchorDay, login, notes));

  const shifts: Shift[] = [];
  let needsFallback = false;
  for (const layer of model.layers)
    for (const p of layer.base) {
      const shift: Shift = {
        layer: layer.name,
        start: inZone(p.startMs, zone),
        end: inZone(p.endMs, zone),
        login: login(p.who),
      };
      if (shift.login === null) {
        if (opts.fallback) shift.fallback = opts.fallback;
        else needsFallback = true;
      }
      shifts.push(shift);
    }
  shifts.sort((a, b) => a.start.toMillis() - b.start.toMillis());
  const overrides: Override[] = model.overrides.map((o) => ({
    layer: o.layer,
    start: inZone(o.startMs, zone),
    end: inZone(o.endMs, zone),
    by: login(o.who)!,
    reason: `imported from ${model.tool}`,
  }));

  // Everyone on the roster starts early enough that no imported shift breaks the new-hire rule.
  const first = Math.min(
    model.verifyFrom,
    ...shifts.map((s) => s.start.toMillis()),
    ...model.layers.map((l) => l.handoffMs),
  );
  const start = isoDate(localDay(first, zone) - opts.newHireDays - 1);
  const logins = new Map<string, SourceUser | undefined>();
  for (const k of needed) logins.set(login(k)!, model.users.get(k));
  if (opts.fallback && !logins.has(opts.fallback)) logins.set(opts.fallback, undefined);
  const people: ImportedPerson[] = [...logins].map(([l, user]) => {
    const tz = user?.timezone && IANAZone.isValidZone(user.timezone) ? user.timezone : zone;
    if (user?.timezone && tz !== user.timezone)
      notes.push(`${l}: the time zone "${user.timezone}" is not an IANA zone; ${zone} (the schedule's) was used.`);
    const oncall = model.layers.some((x) => x.members.some((m) => login(m) === l)) || shifts.some((s) => s.login === l);
    return { login: l, name: user?.name ?? l, timezone: tz, region: "none", start, team: model.team, oncall };
  });
  // Overrides alone do not make someone a rotation member, but they do take shifts.
  for (const p of people) if (overrides.some((o) => o.by === p.login)) p.oncall = true;

  const expected = new Map<string, ExpectedPiece[]>();
  for (const [layer, list] of model.expected)
    expected.set(
      layer,
      list.map((p) => ({ startMs: p.startMs, endMs: p.endMs, login: login(p.who) })),
    );
  return {
    zone,
    people,
    config: { timezone: zone, seed: seedOf(model.scheduleName), start: isoDate(anchorDay), layers },
    shifts,
    overrides,
    expected,
    unmapped,
    needsFallback,
    notes,
  };
}

/**
 * One layer of the config. Handoffs fall every `days` days from the handoff weekday on or after the
 * config's start, so the weekday is the one that keeps the source's phase; a phase that cannot be kept
 * (two layers with turns over a week and different phases) is noted: the imported weeks are exact, the
 * continuation is not.
 */
function layerConfig(
  l: SourceLayer,
  zone: string,
  anchorDay: number,
  login: (k: string) => string | null,
  notes: string[],
): ImportedLayerConfig {
  const day = localDay(l.handoffMs, zone);
  const offset = (((day - anchorDay) % l.days) + l.days) % l.days;
  if (offset > 6)
    notes.push(
      `${l.title}: its ${l.days}-day turns cannot keep their phase next to the other layers; ` +
        "the imported weeks are exact, but check the handoffs generated after them.",
    );
  const out: ImportedLayerConfig = {
    name: l.name,
    handoffDay: WEEKDAYS[weekdayOf(anchorDay + Math.min(offset, 6)) - 1]!,
    handoffTime: inZone(l.handoffMs, zone).toFormat("HH:mm"),
    members: [...new Set(l.members.map((m) => login(m)!))],
  };
  if (l.days % 7 === 0 && l.days <= 28) out.shiftWeeks = l.days / 7;
  else out.shiftDays = l.days;
  if (l.endMs !== undefined) out.end = inZone(l.endMs, zone).toISO({ suppressMilliseconds: true })!;
  return out;
}

/** A stable seed from the schedule's name (FNV-1a), so a rerun writes the same config. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Gaps as lines "field: value: why", one per item. */
export function gapLines(gaps: readonly Gap[]): string[] {
  return gaps.map((g) => `${g.field}: ${g.value}: ${g.why}`);
}
