/**
 * The state of the on-call process at one instant, as data: who is on call, the next handoffs, the
 * coming weeks, what is unfilled, open incidents and postmortems due. `oncall status` renders it.
 */
import type { DateTime } from "luxon";
import type { CoverageSegment, CoverageSource, Organisation } from "../model/index.js";
import { coverageWindow } from "../schedule/index.js";
import { unfilledHolidaySlots } from "../rotation/index.js";
import { publishedUntil } from "../schedule/index.js";
import { reviewMeetings } from "../postmortem/index.js";

interface OnCallNow {
  slot: string;
  layer: string;
  login: string;
  name: string;
  timezone: string;
  source: CoverageSource;
  /** When this person's coverage of the slot ends. */
  until: DateTime;
}

interface Handoff {
  slot: string;
  at: DateTime;
  from: string | null;
  to: string;
  source: CoverageSource;
}

interface Unfilled {
  layer: string;
  start: DateTime;
  end: DateTime;
  fallback: string | null;
  /** Holiday slots are flagged once they are within the holiday period's flagDays. */
  flagged: boolean;
}

export interface StatusReport {
  at: DateTime;
  zone: string;
  oncall: OnCallNow[];
  nextHandoffs: Handoff[];
  /** Effective coverage for the rotation's horizon from `at`. */
  coming: CoverageSegment[];
  unfilled: Unfilled[];
  openIncidents: { id: string; title: string; severity: string | null; status: string; commander?: string }[];
  postmortems: { path: string; incident: string; status: string; due: string; overdue: boolean; review?: string }[];
  /**
   * The next incident review meeting (policy `reviews`) and the incidents booked into it; absent when the
   * policy has no review cadence.
   */
  nextReview?: { at: DateTime; incidents: string[] };
  /** Sentences for things a person should know (preview answers, short horizon). */
  notes: string[];
}

/** Builds the report for instant `at`. Pure: everything comes from `org` and `at`. */
export function statusReport(org: Organisation, at: DateTime): StatusReport {
  const zone = org.rotation.timezone;
  const to = at.plus({ weeks: org.rotation.horizonWeeks });
  const window = coverageWindow({
    config: org.rotation,
    people: org.people,
    shifts: org.shifts,
    overrides: org.overrides,
    from: at,
    to,
  });
  const people = new Map(org.people.map((p) => [p.login, p]));
  const atMs = at.toMillis();

  const oncall: OnCallNow[] = [];
  const nextHandoffs: Handoff[] = [];
  for (const layer of org.rotation.layers) {
    const segs = window.segments.filter((s) => s.slot === layer.name);
    const current = segs.find((s) => s.start.toMillis() <= atMs && s.end.toMillis() > atMs);
    if (current) {
      const p = people.get(current.login);
      oncall.push({
        slot: layer.name,
        layer: current.layer,
        login: current.login,
        name: p?.name ?? current.login,
        timezone: p?.timezone ?? zone,
        source: current.source,
        until: current.end,
      });
    }
    const next = segs.find((s) => s.start.toMillis() > atMs && s.login !== current?.login);
    if (next)
      nextHandoffs.push({
        slot: layer.name,
        at: next.start,
        from: segs.filter((s) => s.end <= next.start).at(-1)?.login ?? null,
        to: next.login,
        source: next.source,
      });
  }

  const notes = [...window.notes];
  const reach = publishedUntil(org.shifts, org.rotation);
  const minReach = Math.min(...org.rotation.layers.map((l) => reach.get(l.name)?.toMillis() ?? -Infinity));
  if (minReach < to.toMillis())
    notes.push(
      `The published schedule reaches less than ${org.rotation.horizonWeeks} weeks ahead; run "oncall schedule generate" (or the schedule workflow) to publish more.`,
    );

  const holidayLayers = new Set(org.rotation.holidayPeriod?.layers.map((l) => l.name) ?? []);
  const flagged = new Set(
    org.rotation.holidayPeriod
      ? unfilledHolidaySlots(org.shifts, at, org.rotation.holidayPeriod.flagDays, [...holidayLayers])
      : [],
  );
  const unfilled = org.shifts
    .filter((s) => s.login === null && s.end > at && s.start < to.plus({ weeks: 4 }))
    .map((s) => ({
      layer: s.layer,
      start: s.start,
      end: s.end,
      fallback: s.fallback ?? null,
      flagged: !holidayLayers.has(s.layer) || flagged.has(s),
    }))
    .sort((a, b) => a.start.toMillis() - b.start.toMillis());

  const openIncidents = org.incidents
    .filter((i) => i.status !== "resolved" && i.status !== "not-incident")
    .map((i) => ({
      id: i.id,
      title: i.title,
      severity: i.severity,
      status: i.status,
      ...(i.roles.commander && { commander: i.roles.commander }),
    }));
  const today = at.setZone(zone).toISODate()!;
  const postmortems = org.postmortems
    .filter((p) => p.frontMatter.status !== "final")
    .map((p) => ({
      path: p.path,
      incident: p.frontMatter.incident,
      status: p.frontMatter.status,
      due: p.frontMatter.due,
      overdue: p.frontMatter.status === "draft" && p.frontMatter.due < today,
      ...(p.frontMatter.review && { review: p.frontMatter.review }),
    }))
    .sort((a, b) => a.due.localeCompare(b.due));

  const reviews = org.policy.reviews;
  // A fortnightly cadence has a meeting within 15 days of any instant after its first.
  const meeting = reviews && reviewMeetings(reviews, at, at.plus({ days: 15 }))[0];
  const firstMeeting = reviews && !meeting ? reviewMeetings(reviews, at, at.plus({ years: 2 }))[0] : undefined;
  const next = meeting ?? firstMeeting;
  const nextReview = next && {
    at: next,
    incidents: org.postmortems
      .filter((p) => p.frontMatter.review === next.toISODate())
      .map((p) => p.frontMatter.incident)
      .sort(),
  };
  return {
    at,
    zone,
    oncall,
    nextHandoffs,
    coming: window.segments,
    unfilled,
    openIncidents,
    postmortems,
    ...(nextReview && { nextReview }),
    notes,
  };
}
