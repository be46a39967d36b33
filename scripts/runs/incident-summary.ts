/**
 * What the incident action reports about a run: step outputs for later steps, and a job summary a
 * person can read (the incident at a glance, then what was done). Text from the issue goes through
 * incident-safe-text.ts like everything else the bot writes.
 */
import { when } from "../core/incident/index.js";
import { safeInline } from "../core/model/index.js";
import { describePlan } from "../github/apply-effects.js";
import type { AppliedEffect, Effect } from "../github/effects.js";
import type { IncidentDeadline, IncidentState } from "../core/incident/index.js";

/** What one incident run did, for its outputs and job summary. */
export interface IncidentRunResult {
  /** Why nothing was done, when nothing was. */
  skipped?: string;
  issue?: number;
  state?: IncidentState;
  deadline?: IncidentDeadline | null;
  /** The effects of the plan as applied (or, in a dry run, as they would be). */
  effects: Effect[];
  applied: AppliedEffect[];
  /** Login whose command was refused (not on the roster, no triage or write access). */
  refused?: string;
  /** Problems worth a warning (in the on-call data, or computing who is on call or the deadline). */
  warnings: string[];
  /** Things worth knowing (who is on call came from a schedule preview). */
  notes?: string[];
}

/** Step outputs: `incident`, `status`, `severity` (`unknown` when not set), `deadline` (ISO, or empty), `acknowledged`, `skipped`. */
export function incidentOutputs(result: IncidentRunResult): Record<string, string> {
  const state = result.state;
  return {
    incident: result.issue ? String(result.issue) : "",
    status: state?.status ?? "",
    severity: state ? (state.severity ?? "unknown") : "",
    deadline: result.deadline?.deadline?.toUTC().set({ millisecond: 0 }).toISO({ suppressMilliseconds: true }) ?? "",
    acknowledged: state ? String(Boolean(state.acknowledgedAt)) : "",
    skipped: result.skipped ?? "",
  };
}

/** The job summary in Markdown. */
export function incidentSummary(result: IncidentRunResult, dryRun: boolean): string {
  if (result.skipped !== undefined) return `### Incident action: nothing to do\n\n${safeInline(result.skipped)}\n`;
  const state = result.state;
  if (!state) return "### Incident action\n\nNo incident state was produced.\n";
  const d = result.deadline;
  const lines = [
    `### INC-${state.issue}: ${state.severity ?? "severity not set"}, ${state.status}${dryRun ? " (dry run)" : ""}`,
    "",
    `${safeInline(state.title, 200)}`,
    "",
    "| | |",
    "| --- | --- |",
  ];
  lines.push(`| Reported | ${when(state.reportedAt)} by ${safeInline(state.reportedBy, 60)} |`);
  lines.push(
    `| Acknowledgement due | ${d?.deadline ? `${when(d.deadline)} (${d.tier} support, ${d.targetMinutes} min)` : d ? "no target (limited support)" : "unknown"} |`,
  );
  if (state.acknowledgedAt)
    lines.push(
      `| Acknowledged | ${when(state.acknowledgedAt)} by ${safeInline(state.acknowledgedBy ?? "someone", 60)} |`,
    );
  lines.push(`| Commander / Comms | ${state.commander ?? "-"} / ${state.comms ?? "-"} |`);
  lines.push(`| On call at report | ${state.oncall.join(", ") || "nobody"} |`);
  if (result.refused)
    lines.push(
      `| Refused | a command by ${safeInline(result.refused, 60)} (no triage or write access, not on the roster) |`,
    );
  lines.push("");
  if (dryRun)
    lines.push("**Planned** (nothing was written):", "", ...describePlan(result.effects).map((l) => `- ${l}`));
  else if (result.applied.length > 0)
    lines.push(
      "**Done:**",
      "",
      ...result.applied.map((a) => `- ${a.outcome === "unchanged" ? "unchanged" : a.outcome}: ${a.summary}`),
    );
  else lines.push("Nothing needed changing.");
  const notes = [...result.warnings, ...(result.notes ?? [])];
  if (notes.length > 0) lines.push("", "**Notes:**", "", ...notes.map((w) => `- ${safeInline(w, 400)}`));
  return `${lines.join("\n")}\n`;
}
