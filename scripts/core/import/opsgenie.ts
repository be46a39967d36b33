/**
 * An Opsgenie schedule in the source model. Its rotations are on call side by side, like our layers,
 * so each rotation becomes a layer. A rotation's turns are `length` days (daily), weeks (weekly) or
 * hours (hourly, only when they add up to whole days), taken by its participants in order from
 * `startDate`, until `endDate`; a `none` participant is a turn with nobody on call.
 *
 * Published shifts come from the timeline's base timeline where `timeline.json` covers the window
 * (otherwise from the rules); the expected answer the import is verified against is the timeline's
 * final timeline where given, otherwise the rules with the overrides on top.
 */
import { IANAZone } from "luxon";
import { UserError } from "../model/index.js";
import type { OpsgeniePeriod, OpsgenieRotation, OpsgenieSource, OpsgenieTimelineRotation } from "./source-types.js";
import { keyOf, layerNameFor } from "./model.js";
import type { Gap, ImportWindow, Piece, SourceLayer, SourceModel, SourceOverride, SourceUser } from "./model.js";
import { compose, pieceAt, ruleTurns, spliceRendered } from "./turns.js";

/** Most layers an import creates: every layer puts one more person on call at the same time. */
export const MAX_IMPORTED_LAYERS = 4;
/** Longest turn our config can continue (`shiftDays` maximum). */
export const MAX_TURN_DAYS = 28;

const parseMs = (iso: string, field: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new UserError(`${field}: "${iso}" is not a date and time.`);
  return ms;
};

/** Turn length in days, or the reason it is not whole days. */
function turnDays(r: OpsgenieRotation): number | string {
  const length = r.length ?? 1;
  if (!Number.isInteger(length) || length < 1) return `a length of ${length} is not a whole number of ${r.type} turns`;
  if (r.type === "daily") return length;
  if (r.type === "weekly") return 7 * length;
  if (r.type === "hourly")
    return length % 24 === 0 ? length / 24 : `turns of ${length} hours are not whole days; our turns are whole days`;
  return `the rotation type "${r.type}" is not daily, weekly or hourly`;
}

/** Timeline periods as pieces (users by username; anything else nobody). */
function periodPieces(periods: readonly OpsgeniePeriod[] | undefined, pick?: (p: OpsgeniePeriod) => boolean): Piece[] {
  return (periods ?? [])
    .filter((p) => !pick || pick(p))
    .map((p) => ({
      startMs: Date.parse(p.startDate),
      endMs: Date.parse(p.endDate),
      who: p.recipient?.type === "user" && p.recipient.name ? keyOf(p.recipient.name) : null,
    }))
    .filter((p) => p.startMs < p.endMs);
}

const sameRotation = (r: OpsgenieRotation) => (t: OpsgenieTimelineRotation) =>
  (r.id !== undefined && t.id === r.id) || (r.id === undefined && t.name === r.name);

