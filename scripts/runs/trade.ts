/**
 * One run of the `trade` action: on every pull request event (run from the default branch's workflow
 * on `pull_request_target`) and every review (through the review relay's `workflow_run`), compares who
 * is on call at the pull request's merge base and at its head, and keeps one comment, the
 * `oncall/consent` verdict and the review requests up to date. Consent is judged with the base
 * revision's roster, and an approval counts only while the trade at the reviewed commit is the trade at
 * the head.
 *
 * It reads every revision with `git show` as data (nothing from the head is checked out or run),
 * fetching missing commits by id with the token in git's environment, never on its command line.
 * With an `app-token` the verdict is a check run of that GitHub App (which a ruleset can require from
 * that App); without one, a commit status, which anyone who can run a workflow can also post.
 *
 * API calls per run: at most six on a pull request event (list reviews, list comments, write the
 * comment, read and write the status or check run, request reviews), one more on a review relay run
 * (read the pull request).
 */
import { githubAnnotations } from "../repo/problems-output.js";
import { instantInput } from "../repo/instant-input.js";
import * as core from "@actions/core";
import { DateTime } from "luxon";
import { UserError } from "../core/model/index.js";
import { askedIn, checkTrade, reaskedIn, relayRun, tradeEvent, type TradeEvent } from "../core/trade/index.js";
import { changeKeys, latestDecisions, type ReviewedCommit, type ReviewInput } from "../core/trade/index.js";
import { planTrade, STATUS_FALLBACK_NOTE, TRADE_COMMENT_KEY, type ConsentCheck } from "../core/trade/index.js";
import type { ActionContext } from "../github/action-context.js";
import { ApplyEffectsError } from "../github/apply-effects.js";
import type { CommentSnapshot } from "../github/apply-context.js";
import { GitHubApiError } from "../github/github-error.js";
import { hasMarker } from "../github/markers.js";
import { clientOptionsFromEnv, createGitHubClient, type GitHubClient } from "../github/octokit.js";
import { listIssueComments, listPullReviews, openPullRequestsOf, readPullRequest } from "../github/pull-requests.js";
import { fetchCommits, loadTradeRevisions } from "../repo/revision.js";
import { carryOut } from "./carry-out.js";

