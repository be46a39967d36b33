/**
 * The issue-level transitions of an incident's state, as opposed to commands: the report is opened,
 * its form is edited, or the issue is reopened. Each change still lands on the timeline.
 */
import type { DateTime } from "luxon";
import type { IncidentReport } from "./form.js";
import { isClosedStatus, isoUtc, unique, type IncidentState, type TimelineEntry } from "./state.js";

/** The issue as the incident needs it at opening. */
export interface OpenedIssue {
  number: number;
  title: string;
  /** Who opened the issue. */
  author: string;
  createdAt: DateTime;
}

/**
 * The state of a freshly reported incident: status investigating, the form's answers, who is on call.
 * With `triageReason` (the reporter may not open incidents under the policy's `reporters`), status
 * `triage` instead: nobody is assigned and no SLO runs until /confirm.
 */
export function openIncidentState(
  issue: OpenedIssue,
  report: IncidentReport,
  problems: readonly string[],
  oncall: readonly string[],
  triageReason?: string,
): IncidentState {
  const reportedAt = isoUtc(issue.createdAt);
  const state: IncidentState = {
    v: 1,
    issue: issue.number,
    title: issue.title,
    status: triageReason ? "triage" : "investigating",
    severity: report.severity,
    severitySetBy: "form",
    services: [],
    production: true,
    links: [],
    reportedBy: issue.author,
    reportedAt,
    ...(triageReason ? { triageReason } : {}),
    oncall: unique(oncall),
    rolesDefaulted: false,
    responders: [],
    timeline: [],
    followups: [],
    formProblems: [...problems],
    processed: [],
  };
  copyReport(state, report);
  const where = state.services.length ? ` affecting ${state.services.join(", ")}` : "";
  const env = state.production ? "" : " (not production)";
  const triage = triageReason ? " Awaiting triage: /confirm makes it an incident." : "";
  state.timeline.push({
    at: reportedAt,
    author: issue.author,
    kind: "opened",
    text: `Reported as ${state.severity ?? "severity not sure"}${where}${env}.${triage}`,
  });
  return state;
}

/**
 * The reporter edited the form. Answers replace the old ones, except a severity someone set with
 * /severity, which an edit of the form must not undo. Returns the new state and its timeline entry,
 * if anything that matters changed.
 */
export function applyReportEdit(
  state: IncidentState,
  report: IncidentReport,
  problems: readonly string[],
  by: string,
  at: DateTime,
): { state: IncidentState; entries: TimelineEntry[] } {
  const next = structuredClone(state);
  const before = { severity: next.severity, services: next.services.join(", "), production: next.production };
  copyReport(next, report);
  if (next.severitySetBy === "form") next.severity = report.severity;
  next.formProblems = [...problems];
  const changes: string[] = [];
  if (next.severity !== before.severity) changes.push(`severity ${next.severity ?? "not sure"}`);
  if (next.services.join(", ") !== before.services) changes.push(`services ${next.services.join(", ") || "none"}`);
  if (next.production !== before.production)
    changes.push(next.production ? "production affected" : "production not affected");
  if (changes.length === 0) return { state: next, entries: [] };
  const entry: TimelineEntry = {
    at: isoUtc(at),
    author: by,
    kind: next.severity !== before.severity ? "severity" : "note",
    text: `Report edited: ${changes.join("; ")}.`,
  };
  next.timeline.push(entry);
  return { state: next, entries: [entry] };
}

/**
 * The issue was reopened: back to investigating (an open incident stays as it is), or back to triage
 * for a report that started there and was never confirmed: reopening is not confirming.
 */
export function reopenIncidentState(
  state: IncidentState,
  by: string,
  at: DateTime,
): { state: IncidentState; entries: TimelineEntry[] } {
  if (!isClosedStatus(state.status)) return { state, entries: [] };
  const next = structuredClone(state);
  next.status = next.triageReason && !next.confirmedAt ? "triage" : "investigating";
  delete next.resolvedAt;
  delete next.notIncidentReason;
  const entry: TimelineEntry = {
    at: isoUtc(at),
    author: by,
    kind: "reopened",
    text: `Issue reopened; status back to ${next.status}.`,
  };
  next.timeline.push(entry);
  return { state: next, entries: [entry] };
}

function copyReport(state: IncidentState, report: IncidentReport): void {
  state.services = [...report.services];
  state.production = report.production ?? true;
  state.links = [...report.links];
  if (report.who) state.impact = report.who;
  else delete state.impact;
  if (report.startedAt) state.startedAt = isoUtc(report.startedAt);
  else delete state.startedAt;
}
