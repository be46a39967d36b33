/**
 * What the trade action needs from a `pull_request` / `pull_request_target` or `pull_request_review`
 * webhook payload: the pull request, both commits, and the instant the event happened. The check
 * answers "as of the event" rather than the runner's clock, so a run is reproducible from its payload
 * (a re-run of an old event judges the trade as it stood then; the next event brings it up to date).
 */
import { DateTime } from "luxon";
import type { TradePull } from "./plan.js";

export interface TradeEvent {
  pull: TradePull;
  baseSha: string;
  /** Latest of the pull request's `updated_at` and the review's `submitted_at`, when present. */
  at?: DateTime;
}

const PULL_EVENTS = new Set(["pull_request", "pull_request_target", "pull_request_review"]);

type Loose = Record<string, unknown> | undefined;
const obj = (v: unknown): Loose => (v && typeof v === "object" ? (v as Record<string, unknown>) : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** The trade event in a payload, or undefined when the event is not about a pull request. */
export function tradeEvent(eventName: string, payload: Record<string, unknown>): TradeEvent | undefined {
  if (!PULL_EVENTS.has(eventName)) return undefined;
  const pr = obj(payload["pull_request"]);
  const number = pr?.["number"];
  const author = str(obj(pr?.["user"])?.["login"]);
  const headSha = str(obj(pr?.["head"])?.["sha"]);
  const baseSha = str(obj(pr?.["base"])?.["sha"]);
  if (typeof number !== "number" || !author || !headSha || !baseSha) return undefined;
  const requested = Array.isArray(pr?.["requested_reviewers"])
    ? (pr["requested_reviewers"] as unknown[]).flatMap((u) => str(obj(u)?.["login"]) ?? [])
    : [];
  const stamps = [str(pr?.["updated_at"]), str(obj(payload["review"])?.["submitted_at"])]
    .filter((s): s is string => s !== undefined)
    .map((s) => DateTime.fromISO(s, { setZone: true }))
    .filter((d) => d.isValid);
  const at = stamps.reduce<DateTime | undefined>((m, d) => (m === undefined || d > m ? d : m), undefined);
  return { pull: { number, author, headSha, requestedReviewers: requested }, baseSha, ...(at && { at }) };
}

/**
 * What a `workflow_run` payload says about the review that triggered it: reviews run the pull
 * request's own workflow file (there is no `pull_request_review_target`), so a tiny relay workflow
 * that holds no permissions runs on the review, and the trade check runs from the default branch on
 * that run's completion. Nothing in the payload is trusted beyond naming a pull request: the number
 * must be a positive integer, and everything the check needs is then read from the API and git.
 */
export interface RelayRun {
  /** The pull request GitHub links to the run (absent for pull requests from forks). */
  number?: number;
  headSha: string;
  /** Owner and branch of the head, to find a fork's pull request (`pulls.list?head=owner:branch`). */
  headOwner?: string;
  headBranch?: string;
  at?: DateTime;
}

/** The relay run in a `workflow_run` payload, or undefined when it was not triggered by a review. */
export function relayRun(eventName: string, payload: Record<string, unknown>): RelayRun | undefined {
  if (eventName !== "workflow_run") return undefined;
  const run = obj(payload["workflow_run"]);
  if (run?.["event"] !== "pull_request_review") return undefined;
  const headSha = str(run["head_sha"]);
  if (!headSha || !/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i.test(headSha)) return undefined;
  const linked = Array.isArray(run["pull_requests"]) ? (run["pull_requests"] as unknown[]).map(obj) : [];
  // The pull request whose head is the reviewed commit; a number is only ever used as a number.
  const match =
    linked.find((p) => str(obj(p?.["head"])?.["sha"]) === headSha) ?? (linked.length === 1 ? linked[0] : undefined);
  const n = match?.["number"];
  const number = typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? n : undefined;
  const headOwner = str(obj(obj(run["head_repository"])?.["owner"])?.["login"]);
  const headBranch = str(run["head_branch"]);
  const created = str(run["created_at"]);
  const at = created ? DateTime.fromISO(created, { setZone: true }) : undefined;
  return {
    headSha,
    ...(number !== undefined && { number }),
    ...(headOwner && { headOwner }),
    ...(headBranch && { headBranch }),
    ...(at?.isValid && { at }),
  };
}
