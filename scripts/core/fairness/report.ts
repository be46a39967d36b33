/**
 * The fairness report (SPEC section 10): who carried how much of the on-call load over a window, and how
 * much of it fell on their evenings, weekends and holidays, so that load can be evened out or paid.
 *
 * Hours come from the effective schedule ({@link coveragePieces}): overrides, holiday volunteers, leavers'
 * managers and the fallback of a shift with no one are folded in, so every hour counts for the person
 * who actually carried it. Only the published schedule counts: time past its end is covered by nobody.
 * A person's hours in a layer are those of the slot (rot-a), whether they held it through the regular
 * layer, a volunteer layer standing in for it (holiday-a) or an override.
 */
import type { DateTime } from "luxon";
import type { IncidentRecord } from "../model/generated/types.js";
import type { Organisation, Person } from "../model/index.js";
import { coveragePieces } from "../schedule/index.js";
import { withRegionHolidays, type HolidayCalendar } from "../slo/index.js";
import { availableMillis, balanceScore, expectedShares } from "./balance.js";
import { addHours, classifyOnCall, noHours, type DaysOff, type HourKinds } from "./hours.js";
import { offHoursResponseMinutes } from "./response.js";

/** Input of {@link fairnessReport}. */
export interface FairnessInput {
  org: Pick<Organisation, "people" | "rotation" | "shifts" | "overrides">;
  /** Incident records (`incidents/<year>/INC-<n>.yaml`); those reported inside the window count. */
  records: readonly IncidentRecord[];
  /** Start of the window, inclusive. */
  from: DateTime;
  /** End of the window, exclusive. */
  to: DateTime;
  /** Only this regular layer (slot): its members and hours. Default: every layer. */
  layer?: string;
  /** Public holidays by region; the rotation config's `regionHolidays` are added to it. */
  calendar: HolidayCalendar;
}

/** One person's line of the report. Hours are rounded to two decimals; minutes to whole minutes. */
export interface FairnessPerson {
  login: string;
  /** Hours on call in the window (every layer, or the one asked for). */
  hours: number;
  /** Of those, hours outside 09:00-17:00 local on a workday; weekends and public/org holidays whole. */
  offHoursHours: number;
  /** Of those, hours on a local Saturday or Sunday. */
  weekendHours: number;
  /**
   * Of those, hours on a public holiday of their region, an organisation holiday or a holiday-period date
   * (weekends excluded).
   */
  holidayHours: number;
  /** Holiday-period volunteer shifts (or overrides of a volunteer layer) the person covered in the window. */
  volunteerSlots: number;
  /**
   * Incidents reported in the window that the person acknowledged first (here and below, reports closed as
   * not an incident or never confirmed from triage are left out).
   */
  acknowledged: number;
  /** Incidents reported in the window that the person commanded. */
  commanded: number;
  /** Minutes spent on incidents of the window outside the person's working hours (see response.ts). */
  offHoursResponseMinutes: number;
}

/** A member's line in a layer: what they carried against what they could have been expected to. */
interface FairnessMember {
  login: string;
  hours: number;
  /** hours / the layer's covered hours, four decimals. */
  share: number;
  /**
   * The share they could be expected to carry: their time at the company and past the new-hire period
   * inside the window over all members' (so a joiner or leaver is expected to carry less); 0 for people
   * who are not on the rotation (managers standing in as fallbacks). Four decimals.
   */
  expectedShare: number;
}

interface FairnessLayer {
  layer: string;
  /** Mean over member pairs of min(hours) / max(hours), four decimals; 1 with fewer than two members. */
  balance: number;
  /** Hours of the window somebody covered in this layer. */
  hours: number;
  /** People with hours in the layer in the window, by login. */
  members: FairnessMember[];
}

export interface FairnessReport {
  /** Window start, ISO with the rotation zone's offset. */
  from: string;
  /** Window end (exclusive), ISO with the rotation zone's offset. */
  to: string;
  /** By login: everyone with hours in the window, and (over all layers) anyone with incident work. */
  people: FairnessPerson[];
  /** In rotation config order. */
  layers: FairnessLayer[];
}

/** Minutes as hours with two decimals. */
function roundHours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Minutes of each kind per person and per slot, before rounding: the report's raw figures. */
export interface FairnessTotals {
  /** slot -> login -> kinds. */
  bySlot: Map<string, Map<string, HourKinds>>;
  /** login -> distinct volunteer shifts or overrides covered. */
  volunteer: Map<string, Set<object>>;
}

/**
 * The on-call time of [from, to) per slot and person, in unrounded minutes, for the report and
 * for tests that check sums exactly.
 */
export function fairnessTotals(input: Omit<FairnessInput, "records">): FairnessTotals {
  const { org } = input;
  const config = org.rotation;
  const daysOff: DaysOff = {
    calendar: withRegionHolidays(input.calendar, config.regionHolidays),
    orgHolidays: new Set(config.orgHolidays),
    ...(config.holidayPeriod && { holidayPeriod: config.holidayPeriod }),
  };
  const people = new Map(org.people.map((p) => [p.login, p]));
  const volunteerLayers = new Set(config.holidayPeriod?.layers.map((l) => l.name) ?? []);
  const pieces = coveragePieces({
    shifts: org.shifts,
    overrides: org.overrides,
    people: org.people,
    config,
    from: input.from,
    to: input.to,
  });
  const bySlot = new Map<string, Map<string, HourKinds>>(config.layers.map((l) => [l.name, new Map()]));
  const volunteer = new Map<string, Set<object>>();
  for (const piece of pieces) {
    if (input.layer !== undefined && piece.slot !== input.layer) continue;
    const person: Pick<Person, "timezone" | "region"> = people.get(piece.login) ?? {
      // An unknown login fails validation; count its hours on the rotation's clock rather than lose them.
      timezone: config.timezone,
      region: "none",
    };
    const slot = bySlot.get(piece.slot)!;
    const kinds = classifyOnCall(person, piece.startMs, piece.endMs, daysOff);
    slot.set(piece.login, addHours(slot.get(piece.login) ?? noHours(), kinds));
    if (volunteerLayers.has(piece.layer) && (piece.source === "holiday" || piece.source === "override")) {
      let set = volunteer.get(piece.login);
      if (!set) volunteer.set(piece.login, (set = new Set()));
      set.add(piece.origin);
    }
  }
  return { bySlot, volunteer };
}

