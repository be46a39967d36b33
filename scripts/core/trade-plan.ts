/**
 * The trade planner the action calls on every pull request and review event: the checked trade, the
 * pull request and its reviews in, GitHub effects out. It never talks to GitHub; the adapter applies
 * the effects idempotently (the comment is found again by its marker, the status is posted only when
 * it changes, people already asked are not asked again), so a rerun changes nothing more.
 *
 * Effects, in order: the comment, the `oncall/consent` commit status, then the review requests (last,
 * because GitHub refuses requests to people without access to the repository, and that must not keep
 * the status from being posted).
 */
import type { DateTime } from "luxon";
import type { Effect } from "../github/effects.js";
import { evaluateConsent, type Consent, type ReviewInput } from "./trade-consent.js";
import type { TradeCheck } from "./trade-check.js";
import { renderTradeComment, tradeVerdict, type TradeVerdict } from "./trade-comment.js";
import { weeklyView } from "./trade-weeks.js";

/** Marker key of the trade comment. */
export const TRADE_COMMENT_KEY = "trade";
/** Context of the commit status branch protection can require. */
export const TRADE_STATUS_CONTEXT = "oncall/consent";

/** The pull request as the planner needs it. */
export interface TradePull {
  number: number;
  author: string;
  headSha: string;
  /** Logins whose review is requested already (from the event payload). */
  requestedReviewers: readonly string[];
}

export interface TradePlanInput {
  pull: TradePull;
  check: TradeCheck;
  reviews: readonly ReviewInput[];
  /** The instant the check answers for (the event's time). */
  now: DateTime;
  /** People earlier runs asked to review (from the bot's comment, see `askedIn`). */
  asked?: readonly string[];
  /**
   * False when the pull request does not touch the rotation files (a review on any other pull request
   * also runs the workflow): then only a success status is posted, so a required check never blocks it.
   */
  rotationsChanged?: boolean;
}

export interface TradePlan {
  effects: Effect[];
  consent: Consent;
  verdict: TradeVerdict;
  /** People asked to review by this plan. */
  reviewers: string[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Plans the comment, the status and the review requests for one run. */
export function planTrade(input: TradePlanInput): TradePlan {
  const { pull, check, now } = input;
  if (input.rotationsChanged === false) {
    const verdict: TradeVerdict = { state: "success", description: "No change to the rotation files" };
    const status: Effect = { kind: "set-commit-status", sha: pull.headSha, context: TRADE_STATUS_CONTEXT, state: verdict.state, description: verdict.description };
    return { effects: [status], consent: { entries: [], complete: true, missing: [] }, verdict, reviewers: [] };
  }
  const consent = evaluateConsent({ affected: check.affected, author: pull.author, reviews: input.reviews, people: check.after.people });
  const verdict = tradeVerdict(check, consent);
  const weeks = weeklyView({ people: check.affected, before: check.before, after: check.after, changes: check.changes, now, weeks: check.after.config.horizonWeeks });

  // Only people on the roster can be asked (anyone else is a problem of the trade already); the
  // author agrees by opening, and someone asked already would only be notified twice.
  const rostered = check.after.people.map((p) => p.login);
  const asked = [...pull.requestedReviewers, ...(input.asked ?? [])];
  const reviewers = consent.missing.filter((l) => rostered.some((r) => same(r, l)) && !same(l, pull.author) && !asked.some((r) => same(r, l)));
  const everAsked = [...new Set([...(input.asked ?? []), ...reviewers])];
  const body = renderTradeComment({ check, consent, weeks, headSha: pull.headSha, now, asked: everAsked });

  const effects: Effect[] = [
    { kind: "upsert-comment", issue: pull.number, key: TRADE_COMMENT_KEY, body },
    { kind: "set-commit-status", sha: pull.headSha, context: TRADE_STATUS_CONTEXT, state: verdict.state, description: verdict.description },
  ];
  if (reviewers.length) effects.push({ kind: "request-reviewers", pull: pull.number, reviewers });
  return { effects, consent, verdict, reviewers };
}