/** The `trade` action's inputs as given (empty when not set). */
export interface TradeInputs {
  /** A GitHub App installation token: the verdict becomes that App's check run. */
  appToken: string;
  /** The App's slug (`[bot]` suffix allowed); required with `appToken`. */
  appSlug: string;
  /** The token git fetches commits with when there is no App token. */
  fetchToken: string;
  /** Replaces the event's instant (tests and replays only). */
  at: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Checks the trade of the pull request the event is about (see the module comment). */
export async function runTrade(ctx: ActionContext, inputs: TradeInputs): Promise<void> {
  const { appToken } = inputs;
  const appSlug = inputs.appSlug.replace(/\[bot\]$/i, "");
  if (appToken && !appSlug)
    throw new UserError(
      'The "app-token" input needs "app-slug" too (the app-slug output of actions/create-github-app-token).',
    );
  if (appToken) core.setSecret(appToken);
  const octokit = appToken
    ? createGitHubClient({ token: appToken, logger: ctx.logger, ...clientOptionsFromEnv(process.env) })
    : ctx.octokit;
  const consentCheck: ConsentCheck = appToken ? { kind: "check-run", app: appSlug } : { kind: "status" };
  const fetchToken = appToken || inputs.fetchToken || undefined;
  const fetch = (shas: string[]) => fetchCommits(ctx.workspace, shas, { ...(fetchToken && { token: fetchToken }) });

  // Load: the event (or the pull request a relay run is about), both revisions, reviews and comments.
  const event = tradeEvent(ctx.eventName, ctx.payload) ?? (await relayedEvent(ctx, octokit));
  if (!event) {
    core.info(
      `"${ctx.eventName}" is neither a pull request event with a head and base commit nor a review relay run for an open pull request; nothing to check.`,
    );
    return;
  }
  const { pull } = event;
  const now = inputs.at ? await instantInput(ctx.workspace, inputs.at, 'Input "at"') : (event.at ?? ctx.now);

  await fetch([event.baseSha, pull.headSha]);
  const { base, head, changed } = await loadTradeRevisions(ctx.workspace, event.baseSha, pull.headSha);
  const check = checkTrade({ before: base, after: head, position: head.position, now });
  // Without a change to rotations/ there is nobody whose consent matters: no reviews or comments to read.
  const reviews = changed.length ? await listPullReviews(octokit, ctx.repo, pull.number) : [];
  // Listed here rather than by the adapter (which is handed the list) to read who earlier runs asked.
  const comments: CommentSnapshot[] = changed.length ? await listIssueComments(octokit, ctx.repo, pull.number) : [];
  // With the App, only its own comment is ours: it could not edit one the Actions token wrote earlier.
  const trusted = appToken ? [`${appSlug}[bot]`] : undefined;
  const isOurs = (a: CommentSnapshot["author"]) =>
    trusted ? trusted.some((t) => same(t, a?.login ?? "")) : a?.type === "Bot";
  const ours = comments.find((c) => hasMarker(c.body, TRADE_COMMENT_KEY) && isOurs(c.author));
  const reviewed = await compareReviewed(ctx.workspace, event, reviews, changeKeys(check.changes), fetch);

  // Plan.
  const plan = planTrade({
    pull,
    check,
    reviews,
    reviewed,
    now,
    rotationsChanged: changed.length > 0,
    asked: askedIn(ours?.body),
    reasked: reaskedIn(ours?.body),
    consentCheck,
  });
  core.info(`Trade: ${check.summary}.`);
  core.info(`Consent: ${plan.verdict.state} (${plan.verdict.description}).`);
  for (const s of plan.consent.stale ?? [])
    core.info(
      `Approval by ${s.login} on ${s.commit?.slice(0, 7) ?? "an unknown commit"} no longer counts (${s.reason === "changed" ? "the trade changed since" : "that commit cannot be read"}).`,
    );
  process.stdout.write(githubAnnotations(check.problems));
  if (consentCheck.kind === "status") core.warning(STATUS_FALLBACK_NOTE);
  core.setOutput("state", plan.verdict.state);
  core.setOutput("affected", check.affected.join(","));
  core.setOutput("problems", check.problems.length);

  // Apply, with what was read handed to the adapter.
  // People asked again because their approval went stale have reviewed (and may have been asked) before.
  const again = (login: string) => plan.reasked.some((r) => same(r, login));
  const requested = [...pull.requestedReviewers, ...askedIn(ours?.body)].filter((l) => !again(l));
  const known = {
    comments: new Map([[pull.number, comments]]),
    pulls: new Map([
      [pull.number, { author: pull.author, requested, reviewed: reviews.map((r) => r.login).filter((l) => !again(l)) }],
    ]),
  };
  const comment = plan.effects.find((e) => e.kind === "upsert-comment");
  const note = consentCheck.kind === "status" ? `\n\n> [!WARNING]\n> ${STATUS_FALLBACK_NOTE}\n` : "";
  const { failure } = await carryOut({ ...ctx, octokit }, plan.effects, {
    known,
    ...(trusted && { trustedAuthors: trusted }),
    keepPartial: true,
    // The verdict in the job summary, whether or not writing it to the pull request works.
    summary: (_, summary) =>
      comment?.kind === "upsert-comment" || note
        ? summary.addRaw(`${comment?.kind === "upsert-comment" ? comment.body : ""}${note}`)
        : undefined,
  });
  if (failure === undefined) return;
  // People GitHub will not ask (no access to the repository) do not undo the comment and status.
  if (failure instanceof ApplyEffectsError && failure.effect.kind === "request-reviewers")
    core.warning(`Could not request reviews: ${failure.githubMessage}. Ask them to approve in the comment instead.`);
  else if (failure instanceof GitHubApiError && failure.status === 403) {
    throw new UserError(
      `${failure.message}\nThe token cannot write here. Run this workflow on pull_request_target and workflow_run (see .github/workflows/trade.yml); an App token needs checks and pull requests write.`,
    );
  } else throw failure;
}

/** The pull request a review relay run is about, read afresh from the API (one call). */
async function relayedEvent(ctx: ActionContext, octokit: GitHubClient): Promise<TradeEvent | undefined> {
  const run = relayRun(ctx.eventName, ctx.payload);
  if (!run) return undefined;
  let pull: unknown;
  if (run.number !== undefined) pull = await readPullRequest(octokit, ctx.repo, run.number);
  else if (run.headOwner && run.headBranch) {
    const data = await openPullRequestsOf(octokit, ctx.repo, `${run.headOwner}:${run.headBranch}`);
    pull = data.find((p) => p.head.sha === run.headSha) ?? (data.length === 1 ? data[0] : undefined);
  }
  const event = pull ? tradeEvent("pull_request_target", { pull_request: pull }) : undefined;
  if (!event) return undefined;
  const at = [event.at, run.at]
    .filter((d): d is DateTime => d !== undefined)
    .reduce<DateTime | undefined>((m, d) => (m === undefined || d > m ? d : m), undefined);
  return { ...event, ...(at && { at }) };
}

/**
 * How the trade at every commit an approval was given on compares with the trade at the head. A
 * commit that cannot be fetched or read counts as "unreadable", so its approvals do not count.
 */
async function compareReviewed(
  dir: string,
  event: TradeEvent,
  reviews: readonly ReviewInput[],
  headKey: string,
  fetch: (shas: string[]) => Promise<Set<string>>,
) {
  const commits = new Set<string>();
  for (const d of latestDecisions(reviews).values())
    if (d.decision === "approved" && d.commitId && !same(d.commitId, event.pull.headSha)) commits.add(d.commitId);
  const out = new Map<string, ReviewedCommit>();
  if (commits.size === 0) return out;
  const present = await fetch([...commits]);
  for (const sha of commits) {
    if (!present.has(sha)) {
      out.set(sha, "unreadable");
      continue;
    }
    try {
      const { base, head } = await loadTradeRevisions(dir, event.baseSha, sha);
      const then = checkTrade({ before: base, after: head, position: head.position, now: DateTime.utc() });
      out.set(sha, changeKeys(then.changes) === headKey ? "same" : "changed");
    } catch {
      out.set(sha, "unreadable");
    }
  }
  return out;
}
