/**
 * An open incident issue as the SLO sweep's search returns it (labels, assignees, times), in the shape
 * the handoff summary takes: severity and status read off the `severity:` and `status:` labels. The
 * commander is not in the labels; the summary takes it from the incident's record.
 */
import type { IncidentIssue } from "../slo/index.js";
import type { OpenIncident } from "./model.js";

/** The value of the first `prefix:value` label, or undefined. */
function labelValue(labels: readonly string[], prefix: string): string | undefined {
  const found = labels.find((l) => l.toLowerCase().startsWith(`${prefix}:`));
  return found?.slice(prefix.length + 1);
}

/** Converts one searched incident issue (see the module comment). */
export function openIncidentOf(issue: IncidentIssue): OpenIncident {
  return {
    number: issue.number,
    title: issue.title ?? `#${issue.number}`,
    severity: labelValue(issue.labels, "severity") ?? null,
    status: labelValue(issue.labels, "status") ?? "open",
    ...(issue.url ? { url: issue.url } : {}),
    reportedAt: issue.createdAt,
    ...(issue.confirmedAt ? { confirmedAt: issue.confirmedAt } : {}),
  };
}
