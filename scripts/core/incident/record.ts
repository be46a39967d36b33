/**
 * The durable record of an incident (schemas/incident.schema.json), built from the live state: what
 * the incident action commits as `incidents/<year>/INC-<n>.yaml` when it resolves or on /sync.
 *
 * The state may hold things the schema does not allow (a bot as reporter, a follow-up whose issue
 * number is not known yet, a link pasted with spaces): they are adapted or left out here, so the
 * record is always valid and nothing invalid is ever committed.
 */
import { DateTime } from "luxon";
import { stringify } from "yaml";
import type { IncidentRecord } from "../model/generated/types.js";
import type { SupportTier } from "../slo/index.js";
import { LOGIN_PATTERN } from "./commands.js";
import { isoUtc, type IncidentState, type SavedDeadline } from "./state.js";

/** The acknowledgement deadline as computed by slo-deadline.ts (an `AckDeadline` fits). */
export interface IncidentDeadline {
  tier: SupportTier;
  targetMinutes: number | null;
  /** Null when nobody on call has support within the search horizon: then there is no SLO. */
  deadline: DateTime | null;
}

/** The deadline as the incident state keeps it. */
export function saveDeadline(d: IncidentDeadline): SavedDeadline {
  return { tier: d.tier, targetMinutes: d.targetMinutes, at: d.deadline ? isoUtc(d.deadline) : null };
}

/** A deadline kept in the incident state, back as an {@link IncidentDeadline}. */
export function savedDeadline(s: SavedDeadline): IncidentDeadline {
  return {
    tier: s.tier,
    targetMinutes: s.targetMinutes,
    deadline: s.at === null ? null : DateTime.fromISO(s.at, { zone: "UTC" }),
  };
}

export interface IncidentRecordOptions {
  /** The clock of the run: decides whether an unacknowledged incident has breached yet. */
  now: DateTime;
  deadline?: IncidentDeadline | null;
  /** Repository path of the postmortem, once there is one. */
  postmortem?: string;
}

const RECORD_TITLE_MAX = 256;
const POSTMORTEM_PATH = /^postmortems\/[0-9]{4}\/INC-[0-9]+-[a-z0-9-]+\.md$/;
const PRINTABLE_URL = /^https?:\/\/[!-~]+$/;

/** The record for a state; valid against the incident schema (tests check it with the generated validator). */
export function incidentRecord(state: IncidentState, options: IncidentRecordOptions): IncidentRecord {
  const roles: IncidentRecord["roles"] = {};
  if (state.commander) roles.commander = recordLogin(state.commander);
  if (state.comms) roles.comms = recordLogin(state.comms);
  const links = state.links.filter((l) => PRINTABLE_URL.test(l));
  const record: IncidentRecord = {
    id: `INC-${state.issue}`,
    issue: state.issue,
    title: recordTitle(state.title),
    status: state.status,
    severity: state.severity,
    services: [...new Set(state.services)],
    production: state.production,
    ...(state.summary ? { summary: state.summary } : {}),
    ...(state.impact ? { impact: state.impact } : {}),
    ...(links.length > 0 ? { links } : {}),
    reportedBy: recordLogin(state.reportedBy),
    ...(state.startedAt ? { startedAt: state.startedAt } : {}),
    reportedAt: state.reportedAt,
    ...(state.confirmedAt ? { confirmedAt: state.confirmedAt } : {}),
    ...(state.confirmedBy ? { confirmedBy: recordLogin(state.confirmedBy) } : {}),
    ...(state.acknowledgedAt ? { acknowledgedAt: state.acknowledgedAt } : {}),
    ...(state.acknowledgedBy ? { acknowledgedBy: recordLogin(state.acknowledgedBy) } : {}),
    ...(state.mitigatedAt ? { mitigatedAt: state.mitigatedAt } : {}),
    ...(state.resolvedAt ? { resolvedAt: state.resolvedAt } : {}),
    roles,
    oncall: state.oncall.map(recordLogin),
    responders: [...new Set(state.responders.map(recordLogin))],
    timeline: state.timeline.map((e) => ({ at: e.at, author: recordLogin(e.author), kind: e.kind, text: e.text })),
    followups: state.followups.flatMap((f) =>
      f.issue ? [{ issue: f.issue, title: f.title, ...(f.closed === undefined ? {} : { closed: f.closed }) }] : [],
    ),
  };
  if (options.postmortem && POSTMORTEM_PATH.test(options.postmortem)) record.postmortem = options.postmortem;
  const slo = sloOutcome(state, options);
  if (slo) record.slo = slo;
  return record;
}

/**
 * The SLO block: met when the first response (acknowledgement, or closing the issue when nobody
 * acknowledged first) came by the deadline, breached when it came later or has not come by `now`,
 * pending otherwise. Absent when there is no deadline.
 */
export function sloOutcome(
  state: Pick<IncidentState, "acknowledgedAt" | "resolvedAt">,
  options: IncidentRecordOptions,
): IncidentRecord["slo"] | undefined {
  const deadline = options.deadline;
  if (!deadline?.deadline) return undefined;
  const due = deadline.deadline.toUTC();
  const response = state.acknowledgedAt ?? state.resolvedAt;
  let outcome: "met" | "breached" | "pending";
  if (response) outcome = Date.parse(response) <= due.toMillis() ? "met" : "breached";
  else outcome = options.now.toMillis() > due.toMillis() ? "breached" : "pending";
  return {
    tier: deadline.tier,
    targetMinutes: deadline.targetMinutes,
    deadline: due.set({ millisecond: 0 }).toISO({ suppressMilliseconds: true }) ?? "",
    outcome,
  };
}

/** `incidents/<year of the report, UTC>/INC-<n>.yaml`. */
export function incidentRecordPath(state: Pick<IncidentState, "issue" | "reportedAt">): string {
  const year = state.reportedAt.slice(0, 4);
  return `incidents/${year}/INC-${state.issue}.yaml`;
}

/** The YAML file text, with the schema header line editors use for completion and checks. */
export function incidentRecordYaml(record: IncidentRecord): string {
  const body = stringify(record, { lineWidth: 100, minContentWidth: 40 });
  return `# yaml-language-server: $schema=../../schemas/incident.schema.json\n${body}`;
}

/** Bots (`github-actions[bot]`) are recorded under their account name, which is a valid login. */
export function recordLogin(login: string): string {
  const name = login.replace(/\[bot\]$/, "");
  return LOGIN_PATTERN.test(name) ? name : "ghost";
}

function recordTitle(title: string): string {
  const trimmed = title.trim() || "Untitled incident";
  return trimmed.length > RECORD_TITLE_MAX ? `${trimmed.slice(0, RECORD_TITLE_MAX - 3)}...` : trimmed;
}
