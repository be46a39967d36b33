/**
 * Off-hours response time per person in the outgoing window, so it can be reclaimed (SPEC section 8):
 * the part of each person's time on incidents that fell outside their local 09:00-17:00 on workdays.
 *
 * Who worked when, from the records:
 * - the people on call when an incident was reported, and its commander: from the report (or its
 *   confirmation from triage) to its resolution, or to the end of the window while it is open;
 * - a responder pulled in with /responder: from their first timeline entry on it (or the report, when
 *   they wrote none) to the same end;
 * - anyone else who wrote timeline entries: {@link TIMELINE_ENTRY_MINUTES} before each entry.
 * A person's intervals are joined before counting, so two incidents of one night count once. Logins not
 * on the roster (bots) are left out: without a zone there are no working hours to compare with.
 */
import { DateTime } from "luxon";
import type { Incident, Person } from "../model/index.js";
import type { HolidayCalendar, OrgHolidays } from "../slo/index.js";
import { offHoursMinutesOfUnion, type Interval } from "../workhours/index.js";
import type { HandoffOffHours, OpenIncident } from "./model.js";

/** Minutes of work a timeline entry stands for, for people neither on call nor pulled in (default 15). */
const TIMELINE_ENTRY_MINUTES = 15;

export interface OffHoursInput {
  people: readonly Person[];
  records: readonly Incident[];
  openIncidents: readonly OpenIncident[];
  /** The outgoing window `[start, end)`: only time inside it counts. */
  window: Interval;
  /** Public holidays, with the config's regionHolidays already added. */
  calendar: HolidayCalendar;
  orgHolidays: OrgHolidays;
}

const at = (iso: string): DateTime => DateTime.fromISO(iso, { setZone: true });

/** Off-hours minutes per person in the window, whole minutes, largest first; people with none left out. */
export function offHoursOfWindow(input: OffHoursInput): HandoffOffHours[] {
  const { window } = input;
  const byLogin = new Map<string, Interval[]>();
  const add = (login: string | undefined, start: DateTime, end: DateTime) => {
    // An unreadable instant (a malformed record) counts nothing rather than the whole window.
    if (!login || !start.isValid || !end.isValid) return;
    const s = start > window.start ? start : window.start;
    const e = end < window.end ? end : window.end;
    if (e <= s) return;
    const list = byLogin.get(login);
    if (list) list.push({ start: s, end: e });
    else byLogin.set(login, [{ start: s, end: e }]);
  };
  const recorded = new Set<number>();
  for (const r of input.records) {
    if (r.status === "not-incident" || (r.status === "triage" && !r.confirmedAt)) continue;
    recorded.add(r.issue);
    const start = at(r.confirmedAt ?? r.reportedAt);
    const end = r.resolvedAt ? at(r.resolvedAt) : window.end;
    const whole = new Set([...r.oncall, ...(r.roles.commander ? [r.roles.commander] : [])]);
    for (const login of whole) add(login, start, end);
    for (const login of r.responders) {
      if (whole.has(login)) continue;
      const first = r.timeline.find((e) => e.author === login);
      add(login, first ? at(first.at) : start, end);
    }
    const counted = new Set([...whole, ...r.responders]);
    for (const entry of r.timeline) {
      if (counted.has(entry.author)) continue;
      const t = at(entry.at);
      add(entry.author, t.minus({ minutes: TIMELINE_ENTRY_MINUTES }), t);
    }
  }
  for (const o of input.openIncidents) {
    if (recorded.has(o.number) || o.status === "triage") continue;
    add(o.commander, at(o.confirmedAt ?? o.reportedAt), window.end);
  }
  const people = new Map(input.people.map((p) => [p.login, p]));
  const out: HandoffOffHours[] = [];
  for (const [login, intervals] of byLogin) {
    const person = people.get(login);
    if (!person) continue;
    const minutes = Math.round(offHoursMinutesOfUnion(person, intervals, input.calendar, input.orgHolidays));
    if (minutes > 0) out.push({ login, minutes });
  }
  return out.sort((a, b) => b.minutes - a.minutes || a.login.localeCompare(b.login));
}
