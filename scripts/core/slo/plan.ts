/**
 * One run of the acknowledgement SLO check, from the open incident issues to what to post (SPEC
 * section 6): each issue's deadline (by who was on call when it was reported), the warn / breach /
 * escalate decisions of {@link planSloCheck}, the GitHub effects that carry them out, and the chat
 * messages for the notifier.
 *
 * The labels are the memory between runs: `slo:warned`, `slo:breached`, `slo:escalated` say what
 * was already done, `acknowledged` (set by the incident action) stops everything. Each decision
 * writes its comment before its label, so a run that stops in between is completed by the next one:
 * the comment is found again by its marker (and left as is: its text depends only on the incident,
 * never on the instant of the run), then the label is added.
 *
 * Pure: the issues come from one listing call made by the caller, the clock is `now`.
 */
import { DateTime } from "luxon";
import type { Effect, LabelSpec } from "../model/index.js";
import type { Organisation, Person } from "../model/index.js";
import { deadlineFor, orgDeadlineFinder, type OrgDeadline } from "./org-deadline.js";
import { planSloCheck, type OpenIncidentSloState, type SloCheckDecision } from "./check.js";
import type { HolidayCalendar } from "./work-calendar.js";

/** Labels the SLO check reads; the first three it also writes. */
export const SLO_LABELS = {
  warned: "slo:warned",
  breached: "slo:breached",
  escalated: "slo:escalated",
  /** Added by the incident action on the first acknowledgement. */
  acknowledged: "acknowledged",
  incident: "incident",
  notIncident: "not-incident",
  /** Set by the incident action on a report awaiting /confirm: no SLO yet. */
  triage: "status:triage",
  /** Set by the incident action on an incident confirmed from triage: its clock starts at the confirmation. */
  triaged: "triaged",
} as const;

/** Marker keys of the SLO comments (one of each per incident, ever). */
export const SLO_COMMENT_KEYS = { warn: "slo-warn", breach: "slo-breach", escalate: "slo-escalate" } as const;

/** Author shown on the timeline-style breach line. */
const TIMELINE_AUTHOR = "slo-check";

const LABEL_SPECS: Readonly<Record<string, LabelSpec>> = {
  [SLO_LABELS.warned]: {
    name: SLO_LABELS.warned,
    color: "fbca04",
    description: "Acknowledgement SLO: the on-call people were reminded",
  },
  [SLO_LABELS.breached]: {
    name: SLO_LABELS.breached,
    color: "b60205",
    description: "Acknowledgement SLO: the deadline passed unacknowledged",
  },
  [SLO_LABELS.escalated]: {
    name: SLO_LABELS.escalated,
    color: "d93f0b",
    description: "Acknowledgement SLO: escalated to managers",
  },
};

/** An incident issue as one list or search call returns it (no other read is made per incident). */
export interface IncidentIssue {
  number: number;
  /** When the issue was opened (ISO-8601): the report instant the deadline counts from. */
  createdAt: string;
  /**
   * For an incident confirmed from triage (label `triaged`): when it was confirmed (ISO-8601), read
   * from the incident's saved state; the deadline counts from here instead of `createdAt`.
   */
  confirmedAt?: string;
  /** Label names. */
  labels: readonly string[];
  /** Assignee logins. */
  assignees: readonly string[];
  /** Untrusted: only ever shown escaped. */
  title?: string;
  /** Web link, for chat messages. */
  url?: string;
  /** Default `open`. */
  state?: "open" | "closed";
}

export interface SloPlanInput {
  /** The instant of this run. */
  now: DateTime;
  /** The open incidents; when a number appears twice the later copy wins (put the event's issue last). */
  issues: readonly IncidentIssue[];
  org: Pick<Organisation, "rotation" | "people" | "shifts" | "overrides">;
  calendar: HolidayCalendar;
}

/** A Slack-compatible message (`text` is the fallback for notifications; `blocks` the layout). */
interface ChatMessage {
  text: string;
  blocks: ChatBlock[];
}

type ChatBlock =
  | { type: "section"; text: { type: "mrkdwn"; text: string } }
  | { type: "context"; elements: { type: "mrkdwn"; text: string }[] };

/**
 * A chat message for the notifier. It is sent only when applying the plan created the comment with
 * `commentKey` on `incident`: the comment is the once-only record, so a rerun never sends it twice.
 */
export interface SloNotification {
  incident: number;
  commentKey: string;
  message: ChatMessage;
}

