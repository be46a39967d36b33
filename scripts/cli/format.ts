/** Small text-formatting helpers shared by the commands' human-readable output. */
import type { DateTime } from "luxon";
import { offsetName } from "../core/rotation/index.js";

/** `Mon 2026-12-07 11:00 UTC-05:00` in the given zone. */
export function when(dt: DateTime, zone: string): string {
  const local = dt.setZone(zone);
  return `${local.toFormat("ccc yyyy-MM-dd HH:mm")} ${offsetName(local)}`;
}

/** A person's local weekday and time: `Fri 18:00 UTC+01:00`. */
export function localTime(dt: DateTime, zone: string): string {
  const local = dt.setZone(zone);
  return `${local.toFormat("ccc HH:mm")} ${offsetName(local)}`;
}

/** ISO-8601 with seconds and offset, in the given zone. */
export function iso(dt: DateTime, zone: string): string {
  return dt.setZone(zone).toISO({ suppressMilliseconds: true })!;
}

/** A plain-text table with padded columns. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}
