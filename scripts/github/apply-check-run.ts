/**
 * The consent check as a check run of a GitHub App: unlike a commit status, which anyone who can run
 * a workflow may post under any context, a ruleset can require a check run from one App. Idempotent:
 * the App's latest run of that name on the commit is updated in place (created when there is none),
 * and nothing is written when it already says the same.
 */
import type { ApplyContext } from "./apply-context.js";
import type { AppliedEffect, Effect } from "./effects.js";

type SetCheckRun = Extract<Effect, { kind: "set-check-run" }>;

/** Creates or updates the check run; one read, then at most one write. */
export async function setCheckRun(ctx: ApplyContext, effect: SetCheckRun): Promise<AppliedEffect> {
  const short = effect.sha.slice(0, 7);
  const { data } = await ctx.call(`read check runs of ${short}`, () =>
    ctx.octokit.rest.checks.listForRef({
      ...ctx.repo,
      ref: effect.sha,
      check_name: effect.name,
      filter: "latest",
      per_page: 100,
    }),
  );
  const app = effect.app.toLowerCase();
  const ours = data.check_runs.filter((r) => r.app?.slug?.toLowerCase() === app).sort((a, b) => b.id - a.id)[0];
  const conclusion = effect.state === "pending" ? null : effect.state;
  const status = conclusion === null ? "in_progress" : "completed";
  const output = { title: effect.title, summary: effect.summary };
  const same =
    ours &&
    ours.status === status &&
    (ours.conclusion ?? null) === conclusion &&
    ours.output.title === output.title &&
    ours.output.summary === output.summary;
  if (same)
    return {
      effect,
      outcome: "unchanged",
      summary: `check run "${effect.name}" is already ${effect.state}`,
      ...(ours.html_url ? { url: ours.html_url } : {}),
    };
  const fields =
    conclusion === null ? { status: "in_progress" as const } : { status: "completed" as const, conclusion };
  if (ours) {
    const { data: run } = await ctx.call(`update check run "${effect.name}"`, () =>
      ctx.octokit.rest.checks.update({ ...ctx.repo, check_run_id: ours.id, ...fields, output }),
    );
    return {
      effect,
      outcome: "updated",
      summary: `check run "${effect.name}" is ${effect.state}`,
      ...(run.html_url ? { url: run.html_url } : {}),
    };
  }
  const { data: run } = await ctx.call(`create check run "${effect.name}"`, () =>
    ctx.octokit.rest.checks.create({ ...ctx.repo, name: effect.name, head_sha: effect.sha, ...fields, output }),
  );
  return {
    effect,
    outcome: "created",
    summary: `check run "${effect.name}" is ${effect.state}`,
    ...(run.html_url ? { url: run.html_url } : {}),
  };
}