export interface SloPlan {
  /** The incidents the check looked at (open, unacknowledged, not closed as not an incident), by number. */
  checked: OpenIncidentSloState[];
  decisions: SloCheckDecision[];
  /** What to do on GitHub, in order; empty when nothing is due. */
  effects: Effect[];
  notifications: SloNotification[];
}

/**
 * Whether the check has anything to do with this issue: an open incident, not acknowledged, not
 * dismissed, and not a report awaiting triage (its clock has not started).
 */
export function isSloCandidate(issue: IncidentIssue): boolean {
  const has = (name: string) => hasLabel(issue.labels, name);
  const open = (issue.state ?? "open") === "open" && has(SLO_LABELS.incident);
  return open && !has(SLO_LABELS.acknowledged) && !has(SLO_LABELS.notIncident) && !has(SLO_LABELS.triage);
}

/**
 * The SLO state of one incident issue. Who is expected to acknowledge: the people on call when it was
 * reported (from the schedule), then anyone assigned since (responders), bots left out.
 */
export function sloStateOf(
  issue: IncidentIssue,
  org: SloPlanInput["org"],
  calendar: HolidayCalendar,
): OpenIncidentSloState {
  const reportedAt = reportInstant(issue);
  return stateWith(issue, reportedAt, deadlineFor(org, reportedAt, calendar));
}

/** Where the clock starts: the confirmation of an incident confirmed from triage, the report otherwise. */
function reportInstant(issue: IncidentIssue): DateTime {
  const from = issue.confirmedAt ?? issue.createdAt;
  const reportedAt = DateTime.fromISO(from, { zone: "UTC" });
  if (!reportedAt.isValid)
    throw new RangeError(
      `#${issue.number}: invalid ${issue.confirmedAt ? "confirmation time" : "created_at"} ${JSON.stringify(from)}`,
    );
  return reportedAt;
}

function stateWith(issue: IncidentIssue, reportedAt: DateTime, d: OrgDeadline): OpenIncidentSloState {
  const assigned = issue.assignees.filter((login) => !login.endsWith("[bot]"));
  return {
    number: issue.number,
    reportedAt,
    deadline: d.deadline,
    targetMinutes: d.targetMinutes,
    acknowledged: hasLabel(issue.labels, SLO_LABELS.acknowledged),
    warned: hasLabel(issue.labels, SLO_LABELS.warned),
    breached: hasLabel(issue.labels, SLO_LABELS.breached),
    escalated: hasLabel(issue.labels, SLO_LABELS.escalated),
    oncall: [...new Set([...d.oncall, ...assigned])],
    ...(issue.confirmedAt ? { confirmed: true } : {}),
  };
}

/** The states of many issues, with one coverage built for the span of their report instants. */
function statesOf(
  issues: readonly IncidentIssue[],
  org: SloPlanInput["org"],
  calendar: HolidayCalendar,
): OpenIncidentSloState[] {
  if (!issues.length) return [];
  const instants = issues.map(reportInstant);
  const finder = orgDeadlineFinder(org, calendar, { from: DateTime.min(...instants)!, to: DateTime.max(...instants)! });
  return issues.map((issue, i) => stateWith(issue, instants[i]!, finder.deadline(instants[i]!)));
}

/** The whole run: states, decisions, effects and notifications. */
export function planSlo(input: SloPlanInput): SloPlan {
  // De-duplicate before filtering: a fresher copy (from the event payload) may say "acknowledged".
  const issues = [...new Map(input.issues.map((i) => [i.number, i])).values()]
    .filter(isSloCandidate)
    .sort((a, b) => a.number - b.number);
  const checked = statesOf(issues, input.org, input.calendar);
  const people = new Map(input.org.people.map((p) => [p.login, p]));
  const managers = new Map(input.org.people.flatMap((p) => (p.manager ? [[p.login, p.manager] as const] : [])));
  const decisions = planSloCheck({ now: input.now, incidents: checked, managers });
  const byNumber = new Map(issues.map((i) => [i.number, i]));
  const stateOf = new Map(checked.map((s) => [s.number, s]));

  const effects: Effect[] = [];
  const notifications: SloNotification[] = [];
  const labels = new Set<string>();
  for (const decision of decisions) {
    const state = stateOf.get(decision.incident)!;
    const label =
      decision.kind === "warn"
        ? SLO_LABELS.warned
        : decision.kind === "breach"
          ? SLO_LABELS.breached
          : SLO_LABELS.escalated;
    labels.add(label);
    const key = SLO_COMMENT_KEYS[decision.kind];
    effects.push(
      { kind: "upsert-comment", issue: decision.incident, key, body: commentBody(decision, state) },
      { kind: "add-labels", issue: decision.incident, labels: [label] },
    );
    if (decision.kind === "escalate")
      notifications.push({
        incident: decision.incident,
        commentKey: key,
        message: escalationMessage(decision, byNumber.get(decision.incident)!, people),
      });
  }
  // One label listing per run, and only when something is written.
  if (labels.size > 0)
    effects.unshift({ kind: "ensure-labels", labels: [...labels].sort().map((name) => LABEL_SPECS[name]!) });
  return { checked, decisions, effects, notifications };
}

