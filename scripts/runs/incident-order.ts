/**
 * The order an incident run writes in, which is what makes a failed run safe to rerun (see
 * scripts/runs/incident.ts): follow-ups first, then the record, labels and assignees, replies,
 * closing, and the bot comment with the saved state last; and which writes are courtesies whose
 * failure must not keep the state from being saved.
 */
import { INCIDENT_KEYS, type IncidentPlan } from "../core/incident/index.js";
import type { Effect } from "../github/effects.js";
import { adjustIncidentLabels } from "../github/incident-labels.js";

/** Writes whose failure must not keep the state from being saved: replies, notes and follow-up issues. */
export function isCourtesy(effect: Effect): boolean {
  return effect.kind === "create-issue" || (effect.kind === "upsert-comment" && effect.key !== INCIDENT_KEYS.comment);
}

/** The plan's effects, adjusted for labels, routed to the record's branch and ordered (see the module comment). */
export function finalEffects(
  plan: IncidentPlan,
  o: {
    number: number;
    labels: readonly string[];
    firstRun: boolean;
    baseBranch: string | undefined;
    dropCreates: boolean;
  },
): Effect[] {
  const effects = adjustIncidentLabels(
    plan.effects.filter((e) => !(o.dropCreates && e.kind === "create-issue")),
    { issue: o.number, state: plan.state, labels: o.labels, firstRun: o.firstRun },
  ).map((e) => (e.kind === "commit-file" && o.baseBranch ? routeRecord(e, o.baseBranch) : e));
  // Array.prototype.sort is stable: within a rank the core's order stays.
  return [...effects].sort((a, b) => rank(a) - rank(b));
}

/**
 * Where an effect goes: follow-ups, the record, then the issue's labels and assignees (so a reply
 * telling a responder "assigned to you" is true when it arrives), replies and notices, closing, and
 * the bot comment with the state last.
 */
function rank(effect: Effect): number {
  switch (effect.kind) {
    case "create-issue":
      return 0;
    case "commit-file":
      return 1;
    case "upsert-comment":
      return effect.key === INCIDENT_KEYS.comment ? 5 : 3;
    case "close-issue":
      return 4;
    default:
      return 2;
  }
}

function routeRecord(effect: Extract<Effect, { kind: "commit-file" }>, base: string): Effect {
  return effect.pullRequest ? { ...effect, pullRequest: { ...effect.pullRequest, base } } : { ...effect, branch: base };
}
