/**
 * The GitHub effects of the incident planner and the pieces derived from the state alone (labels,
 * assignees, the reply to a command comment). Effects are data; the GitHub adapter applies them, and
 * each is idempotent by construction: labels and assignees are sets, comments and created issues are
 * found again by their hidden marker key, files are written whole.
 */
import type { Effect, LabelSpec } from "../model/index.js";
import type { CommandError } from "./commands.js";
import { safeBlock, safeCode } from "../model/index.js";
import type { IncidentDecision, IncidentState } from "./state.js";

/** The effects the incident planner emits (the GitHub adapter's own type). */
export type IncidentEffect = Effect;

/** Marker keys (the adapter writes them as `<!-- oncall:KEY -->`). */
export const INCIDENT_KEYS = {
  /** The one bot comment with the summary and the hidden state. */
  comment: "incident",
  /** The note to the reporter about an incomplete form. */
  formProblems: "form-problems",
  /** The kind note to the reporter of a report closed with /not-incident. */
  notIncident: "not-incident",
  /** The bot's one reply to a command comment. */
  reply: (commentId: number | string) => `reply:${commentId}`,
} as const;

/**
 * Marks an incident confirmed from triage. The SLO check lists incidents by label and counts from the
 * issue's creation; for the few carrying this label it reads the saved state once more to count from
 * the confirmation instead (scripts/github/open-incidents.ts).
 */
export const TRIAGED_LABEL = "triaged";

const SEVERITY_COLORS: Readonly<Record<string, string>> = {
  P1: "b60205",
  P2: "d93f0b",
  P3: "fbca04",
  P4: "0e8a16",
  P5: "c5def5",
  unknown: "ededed",
};

/** Colour and description of each label the planner uses, so the adapter can create missing ones. */
export function labelSpec(name: string): LabelSpec {
  if (name === "incident")
    return { name, color: "b60205", description: "An incident, tracked by the on-call automation" };
  if (name === "not-incident")
    return { name, color: "cfd3d7", description: "Reported as an incident; handled as an ordinary bug" };
  if (name === "follow-up") return { name, color: "5319e7", description: "Follow-up work from an incident" };
  if (name === TRIAGED_LABEL)
    return {
      name,
      color: "c2e0c6",
      description: "Confirmed from triage: the acknowledgement SLO counts from the confirmation",
    };
  if (name === "status:triage")
    return {
      name,
      color: "fef2c0",
      description: "Reported by someone the policy does not trust yet: awaiting /confirm",
    };
  const severity = /^severity:(.+)$/.exec(name)?.[1];
  if (severity)
    return {
      name,
      color: SEVERITY_COLORS[severity] ?? "ededed",
      description: severity === "unknown" ? "Severity not set yet" : `Incident severity ${severity}`,
    };
  return { name, color: "1d76db", description: `Incident ${name.replace(/^status:/, "status: ")}` };
}

/**
 * Labels the state calls for: `incident`, `severity:P2` or `severity:unknown`, `status:<status>` (e.g.
 * `status:triage`) or `not-incident`, and `triaged` once a report was confirmed from triage.
 */
export function desiredLabels(
  state: Pick<IncidentState, "severity" | "status"> & Partial<Pick<IncidentState, "confirmedAt">>,
): string[] {
  const labels = ["incident", `severity:${state.severity ?? "unknown"}`];
  labels.push(state.status === "not-incident" ? "not-incident" : `status:${state.status}`);
  if (state.confirmedAt) labels.push(TRIAGED_LABEL);
  return labels;
}

/** Add what is missing, remove severity/status labels that no longer apply; other labels are left alone. */
export function labelEffects(
  issue: number,
  state: Parameters<typeof desiredLabels>[0],
  current: readonly string[],
): IncidentEffect[] {
  const desired = desiredLabels(state);
  const add = desired.filter((l) => !current.includes(l));
  const remove = current.filter((l) => !desired.includes(l) && (/^(severity|status):/.test(l) || l === "not-incident"));
  const effects: IncidentEffect[] = [];
  if (remove.length > 0) effects.push({ kind: "remove-labels", issue, labels: remove });
  if (add.length > 0)
    effects.push({ kind: "ensure-labels", labels: add.map(labelSpec) }, { kind: "add-labels", issue, labels: add });
  return effects;
}

/**
 * The on-call people at report time, the roles and the responders; bots are never assigned. Nobody is
 * assigned while the report awaits triage.
 */
export function desiredAssignees(
  state: Pick<IncidentState, "oncall" | "commander" | "comms" | "responders"> & Partial<Pick<IncidentState, "status">>,
): string[] {
  if (state.status === "triage") return [];
  const logins = [...state.oncall, state.commander, state.comms, ...state.responders];
  return [...new Set(logins.filter((l): l is string => typeof l === "string" && !l.endsWith("[bot]")))];
}

/** The polite refusal for someone who may not run commands. */
export function refusalText(author: string): string {
  return `Sorry @${author}, incident commands can only be run by people on the on-call roster or with write or triage access to this repository, so nothing was changed. If you know something that helps, please share it in a normal comment.`;
}

/**
 * The bot's one reply to a command comment: the errors, rejections and responder notifications, in
 * that order (a refusal when a decision says so). Null when there is nothing to say: the bot comment
 * shows the rest.
 */
export function replyText(
  author: string,
  decisions: readonly IncidentDecision[],
  errors: readonly CommandError[],
): string | null {
  if (decisions.some((d) => d.kind === "refuse")) return refusalText(author);
  const lines: string[] = [];
  for (const e of errors) lines.push(`- Line ${e.line}, \`${safeCode(e.text, 100)}\`: ${e.message}`);
  for (const d of decisions) if (d.kind === "reply") lines.push(`- ${safeBlock(d.text)}`);
  const notify = decisions.flatMap((d) => (d.kind === "notify-responder" ? [d.login] : []));
  const parts: string[] = [];
  if (lines.length > 0) parts.push(`@${author}, some of that was not applied:`, "", ...lines);
  if (notify.length > 0) {
    if (parts.length > 0) parts.push("");
    parts.push(
      `${notify.map((l) => `@${l}`).join(", ")}: @${author} asked for your help with this incident and assigned it to you. Please read the summary above and acknowledge with \`/ack\`.`,
    );
  }
  return parts.length > 0 ? parts.join("\n") : null;
}
