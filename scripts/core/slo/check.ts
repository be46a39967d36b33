/**
 * The scheduled acknowledgement SLO check as a pure planner (SPEC section 6): given the open incidents'
 * SLO state and the instant of the run, decide what to post. The GitHub adapter applies the decisions
 * and records the flags (`warned`, `breached`, `escalated`) so that each happens once.
 *
 * Runs are late or skipped at times (scheduled workflows are best effort), so the plan depends only on
 * `now` and the recorded flags, never on when the previous run happened: a run after the deadline emits
 * the breach and the escalation even if the warning was never sent, and skips the warning, which would
 * only say something already false ("the deadline is near").
 */
import type { DateTime } from "luxon";

/** What the check needs to know about one open incident. */
export interface OpenIncidentSloState {
  /** Issue number. */
  number: number;
  /** When the clock started: the report, or the confirmation of a report that began in triage. */
  reportedAt: DateTime;
  /** True when `reportedAt` is a confirmation from triage (only changes the wording). */
  confirmed?: boolean;
  /** The acknowledgement deadline; null when none was found (nobody had support within the horizon). */
  deadline: DateTime | null;
  /** Target in minutes of the tier that set the deadline; null for limited support. */
  targetMinutes: number | null;
  acknowledged: boolean;
  /** Whether a warning was already posted. */
  warned: boolean;
  /** Whether the breach was already recorded. */
  breached: boolean;
  /** Whether the escalation was already posted. */
  escalated: boolean;
  /** Logins on call for the incident. */
  oncall: readonly string[];
}

export type SloCheckDecision =
  /** Less than half the target remains: remind the on-call people. */
  | { kind: "warn"; incident: number; deadline: DateTime; minutesLeft: number; mention: string[] }
  /** The deadline passed unacknowledged: record the breach (label, timeline, SLO outcome). */
  | { kind: "breach"; incident: number; deadline: DateTime; minutesLate: number }
  /**
   * Ask for help: mention everyone on call and their managers (the fallback people); `oncall` and
   * `managers` are kept apart so the message and an optional chat webhook can word them differently.
   */
  | { kind: "escalate"; incident: number; deadline: DateTime; mention: string[]; oncall: string[]; managers: string[] };

export interface SloCheckInput {
  /** The instant of this run. */
  now: DateTime;
  incidents: readonly OpenIncidentSloState[];
  /** login -> the login of their manager. People without a manager are simply not escalated beyond. */
  managers: ReadonlyMap<string, string>;
}

/**
 * Decisions for one run, ordered by incident number; for one incident, breach before escalate.
 * Acknowledged incidents and incidents without a deadline get nothing. A warning is due once less
 * than half the target remains (strictly), i.e. 5 minutes before a 10-minute deadline; without a
 * target, once less than half the time from report to deadline remains.
 */
export function planSloCheck(input: SloCheckInput): SloCheckDecision[] {
  const now = input.now.toMillis();
  const decisions: SloCheckDecision[] = [];
  for (const state of [...input.incidents].sort((a, b) => a.number - b.number)) {
    if (state.acknowledged || !state.deadline) continue;
    const deadline = state.deadline.toMillis();
    const oncall = unique(state.oncall);
    if (now >= deadline) {
      if (!state.breached)
        decisions.push({
          kind: "breach",
          incident: state.number,
          deadline: state.deadline,
          minutesLate: Math.floor((now - deadline) / 60_000),
        });
      if (!state.escalated) {
        const managers = unique(
          oncall
            .map((login) => input.managers.get(login))
            .filter((m): m is string => m !== undefined && !oncall.includes(m)),
        );
        decisions.push({
          kind: "escalate",
          incident: state.number,
          deadline: state.deadline,
          mention: [...oncall, ...managers],
          oncall,
          managers,
        });
      }
      continue;
    }
    const window = state.targetMinutes !== null ? state.targetMinutes * 60_000 : deadline - state.reportedAt.toMillis();
    if (!state.warned && deadline - now < window / 2) {
      decisions.push({
        kind: "warn",
        incident: state.number,
        deadline: state.deadline,
        minutesLeft: Math.ceil((deadline - now) / 60_000),
        mention: oncall,
      });
    }
  }
  return decisions;
}

/** One line describing a decision, for dry runs and logs (logins without `@`, so nobody is notified). */
export function describeSloDecision(decision: SloCheckDecision): string {
  const at = decision.deadline.toUTC().toFormat("yyyy-MM-dd HH:mm 'UTC'");
  switch (decision.kind) {
    case "warn":
      return `#${decision.incident}: warn ${decision.mention.join(", ")}: ${decision.minutesLeft} min left to acknowledge (deadline ${at})`;
    case "breach":
      return `#${decision.incident}: acknowledgement SLO breached (deadline ${at}, ${decision.minutesLate} min ago)`;
    case "escalate":
      return `#${decision.incident}: escalate to ${decision.mention.join(", ") || "nobody on record"}`;
  }
}

function unique(logins: readonly string[]): string[] {
  return [...new Set(logins)];
}
