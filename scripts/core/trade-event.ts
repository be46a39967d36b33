/**
 * What the trade action needs from a `pull_request` / `pull_request_target` or `pull_request_review`
 * webhook payload: the pull request, both commits, and the instant the event happened. The check
 * answers "as of the event" rather than the runner's clock, so a run is reproducible from its payload
 * (a re-run of an old event judges the trade as it stood then; the next event brings it up to date).
 */
import { DateTime } from "luxon";
import type { TradePull } from "./trade-plan.js";

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
  const requested = Array.isArray(pr?.["requested_reviewers"]) ? (pr["requested_reviewers"] as unknown[]).flatMap((u) => str(obj(u)?.["login"]) ?? []) : [];
  const stamps = [str(pr?.["updated_at"]), str(obj(payload["review"])?.["submitted_at"])]
    .filter((s): s is string => s !== undefined)
    .map((s) => DateTime.fromISO(s, { setZone: true }))
    .filter((d) => d.isValid);
  const at = stamps.reduce<DateTime | undefined>((m, d) => (m === undefined || d > m ? d : m), undefined);
  return { pull: { number, author, headSha, requestedReviewers: requested }, baseSha, ...(at && { at }) };
}
