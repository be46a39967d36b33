/**
 * The live state of an incident, as plain JSON: it travels inside the bot comment
 * (incident-marker.ts). Instants are ISO-8601 strings in UTC with seconds (`2026-09-26T13:20:00Z`),
 * the form the record uses; functions take luxon DateTimes and convert with {@link isoUtc}.
 */
import type { DateTime } from "luxon";
import type { IncidentRecord } from "../model/generated/types.js";
import type { Severity } from "./commands.js";
import type { SupportTier } from "../slo/index.js";

export type IncidentStatus = IncidentRecord["status"];
export type TimelineKind = NonNullable<IncidentRecord["timeline"][number]["kind"]>;

/** One timeline entry; `at` is an ISO instant in UTC. */
export interface TimelineEntry {
  at: string;
  author: string;
  kind: TimelineKind;
  text: string;
}

/** A follow-up asked for with /followup. `issue` is filled in once the created issue is known. */
interface FollowupRef {
  /** Stable key of the follow-up, used as the create-issue marker so reruns never open it twice. */
  key: string;
  title: string;
  author: string;
  issue?: number;
  closed?: boolean;
}

/** Everything known about an incident; see the module comment for the time format. */
export interface IncidentState {
  v: 1;
  issue: number;
  title: string;
  status: IncidentStatus;
  severity: Severity | null;
  /** Whether the severity still comes from the form (edits of the form may change it) or a command. */
  severitySetBy: "form" | "command";
  services: string[];
  production: boolean;
  impact?: string;
  links: string[];
  startedAt?: string;
  reportedBy: string;
  reportedAt: string;
  /**
   * Why the report started in status `triage` (its reporter may not open incidents under the policy's
   * `reporters`); absent for a report that started as an incident. Kept after /confirm, so a reopened
   * report that was never confirmed goes back to triage.
   */
  triageReason?: string;
  /** When /confirm took the report out of triage: the acknowledgement SLO counts from this instant. */
  confirmedAt?: string;
  confirmedBy?: string;
  /** Who was on call when the incident was reported (or, for a report confirmed from triage, confirmed). */
  oncall: string[];
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  commander?: string;
  comms?: string;
  /** True once the first on-call acknowledgement has handed out the default roles. */
  rolesDefaulted: boolean;
  responders: string[];
  timeline: TimelineEntry[];
  followups: FollowupRef[];
  summary?: string;
  notIncidentReason?: string;
  /** What the report is missing or got wrong, in plain words (shown until the reporter fixes it). */
  formProblems: string[];
  /** Keys (`<comment id>:<line>`) of commands already applied, so reruns change nothing. */
  processed: string[];
  /**
   * The acknowledgement deadline worked out on the first run that could: it depends only on the report
   * instant and who was on call then, so later events reuse it instead of loading holiday data again.
   */
  deadline?: SavedDeadline;
  /**
   * The postmortem draft the action opened after resolution (severities whose policy says
   * `postmortem: true`): its path, and the pull request once it exists, or why opening it failed.
   * Once `pull` is known no run opens another one, whatever happens to that pull request.
   */
  postmortem?: PostmortemDraftRef;
}

/** Where the postmortem draft of an incident stands (see {@link IncidentState.postmortem}). */
export interface PostmortemDraftRef {
  /** `postmortems/<year>/INC-<n>-<slug>.md`. */
  path: string;
  /** Number of the pull request that adds the draft. */
  pull?: number;
  url?: string;
  /** Why the last attempt to open it failed (plain words); cleared once it is open. */
  problem?: string;
}

/** An acknowledgement deadline as the state keeps it; `at` is null when there is no target. */
export interface SavedDeadline {
  tier: SupportTier;
  targetMinutes: number | null;
  at: string | null;
}

/** ISO instant in UTC with seconds and no milliseconds, as records store them. */
export function isoUtc(at: DateTime): string {
  return at.toUTC().set({ millisecond: 0 }).toISO({ suppressMilliseconds: true }) ?? "";
}

/**
 * The instant the acknowledgement SLO counts from: the confirmation of a report that started in
 * triage, the report otherwise; null while the report awaits triage (no SLO yet).
 */
export function sloClockStart(state: Pick<IncidentState, "status" | "reportedAt" | "confirmedAt">): string | null {
  if (state.status === "triage") return null;
  return state.confirmedAt ?? state.reportedAt;
}

/** Whether the status is final (the issue is closed). */
export function isClosedStatus(status: IncidentStatus): boolean {
  return status === "resolved" || status === "not-incident";
}

/** Order-preserving de-duplication. */
export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
