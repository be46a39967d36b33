/** Wording shared by the summary, the report and the Markdown: local times and durations. */
import type { DateTime } from "luxon";
import { offsetName } from "../rotation/index.js";

/**
 * `New York` for `America/New_York`: the zone's city, for titles and lines people read.
 * @public for the handoff action (issue 12 item 3).
 */
export function zoneCity(zone: string): string {
  return (zone.split("/").at(-1) ?? zone).replace(/_/g, " ");
}

/** `Mon 7 Dec 2026 17:00 (Europe/Berlin, UTC+01:00)`: an instant on a person's own clock. */
export function localLabel(dt: DateTime, zone: string): string {
  const local = dt.setZone(zone);
  return `${local.toFormat("ccc d LLL yyyy HH:mm")} (${zone}, ${offsetName(local)})`;
}

/**
 * `Mon 7 Dec 11:00 New York`: short wall time in a zone, as in handoff issue titles.
 * @public for the handoff action (issue 12 item 3).
 */
export function shortLabel(dt: DateTime, zone: string): string {
  return `${dt.setZone(zone).toFormat("ccc d LLL HH:mm")} ${zoneCity(zone)}`;
}

/** `3 h 20 min`, `45 min`, `0 min` from whole minutes. */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes - h * 60);
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
