/**
 * The pure reducer that applies one command to the live incident state (incident-model.ts, re-exported
 * here).
 *
 * Every change appends a timeline entry with its time and author; things the state cannot express
 * (a reply to the author, closing the issue, opening a follow-up) come back as decisions that the
 * planner turns into GitHub effects. Labels, assignees and the bot comment are derived from the state
 * itself, so they need no decision.
 */
import type { DateTime } from "luxon";
import type { CommandStatus, IncidentCommand } from "./commands.js";
import { isClosedStatus, isoUtc, unique, type IncidentState, type TimelineEntry, type TimelineKind } from "./model.js";

export { isClosedStatus, isoUtc, sloClockStart, unique } from "./model.js";
export type { IncidentState, SavedDeadline, TimelineEntry } from "./model.js";

/** What the reducer needs to know besides the command. */
export interface CommandContext {
  author: string;
  /** When the command was given (the comment's creation time). */
  at: DateTime;
  /** Whether the author may run commands (write/triage access or on the roster). */
  authorized: boolean;
  /** Logins on call at `at`. */
  oncallNow: readonly string[];
  /** Comment the command came from; with `line`, makes applying it again a no-op. */
  commentId?: string | number;
  /** 1-based line of the command in the comment (default 1). */
  line?: number;
  /**
   * Whether /responder may pull in `login` (policy `commands.responders`: the roster and people with
   * triage or more access, unless the policy says anyone). Default: anyone.
   */
  mayRespond?: (login: string) => boolean;
}

/** Commands a report awaiting triage accepts; the rest wait for /confirm. */
const TRIAGE_COMMANDS: ReadonlySet<IncidentCommand["name"]> = new Set([
  "confirm",
  "not-incident",
  "severity",
  "timeline",
  "sync",
]);

/** Things to do that are not part of the state. Text is raw; the planner neutralizes it. */
export type IncidentDecision =
  | { kind: "refuse" }
  | { kind: "reply"; text: string }
  | { kind: "notify-responder"; login: string }
  | { kind: "create-followup"; key: string; title: string }
  | { kind: "close"; reason: "completed" | "not_planned" }
  | { kind: "reopen" }
  | { kind: "not-incident-notice"; reason: string }
  | { kind: "write-record" };

export interface CommandOutcome {
  state: IncidentState;
  /** Timeline entries this command added (also present in `state.timeline`). */
  entries: TimelineEntry[];
  decisions: IncidentDecision[];
}

/** The key under which a command is remembered as processed, or null when it has no comment. */
export function commandKey(ctx: Pick<CommandContext, "commentId" | "line">): string | null {
  return ctx.commentId === undefined ? null : `${ctx.commentId}:${ctx.line ?? 1}`;
}

/**
 * Applies one command. Unauthorized authors change nothing and get a refusal; a command already
 * applied (same comment id and line) changes nothing at all. The first accepted command by an on-call
 * engineer or responder acknowledges the incident; the first on-call engineer to acknowledge becomes
 * Incident Commander unless one was named, and another on-call engineer Communications Officer.
 */
export function applyCommand(state: IncidentState, command: IncidentCommand, ctx: CommandContext): CommandOutcome {
  const key = commandKey(ctx);
  if (key !== null && state.processed.includes(key)) return { state, entries: [], decisions: [] };
  if (!ctx.authorized) return { state, entries: [], decisions: [{ kind: "refuse" }] };
  const draft = new Draft(structuredClone(state), ctx);
  const accepted = runCommand(draft, command);
  // Nothing acknowledges a report awaiting triage, and confirming one is not taking it on.
  if (accepted && state.status !== "triage" && command.name !== "confirm") acknowledge(draft, command);
  if (key !== null) draft.state.processed.push(key);
  return { state: draft.state, entries: draft.entries, decisions: draft.decisions };
}

