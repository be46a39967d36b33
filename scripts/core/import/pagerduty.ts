/**
 * A PagerDuty schedule in the source model. PagerDuty's layers stack: where a higher layer has someone,
 * it wins. Our layers are side by side instead, so a PagerDuty schedule becomes ONE layer whose shifts
 * are the stacked result. A layer's turns are `rotation_turn_length_seconds` long (whole days only),
 * counted from `rotation_virtual_start` (which may lie before `start`) through `users` in order, and
 * the layer only counts between `start` and `end`.
 *
 * Published shifts follow the final schedule's `rendered_schedule_entries` where given (except under
 * overrides, which are imported as overrides), otherwise the stacked rules; the import is verified
 * against the rendered final schedule where given.
 */
import { IANAZone } from "luxon";
import { UserError } from "../model/index.js";
import type { PagerDutyEntry, PagerDutyLayer, PagerDutySource } from "./source-types.js";
import { keyOf, layerNameFor } from "./model.js";
import type { Gap, ImportWindow, Piece, SourceModel, SourceOverride, SourceUser } from "./model.js";
import { compose, pieceAt, ruleTurns, spanOf, spliceRendered, stackLayers } from "./turns.js";
import { MAX_TURN_DAYS } from "./opsgenie.js";

const DAY_SECONDS = 86_400;

const parseMs = (iso: string, field: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new UserError(`${field}: "${iso}" is not a date and time.`);
  return ms;
};

