/**
 * What the pages are built from: the input of the site and the facts several pages share (the status
 * at `at`, the coverage of the calendar window, which shifts were traded), computed once.
 */
import type { DateTime } from "luxon";
import type { CoverageSegment, Organisation, Person, Shift } from "../model/index.js";
import { coverageWindow } from "../schedule/index.js";
import type { HolidayCalendar } from "../slo/index.js";
import { statusReport, type StatusReport } from "../status/index.js";

export interface DashboardInput {
  org: Organisation;
  /** The instant the site answers for ("now" on the Now page, today on the calendar). */
  at: DateTime;
  /** Weeks shown by the calendar from the start of `at`'s week (default 8). */
  weeks?: number;
  /** Address the site is served from, for absolute and webcal subscription links. */
  baseUrl?: string;
  /**
   * Public holidays by region, for the fairness report (the caller loads them; the core stays pure).
   * Without it the Fairness page says the report is not part of this build.
   */
  holidays?: HolidayCalendar;
  /** Days of the fairness window, ending at the start of `at`'s day (default 28, as `oncall report fairness`). */
  fairnessDays?: number;
}

/** A coverage segment of the calendar window, with what the pages mark on it. */
export interface MarkedSegment extends CoverageSegment {
  /** The holder holds more than one shift of this layer in one round: the visible trace of a trade. */
  traded: boolean;
  /** Reason of the override that supplied the segment, when there is one. */
  reason?: string;
}

/** A stretch of a slot in the calendar window that nobody covers (an unfilled shift without fallback). */
export interface Gap {
  slot: string;
  start: DateTime;
  end: DateTime;
}

export interface SiteFacts {
  input: DashboardInput;
  zone: string;
  status: StatusReport;
  people: Map<string, Person>;
  /** [from, to) of the calendar: Monday 00:00 of `at`'s week (rotation zone), `weeks` weeks long. */
  from: DateTime;
  to: DateTime;
  segments: MarkedSegment[];
  gaps: Gap[];
  /** Sentences about previews (the published schedule ends inside the window). */
  notes: string[];
}

/** Computes the shared facts once for all pages. */
export function siteFacts(input: DashboardInput): SiteFacts {
  const { org, at } = input;
  const zone = org.rotation.timezone;
  const from = at.setZone(zone).startOf("week");
  const to = from.plus({ weeks: input.weeks ?? 8 });
  const window = coverageWindow({
    config: org.rotation,
    people: org.people,
    shifts: org.shifts,
    overrides: org.overrides,
    from,
    to,
  });
  const traded = tradedShifts(window.shifts);
  const segments = window.segments
    .map((s) => mark(s, window.shifts, traded, org))
    .sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.slot.localeCompare(b.slot));
  return {
    input,
    zone,
    status: statusReport(org, at),
    people: new Map(org.people.map((p) => [p.login, p])),
    from,
    to,
    segments,
    gaps: gapsOf(
      segments,
      org.rotation.layers.map((l) => l.name),
      from,
      to,
    ),
    notes: window.notes,
  };
}

/**
 * Shifts whose holder holds more than one shift of the same layer in the same round. A round puts
 * everyone on call once, so a second shift in a round means names were swapped (a trade) since
 * publication; a swap inside one round leaves no such trace and is not marked.
 */
function tradedShifts(shifts: readonly Shift[]): Set<Shift> {
  const groups = new Map<string, Shift[]>();
  for (const s of shifts) {
    if (s.login === null || s.round === undefined) continue;
    const key = `${s.layer}|${s.round}|${s.login}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return new Set([...groups.values()].filter((g) => g.length > 1).flat());
}

function mark(s: CoverageSegment, shifts: readonly Shift[], traded: Set<Shift>, org: Organisation): MarkedSegment {
  if (s.source === "override") {
    const o = org.overrides.find((x) => x.by === s.login && x.start <= s.start && x.end >= s.end);
    return { ...s, traded: false, ...(o?.reason && { reason: o.reason }) };
  }
  const shift = shifts.find((x) => x.layer === s.layer && x.login === s.login && x.start <= s.start && x.end >= s.end);
  return { ...s, traded: shift !== undefined && traded.has(shift) };
}

/** Time of each slot in [from, to) that no segment covers. */
function gapsOf(segments: readonly MarkedSegment[], slots: readonly string[], from: DateTime, to: DateTime): Gap[] {
  const gaps: Gap[] = [];
  for (const slot of slots) {
    let reach = from;
    for (const s of segments.filter((x) => x.slot === slot)) {
      if (s.start > reach) gaps.push({ slot, start: reach, end: s.start });
      if (s.end > reach) reach = s.end;
    }
    if (reach < to) gaps.push({ slot, start: reach, end: to });
  }
  return gaps;
}
