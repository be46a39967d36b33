/**
 * Carries out a plan (a list of effects) against one repository, in order, idempotently: every
 * effect reads what it needs (each issue, comment list and label list at most once per plan), writes
 * only differences, and reports what it did. The first failure stops the plan with a
 * {@link GitHubApiError} naming the call, the status, GitHub's message, the effect that failed and
 * the effects already applied; later effects are not attempted. Rerunning the same plan after a
 * failure completes it without duplicating anything.
 */
import { ApplyContext, type ApplyOptions, type RepoRef } from "./apply-context.js";
import { setCheckRun } from "./apply-check-run.js";
import { commitFile } from "./apply-commit-file.js";
import { createIssue, upsertComment } from "./apply-comment-effects.js";
import {
  addAssignees,
  addLabels,
  ensureLabels,
  removeLabels,
  setAssignees,
  setIssueState,
  updateIssue,
} from "./apply-issue-effects.js";
import { requestReviewers, setCommitStatus } from "./apply-pull-effects.js";
import { describeEffect, validateEffects, type AppliedEffect, type Effect } from "./effects.js";
import { GitHubApiError } from "./github-error.js";
import type { GitHubClient } from "./octokit.js";

export type { ApplyOptions, RepoRef } from "./apply-context.js";

/** Thrown when a plan stops part-way: what failed, and what had already been applied. */
export class ApplyEffectsError extends GitHubApiError {
  override readonly name: string = "ApplyEffectsError";
  /** The effect that failed. */
  readonly effect: Effect;
  /** 1-based position of that effect in the plan. */
  readonly index: number;
  /** Effects completed before the failure (each one whole). */
  readonly applied: AppliedEffect[];

  constructor(cause: GitHubApiError, effect: Effect, index: number, total: number, applied: AppliedEffect[]) {
    super({ status: cause.status, call: cause.call, githubMessage: cause.githubMessage, purpose: cause.purpose });
    this.message = `${cause.message}\n  while applying effect ${index} of ${total}: ${describeEffect(effect)}\n  ${applied.length === 0 ? "nothing was applied before it" : `already applied: ${applied.map((a) => a.summary).join("; ")}`}; rerunning the plan is safe`;
    this.effect = effect;
    this.index = index;
    this.applied = applied;
  }
}

function applyOne(ctx: ApplyContext, effect: Effect): Promise<AppliedEffect> {
  switch (effect.kind) {
    case "ensure-labels":
      return ensureLabels(ctx, effect);
    case "add-labels":
      return addLabels(ctx, effect);
    case "remove-labels":
      return removeLabels(ctx, effect);
    case "set-assignees":
      return setAssignees(ctx, effect);
    case "add-assignees":
      return addAssignees(ctx, effect);
    case "upsert-comment":
      return upsertComment(ctx, effect);
    case "create-issue":
      return createIssue(ctx, effect);
    case "update-issue":
      return updateIssue(ctx, effect);
    case "close-issue":
    case "reopen-issue":
      return setIssueState(ctx, effect);
    case "request-reviewers":
      return requestReviewers(ctx, effect);
    case "set-commit-status":
      return setCommitStatus(ctx, effect);
    case "set-check-run":
      return setCheckRun(ctx, effect);
    case "commit-file":
      return commitFile(ctx, effect);
  }
}

/**
 * Applies `effects` in order and returns one {@link AppliedEffect} per effect. The plan is
 * validated first (InvalidEffectError before any call).
 */
export async function applyEffects(
  octokit: GitHubClient,
  repo: RepoRef,
  effects: readonly Effect[],
  options: ApplyOptions = {},
): Promise<AppliedEffect[]> {
  validateEffects(effects);
  const ctx = new ApplyContext(octokit, repo, options);
  const applied: AppliedEffect[] = [];
  for (const [i, effect] of effects.entries()) {
    try {
      const result = await applyOne(ctx, effect);
      applied.push(result);
      ctx.logger.info(`${result.outcome === "unchanged" ? "=" : "+"} ${result.summary}`);
    } catch (error) {
      if (error instanceof GitHubApiError && ctx.optional(effect)) {
        const warning = `${describeEffect(effect)} failed and was skipped: ${error.message}`;
        ctx.logger.warn(warning);
        applied.push({
          effect,
          outcome: "failed",
          summary: `skipped after a failure: ${describeEffect(effect)}`,
          warnings: [warning],
        });
        continue;
      }
      if (error instanceof GitHubApiError)
        throw new ApplyEffectsError(error, effect, i + 1, effects.length, [...applied]);
      throw error;
    }
  }
  return applied;
}

/** What a dry run prints instead of applying: one line per effect. */
export function describePlan(effects: readonly Effect[]): string[] {
  return effects.map((effect, i) => `${i + 1}. ${describeEffect(effect)}`);
}