/** Mutable working copy for one command; callers only ever see the finished copy. */
class Draft {
  readonly entries: TimelineEntry[] = [];
  readonly decisions: IncidentDecision[] = [];
  /** Entries added with entryFirst. */
  private readonly leading: TimelineEntry[] = [];
  readonly at: string;
  constructor(
    readonly state: IncidentState,
    readonly ctx: CommandContext,
  ) {
    this.at = isoUtc(ctx.at);
  }
  /** Adds a timeline entry, keeping the timeline in time order (backdated notes slot in). */
  entry(kind: TimelineKind, text: string, at = this.at): void {
    const item: TimelineEntry = { at, author: this.ctx.author, kind, text };
    const timeline = this.state.timeline;
    let index = timeline.length;
    while (index > 0 && (timeline[index - 1]?.at ?? "") > at) index--;
    timeline.splice(index, 0, item);
    this.entries.push(item);
  }
  /** Adds an entry now but before this command's own entries, so acknowledgement and roles read first. */
  entryFirst(kind: TimelineKind, text: string): void {
    const anchor = this.entries.find((e) => e.at === this.at && !this.leading.includes(e));
    if (!anchor) {
      this.entry(kind, text);
      this.leading.push(this.entries[this.entries.length - 1] as TimelineEntry);
      return;
    }
    const item: TimelineEntry = { at: this.at, author: this.ctx.author, kind, text };
    this.leading.push(item);
    this.state.timeline.splice(this.state.timeline.indexOf(anchor), 0, item);
    this.entries.splice(this.entries.indexOf(anchor), 0, item);
  }
  reply(text: string): false {
    this.decisions.push({ kind: "reply", text });
    return false;
  }
}

/** Applies the command itself; false when it was rejected (a reply says why). */
function runCommand(d: Draft, command: IncidentCommand): boolean {
  const s = d.state;
  const closed = isClosedStatus(s.status);
  if (s.status === "triage" && !TRIAGE_COMMANDS.has(command.name)) {
    return d.reply(
      `This report is awaiting triage, so \`/${command.name}\` was not applied: confirm it as an incident with \`/confirm\` first, or close it with \`/not-incident reason\`.`,
    );
  }
  switch (command.name) {
    case "confirm":
      return confirm(d);
    case "ack":
      if (closed) return d.reply("This incident is already closed; there is nothing left to acknowledge.");
      if (s.acknowledgedAt && !isAckEligible(s, d.ctx))
        return d.reply(`Already acknowledged by ${s.acknowledgedBy ?? "someone"}.`);
      if (!isAckEligible(s, d.ctx))
        return d.reply(
          "Thanks. Only an on-call engineer or a responder can acknowledge this incident for the SLO; add yourself with `/responder` if you are helping.",
        );
      return true;
    case "commander":
    case "comms": {
      const field = command.name === "commander" ? "commander" : "comms";
      const title = command.name === "commander" ? "Incident Commander" : "Communications Officer";
      if (s[field] === command.login) return d.reply(`${command.login} is already the ${title}.`);
      s[field] = command.login;
      d.entry("role", `${command.login} is ${title}.`);
      return true;
    }
    case "severity":
      if (s.severity === command.severity) return d.reply(`The severity is already ${command.severity}.`);
      d.entry(
        "severity",
        s.severity
          ? `Severity changed from ${s.severity} to ${command.severity}.`
          : `Severity set to ${command.severity}.`,
      );
      s.severity = command.severity;
      s.severitySetBy = "command";
      return true;
    case "status":
      return setStatus(d, command.status, null);
    case "timeline": {
      const at = command.time ? backdate(d.ctx.at, command.time) : d.at;
      d.entry("note", command.text, at);
      return true;
    }
    case "responder":
      if (s.responders.includes(command.login)) return d.reply(`${command.login} is already a responder.`);
      if (d.ctx.mayRespond && !d.ctx.mayRespond(command.login)) {
        return d.reply(
          `${command.login} was not added as a responder: only people on the on-call roster or with triage or write access to this repository can be pulled in.`,
        );
      }
      s.responders.push(command.login);
      d.entry("responder", `${command.login} added as responder.`);
      d.decisions.push({ kind: "notify-responder", login: command.login });
      return true;
    case "followup": {
      const key = `INC-${s.issue}/followup/${commandKey(d.ctx) ?? String(s.followups.length + 1)}`;
      s.followups.push({ key, title: command.text, author: d.ctx.author });
      d.entry("followup", `Follow-up requested: ${command.text}`);
      d.decisions.push({ kind: "create-followup", key, title: command.text });
      return true;
    }
    case "resolve":
      return setStatus(d, "resolved", command.summary);
    case "not-incident":
      if (s.status === "not-incident") return d.reply("This report is already closed as not an incident.");
      s.status = "not-incident";
      s.resolvedAt = d.at;
      s.notIncidentReason = command.reason;
      d.entry("not-incident", `Closed as not an incident: ${command.reason}`);
      d.decisions.push(
        { kind: "not-incident-notice", reason: command.reason },
        { kind: "close", reason: "not_planned" },
        { kind: "write-record" },
      );
      return true;
    case "sync":
      d.decisions.push({ kind: "write-record" });
      return true;
  }
}

