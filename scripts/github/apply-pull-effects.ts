/** Review requests and commit statuses, posted only when they would change something. */
import { includesName, type ApplyContext } from "./apply-context.js";
import type { AppliedEffect, Effect } from "./effects.js";

type Of<K extends Effect["kind"]> = Extract<Effect, { kind: K }>;

/**
 * Requests reviews from those who have neither been asked already nor reviewed yet (asking again
 * would re-notify them), never from the author (GitHub refuses that with 422).
 */
export async function requestReviewers(ctx: ApplyContext, effect: Of<"request-reviewers">): Promise<AppliedEffect> {
  const number = effect.pull;
  const pull = await ctx.pullReviewers(number);
  const skip = [...pull.requested, ...pull.reviewed, pull.author];
  const ask = effect.reviewers.filter((login) => !includesName(skip, login));
  const url = pull.url ? { url: pull.url } : {};
  if (ask.length === 0)
    return { effect, outcome: "unchanged", summary: `reviews on #${number} already requested`, number, ...url };
  await ctx.call(`request reviews on #${number}`, () =>
    ctx.octokit.rest.pulls.requestReviewers({ ...ctx.repo, pull_number: number, reviewers: ask }),
  );
  pull.requested.push(...ask);
  return {
    effect,
    outcome: "updated",
    summary: `requested reviews from ${ask.join(", ")} on #${number}`,
    number,
    ...url,
  };
}

/** GitHub keeps every status ever posted; posting only on change keeps the commit's history short. */
export async function setCommitStatus(ctx: ApplyContext, effect: Of<"set-commit-status">): Promise<AppliedEffect> {
  const { data: combined } = await ctx.call(`read statuses of ${effect.sha.slice(0, 7)}`, () =>
    ctx.octokit.rest.repos.getCombinedStatusForRef({ ...ctx.repo, ref: effect.sha, per_page: 100 }),
  );
  const current = combined.statuses.find((s) => s.context === effect.context);
  const same =
    current &&
    current.state === effect.state &&
    (current.description ?? "") === effect.description &&
    (current.target_url ?? undefined) === effect.targetUrl;
  if (same) return { effect, outcome: "unchanged", summary: `status "${effect.context}" is already ${effect.state}` };
  const { data } = await ctx.call(`set status "${effect.context}"`, () =>
    ctx.octokit.rest.repos.createCommitStatus({
      ...ctx.repo,
      sha: effect.sha,
      context: effect.context,
      state: effect.state,
      description: effect.description,
      ...(effect.targetUrl ? { target_url: effect.targetUrl } : {}),
    }),
  );
  return {
    effect,
    outcome: current ? "updated" : "created",
    summary: `status "${effect.context}" is ${effect.state}`,
    ...(data.target_url ? { url: data.target_url } : {}),
  };
}
