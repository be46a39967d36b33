/**
 * The edits behind `oncall trade swap` and `oncall trade cover`, made the way a person would make
 * them so nobody has to hand-edit YAML: a swap exchanges the logins of two published shifts (a
 * two-line diff), a cover appends one override entry to rotations/overrides.yaml as text, keeping
 * the file's comments and layout. Pure: data and text in, data and text out.
 */
import type { DateTime } from "luxon";
import { UserError } from "../model/index.js";
import type { Override, Shift } from "../model/index.js";
import { formatInstant, inZone, startOfDateMillis } from "../rotation/index.js";

/** Which of a person's shifts is meant: a calendar day (rotation zone) or an instant inside it. */
export type ShiftPick = { login: string; day: string } | { login: string; instant: DateTime };

function describeShift(s: Shift, zone: string): string {
  return `${s.layer} ${formatInstant(s.start.toMillis(), zone)} - ${formatInstant(s.end.toMillis(), zone)}`;
}

/**
 * The published shift `pick` names: held by the login, of `layer` when given, containing the instant
 * or overlapping the day. When several shifts touch the day, the one starting on it wins (a handoff
 * day belongs to the incoming shift). Throws a user error listing the person's shifts otherwise.
 */
export function findShift(shifts: readonly Shift[], pick: ShiftPick, zone: string, layer?: string): Shift {
  const own = shifts.filter((s) => s.login === pick.login && (layer === undefined || s.layer === layer));
  let found: Shift[];
  let what: string;
  if ("instant" in pick) {
    found = own.filter((s) => s.start <= pick.instant && pick.instant < s.end);
    what = formatInstant(pick.instant.toMillis(), zone);
  } else {
    const dayStart = inZone(startOfDateMillis(pick.day, zone), zone);
    const dayEnd = dayStart.plus({ days: 1 });
    found = own.filter((s) => s.start < dayEnd && dayStart < s.end);
    const starting = found.filter((s) => s.start >= dayStart);
    if (found.length > 1 && starting.length === 1) found = starting;
    what = pick.day;
  }
  if (found.length === 1) return found[0]!;
  const listed = own
    .slice(-8)
    .map((s) => `  ${describeShift(s, zone)}`)
    .join("\n");
  const layerText = layer ? ` in ${layer}` : "";
  if (found.length > 1)
    throw new UserError(
      `${pick.login} has ${found.length} shifts${layerText} on ${what}; name an instant (2026-12-07T12:00) or a layer (--layer):\n${found.map((s) => `  ${describeShift(s, zone)}`).join("\n")}`,
    );
  throw new UserError(
    `${pick.login} has no published shift${layerText} on ${what}.${listed ? ` Their latest shifts:\n${listed}` : ""}`,
  );
}

/** Replacement of one shift, by its position in the schedule file's list. */
export interface SwapEdit {
  index: number;
  replacement: Shift[];
}

/** Edits giving `a`'s shift to `b`'s holder and the other way round; everything but the login is kept. */
export function swapShifts(a: Shift, b: Shift): SwapEdit[] {
  if (a === b || a.login === b.login) throw new UserError("a swap needs two shifts of two different people.");
  const index = (s: Shift) => {
    const i = s.src?.path[1];
    if (typeof i !== "number") throw new Error("shift without a position in rotations/schedule.yaml");
    return i;
  };
  return [
    { index: index(a), replacement: [{ ...a, login: b.login }] },
    { index: index(b), replacement: [{ ...b, login: a.login }] },
  ];
}

const OVERRIDES_HEADER = `# yaml-language-server: $schema=../schemas/overrides.schema.json
# Partial or whole shifts covered by someone other than the scheduled person.

overrides:
`;

/** ISO-8601 with seconds and the zone's offset, as the schema wants. */
function instantText(dt: DateTime, zone: string): string {
  return dt.setZone(zone).toISO({ suppressMilliseconds: true, includeOffset: true })!;
}

/**
 * rotations/overrides.yaml with `o` appended as a block entry, indented like the file's existing
 * entries. `text` is the current file, or null when there is none. Only appends: comments and every
 * existing entry stay byte for byte (the file's only key is `overrides`, so its list ends the file).
 */
export function appendOverrideText(
  text: string | null,
  o: Pick<Override, "layer" | "start" | "end" | "by" | "reason">,
  zone: string,
): string {
  let base = text ?? OVERRIDES_HEADER;
  base = base.replace(/^overrides:[ \t]*\[[ \t]*\][ \t]*$/m, "overrides:");
  const indent = /^([ \t]*)- layer:/m.exec(base)?.[1] ?? "  ";
  const inner = `${indent}  `;
  const lines = [
    `${indent}- layer: ${o.layer}`,
    `${inner}start: ${instantText(o.start, zone)}`,
    `${inner}end: ${instantText(o.end, zone)}`,
    `${inner}by: ${o.by}`,
  ];
  if (o.reason) lines.push(`${inner}reason: ${JSON.stringify(o.reason)}`);
  if (!base.endsWith("\n")) base += "\n";
  const lastLine = base.trimEnd().split("\n").pop() ?? "";
  const gap = /^overrides:\s*$/.test(lastLine) ? "" : "\n";
  return `${base}${gap}${lines.join("\n")}\n`;
}