/**
 * The fairness report of the window [from, to). Pure: the holiday calendar comes in, nothing is read.
 * @throws RangeError when `to` is not after `from` or `layer` is not a regular layer of the rotation
 *   (the CLI checks both first and says so in words).
 */
export function fairnessReport(input: FairnessInput): FairnessReport {
  const { org, from, to } = input;
  const config = org.rotation;
  const zone = config.timezone;
  if (!(to > from)) throw new RangeError("the fairness window must end after it starts");
  if (input.layer !== undefined && !config.layers.some((l) => l.name === input.layer))
    throw new RangeError(`no regular layer named ${input.layer}`);
  const fromMs = from.toMillis();
  const toMs = to.toMillis();
  const { bySlot, volunteer } = fairnessTotals(input);
  const people = new Map(org.people.map((p) => [p.login, p]));

  const totals = new Map<string, HourKinds>();
  for (const slot of bySlot.values())
    for (const [login, kinds] of slot) totals.set(login, addHours(totals.get(login) ?? noHours(), { ...kinds }));

  // Incident work is not split by layer (a record does not say which layer its responders served): with a
  // layer, its members' incident columns still count every incident, and nobody else is listed.
  const incidents = incidentWork(input, fromMs, toMs);
  const logins = new Set(input.layer === undefined ? [...totals.keys(), ...incidents.keys()] : totals.keys());
  const rows: FairnessPerson[] = [...logins].sort(byText).map((login) => {
    const t = totals.get(login) ?? noHours();
    const work = incidents.get(login);
    return {
      login,
      hours: roundHours(t.total),
      offHoursHours: roundHours(t.offHours),
      weekendHours: roundHours(t.weekend),
      holidayHours: roundHours(t.holiday),
      volunteerSlots: volunteer.get(login)?.size ?? 0,
      acknowledged: work?.acknowledged ?? 0,
      commanded: work?.commanded ?? 0,
      offHoursResponseMinutes: Math.round(work?.offHoursMinutes ?? 0),
    };
  });

  const layers: FairnessLayer[] = [];
  for (const [slot, members] of bySlot) {
    if (input.layer !== undefined && slot !== input.layer) continue;
    const logins = [...members.keys()].filter((l) => members.get(l)!.total > 0).sort(byText);
    const covered = logins.reduce((sum, l) => sum + members.get(l)!.total, 0);
    const shares = expectedShares(
      new Map(
        logins.map((l) => {
          const p = people.get(l);
          return [l, p ? availableMillis(p, config, fromMs, toMs) : 0];
        }),
      ),
    );
    layers.push({
      layer: slot,
      balance: round4(balanceScore(logins.map((l) => members.get(l)!.total))),
      hours: roundHours(covered),
      members: logins.map((l) => ({
        login: l,
        hours: roundHours(members.get(l)!.total),
        share: covered > 0 ? round4(members.get(l)!.total / covered) : 0,
        expectedShare: round4(shares.get(l) ?? 0),
      })),
    });
  }

  const iso = (dt: DateTime): string => dt.setZone(zone).toISO({ suppressMilliseconds: true })!;
  return { from: iso(from), to: iso(to), people: rows, layers };
}

interface IncidentWork {
  acknowledged: number;
  commanded: number;
  offHoursMinutes: number;
}

/** Acknowledgements, commands and off-hours response time of the incidents reported in the window. */
function incidentWork(input: FairnessInput, fromMs: number, toMs: number): Map<string, IncidentWork> {
  const out = new Map<string, IncidentWork>();
  const entry = (login: string): IncidentWork => {
    let w = out.get(login);
    if (!w) out.set(login, (w = { acknowledged: 0, commanded: 0, offHoursMinutes: 0 }));
    return w;
  };
  const config = input.org.rotation;
  const response = offHoursResponseMinutes({
    records: input.records,
    people: input.org.people,
    fromMs,
    toMs,
    daysOff: {
      calendar: withRegionHolidays(input.calendar, config.regionHolidays),
      orgHolidays: new Set(config.orgHolidays),
    },
  });
  for (const record of input.records) {
    // Reports closed as not an incident, or never confirmed from triage, were no incident to respond to.
    if (record.status === "not-incident" || (record.status === "triage" && !record.confirmedAt)) continue;
    const reported = Date.parse(record.reportedAt);
    if (!(reported >= fromMs && reported < toMs)) continue;
    if (record.acknowledgedBy) entry(record.acknowledgedBy).acknowledged += 1;
    if (record.roles.commander) entry(record.roles.commander).commanded += 1;
  }
  for (const [login, minutes] of response) if (minutes > 0) entry(login).offHoursMinutes += minutes;
  return out;
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