/**
 * The comment for a decision. Its text depends on the incident alone (deadline, target, people), so
 * a rerun that finds it again by its marker changes nothing.
 */
function commentBody(decision: SloCheckDecision, state: OpenIncidentSloState): string {
  const due = `**${utc(decision.deadline)}**`;
  const target = state.targetMinutes !== null ? `${state.targetMinutes}-minute target` : "no target";
  switch (decision.kind) {
    case "warn":
      return [
        `${mentions(decision.mention) || "On-call team"}: this incident is not acknowledged yet and the acknowledgement deadline is near: ${due} (${target}, ${state.confirmed ? "confirmed" : "reported"} ${utc(state.reportedAt)}).`,
        "",
        "Comment `/ack` to acknowledge it.",
      ].join("\n");
    case "breach":
      return [
        "### Acknowledgement SLO breached",
        "",
        `- ${utc(decision.deadline)} · ${TIMELINE_AUTHOR} · Acknowledgement SLO breached: not acknowledged by the deadline (${target}, ${state.confirmed ? "confirmed" : "reported"} ${utc(state.reportedAt)}).`,
      ].join("\n");
    case "escalate": {
      const managers =
        decision.managers.length > 0
          ? `${mentions(decision.managers)}: please help find someone to respond.`
          : "Nobody else is on record to escalate to: please find someone to respond.";
      return [
        `Escalating: this incident was not acknowledged by ${due}.`,
        "",
        `- On call: ${mentions(decision.oncall) || "nobody on record"}`,
        `- ${managers}`,
        "",
        "Acknowledge with `/ack`, or bring in help with `/responder @login`.",
      ].join("\n");
    }
  }
}

/**
 * The escalation for a chat channel, Slack-compatible (`text` + `blocks`). Chat knows names, not
 * GitHub logins, so people are written `Name (login)` and nobody is pinged there. The title is
 * untrusted: escaped for Slack (`&`, `<`, `>`) so it cannot ping a channel or forge a link.
 */
function escalationMessage(
  decision: Extract<SloCheckDecision, { kind: "escalate" }>,
  issue: IncidentIssue,
  people: ReadonlyMap<string, Person>,
): ChatMessage {
  const name = (login: string) => {
    const person = people.get(login);
    return slackEscape(person ? `${person.name} (${login})` : login);
  };
  const title = issue.title ? ` ${slackEscape(oneLine(issue.title, 150))}` : "";
  const link =
    issue.url && /^https?:\/\/[!-~]+$/.test(issue.url)
      ? `<${slackEscape(issue.url)}|#${issue.number}>`
      : `#${issue.number}`;
  const headline = `Incident #${issue.number} is not acknowledged: the deadline ${utc(decision.deadline)} passed.`;
  const oncall = decision.oncall.map(name).join(", ") || "nobody on record";
  const managers = decision.managers.map(name).join(", ") || "none on record";
  return {
    text: `${headline} On call: ${oncall}. Managers: ${managers}.`,
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `:rotating_light: *Incident ${link} not acknowledged*${title}\nThe acknowledgement deadline ${utc(decision.deadline)} passed.`,
        },
      },
      { type: "section", text: { type: "mrkdwn", text: `*On call:* ${oncall}\n*Managers:* ${managers}` } },
      { type: "context", elements: [{ type: "mrkdwn", text: "Acknowledge on GitHub with `/ack`." }] },
    ],
  };
}

function mentions(logins: readonly string[]): string {
  return logins.map((l) => `@${l}`).join(" ");
}

function utc(at: DateTime): string {
  return at.toUTC().toFormat("yyyy-LL-dd HH:mm 'UTC'");
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Slack's three control characters in mrkdwn text. */
function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function hasLabel(labels: readonly string[], name: string): boolean {
  return labels.some((l) => l.toLowerCase() === name);
}
