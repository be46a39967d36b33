/**
 * How late a scheduled run of the `handoff` workflow started. The workflow's cron fires every two hours
 * at minute {@link HANDOFF_CRON_MINUTE} (UTC); GitHub starts scheduled runs late under load and may skip
 * them, and the event does not say which slot a run belongs to, so lateness is measured against the
 * latest slot at or before the start: a figure from 0 to 119 minutes (a run later than that looks like
 * an early run of a later slot, and the phases it posts say how long after falling due they went out).
 */
import type { DateTime } from "luxon";

/** The cron minute of the workflow's schedule (`17 *\/2 * * *`): an odd minute, away from the busy top of the hour. */
const HANDOFF_CRON_MINUTE = 17;
/** Hours between scheduled runs. */
const HANDOFF_CRON_HOURS = 2;

/** The latest scheduled slot at or before `start`, and the minutes from it to `start`. */
export function scheduleLateness(start: DateTime): { slot: DateTime; minutes: number } {
  const utc = start.toUTC();
  let slot = utc.startOf("hour").set({ minute: HANDOFF_CRON_MINUTE });
  slot = slot.set({ hour: slot.hour - (slot.hour % HANDOFF_CRON_HOURS) });
  while (slot > utc) slot = slot.minus({ hours: HANDOFF_CRON_HOURS });
  return { slot, minutes: Math.floor(utc.diff(slot).as("minutes")) };
}

/** `2 h 05 min` / `7 min`. */
export function minutesText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${String(m).padStart(2, "0")} min` : `${m} min`;
}
