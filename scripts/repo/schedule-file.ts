/**
 * Writing the published schedule. Shifts are written one per line in flow style, so that a trade is a
 * two-line diff and a reviewer sees exactly which shift changed. Publishing appends lines to the end of
 * the file as text: comments, order and every published line stay byte for byte as they were.
 */
import { isSeq, parseDocument } from "yaml";
import type { Shift } from "../core/model/index.js";

export const SCHEDULE_HEADER = `# yaml-language-server: $schema=../schemas/schedule.schema.json
# The published on-call schedule. Generated shifts are appended by \`oncall schedule generate\` (or the
# schedule workflow's pull request) and never move afterwards. To trade, swap two logins; to cover part
# of a shift, add an entry to overrides.yaml. login: null is an unfilled shift that fallback covers.
shifts:
`;

/** ISO-8601 with seconds and the zone's offset, as the schema wants: 2026-12-07T11:00:00-05:00. */
export function isoInstant(dt: Shift["start"], zone: string): string {
  return dt.setZone(zone).toISO({ suppressMilliseconds: true, includeOffset: true })!;
}

/** Quotes a scalar only when plain YAML would misread it. */
function scalar(value: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value) && !/^(null|true|false|yes|no|on|off|~)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

/** One shift as a flow-style list item. */
export function shiftLine(s: Shift, zone: string): string {
  const fields = [
    `layer: ${scalar(s.layer)}`,
    `start: ${isoInstant(s.start, zone)}`,
    `end: ${isoInstant(s.end, zone)}`,
    `login: ${s.login === null ? "null" : scalar(s.login)}`,
  ];
  if (s.fallback !== undefined) fields.push(`fallback: ${scalar(s.fallback)}`);
  if (s.round !== undefined) fields.push(`round: ${s.round}`);
  if (s.correction !== undefined) fields.push(`correction: ${JSON.stringify(s.correction)}`);
  return `  - { ${fields.join(", ")} }`;
}

/**
 * The schedule file's text with `shifts` appended. `text` is the current file (null when there is none).
 * The file's only top-level key is `shifts`, so its list always ends the file and appending is safe.
 */
export function appendShifts(text: string | null, shifts: readonly Shift[], zone: string): string {
  let base = text ?? SCHEDULE_HEADER;
  if (!shifts.length) return base;
  // An empty list written as `shifts: []` becomes a block list.
  base = base.replace(/^shifts:\s*\[\s*\]\s*$/m, "shifts:");
  if (!base.endsWith("\n")) base += "\n";
  return base + shifts.map((s) => shiftLine(s, zone)).join("\n") + "\n";
}

/** Replace the shift at `index` (position in the file's list) by one or more shifts. */
export interface ShiftLineEdit {
  index: number;
  replacement: readonly Shift[];
}

/**
 * The schedule file's text with some shifts rewritten in place (a leaver's shift released, a new
 * engineer taking an unfilled one). Only the edited items' lines change; everything else is kept.
 */
export function editShifts(text: string, edits: readonly ShiftLineEdit[], zone: string): string {
  if (!edits.length) return text;
  const doc = parseDocument(text);
  const list = doc.get("shifts", true);
  if (!isSeq(list)) throw new Error("rotations/schedule.yaml has no shifts list to edit");
  // Work from the end of the file so earlier offsets stay valid.
  const ranges = edits
    .map((e) => {
      const node = list.items[e.index] as { range?: [number, number, number] } | undefined;
      if (!node?.range) throw new Error(`rotations/schedule.yaml has no shift number ${e.index + 1}`);
      const lineStart = text.lastIndexOf("\n", node.range[0]) + 1;
      const lineEnd = text.indexOf("\n", node.range[1] - 1);
      return {
        from: lineStart,
        to: lineEnd < 0 ? text.length : lineEnd,
        lines: e.replacement.map((s) => shiftLine(s, zone)).join("\n"),
      };
    })
    .sort((a, b) => b.from - a.from);
  let out = text;
  for (const r of ranges) out = out.slice(0, r.from) + r.lines + out.slice(r.to);
  return out;
}
