/**
 * iCalendar (RFC 5545) feeds of the effective schedule: one for a person, a layer, or everyone. Events
 * carry the rotation's zone with its VTIMEZONE, so calendars show handoffs at the right wall time
 * across DST. Each event's UID is derived from the slot, layer and start only, so regenerating the
 * feed (after a trade, say) updates the event in subscribed calendars instead of duplicating it.
 * Output is deterministic: DTSTAMP is the event's start, never the clock.
 */
import { createHash } from "node:crypto";
import ical, { ICalCalendarMethod } from "ical-generator";
import { DateTime } from "luxon";
import { tzlib_get_ical_block } from "timezones-ical-library";
import type { CoverageSegment, Person } from "../model/index.js";

export interface FeedOptions {
  /** Calendar name shown by clients. */
  name: string;
  /** Rotation zone the events are written in. */
  zone: string;
  people: readonly Person[];
  /** Domain part of UIDs (default oncall-as-code). */
  uidDomain?: string;
}

const SOURCE_TEXT: Record<CoverageSegment["source"], string> = {
  schedule: "scheduled shift",
  override: "override",
  holiday: "holiday volunteer",
  fallback: "fallback for an unfilled shift",
  preview: "preview, not yet published",
};

/** Stable event id: the same slot, layer and start always give the same UID. */
function eventUid(s: Pick<CoverageSegment, "slot" | "layer" | "start">, domain = "oncall-as-code"): string {
  const key = `${s.slot}|${s.layer}|${s.start.toUTC().toISO()}`;
  return `${createHash("sha256").update(key).digest("hex").slice(0, 32)}@${domain}`;
}

/** Renders segments as an .ics text. */
export function calendarFeed(segments: readonly CoverageSegment[], opts: FeedOptions): string {
  const names = new Map(opts.people.map((p) => [p.login, p.name]));
  const cal = ical({
    name: opts.name,
    prodId: { company: "oncall-as-code", product: "schedule", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
  });
  cal.timezone({ name: opts.zone, generator: (tz: string) => tzlib_get_ical_block(tz)[0] ?? null });
  const sorted = [...segments].sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.slot.localeCompare(b.slot));
  for (const s of sorted) {
    const who = names.get(s.login) ?? s.login;
    cal.createEvent({
      id: eventUid(s, opts.uidDomain),
      start: s.start.setZone(opts.zone),
      end: s.end.setZone(opts.zone),
      timezone: opts.zone,
      stamp: s.start.setZone(opts.zone),
      summary: `On call ${s.layer}: ${who} (@${s.login})`,
      description: `${who} is on call for ${s.slot}${s.layer !== s.slot ? ` (${s.layer})` : ""}: ${SOURCE_TEXT[s.source]}.`,
    });
  }
  return utcStamps(cal.toString(), opts.zone);
}

/**
 * RFC 5545 wants DTSTAMP in UTC, but ical-generator writes it in the calendar's zone without a `Z`.
 * Every stamp here equals its event's start, so rewrite it from DTSTART in UTC.
 */
function utcStamps(text: string, zone: string): string {
  return text.replace(
    /DTSTAMP:\d{8}T\d{6}\r\n(DTSTART;TZID=[^:]+:(\d{8}T\d{6}))/g,
    (_m, dtstart: string, local: string) => {
      const utc = DateTime.fromFormat(local, "yyyyLLdd'T'HHmmss", { zone }).toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'");
      return `DTSTAMP:${utc}\r\n${dtstart}`;
    },
  );
}