/** Converts the saved PagerDuty responses; see the module comment. Throws a UserError on unusable data. */
export function convertPagerDuty(src: PagerDutySource, window: ImportWindow): SourceModel {
  const { schedule } = src;
  const zone = schedule.time_zone;
  if (!zone || !IANAZone.isValidZone(zone))
    throw new UserError(`schedule.json: the schedule's time_zone "${zone}" is not an IANA time zone.`);
  const { fromMs, untilMs } = window;
  const users = new Map<string, SourceUser>();
  const keyById = new Map<string, string>();
  for (const u of src.users) {
    if (!u.email) continue;
    const key = keyOf(u.email);
    users.set(key, { key, name: u.name || u.email, ...(u.time_zone && { timezone: u.time_zone }) });
    keyById.set(u.id, key);
  }
  // A user missing from users.json is known only by id; the mapping template lists it so.
  const keyOfRef = (ref: { id: string; summary?: string } | null | undefined): string | null => {
    if (!ref) return null;
    const key = keyById.get(ref.id);
    if (key) return key;
    const k = keyOf(ref.id);
    if (!users.has(k)) users.set(k, { key: k, name: ref.summary ?? ref.id });
    return k;
  };
  const entries = (list: readonly PagerDutyEntry[] | undefined): Piece[] | undefined =>
    list?.map((e) => ({ startMs: Date.parse(e.start), endMs: Date.parse(e.end), who: keyOfRef(e.user) }));

  const gaps: Gap[] = [];
  const notes: string[] = [];
  const all = (schedule.schedule_layers ?? []).map((layer, index) => ({ layer, index }));
  // Top layer first: by rendering_index (higher wins) when every layer has one, else as listed.
  if (all.length && all.every((x) => typeof x.layer.rendering_index === "number"))
    all.sort((a, b) => b.layer.rendering_index! - a.layer.rendering_index!);
  const used: { layer: PagerDutyLayer; index: number; days: number; cycle: string[]; startMs: number }[] = [];
  for (const { layer, index } of all) {
    const field = `schedule.json schedule_layers[${index}]`;
    const title = `layer "${layer.name ?? index + 1}"`;
    if (layer.restrictions?.length) {
      gaps.push({
        field: `${field}.restrictions`,
        value: `${layer.restrictions.map((r) => r.type ?? "restriction").join(", ")} (${title})`,
        why: "a restriction leaves the layer empty part of the day or week; our turns run around the clock",
      });
      continue;
    }
    const seconds = layer.rotation_turn_length_seconds;
    if (!Number.isInteger(seconds) || seconds % DAY_SECONDS !== 0 || seconds <= 0) {
      gaps.push({
        field: `${field}.rotation_turn_length_seconds`,
        value: `${seconds} (${title})`,
        why: "turns that are not whole days; our turns are whole days",
      });
      continue;
    }
    if (seconds / DAY_SECONDS > MAX_TURN_DAYS) {
      gaps.push({
        field: `${field}.rotation_turn_length_seconds`,
        value: `${seconds} (${title})`,
        why: `turns longer than the ${MAX_TURN_DAYS} days a layer's turn may last`,
      });
      continue;
    }
    const cycle = (layer.users ?? []).map((u) => keyOfRef(u.user)!).filter(Boolean);
    if (!cycle.length) {
      notes.push(`${title} has no users and adds nobody.`);
      continue;
    }
    const startMs = parseMs(layer.start, `${field}.start`);
    used.push({ layer, index, days: seconds / DAY_SECONDS, cycle, startMs });
  }

  const layerTurns = used.map((u) =>
    ruleTurns(
      {
        startMs: parseMs(u.layer.rotation_virtual_start, `schedule_layers[${u.index}].rotation_virtual_start`),
        days: u.days,
        zone,
        cycle: u.cycle,
        activeFrom: u.startMs,
        activeTo: u.layer.end ? parseMs(u.layer.end, `schedule_layers[${u.index}].end`) : Number.POSITIVE_INFINITY,
      },
      fromMs,
      untilMs,
    ),
  );
  const stacked = stackLayers(layerTurns, fromMs, untilMs);
  const name = layerNameFor(schedule.name ?? "pagerduty", new Set(), "pagerduty");

  const overrides: SourceOverride[] = [];
  let outside = 0;
  src.overrides.forEach((o, i) => {
    const startMs = Math.max(parseMs(o.start, `overrides.json [${i}].start`), fromMs);
    const endMs = Math.min(parseMs(o.end, `overrides.json [${i}].end`), untilMs);
    if (startMs >= endMs) outside++;
    else overrides.push({ layer: name, startMs, endMs, who: keyOfRef(o.user)! });
  });
  if (outside) notes.push(`${outside} override(s) outside the imported window were left out.`);
  const ownOverrides: Piece[] = overrides.map((o) => ({ startMs: o.startMs, endMs: o.endMs, who: o.who }));
  const underOverride = (ms: number) => pieceAt(ownOverrides, ms) !== undefined;

  const final = entries(schedule.final_schedule?.rendered_schedule_entries);
  const span = spanOf(final);
  const base = spliceRendered(stacked, final, span, fromMs, untilMs, underOverride, ownOverrides);
  const computed = compose(
    [base, ownOverrides],
    fromMs,
    untilMs,
    (ms) => pieceAt(ownOverrides, ms) ?? pieceAt(base, ms),
  );
  const expected = spliceRendered(computed, final, span, fromMs, untilMs);

  // Our config continues with one rule: the bottom layer's (the one that usually covers everything).
  const bottom = used[used.length - 1];
  if (used.length > 1)
    notes.push(
      `the ${used.length} PagerDuty layers are published as one stacked layer; after the imported weeks the schedule ` +
        `continues with the rule of the bottom layer "${bottom!.layer.name ?? bottom!.index + 1}" only.`,
    );
  const ends = used.map((u) => (u.layer.end ? Date.parse(u.layer.end) : Number.POSITIVE_INFINITY));
  const endMs = ends.length ? Math.max(...ends) : undefined;
  const members = [...new Set(used.flatMap((u) => u.cycle))];
  const layers = bottom
    ? [
        {
          name,
          title: `schedule "${schedule.name ?? schedule.id ?? ""}"`,
          members,
          handoffMs: Date.parse(bottom.layer.rotation_virtual_start),
          days: bottom.days,
          ...(endMs !== undefined && Number.isFinite(endMs) && { endMs }),
          base: trimEdges(base),
        },
      ]
    : [];
  return {
    tool: "PagerDuty",
    scheduleName: schedule.name ?? schedule.id ?? "schedule",
    zone,
    team: schedule.teams?.[0]?.summary || schedule.name || "imported",
    users,
    layers,
    overrides: bottom ? overrides : [],
    expected: bottom ? new Map([[name, expected]]) : new Map(),
    expectedFrom: final ? "schedule.json (final_schedule.rendered_schedule_entries)" : "the layer rules and overrides",
    verifyFrom: fromMs,
    verifyTo: untilMs,
    gaps,
    notes,
  };
}

/** Nobody before the first person or after the last is outside the schedule, not an unfilled shift. */
function trimEdges(pieces: Piece[]): Piece[] {
  let a = 0;
  let b = pieces.length;
  while (a < b && pieces[a]!.who === null) a++;
  while (b > a && pieces[b - 1]!.who === null) b--;
  return pieces.slice(a, b);
}
