/**
 * The commit-file effect: write files straight to a branch, or to a pull request's branch and open
 * (or update) that pull request, found again by its head branch. Works with a protected default
 * branch: only the pull request's own branch is ever written in that mode.
 */
import { includesName, type ApplyContext } from "./apply-context.js";
import type { AppliedEffect, Effect, PullRequestSpec } from "./effects.js";
import { hasStatus } from "./github-error.js";
import { writeFiles } from "./write-files.js";

type CommitFile = Extract<Effect, { kind: "commit-file" }>;

/**
 * Creates `branch` at the head of `base` unless it exists; with `reset`, an existing branch is also
 * moved (forced) to the head of `base`. True when the branch now starts from base's head.
 */
async function ensureBranch(ctx: ApplyContext, branch: string, base: string, reset: boolean): Promise<boolean> {
  let existing: string | undefined;
  try {
    const { data } = await ctx.call(`read branch ${branch}`, () =>
      ctx.octokit.rest.git.getRef({ ...ctx.repo, ref: `heads/${branch}` }),
    );
    existing = data.object.sha;
  } catch (error) {
    if (!hasStatus(error, 404)) throw error;
  }
  if (existing !== undefined && !reset) return false;
  const { data: from } = await ctx.call(`read branch ${base}`, () =>
    ctx.octokit.rest.git.getRef({ ...ctx.repo, ref: `heads/${base}` }),
  );
  if (existing !== undefined) {
    if (existing !== from.object.sha)
      await ctx.call(`reset branch ${branch} to ${base}`, () =>
        ctx.octokit.rest.git.updateRef({ ...ctx.repo, ref: `heads/${branch}`, sha: from.object.sha, force: true }),
      );
    return true;
  }
  try {
    await ctx.call(`create branch ${branch}`, () =>
      ctx.octokit.rest.git.createRef({ ...ctx.repo, ref: `refs/heads/${branch}`, sha: from.object.sha }),
    );
    return true;
  } catch (error) {
    if (hasStatus(error, 422)) return false; // created concurrently
    throw error;
  }
}

async function decoratePull(
  ctx: ApplyContext,
  number: number,
  spec: PullRequestSpec,
  labels: string[],
  requested: string[],
  author: string,
): Promise<void> {
  const addLabels = (spec.labels ?? []).filter((l) => !includesName(labels, l));
  if (addLabels.length > 0)
    await ctx.call(`label pull request #${number}`, () =>
      ctx.octokit.rest.issues.addLabels({ ...ctx.repo, issue_number: number, labels: addLabels }),
    );
  const reviewers = (spec.reviewers ?? []).filter((r) => !includesName([...requested, author], r));
  if (reviewers.length > 0)
    await ctx.call(`request reviews on #${number}`, () =>
      ctx.octokit.rest.pulls.requestReviewers({ ...ctx.repo, pull_number: number, reviewers }),
    );
}

async function viaPullRequest(ctx: ApplyContext, effect: CommitFile, spec: PullRequestSpec): Promise<AppliedEffect> {
  const base = spec.base ?? effect.branch ?? (await ctx.defaultBranch());
  const { data: open } = await ctx.call(`find the pull request for ${spec.branch}`, () =>
    ctx.octokit.rest.pulls.list({
      ...ctx.repo,
      head: `${ctx.repo.owner}:${spec.branch}`,
      state: "open",
      per_page: 100,
    }),
  );
  const existing = open[0];
  // Without an open pull request, an existing branch is left over from a merged or closed one (or a
  // failed run): it starts again from base, so the new pull request shows only this change instead of
  // old commits, and never reverts what was merged since.
  const createdBranch = await ensureBranch(ctx, spec.branch, base, existing === undefined);
  const written = await writeFiles(ctx, spec.branch, effect.files, effect.message);
  if (existing) {
    const changes = {
      ...(existing.title !== spec.title ? { title: spec.title } : {}),
      ...((existing.body ?? "") !== spec.body ? { body: spec.body } : {}),
    };
    if (Object.keys(changes).length > 0)
      await ctx.call(`update pull request #${existing.number}`, () =>
        ctx.octokit.rest.pulls.update({ ...ctx.repo, pull_number: existing.number, ...changes }),
      );
    await decoratePull(
      ctx,
      existing.number,
      spec,
      existing.labels.map((l) => l.name),
      (existing.requested_reviewers ?? []).map((u) => u.login),
      existing.user?.login ?? "",
    );
    const changed = written.length > 0 || Object.keys(changes).length > 0;
    const what = written.length > 0 ? `pushed ${written.join(", ")} to` : changed ? "updated" : "nothing to change in";
    return {
      effect,
      outcome: changed ? "updated" : "unchanged",
      summary: `${what} pull request #${existing.number}`,
      number: existing.number,
      url: existing.html_url,
    };
  }
  if (createdBranch && written.length === 0) {
    // The base already has these contents: no pull request is needed, and the new branch goes again.
    await ctx.call(`delete branch ${spec.branch}`, () =>
      ctx.octokit.rest.git.deleteRef({ ...ctx.repo, ref: `heads/${spec.branch}` }),
    );
    return {
      effect,
      outcome: "unchanged",
      summary: `${base} already has ${effect.files.map((f) => f.path).join(", ")}`,
    };
  }
  try {
    const { data: pull } = await ctx.call(`open a pull request from ${spec.branch}`, () =>
      ctx.octokit.rest.pulls.create({
        ...ctx.repo,
        head: spec.branch,
        base,
        title: spec.title,
        body: spec.body,
        ...(spec.draft ? { draft: true } : {}),
      }),
    );
    await decoratePull(ctx, pull.number, spec, [], [], pull.user.login);
    return {
      effect,
      outcome: "created",
      summary: `opened pull request #${pull.number} from ${spec.branch}`,
      number: pull.number,
      url: pull.html_url,
    };
  } catch (error) {
    // An old branch whose changes are all in base already ("No commits between").
    if (hasStatus(error, 422) && /no commits between/i.test(error.githubMessage)) {
      return { effect, outcome: "unchanged", summary: `${base} already contains everything on ${spec.branch}` };
    }
    throw error;
  }
}

export async function commitFile(ctx: ApplyContext, effect: CommitFile): Promise<AppliedEffect> {
  if (effect.pullRequest) return viaPullRequest(ctx, effect, effect.pullRequest);
  const branch = effect.branch ?? (await ctx.defaultBranch());
  const written = await writeFiles(ctx, branch, effect.files, effect.message);
  if (written.length === 0)
    return {
      effect,
      outcome: "unchanged",
      summary: `${effect.files.map((f) => f.path).join(", ")} already up to date on ${branch}`,
    };
  return { effect, outcome: "updated", summary: `committed ${written.join(", ")} to ${branch}` };
}
