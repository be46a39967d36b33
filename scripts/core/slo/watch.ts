/**
 * One incident's acknowledgement SLO watch (issue 10 item 14): a job started by the event that opens
 * or confirms an incident reads the issue about once a minute and posts the warning at half the
 * target and the breach and escalation at the deadline, punctually, instead of a sweep every five
 * minutes that GitHub may start hours late.
 *
 * This module decides one poll: given the issue as just read and the instant, what to post now (the
 * very plan the sweep would make, {@link planSlo}, so messages, labels and markers are the same and
 * either one finds the other's work) and whether to keep waiting, and until when. Waiting, reading
 * and writing are the caller's.
 *
 * The watch stops as soon as nothing is left for it: the incident is closed, acknowledged, dismissed,
 * escalated, or still in triage (the `/confirm` comment starts another watch whose clock starts at
 * that comment). It also stops when the next step falls after the last instant this job may wait
 * (`waitUntil`): the hourly backstop sweep takes it from there.
 *
 * Pure: the issue, the organisation and `now` in; a plan and the next step out.
 */
import { DateTime } from "luxon";
import type { Organisation } from "../model/index.js";
import { planSlo, SLO_LABELS, type IncidentIssue, type SloPlan } from "./plan.js";
import type { HolidayCalendar } from "./work-calendar.js";

/** Label of an incident reported by someone not allowed to report: no SLO until `/confirm`. */
export const TRIAGE_LABEL = "status:triage";

/** Longest wait one watch job may choose, in minutes (default of the `max-wait-minutes` input). */
export const DEFAULT_MAX_WAIT_MINUTES = 45;

/** How often the watch reads the issue while waiting, in seconds: one API call per poll. */
export const POLL_SECONDS = 60;

/**
 * How long a watch started by `/confirm` waits for the incident action to take the issue out of
 * triage, in minutes: both workflows start on the same comment, in no particular order.
 */
export const CONFIRM_GRACE_MINUTES = 5;

/** Why a watch started. */
export type WatchOrigin = "opened" | "confirmed";

/** Why a watch stopped (also the `ended` output of the action). */
export type WatchEnd =
  "closed" | "acknowledged" | "not-incident" | "triage" | "escalated" | "no-deadline" | "handed-off";

type WatchNext =
  | { kind: "stop"; reason: WatchEnd; detail: string }
  /** Read the issue again at `at` (or earlier: the caller polls at least every {@link POLL_SECONDS}). */
  | { kind: "wait"; at: DateTime; detail: string };

export interface WatchPollInput {
  /** The instant of this poll. */
  now: DateTime;
  /** The incident issue as just read. */
  issue: IncidentIssue;
  origin: WatchOrigin;
  /**
   * When the SLO clock started: the report (the issue's creation) for `opened`, the `/confirm`
   * comment for `confirmed`. The deadline counts from here.
   */
  clockStart: DateTime;
  /** The last instant this job may wait until; a step due later is left to the sweep. */
  waitUntil: DateTime;
  /** For `confirmed`: until when a triage label is taken for "the confirmation is not applied yet". */
  triageGraceUntil?: DateTime;
  org: Pick<Organisation, "rotation" | "people" | "shifts" | "overrides">;
  calendar: HolidayCalendar;
}

export interface WatchPoll {
  /** What to post now (empty when nothing is due); the sweep's plan for this one incident. */
  plan: SloPlan;
  next: WatchNext;
  /** The acknowledgement deadline, once known (absent when the watch stopped before computing it). */
  deadline?: DateTime | null;
}

const EMPTY: SloPlan = { checked: [], decisions: [], effects: [], notifications: [] };

/** One poll of the watch: see the module comment. */
export function planWatchPoll(input: WatchPollInput): WatchPoll {
  const { issue, now } = input;
  const has = (name: string) => issue.labels.some((l) => l.toLowerCase() === name);
  const stop = (reason: WatchEnd, detail: string): WatchPoll => ({
    plan: EMPTY,
    next: { kind: "stop", reason, detail },
  });
  if ((issue.state ?? "open") === "closed") return stop("closed", "the incident is closed");
  if (!has(SLO_LABELS.incident) || has(SLO_LABELS.notIncident))
    return stop("not-incident", "the issue is not a live incident");
  if (has(SLO_LABELS.acknowledged)) return stop("acknowledged", "the incident is acknowledged");
  if (has(TRIAGE_LABEL)) {
    if (input.origin === "confirmed" && input.triageGraceUntil && now < input.triageGraceUntil) {
      return {
        plan: EMPTY,
        next: {
          kind: "wait",
          at: input.triageGraceUntil,
          detail: "the confirmation is not applied yet (still in triage)",
        },
      };
    }
    return stop("triage", "the incident is in triage: no SLO until an on-call engineer or collaborator confirms it");
  }

  // The sweep's own plan, with the report instant moved to where this SLO clock starts.
  const plan = planSlo({
    now,
    issues: [{ ...issue, createdAt: input.clockStart.toUTC().toISO()! }],
    org: input.org,
    calendar: input.calendar,
  });
  const state = plan.checked[0];
  if (!state?.deadline)
    return {
      plan,
      deadline: null,
      next: { kind: "stop", reason: "no-deadline", detail: "nobody on call has support within the horizon" },
    };
  const did = (kind: string) => plan.decisions.some((d) => d.kind === kind);
  const warned = state.warned || did("warn");
  const escalated = state.escalated || did("escalate");
  const deadline = state.deadline;
  if (escalated)
    return {
      plan,
      deadline,
      next: { kind: "stop", reason: "escalated", detail: "the escalation is posted; nothing is left to time" },
    };

  const window =
    state.targetMinutes !== null ? state.targetMinutes * 60_000 : deadline.toMillis() - state.reportedAt.toMillis();
  // planSloCheck warns once strictly less than half the window remains: one millisecond after half.
  const warnAt = DateTime.fromMillis(deadline.toMillis() - window / 2 + 1, { zone: "UTC" });
  const due = !warned && now < warnAt ? { at: warnAt, what: "warning" } : { at: deadline, what: "deadline" };
  if (due.at > input.waitUntil) {
    const detail = `the ${due.what} is due ${utc(due.at)}, after this job's last wait ${utc(input.waitUntil)}: the hourly sweep takes it`;
    return { plan, deadline, next: { kind: "stop", reason: "handed-off", detail } };
  }
  return { plan, deadline, next: { kind: "wait", at: due.at, detail: `the ${due.what} is due ${utc(due.at)}` } };
}

function utc(at: DateTime): string {
  return at.toUTC().toFormat("yyyy-LL-dd HH:mm:ss 'UTC'");
}
