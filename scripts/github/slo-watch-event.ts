/**
 * The edge of the SLO watch (issue 10 item 14): which incident a triggering event starts a watch for
 * and where its SLO clock starts, a clock whose waits the end-to-end tests can scale down, and the
 * one read per poll.
 */
import { DateTime } from "luxon";
import type { IncidentIssue } from "../core/slo/index.js";
import { TRIAGE_LABEL, type WatchOrigin } from "../core/slo/index.js";
import { toIssueSnapshot, type IssueSnapshot, type RepoRef } from "./apply-context.js";
import { callGitHub } from "./github-error.js";
import type { GitHubClient } from "./octokit.js";
import { toIncidentIssue } from "./open-incidents.js";

/** A watch to run, or why the event starts none. */
export type WatchStart =
  { kind: "watch"; issue: number; origin: WatchOrigin; clockStart: DateTime } | { kind: "none"; reason: string };

/** A line that starts with `/confirm` (leading spaces allowed), as the incident action reads commands. */
const CONFIRM_LINE = /^[ \t]*\/confirm(?:[ \t\r]|$)/im;

/**
 * The watch an event asks for. `issues.opened`: the clock starts at the issue's creation.
 * `issue_comment.created` with a `/confirm` line on an issue that was in triage when the comment was
 * written (the payload's copy of the issue is from that moment): the clock starts at the comment.
 * Anything else starts no watch (a dispatch by hand runs the sweep instead).
 */
export function watchStartOf(eventName: string, payload: Record<string, unknown>): WatchStart {
  const issue = payload["issue"] as
    { number?: unknown; created_at?: unknown; labels?: unknown; pull_request?: unknown } | undefined;
  if (!issue || typeof issue.number !== "number")
    return { kind: "none", reason: `a ${eventName} event names no issue` };
  if (issue.pull_request) return { kind: "none", reason: "the event is about a pull request" };
  if (eventName === "issues" && payload["action"] === "opened") {
    const at = instant(issue.created_at);
    return at
      ? { kind: "watch", issue: issue.number, origin: "opened", clockStart: at }
      : { kind: "none", reason: "the issue has no creation time" };
  }
  if (eventName === "issue_comment" && payload["action"] === "created") {
    const comment = payload["comment"] as { body?: unknown; created_at?: unknown } | undefined;
    if (typeof comment?.body !== "string" || !CONFIRM_LINE.test(comment.body))
      return { kind: "none", reason: "the comment has no /confirm line" };
    const labels = Array.isArray(issue.labels)
      ? issue.labels.map((l: unknown) => (typeof l === "string" ? l : String((l as { name?: unknown }).name ?? "")))
      : [];
    if (!labels.some((l) => l.toLowerCase() === TRIAGE_LABEL))
      return {
        kind: "none",
        reason: `the issue was not in triage (${TRIAGE_LABEL}) when /confirm was written: nothing to confirm`,
      };
    const at = instant(comment.created_at);
    return at
      ? { kind: "watch", issue: issue.number, origin: "confirmed", clockStart: at }
      : { kind: "none", reason: "the comment has no creation time" };
  }
  return { kind: "none", reason: `a ${eventName} event starts no watch` };
}

function instant(value: unknown): DateTime | undefined {
  if (typeof value !== "string") return undefined;
  const at = DateTime.fromISO(value, { zone: "UTC" });
  return at.isValid ? at : undefined;
}

/** The issue as the planner and the effects adapter take it: one `GET /repos/{owner}/{repo}/issues/{n}`. */
export async function readIncident(
  octokit: GitHubClient,
  repo: RepoRef,
  number: number,
): Promise<{ issue: IncidentIssue; snapshot: IssueSnapshot }> {
  const { data } = await callGitHub(`read issue #${number}`, () =>
    octokit.rest.issues.get({ ...repo, issue_number: number }),
  );
  return { issue: toIncidentIssue(data), snapshot: toIssueSnapshot(data) };
}

/** The watch's clock: what time it is and how to wait. Injected so tests need not wait. */
export interface WatchClock {
  now(): DateTime;
  /** Waits `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
}

/**
 * A clock that starts at `start` (default: the real time) and runs `1000 / timeScaleMs` times as
 * fast as real time: `timeScaleMs` real milliseconds per clock second (default 1000, real time).
 * The end-to-end tests pass the `ONCALL_GITHUB_TIME_SCALE_MS` scale, so a 10-minute wait takes a
 * few real seconds and the clock still reads the instants the planner expects.
 */
export function scaledClock(options: { start?: DateTime; timeScaleMs?: number } = {}): WatchClock {
  const scale = options.timeScaleMs ?? 1000;
  const realStart = Date.now();
  const start = (options.start ?? DateTime.utc()).toMillis();
  return {
    now: () => DateTime.fromMillis(start + ((Date.now() - realStart) * 1000) / scale, { zone: "UTC" }),
    sleep: (ms) => new Promise((done) => setTimeout(done, Math.max(0, (ms * scale) / 1000))),
  };
}
