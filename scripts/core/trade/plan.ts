/**
 * The trade planner the action calls on every pull request and review event: the checked trade, the
 * pull request and its reviews in, GitHub effects out. It never talks to GitHub; the adapter applies
 * the effects idempotently (the comment is found again by its marker, the status is posted only when
 * it changes, people already asked are not asked again), so a rerun changes nothing more.
 *
 * Effects, in order: the comment, the `oncall/consent` commit status or App check run, then the review
 * requests (last, because GitHub refuses requests to people without access to the repository, and that
 * must not keep the verdict from being posted). Consent is judged with the base revision's roster and
 * only counts approvals of the change the head makes (see `trade-consent.ts`).
 */
import type { DateTime } from "luxon";
import type { Effect } from "../model/index.js";
import { evaluateConsent, type Consent, type ReviewedCommit, type ReviewInput } from "./consent.js";
import type { TradeCheck } from "./check.js";
import { renderCheckSummary, renderTradeComment, staleKey, tradeVerdict, type TradeVerdict } from "./comment.js";
import { weeklyView } from "./weeks.js";

/** Marker key of the trade comment. */
export const TRADE_COMMENT_KEY = "trade";
/** Context of the commit status branch protection can require. */
export const TRADE_STATUS_CONTEXT = "oncall/consent";

/** What is lost without an App: said in the log and the job summary of every run that falls back. */
export const STATUS_FALLBACK_NOTE =
  "The consent verdict was posted as the commit status `oncall/consent` because no `app-token` was given. " +
  "A commit status is not proof of consent: anyone who can push a branch to this repository can run a workflow of their own " +
  "that posts a status with the same context, and a required status check cannot tell the two apart. " +
  "For a verdict nobody else can set, pass a GitHub App's token (`app-token`, `app-slug`) and require the check run " +
  "`oncall/consent` from that App in a ruleset (README, Security).";

/** The pull request as the planner needs it. */
export interface TradePull {
  number: number;
  author: string;
  headSha: string;
  /** Logins whose review is requested already (from the event payload). */
  requestedReviewers: readonly string[];
}

/**
 * Where the verdict goes: a commit status `oncall/consent` (anyone who can run a workflow can post one
 * too), or a check run of the GitHub App `app` (its slug), which a ruleset can require from that App.
 */
export type ConsentCheck = { kind: "status" } | { kind: "check-run"; app: string };

export interface TradePlanInput {
  pull: TradePull;
  check: TradeCheck;
  reviews: readonly ReviewInput[];
  /** The instant the check answers for (the event's time). */
  now: DateTime;
  /** People earlier runs asked to review (from the bot's comment, see `askedIn`). */
  asked?: readonly string[];
  /**
   * How the trade at each reviewed commit other than the head compares with the head's (see
   * `changeKeys`); an approval on a commit missing here counts as given on a commit that cannot be read.
   */
  reviewed?: ReadonlyMap<string, ReviewedCommit>;
  /** Stale approvals earlier runs requested again (from the bot's comment, see `reaskedIn`). */
  reasked?: readonly string[];
  /**
   * False when the pull request does not touch the rotation files (a review on any other pull request
   * also runs the workflow): then only a success status is posted, so a required check never blocks it.
   */
  rotationsChanged?: boolean;
  /** Status (default) or App check run. */
  consentCheck?: ConsentCheck;
}

export interface TradePlan {
  effects: Effect[];
  consent: Consent;
  verdict: TradeVerdict;
  /** People asked to review by this plan. */
  reviewers: string[];
  /** Of those, people asked again because their approval went stale (they have reviewed already). */
  reasked: string[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function verdictEffect(input: TradePlanInput, verdict: TradeVerdict, summary: string): Effect {
  const { pull } = input;
  if (input.consentCheck?.kind === "check-run") {
    return {
      kind: "set-check-run",
      sha: pull.headSha,
      name: TRADE_STATUS_CONTEXT,
      app: input.consentCheck.app,
      state: verdict.state,
      title: verdict.description,
      summary,
    };
  }
  return {
    kind: "set-commit-status",
    sha: pull.headSha,
    context: TRADE_STATUS_CONTEXT,
    state: verdict.state,
    description: verdict.description,
  };
}

/** Plans the comment, the status (or check run) and the review requests for one run. */
export function planTrade(input: TradePlanInput): TradePlan {
  const { pull, check, now } = input;
  if (input.rotationsChanged === false) {
    const verdict: TradeVerdict = { state: "success", description: "No change to the rotation files" };
    const consent = { entries: [], complete: true, missing: [] };
    return {
      effects: [verdictEffect(input, verdict, verdict.description)],
      consent,
      verdict,
      reviewers: [],
      reasked: [],
    };
  }
  // Managers and the roster come from the base (merge base): a pull request cannot make its author
  // someone's manager, or anyone else, until it is merged.
  const people = check.before.people;
  const consent = evaluateConsent({
    affected: check.affected,
    author: pull.author,
    reviews: input.reviews,
    people,
    head: { sha: pull.headSha, reviewed: input.reviewed ?? new Map() },
  });
  const verdict = tradeVerdict(check, consent);
  const weeks = weeklyView({
    people: check.affected,
    before: check.before,
    after: check.after,
    changes: check.changes,
    now,
    weeks: check.after.config.horizonWeeks,
  });

  // Only people on the roster can be asked (anyone else is a problem of the trade already); the
  // author agrees by opening, and someone asked already would only be notified twice.
  const rostered = people.map((p) => p.login);
  const asked = [...pull.requestedReviewers, ...(input.asked ?? [])];
  const fresh = consent.missing.filter(
    (l) => rostered.some((r) => same(r, l)) && !same(l, pull.author) && !asked.some((r) => same(r, l)),
  );
  // A stale approval asks its reviewer again, once per approval (reviewer and commit), unless a
  // request is pending already.
  const stale = consent.stale ?? [];
  const earlier = new Set(input.reasked ?? []);
  const reasked = stale
    .filter(
      (s) =>
        !earlier.has(staleKey(s)) &&
        !same(s.login, pull.author) &&
        !pull.requestedReviewers.some((r) => same(r, s.login)),
    )
    .map((s) => s.login)
    .filter((l) => !fresh.some((r) => same(r, l)));
  const reviewers = [...fresh, ...reasked];
  const everAsked = [...new Set([...(input.asked ?? []), ...fresh])];
  const everReasked = [...new Set([...earlier, ...stale.map(staleKey)])];
  const body = renderTradeComment({
    check,
    consent,
    weeks,
    headSha: pull.headSha,
    now,
    asked: everAsked,
    reasked: everReasked,
  });

  const effects: Effect[] = [
    { kind: "upsert-comment", issue: pull.number, key: TRADE_COMMENT_KEY, body },
    verdictEffect(input, verdict, renderCheckSummary(check, consent)),
  ];
  if (reviewers.length) effects.push({ kind: "request-reviewers", pull: pull.number, reviewers });
  return { effects, consent, verdict, reviewers, reasked };
}
