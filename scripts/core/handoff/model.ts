/**
 * The shapes of a handoff summary: plain JSON (instants as ISO-8601 strings), so `oncall handoff --json`
 * prints it as it is and the handoff action can keep it in an issue.
 */
import type { DateTime } from "luxon";
import type { HandoffSettings, Incident, Organisation, Postmortem } from "../model/index.js";
import type { HolidayCalendar } from "../slo/index.js";

/**
 * An open incident as read from GitHub (the records in incidents/ can lag behind). The handoff action
 * fills it from the incident issue and its labels; `oncall handoff` offline has none.
 */
export interface OpenIncident {
  number: number;
  /** Untrusted: only ever shown escaped. */
  title: string;
  severity: string | null;
  status: string;
  commander?: string;
  url?: string;
  /** When the issue was opened (ISO-8601). */
  reportedAt: string;
  /** When it was confirmed from triage, if it was (the SLO counts from here). */
  confirmedAt?: string;
  /** First acknowledgement (ISO-8601), when known. */
  acknowledgedAt?: string;
}

/** What {@link handoffSummary} needs. Pure: the instant and all data come in. */
export interface HandoffInput {
  org: Pick<Organisation, "rotation" | "people" | "shifts" | "overrides">;
  /** A regular layer (`rot-a`) or a volunteer layer's name (meaning the layer it replaces). */
  layer: string;
  /** The handoff instant `h`; use `latestHandoffs` or `layerHandoffsBetween` to find it. */
  at: DateTime;
  /** Incident records from incidents/. */
  records: readonly Incident[];
  /** Open incidents from GitHub; they win over a record of the same issue. Default none. */
  openIncidents?: readonly OpenIncident[];
  /** Loaded postmortems. Default none. */
  postmortems?: readonly Postmortem[];
  /** Public holidays (the config's regionHolidays are added here). */
  calendar: HolidayCalendar;
  /** Handoff settings; default `org.rotation.handoff`. */
  settings?: HandoffSettings;
  /** `https://github.com/owner/repo`, to link incidents; without it Markdown uses `#n`, which GitHub links. */
  repoUrl?: string;
}

/** One incident in the summary. */
export interface HandoffIncident {
  id: string;
  number: number;
  title: string;
  severity: string | null;
  status: string;
  commander: string | null;
  url: string | null;
  reportedAt: string;
  resolvedAt: string | null;
  /** The latest timeline entry's text, to help write the next step (at most 200 characters). */
  latest: string | null;
}

/** The acknowledgement SLO outcome of one incident of the window. */
export interface HandoffSlo {
  id: string;
  outcome: "met" | "breached" | "pending";
  /** Null when nobody on call had support hours within the deadline horizon. */
  deadline: string | null;
  acknowledgedAt: string | null;
}

export interface HandoffPostmortem {
  incident: string;
  path: string;
  title: string;
  status: string;
  due: string;
  overdue: boolean;
  authors: string[];
}

interface HandoffFollowup {
  incident: string;
  issue: number;
  title: string;
}

/** A stretch of a slot in the next 14 days that nobody holds: covered by `fallback`, or by nobody. */
export interface HandoffUnfilled {
  layer: string;
  start: string;
  end: string;
  fallback: string | null;
}

export interface HandoffOffHours {
  login: string;
  /** Whole minutes outside the person's local 09:00-17:00 on workdays, within the outgoing window. */
  minutes: number;
}

/** The incoming person's shift starting at the handoff, in their own zone. */
export interface IncomingShift {
  login: string;
  timezone: string;
  /** ISO-8601 with the person's offset. */
  start: string;
  end: string;
  /** `Mon 7 Dec 2026 17:00 (Europe/Berlin, UTC+01:00)`. */
  startLocal: string;
}

/** Everything posted at one layer's handoff. The JSON of `oncall handoff --json`, one per layer. */
export interface HandoffSummary {
  layer: string;
  /** The handoff instant, ISO-8601 UTC. */
  at: string;
  /** Effective logins just before and at the handoff (a fallback where a shift has no one). */
  outgoing: string | null;
  incoming: string | null;
  /** The outgoing shift `[previous handoff, at)`, ISO-8601 UTC. */
  window: { start: string; end: string };
  incidents: { opened: HandoffIncident[]; resolved: HandoffIncident[]; active: HandoffIncident[] };
  slo: HandoffSlo[];
  postmortemsDue: HandoffPostmortem[];
  followups: HandoffFollowup[];
  unfilled: HandoffUnfilled[];
  offHours: HandoffOffHours[];
  /** The outgoing engineer's on-call report, prefilled (Markdown). */
  report: string;
  incomingNextShift: IncomingShift | null;
  checklist: string[];
}
