/**
 * The `trade` action: on every pull request and review event touching rotations/, compares who is on
 * call at the pull request's merge base and at its head, and keeps one comment, the `oncall/consent`
 * commit status and the review requests up to date. It reads both revisions with `git show` as data
 * (the workflow fetches the head commit; nothing from it is ever run) and makes at most six API calls:
 * list reviews, list comments (handed to the adapter, so it does not list them again), write the
 * comment, read and write the status, request reviews.
 */
import * as core from "@actions/core";
import { DateTime } from "luxon";
import { UserError } from "../core/errors.js";
import { checkTrade } from "../core/trade-check.js";
import { tradeEvent } from "../core/trade-event.js";
import { askedIn } from "../core/trade-comment.js";
import { planTrade, TRADE_COMMENT_KEY } from "../core/trade-plan.js";
import { actionContext } from "../github/action-context.js";
import { ApplyEffectsError, applyEffects, describePlan } from "../github/apply-effects.js";
import { callGitHub, GitHubApiError } from "../github/github-error.js";
import { hasMarker } from "../github/markers.js";
import { runAction } from "../github/run-action.js";
import { loadTradeRevisions } from "../repo/revision.js";

runAction(async () => {
  const ctx = actionContext();
  const event = tradeEvent(ctx.eventName, ctx.payload);
  if (!event) {
    core.info(`"${ctx.eventName}" is not a pull request event with a head and base commit; nothing to check.`);
    return;
  }
  const { pull } = event;
  const atInput = core.getInput("at");
  const now = atInput ? DateTime.fromISO(atInput, { setZone: true }) : (event.at ?? ctx.now);
  if (!now.isValid) throw new UserError(`The "at" input must be an ISO-8601 instant, not "${atInput}".`);

  const { base, head, changed } = await loadTradeRevisions(ctx.workspace, event.baseSha, pull.headSha);
  const check = checkTrade({ before: base, after: head, position: head.position, now });
  // Without a change to rotations/ there is nobody whose consent matters: no reviews or comments to read.
  const list = <T>(what: string, read: () => Promise<T[]>) => (changed.length ? callGitHub(`${what} #${pull.number}`, read) : Promise.resolve([]));
  const reviews = await list("list reviews of", () => ctx.octokit.paginate(ctx.octokit.rest.pulls.listReviews, { ...ctx.repo, pull_number: pull.number, per_page: 100 }));
  // Listed here rather than by the adapter (which is handed the list) to read who earlier runs asked.
  const comments = (await list("list comments of", () => ctx.octokit.paginate(ctx.octokit.rest.issues.listComments, { ...ctx.repo, issue_number: pull.number, per_page: 100 }))).map((c) => ({ id: c.id, body: c.body ?? "", author: c.user, url: c.html_url }));
  const ours = comments.find((c) => hasMarker(c.body, TRADE_COMMENT_KEY) && c.author?.type === "Bot");
  const plan = planTrade({
    pull,
    check,
    reviews: reviews.map((r) => ({ login: r.user?.login ?? "", state: r.state, submittedAt: r.submitted_at ?? null, id: r.id })).filter((r) => r.login !== ""),
    now,
    rotationsChanged: changed.length > 0,
    asked: askedIn(ours?.body),
  });

  core.info(`Trade: ${check.summary}.`);
  core.info(`Consent: ${plan.verdict.state} (${plan.verdict.description}).`);
  for (const p of check.problems) core.error(p.message, { file: p.file, title: p.rule, ...(p.line > 0 && { startLine: p.line, startColumn: p.column }) });
  core.setOutput("state", plan.verdict.state);
  core.setOutput("affected", check.affected.join(","));
  core.setOutput("problems", check.problems.length);
  const comment = plan.effects.find((e) => e.kind === "upsert-comment");
  if (comment?.kind === "upsert-comment") await core.summary.addRaw(comment.body).write();

  if (ctx.dryRun) {
    for (const line of describePlan(plan.effects)) core.info(`would ${line}`);
    return;
  }
  const requested = [...pull.requestedReviewers, ...askedIn(ours?.body)];
  const known = {
    comments: new Map([[pull.number, comments]]),
    pulls: new Map([[pull.number, { author: pull.author, requested, reviewed: reviews.flatMap((r) => (r.user ? [r.user.login] : [])) }]]),
  };
  try {
    await applyEffects(ctx.octokit, ctx.repo, plan.effects, { logger: ctx.logger, known });
  } catch (err) {
    // People GitHub will not ask (no access to the repository) do not undo the comment and status.
    if (err instanceof ApplyEffectsError && err.effect.kind === "request-reviewers") core.warning(`Could not request reviews: ${err.githubMessage}. Ask them to approve in the comment instead.`);
    else if (err instanceof GitHubApiError && err.status === 403) throw new UserError(`${err.message}\nThe token cannot write here. For pull requests from forks, run this workflow on pull_request_target (see .github/workflows/trade.yml).`);
    else throw err;
  }
});
