/**
 * Off-hours response time per person, from incident records: the time people spent on incidents outside
 * their own working hours, so it can be reclaimed (the handoff issue's definition, SPEC section 8).
 *
 * Who worked an incident, and from when:
 * - the people on call when it was reported, whoever acknowledged it, its commander and its
 *   communications officer: from the report to its resolution;
 * - anyone else with entries on its timeline (responders pulled in later): from their first entry to the
 *   resolution (or to their last entry when that is later). The reporter's "opened" entry does not count.
 * An incident not resolved yet runs to the end of the window. Everything is clipped to the window, and a
 * person's incidents that overlap are counted once (two incidents of the same night are one night).
 */
import type { IncidentRecord } from "../model/generated/types.js";
import type { Person } from "../model/index.js";
import { inZone } from "../rotation/index.js";
import type { HolidayCalendar, OrgHolidays } from "../slo/index.js";
import { offHoursMinutesOfUnion, type Interval } from "../workhours/index.js";

export interface ResponseInput {
  records: readonly IncidentRecord[];
  people: readonly Pick<Person, "login" | "timezone" | "region">[];
  /** The window [fromMs, toMs), epoch ms. */
  fromMs: number;
  toMs: number;
  daysOff: { calendar: HolidayCalendar; orgHolidays: OrgHolidays };
}

/**
 * Off-hours minutes (fractional) per login of everyone on the roster who worked an incident inside the
 * window. People not on the roster (no zone to read their hours in) are left out.
 */
export function offHoursResponseMinutes(input: ResponseInput): Map<string, number> {
  const { fromMs, toMs } = input;
  const spans = new Map<string, Interval[]>();
  const add = (login: string, s: number, e: number): void => {
    const start = Math.max(s, fromMs);
    const end = Math.min(e, toMs);
    if (!(end > start)) return;
    let list = spans.get(login);
    if (!list) spans.set(login, (list = []));
    list.push({ start: inZone(start, "UTC"), end: inZone(end, "UTC") });
  };
  for (const record of input.records) {
    if (record.status === "not-incident" || (record.status === "triage" && !record.confirmedAt)) continue;
    const reported = Date.parse(record.reportedAt);
    const resolved = record.resolvedAt ? Date.parse(record.resolvedAt) : toMs;
    if (!(reported < toMs && resolved > fromMs)) continue;
    const crew = new Set(record.oncall);
    if (record.acknowledgedBy) crew.add(record.acknowledgedBy);
    if (record.roles.commander) crew.add(record.roles.commander);
    if (record.roles.comms) crew.add(record.roles.comms);
    for (const login of crew) add(login, reported, resolved);
    const entries = new Map<string, [number, number]>();
    for (const entry of record.timeline) {
      // Opening the issue is reporting, not responding.
      if (crew.has(entry.author) || entry.kind === "opened") continue;
      const at = Date.parse(entry.at);
      const seen = entries.get(entry.author);
      entries.set(entry.author, seen ? [Math.min(seen[0], at), Math.max(seen[1], at)] : [at, at]);
    }
    for (const [login, [first, last]] of entries) add(login, first, Math.max(resolved, last));
  }
  const people = new Map(input.people.map((p) => [p.login, p]));
  const out = new Map<string, number>();
  for (const [login, list] of spans) {
    const person = people.get(login);
    if (person)
      out.set(login, offHoursMinutesOfUnion(person, list, input.daysOff.calendar, input.daysOff.orgHolidays));
  }
  return out;
}