/**
 * /confirm: the report becomes an incident now. The people on call now are the incident's on-call
 * engineers (assigned from here on), and the acknowledgement SLO counts from this instant.
 */
function confirm(d: Draft): boolean {
  const s = d.state;
  if (s.status !== "triage") {
    const when = s.confirmedAt ? ` (confirmed by ${s.confirmedBy ?? "someone"})` : "";
    return d.reply(`This incident is not awaiting triage${when}; there is nothing to confirm.`);
  }
  s.status = "investigating";
  s.confirmedAt = d.at;
  s.confirmedBy = d.ctx.author;
  if (d.ctx.oncallNow.length > 0) s.oncall = unique([...d.ctx.oncallNow]);
  d.entry("confirmed", "Confirmed as an incident; the acknowledgement clock starts now.");
  return true;
}

/** /status and /resolve. Setting an open status on a closed incident reopens it. */
function setStatus(d: Draft, status: CommandStatus, summary: string | null): boolean {
  const s = d.state;
  if (s.status === status)
    return d.reply(status === "resolved" ? "This incident is already resolved." : `The status is already ${status}.`);
  const wasClosed = isClosedStatus(s.status);
  if (status === "resolved") {
    s.status = "resolved";
    s.resolvedAt = d.at;
    // Monitoring or resolving implies the impact has stopped, even when nobody said "mitigated".
    s.mitigatedAt ??= d.at;
    if (summary) s.summary = summary;
    d.entry("resolve", summary ? `Resolved: ${summary}` : "Resolved.");
    d.decisions.push({ kind: "close", reason: "completed" }, { kind: "write-record" });
    return true;
  }
  if (wasClosed) {
    delete s.resolvedAt;
    // Reopening with a status a report closed from triage never had is confirming it.
    if (s.triageReason && !s.confirmedAt) {
      s.confirmedAt = d.at;
      s.confirmedBy = d.ctx.author;
      if (d.ctx.oncallNow.length > 0) s.oncall = unique([...d.ctx.oncallNow]);
      d.entry("confirmed", "Confirmed as an incident; the acknowledgement clock starts now.");
    }
    d.entry("reopened", `Reopened with status ${status}.`);
    d.decisions.push({ kind: "reopen" });
  }
  s.status = status;
  if (status === "mitigated" || status === "monitoring") s.mitigatedAt ??= d.at;
  d.entry("status", `Status set to ${status}.`);
  return true;
}

function isOncall(state: IncidentState, ctx: CommandContext): boolean {
  return ctx.oncallNow.includes(ctx.author) || state.oncall.includes(ctx.author);
}

function isAckEligible(state: IncidentState, ctx: CommandContext): boolean {
  return isOncall(state, ctx) || state.responders.includes(ctx.author);
}

/** Records the first acknowledgement and hands out the default roles (see applyCommand). */
function acknowledge(d: Draft, command: IncidentCommand): void {
  const s = d.state;
  if (!isAckEligible(s, d.ctx)) return;
  if (!s.acknowledgedAt) {
    s.acknowledgedAt = d.at;
    s.acknowledgedBy = d.ctx.author;
    d.entryFirst("ack", command.name === "ack" ? "Acknowledged." : `Acknowledged (first command: /${command.name}).`);
  }
  if (s.rolesDefaulted || !isOncall(s, d.ctx)) return;
  s.rolesDefaulted = true;
  if (!s.commander) {
    s.commander = d.ctx.author;
    d.entryFirst("role", `${d.ctx.author} is Incident Commander.`);
  }
  if (!s.comms) {
    const candidates = unique([d.ctx.author, ...s.oncall, ...d.ctx.oncallNow]).filter((login) => login !== s.commander);
    const comms = candidates[0];
    if (comms) {
      s.comms = comms;
      d.entryFirst("role", `${comms} is Communications Officer.`);
    }
  }
}

/** The instant of `HH:MM` UTC on the command's day, or the day before when that is still ahead. */
function backdate(at: DateTime, time: string): string {
  const [hours, minutes] = time.split(":").map(Number);
  let instant = at.toUTC().set({ hour: hours ?? 0, minute: minutes ?? 0, second: 0, millisecond: 0 });
  if (instant > at) instant = instant.minus({ days: 1 });
  return isoUtc(instant);
}