/** Converts the saved Opsgenie responses; see the module comment. Throws a UserError on unusable data. */
export function convertOpsgenie(src: OpsgenieSource, window: ImportWindow): SourceModel {
  const { schedule } = src;
  const zone = schedule.timezone;
  if (!zone || !IANAZone.isValidZone(zone))
    throw new UserError(`schedule.json: the schedule's timezone "${zone}" is not an IANA time zone.`);
  const { fromMs, untilMs } = window;
  const users = new Map<string, SourceUser>();
  const byId = new Map<string, string>();
  for (const u of src.users) {
    if (!u.username) continue;
    const key = keyOf(u.username);
    users.set(key, { key, name: u.fullName || u.username, ...(u.timeZone && { timezone: u.timeZone }) });
    if (u.id) byId.set(u.id, key);
  }
  const gaps: Gap[] = [];
  const notes: string[] = [];
  const taken = new Set<string>();
  const imported: { rotation: OpsgenieRotation; layer: SourceLayer; rules: Piece[] }[] = [];
  const timeline = src.timeline;
  const tSpan: [number, number] | undefined =
    timeline?.startDate && timeline.endDate
      ? [Date.parse(timeline.startDate), Date.parse(timeline.endDate)]
      : undefined;

  (schedule.rotations ?? []).forEach((r, i) => {
    const field = `schedule.json rotations[${i}]`;
    const title = `rotation "${r.name ?? i + 1}"`;
    if (r.timeRestriction) {
      const value = r.timeRestriction.type ?? JSON.stringify(r.timeRestriction);
      gaps.push({
        field: `${field}.timeRestriction`,
        value: `${value} (${title})`,
        why:
          "a time restriction leaves the rotation empty part of the day or week; " +
          "our layers are on call around the clock",
      });
      return;
    }
    const days = turnDays(r);
    if (typeof days === "string") {
      gaps.push({ field: `${field}.length`, value: `${r.length ?? 1} ${r.type} (${title})`, why: days });
      return;
    }
    if (days > MAX_TURN_DAYS) {
      const why = `turns of ${days} days are longer than the ${MAX_TURN_DAYS} days a layer's turn may last`;
      gaps.push({ field: `${field}.length`, value: `${r.length ?? 1} ${r.type} (${title})`, why });
      return;
    }
    if (imported.length >= MAX_IMPORTED_LAYERS) {
      gaps.push({
        field,
        value: title,
        why:
          `more than ${MAX_IMPORTED_LAYERS} rotations: each puts another person on call at the same time, ` +
          "more than the supported layers",
      });
      return;
    }
    const cycle: (string | null)[] = [];
    (r.participants ?? []).forEach((p, j) => {
      if (p.type === "none") cycle.push(null);
      else if (p.type === "user") {
        const name = p.username ?? (p.id ? byId.get(p.id) : undefined) ?? p.id ?? "?";
        cycle.push(keyOf(name));
      } else {
        gaps.push({
          field: `${field}.participants[${j}]`,
          value: `${p.type} ${p.name ?? p.id ?? ""}`.trim() + ` (${title})`,
          why: `a ${p.type} is not one person; our turns belong to one person (with --lossy the turn is left unfilled)`,
        });
        cycle.push(null);
      }
    });
    if (!cycle.length) {
      gaps.push({ field: `${field}.participants`, value: `none (${title})`, why: "a rotation without participants" });
      return;
    }
    const startMs = parseMs(r.startDate, `${field}.startDate`);
    const endMs = r.endDate ? parseMs(r.endDate, `${field}.endDate`) : undefined;
    const rules = ruleTurns(
      { startMs, days, zone, cycle, activeFrom: startMs, activeTo: endMs ?? Number.POSITIVE_INFINITY },
      fromMs,
      untilMs,
    );
    const baseTl = timeline?.baseTimeline?.rotations?.find(sameRotation(r));
    const inRange = (p: Piece) => p.startMs < (endMs ?? Infinity) && p.endMs > startMs;
    const rendered = baseTl ? periodPieces(baseTl.periods).filter(inRange) : undefined;
    // The rendered base timeline is only trusted inside the rotation's own range; nobody is on call outside it.
    const span = rendered && tSpan ? clampSpan(tSpan, startMs, endMs) : undefined;
    const base = spliceRendered(rules, rendered, span, fromMs, untilMs).filter((p) =>
      p.who !== null ? true : p.startMs >= startMs && p.endMs <= (endMs ?? Infinity),
    );
    const members = [...new Set(cycle.filter((k): k is string => k !== null))];
    const layer: SourceLayer = {
      name: layerNameFor(r.name ?? `rotation-${i + 1}`, taken, "rotation"),
      title,
      members,
      handoffMs: startMs,
      days,
      ...(endMs !== undefined && { endMs }),
      base,
    };
    imported.push({ rotation: r, layer, rules });
  });

  const overrides: SourceOverride[] = [];
  let outside = 0;
  src.overrides.forEach((o, i) => {
    const field = `overrides.json [${i}]`;
    if (o.user?.type !== "user") {
      gaps.push({
        field: `${field}.user`,
        value: `${o.user?.type} ${o.user?.name ?? o.user?.id ?? ""}`.trim(),
        why: "only a person can take an override here",
      });
      return;
    }
    const targets = o.rotations?.length
      ? imported.filter((x) => o.rotations!.some((t) => (t.id && t.id === x.rotation.id) || t.name === x.rotation.name))
      : imported;
    const named = o.rotations?.length ? o.rotations.length : (schedule.rotations ?? []).length;
    if (named > 1) {
      gaps.push({
        field: `${field}.rotations`,
        value: o.rotations?.length ? o.rotations.map((t) => t.name ?? t.id).join(", ") : "every rotation",
        why: "an override of several rotations puts one person on two layers at once, which our schedule forbids",
      });
      return;
    }
    const target = targets[0];
    if (!target) return; // its rotation was not imported (already listed as a gap)
    const who = keyOf(o.user.username ?? (o.user.id ? byId.get(o.user.id) : undefined) ?? o.user.id ?? "?");
    const startMs = Math.max(parseMs(o.startDate, `${field}.startDate`), fromMs);
    const endMs = Math.min(parseMs(o.endDate, `${field}.endDate`), untilMs);
    if (startMs >= endMs) {
      outside++;
      return;
    }
    overrides.push({ layer: target.layer.name, startMs, endMs, who });
  });
  if (outside) notes.push(`${outside} override(s) outside the imported window were left out.`);

  const expected = new Map<string, Piece[]>();
  const finalRotations = timeline?.finalTimeline?.rotations;
  for (const { rotation, layer } of imported) {
    const own = overrides.filter((o) => o.layer === layer.name).map((o) => ({ ...o }) as Piece);
    const computed = compose([layer.base, own], fromMs, untilMs, (ms) => pieceAt(own, ms) ?? pieceAt(layer.base, ms));
    const final = finalRotations?.find(sameRotation(rotation));
    const rendered = final && tSpan ? periodPieces(final.periods) : undefined;
    expected.set(layer.name, spliceRendered(computed, rendered, tSpan, fromMs, untilMs));
  }
  return {
    tool: "Opsgenie",
    scheduleName: schedule.name ?? schedule.id ?? "schedule",
    zone,
    team: schedule.ownerTeam?.name || schedule.name || "imported",
    users,
    layers: imported.map((x) => x.layer),
    overrides,
    expected,
    expectedFrom: finalRotations && tSpan ? "timeline.json (final timeline)" : "the rotation rules and overrides",
    verifyFrom: fromMs,
    verifyTo: untilMs,
    gaps,
    notes,
  };
}

function clampSpan(span: [number, number], startMs: number, endMs: number | undefined): [number, number] {
  return [Math.max(span[0], startMs), Math.min(span[1], endMs ?? Infinity)];
}
