/**
 * The one place a run carries out its plan: on a dry run it prints what the effects would do and
 * writes nothing; otherwise it applies them (scripts/github/apply-effects.ts, idempotent, in order);
 * in both cases it then writes the run's job summary. Every run ends here, so "dry run", "apply" and
 * "summary" mean the same thing in every action.
 */
import * as core from "@actions/core";
import type { ActionContext } from "../github/action-context.js";
import { ApplyEffectsError, applyEffects, describePlan, type ApplyOptions } from "../github/apply-effects.js";
import type { AppliedEffect, Effect } from "../github/effects.js";

/** What carrying out needs from the action context. */
export type CarryOutContext = Pick<ActionContext, "octokit" | "repo" | "logger" | "dryRun">;

/** What happened to a plan. */
export interface Outcome {
  dryRun: boolean;
  /** What a dry run would do, one line each (empty when applied). */
  planned: string[];
  /** The effects applied, in order (on a failure part-way, those before it; empty on a dry run). */
  applied: AppliedEffect[];
  /** The error that stopped the plan, if one did. */
  failure?: unknown;
}

export interface CarryOutOptions extends Omit<ApplyOptions, "logger"> {
  /** What a dry run would do besides the effects (a chat message, say), one line each. */
  alsoPlanned?: readonly string[];
  /**
   * Return a plan that stopped part-way on a GitHub failure (an {@link ApplyEffectsError}) as
   * `outcome.failure` instead of throwing, for runs that still have work to do for what was applied
   * (the SLO escalation's chat message). Default false: the failure is thrown after the summary.
   */
  keepPartial?: boolean;
  /**
   * Adds the run's job summary for this outcome to `summary` (written after the plan, also on a dry
   * run and on a failure; nothing is written when nothing is added).
   */
  summary?: (outcome: Outcome, summary: typeof core.summary) => void;
}

/** Carries out `effects` (see the module comment); returns what happened. */
export async function carryOut(
  ctx: CarryOutContext,
  effects: readonly Effect[],
  options: CarryOutOptions = {},
): Promise<Outcome> {
  const { alsoPlanned = [], keepPartial = false, summary, ...apply } = options;
  let outcome: Outcome;
  if (ctx.dryRun) {
    const planned = [...describePlan(effects), ...alsoPlanned];
    core.info(
      planned.length > 0 ? ["Dry run: the plan, not applied:", ...planned].join("\n") : "Dry run: nothing to apply.",
    );
    outcome = { dryRun: true, planned, applied: [] };
  } else {
    try {
      outcome = {
        dryRun: false,
        planned: [],
        applied: await applyEffects(ctx.octokit, ctx.repo, effects, { ...apply, logger: ctx.logger }),
      };
    } catch (failure) {
      outcome = {
        dryRun: false,
        planned: [],
        applied: failure instanceof ApplyEffectsError ? failure.applied : [],
        failure,
      };
    }
  }
  if (summary) {
    summary(outcome, core.summary);
    if (!core.summary.isEmptyBuffer()) await core.summary.write();
  }
  if (outcome.failure !== undefined && !(keepPartial && outcome.failure instanceof ApplyEffectsError))
    throw outcome.failure;
  return outcome;
}
