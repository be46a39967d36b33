/**
 * The incident's labels as the action manages them, on top of what the core plans:
 *
 * - `acknowledged` once the incident is acknowledged: the SLO check reads it from the issue list
 *   (with `created_at` and its own `slo:*` labels, which nothing here ever removes).
 * - Repository labels are made to exist (colour and description) on the first run on an issue, all
 *   of them at once; later runs skip that read. A label deleted in between comes back when it is next
 *   added, in GitHub's default colour.
 * - What the issue carries is read from GitHub on every run after the first (incident-run.ts), so
 *   the saved state always wins: labels left by a run that failed half-way are corrected.
 */
import { desiredLabels, labelSpec, TRIAGED_LABEL } from "../core/incident/index.js";
import { COMMAND_STATUSES, SEVERITIES } from "../core/incident/index.js";
import type { IncidentState } from "../core/incident/index.js";
import { includesName } from "./apply-context.js";
import type { Effect, LabelSpec } from "./effects.js";

/** Added once an on-call engineer or responder acknowledged the incident. */
const ACKNOWLEDGED_LABEL = "acknowledged";

/** Every label an incident may get from this action, with colour and description. */
export function incidentLabelCatalog(): LabelSpec[] {
  const names = [
    "incident",
    ...SEVERITIES.map((s) => `severity:${s}`),
    "severity:unknown",
    ...COMMAND_STATUSES.map((s) => `status:${s}`),
    "status:triage",
    TRIAGED_LABEL,
    "not-incident",
    "follow-up",
  ];
  return [
    ...names.map(labelSpec),
    { name: ACKNOWLEDGED_LABEL, color: "0e8a16", description: "An on-call engineer acknowledged the incident" },
  ];
}

/** The labels a state calls for, `acknowledged` included. */
export function incidentLabels(state: IncidentState): string[] {
  return [...desiredLabels(state), ...(state.acknowledgedAt ? [ACKNOWLEDGED_LABEL] : [])];
}

/**
 * Rewrites the plan's label effects for one issue as the module comment says: `acknowledged` joins
 * the labels added (one call for both), and the plan's own `ensure-labels` is replaced by the whole
 * catalogue on the first run and dropped on later ones.
 */
export function adjustIncidentLabels(
  effects: readonly Effect[],
  options: { issue: number; state: IncidentState; labels: readonly string[]; firstRun: boolean },
): Effect[] {
  const out: Effect[] = effects.filter((e) => e.kind !== "ensure-labels");
  if (options.state.acknowledgedAt && !includesName(options.labels, ACKNOWLEDGED_LABEL)) {
    const index = out.findIndex((e) => e.kind === "add-labels" && e.issue === options.issue);
    const existing = out[index];
    if (existing?.kind === "add-labels") out[index] = { ...existing, labels: [...existing.labels, ACKNOWLEDGED_LABEL] };
    else {
      // Right after any removals, where the core puts its own additions.
      const after = out.findIndex((e) => e.kind === "remove-labels" && e.issue === options.issue);
      out.splice(after + 1, 0, { kind: "add-labels", issue: options.issue, labels: [ACKNOWLEDGED_LABEL] });
    }
  }
  if (options.firstRun) {
    const first = out.findIndex((e) => e.kind === "add-labels");
    if (first >= 0) out.splice(first, 0, { kind: "ensure-labels", labels: incidentLabelCatalog() });
  }
  return out;
}
