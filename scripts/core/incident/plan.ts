/**
 * The incident planner the action calls on every issue event: data in (the event, the issue, the state
 * saved in the bot comment, who is on call, the policy), a list of GitHub effects out. It never talks
 * to GitHub; the adapter applies the effects, each of them idempotently (labels are sets, comments and
 * follow-up issues are found by hidden markers), so running a plan twice changes nothing more.
 *
 * Labels, assignees and the bot comment are derived from the state; replies, follow-ups, closing and
 * the record come from the reducer's decisions.
 */
import type { DateTime } from "luxon";
import { BODY_BUDGET, boundState, capLines, capList, capText, GITHUB_TITLE_LIMIT } from "./bounds.js";
import { parseCommands, type ParsedCommands } from "./commands.js";
import { afterResolution, renderIncidentComment, type PlaybookRef } from "./comment.js";
import { parseIncidentForm } from "./form.js";
import { applyReportEdit, openIncidentState, reopenIncidentState } from "./open.js";
import {
  incidentRecord,
  incidentRecordPath,
  incidentRecordYaml,
  saveDeadline,
  type IncidentDeadline,
} from "./record.js";
import { commandKey, type IncidentDecision, type IncidentState } from "./state.js";
import { applyCommentCommands } from "./limits.js";
import {
  desiredAssignees,
  INCIDENT_KEYS,
  labelEffects,
  refusalText,
  replyText,
  type IncidentEffect,
} from "./effects.js";
import { neutralizeMentions, safeBlock } from "../model/index.js";
import type { IncidentRecord } from "../model/generated/types.js";
import type { PostmortemDraftRef } from "./model.js";
import type { Policy } from "../model/index.js";

/** An issue comment as the planner needs it. */
export interface IncidentComment {
  id: number | string;
  body: string;
  author: string;
  createdAt: DateTime;
}

export interface IncidentPlanInput {
  event: "opened" | "edited" | "reopened" | "comment";
  issue: {
    number: number;
    title: string;
    body: string | null;
    author: string;
    createdAt: DateTime;
    labels: readonly string[];
    assignees: readonly string[];
    state: "open" | "closed";
  };
  /** The new comment, for `comment` events. */
  comment?: IncidentComment;
  /**
   * The command comments to apply in this run, oldest first (default: `comment` alone). The event
   * that started a run is only a wake-up: GitHub cancels runs that wait behind another, so a run
   * applies every comment the saved state has not handled yet ({@link commentHandled}).
   */
  comments?: readonly IncidentComment[];
  /** State read from the bot comment's hidden block, or null when there is none (or it was unusable). */
  priorState: IncidentState | null;
  /** Why the saved state was unusable (parseStateMarker's `problem`), shown as a note. */
  priorStateProblem?: string | null;
  /** Earlier comments in order, replayed to rebuild a lost state (optional; without them it starts over). */
  history?: readonly IncidentComment[];
  /**
   * Whether a login may run commands (write or triage access, or on the roster). Also asked about the
   * reporter (policy `reporters: collaborators`) and `/responder` targets (`commands.responders`), so the
   * caller checks those logins too.
   */
  authorized: (login: string) => boolean;
  /** Whether a login is on the on-call roster (policy `reporters: roster`); default: nobody is. */
  inRoster?: (login: string) => boolean;
  /** Who is on call at an instant, with their layer. */
  oncallAt: (at: DateTime) => readonly { login: string; layer: string }[];
  /** `reporters` and `commands` default as the schema says when absent. */
  policy: Pick<Policy, "severities" | "services"> & Partial<Pick<Policy, "reporters" | "commands">>;
  playbooks: readonly PlaybookRef[];
  /** Acknowledgement deadline of this incident (slo-deadline.ts). */
  deadline?: IncidentDeadline | null;
  /** Who triggered an `edited` or `reopened` event (default: the issue author). */
  actor?: string;
  /** Issue numbers of follow-ups created earlier, found by their markers. */
  followupIssues?: readonly { key: string; number: number; closed: boolean }[];
  /** Repository path of the postmortem on the default branch, once there is one. */
  postmortem?: string;
  /**
   * Writes the postmortem draft of the resolved incident from its record (core/postmortem's
   * `draftPostmortem`, bound by the caller to the policy, roster and holidays); null when it cannot.
   * Without it no draft is planned.
   */
  draftPostmortem?: (record: IncidentRecord) => { path: string; content: string } | null;
  /**
   * What happened to the draft this run already tried to open (the caller opens it before the rest
   * of the plan, then plans again with the outcome so the bot comment links the real pull request).
   */
  postmortemDraft?: PostmortemDraftRef;
  /** Land the record through a pull request (protected default branch) instead of a direct commit. */
  recordByPullRequest?: boolean;
  /** `https://github.com/owner/repo`, for absolute links. */
  repoUrl?: string;
  /** Where ordinary bugs go, for /not-incident (the issue chooser's bug link). */
  bugRouteUrl?: string;
  now: DateTime;
}

export interface IncidentPlan {
  state: IncidentState;
  effects: IncidentEffect[];
}

/** Plans one event; see the module comment. */
export function planIncidentEvent(input: IncidentPlanInput): IncidentPlan {
  const { issue, comment } = input;
  if (input.event === "comment" && comment && isBotComment(comment))
    return { state: input.priorState ?? rebuild(input).state, effects: [] };

  const notes: string[] = [];
  let state: IncidentState;
  let rebuilt = false;
  if (input.priorState) state = { ...input.priorState, title: issue.title };
  else {
    ({ state, rebuilt } = rebuild(input));
    if (rebuilt) {
      const why = input.priorStateProblem ?? "The bot comment with the saved incident state was not found.";
      notes.push(
        `${why} The state was rebuilt from the issue${input.history?.length ? " and its earlier comments" : "; commands given before this one are not included"}.`,
      );
    }
  }
  const before = JSON.stringify(state);
  const decisions: IncidentDecision[] = [];
  const effects: IncidentEffect[] = [];
  const actor = input.actor ?? issue.author;

  if (input.event === "edited" && !rebuilt) {
    const form = parseIncidentForm(issue.body, { policy: input.policy, reportedAt: issue.createdAt });
    const hadProblems = state.formProblems.length > 0;
    state = applyReportEdit(state, form.report, form.problems, actor, input.now).state;
    if (hadProblems || form.problems.length > 0) effects.push(formProblemsComment(issue, state.formProblems));
  } else if (input.event === "reopened") {
    state = reopenIncidentState(state, actor, input.now).state;
  }
  let applied = 0;
  for (const c of input.comments ?? (comment ? [comment] : [])) {
    if (isBotComment(c) || commentHandled(state, c.id)) continue;
    const parsed = parseCommands(c.body);
    if (parsed.commands.length === 0 && parsed.errors.length === 0) continue;
    applied++;
    if (!input.authorized(c.author)) {
      // Only the refusal, and the comment counts as handled: no label, assignee or timeline change.
      effects.push({
        kind: "upsert-comment",
        issue: issue.number,
        key: INCIDENT_KEYS.reply(c.id),
        body: refusalText(c.author),
      });
      state = markHandled(state, c.id, parsed);
      continue;
    }
    const wasResolved = state.status === "resolved";
    const outcome = applyCommentCommands(state, parsed.commands, commandContext(input, c), input.policy.commands);
    state = markHandled(outcome.state, c.id, parsed);
    decisions.push(...outcome.decisions);
    const errors = [...parsed.errors, ...outcome.refused].sort((x, y) => x.line - y.line);
    // The comment that resolves gets a reply of its own asking for the playbook updates: mentions in
    // the edited bot comment notify nobody, a new comment does (once: the reply's key is the comment's).
    const askPlaybooks =
      !wasResolved && state.status === "resolved"
        ? afterResolution({ state, playbooks: input.playbooks, ...(input.repoUrl && { repoUrl: input.repoUrl }) })
            .slice(2)
            .join("\n")
            .trim()
        : "";
    const reply = [replyText(c.author, outcome.decisions, errors), askPlaybooks].filter(Boolean).join("\n\n") || null;
    if (reply)
      effects.push({
        kind: "upsert-comment",
        issue: issue.number,
        key: INCIDENT_KEYS.reply(c.id),
        body: capBodyText(reply),
      });
  }
  // A comment event with nothing left to apply (a redelivery, or a run that an earlier one caught up).
  if (input.event === "comment" && applied === 0 && !rebuilt) return { state, effects: [] };

  if (input.event === "opened" || rebuilt) {
    if (state.formProblems.length > 0) effects.push(formProblemsComment(issue, state.formProblems));
  }
  state = boundState(withFollowupNumbers(state, input.followupIssues));
  // Keep the deadline once it could be worked out; the next events read it from here. A report
  // awaiting triage has none yet: its clock starts at /confirm (the caller computes it from there).
  if (input.deadline && state.deadline === undefined && state.status !== "triage")
    state = { ...state, deadline: saveDeadline(input.deadline) };

  if (input.postmortemDraft) state = { ...state, postmortem: input.postmortemDraft };
  effects.push(...labelEffects(issue.number, state, issue.labels));
  const assignees = desiredAssignees(state).filter((l) => !issue.assignees.includes(l));
  if (assignees.length > 0) effects.push({ kind: "add-assignees", issue: issue.number, assignees });
  if (JSON.stringify(state) !== before || input.event !== "comment" || rebuilt) {
    const body = renderIncidentComment({
      state,
      policy: input.policy,
      oncallNow: input.oncallAt(input.now),
      deadline: input.deadline,
      playbooks: input.playbooks,
      repoUrl: input.repoUrl,
      ...(input.postmortem ? { postmortemPath: input.postmortem } : {}),
      notes,
    });
    effects.push({ kind: "upsert-comment", issue: issue.number, key: INCIDENT_KEYS.comment, body });
  }
  effects.push(...decisionEffects(input, state, decisions));
  return { state, effects };
}

/** Effects of the reducer's decisions other than replies (those are folded into one reply comment). */
function decisionEffects(
  input: IncidentPlanInput,
  state: IncidentState,
  decisions: readonly IncidentDecision[],
): IncidentEffect[] {
  const { issue } = input;
  const effects: IncidentEffect[] = [];
  // Every follow-up without its issue yet: the ones asked for now, and any whose creation failed before.
  for (const f of state.followups)
    if (f.issue === undefined) effects.push(followupIssueEffect(issue.number, f.key, f.title));
  for (const d of decisions) {
    if (d.kind === "create-followup") continue;
    else if (d.kind === "reopen" && issue.state === "closed")
      effects.push({ kind: "reopen-issue", issue: issue.number });
    else if (d.kind === "not-incident-notice") {
      effects.push({
        kind: "upsert-comment",
        issue: issue.number,
        key: INCIDENT_KEYS.notIncident,
        body: capBodyText(notIncidentText(issue.author, d.reason, input.bugRouteUrl)),
      });
    }
  }
  // Closing follows the state, so a rerun after a failed close still closes.
  if (
    issue.state === "open" &&
    (state.status === "resolved" || state.status === "not-incident") &&
    !decisions.some((d) => d.kind === "reopen")
  ) {
    effects.push({
      kind: "close-issue",
      issue: issue.number,
      reason: state.status === "resolved" ? "completed" : "not_planned",
    });
  }
  if (decisions.some((d) => d.kind === "write-record")) effects.push(...recordEffects(input, state));
  return effects;
}

/**
 * The record, and with it the postmortem draft when the incident is resolved, its severity needs a
 * postmortem (policy), none is on the default branch and no earlier run opened one (the state keeps
 * the pull request's number: exactly once, whatever later happens to that pull request).
 *
 * The record names the postmortem only where the postmortem exists too, so every branch validates:
 * by pull request, the draft rides in the record's pull request; by direct commit, the record lands
 * as before and the draft gets a pull request of its own that also adds the postmortem's path to the
 * record.
 */
function recordEffects(input: IncidentPlanInput, state: IncidentState): IncidentEffect[] {
  const level = input.policy.severities.find((s) => s.id === state.severity);
  const plain = incidentRecord(state, { now: input.now, deadline: input.deadline, postmortem: input.postmortem });
  const due = state.status === "resolved" && level?.postmortem === true && !input.postmortem && !state.postmortem?.pull;
  const draft = due ? (input.draftPostmortem?.(plain) ?? null) : null;
  // Opened earlier and not merged yet: by pull request, the record's pull request holds the draft.
  const pending = !input.postmortem && state.postmortem?.pull ? state.postmortem.path : undefined;
  const path = incidentRecordPath(state);
  const message = `INC-${state.issue}: ${state.status === "resolved" || state.status === "not-incident" ? state.status : "update"} incident record`;
  const named = (postmortem: string) =>
    incidentRecordYaml(incidentRecord(state, { now: input.now, deadline: input.deadline, postmortem }));
  if (input.recordByPullRequest) {
    const withDraft = draft ?? (pending ? { path: pending, content: "" } : null);
    const files = [{ path, content: withDraft ? named(withDraft.path) : incidentRecordYaml(plain) }];
    if (draft) files.push({ path: draft.path, content: draft.content });
    return [
      {
        kind: "commit-file",
        files,
        message: draft ? `${message} and postmortem draft` : message,
        pullRequest: {
          branch: `oncall/incident-${state.issue}`,
          title: withDraft
            ? `INC-${state.issue}: incident record and postmortem draft`
            : `INC-${state.issue}: incident record`,
          body: withDraft
            ? `The incident record of #${state.issue} and the draft of its postmortem (\`${withDraft.path}\`), written by the incident action. Merge it to keep both; the postmortem stays a draft until its review.`
            : `The incident record of #${state.issue}, written by the incident action. Merging it keeps the record in the repository.`,
        },
      },
    ];
  }
  const effects: IncidentEffect[] = [
    { kind: "commit-file", files: [{ path, content: incidentRecordYaml(plain) }], message },
  ];
  if (draft)
    effects.push({
      kind: "commit-file",
      files: [
        { path, content: named(draft.path) },
        { path: draft.path, content: draft.content },
      ],
      message: `INC-${state.issue}: postmortem draft`,
      pullRequest: {
        branch: `oncall/postmortem-${state.issue}`,
        title: `INC-${state.issue}: postmortem draft`,
        body: `The draft postmortem of #${state.issue} (\`${draft.path}\`), prefilled from the incident record by the incident action. Merge it when ready; it stays a draft until its review.`,
      },
    });
  return effects;
}

/** Whether an effect of the incident plan writes a postmortem draft (its path is under `postmortems/`). */
export function writesPostmortemDraft(effect: IncidentEffect): boolean {
  return effect.kind === "commit-file" && effect.files.some((f) => f.path.startsWith("postmortems/"));
}

/** A fresh state from the issue (and, when given, a replay of earlier comments' commands). */
function rebuild(input: IncidentPlanInput): { state: IncidentState; rebuilt: boolean } {
  const { issue } = input;
  const form = parseIncidentForm(issue.body, { policy: input.policy, reportedAt: issue.createdAt });
  const oncall = input.oncallAt(issue.createdAt).map((p) => p.login);
  const opened = { number: issue.number, title: issue.title, author: issue.author, createdAt: issue.createdAt };
  let state = openIncidentState(opened, form.report, form.problems, oncall, triageReason(input));
  for (const comment of input.history ?? []) {
    if (isBotComment(comment) || comment.id === input.comment?.id || input.comments?.some((c) => c.id === comment.id))
      continue;
    const parsed = parseCommands(comment.body);
    if (input.authorized(comment.author)) {
      state = applyCommentCommands(state, parsed.commands, commandContext(input, comment), input.policy.commands).state;
    }
    state = markHandled(state, comment.id, parsed);
  }
  return { state, rebuilt: input.event !== "opened" };
}

/** The reducer's context for the commands of `comment` (by an author already known to be authorized). */
function commandContext(input: IncidentPlanInput, comment: IncidentComment) {
  const anyone = input.policy.commands?.responders === "anyone";
  return {
    author: comment.author,
    at: comment.createdAt,
    authorized: true,
    oncallNow: input.oncallAt(comment.createdAt).map((p) => p.login),
    commentId: comment.id,
    mayRespond: (login: string) => anyone || input.authorized(login),
  };
}

/**
 * Why the report starts in triage under the policy's `reporters`, or undefined when its author may
 * open incidents (`anyone`, the default; `collaborators`: the roster and triage-or-more access;
 * `roster`: the roster only).
 */
function triageReason(input: IncidentPlanInput): string | undefined {
  const { author } = input.issue;
  switch (input.policy.reporters ?? "anyone") {
    case "anyone":
      return undefined;
    case "collaborators":
      if (input.authorized(author) || input.inRoster?.(author)) return undefined;
      return "Reports from people outside the on-call roster and without triage or write access start in triage.";
    case "roster":
      if (input.inRoster?.(author)) return undefined;
      return "Reports from people outside the on-call roster start in triage.";
  }
}

function withFollowupNumbers(state: IncidentState, found: IncidentPlanInput["followupIssues"]): IncidentState {
  if (!found?.length) return state;
  const followups = state.followups.map((f) => {
    const match = found.find((x) => x.key === f.key);
    return match ? { ...f, issue: match.number, closed: match.closed } : f;
  });
  return { ...state, followups };
}

/**
 * Whether the saved state has handled a comment: the one place that decides it (the action uses it to
 * find the comments still to apply). A comment is handled as a whole, in one run, so one key of it in
 * `processed` is enough; an edit adding commands to a handled comment does not apply them.
 */
export function commentHandled(state: Pick<IncidentState, "processed">, id: IncidentComment["id"]): boolean {
  const prefix = `${id}:`;
  return state.processed.some((key) => key.startsWith(prefix));
}

/** Every command line of a comment (applied, refused or malformed) recorded as processed. */
function markHandled(state: IncidentState, id: IncidentComment["id"], parsed: ParsedCommands): IncidentState {
  const keys = [...parsed.commands, ...parsed.errors].map(({ line }) => commandKey({ commentId: id, line }) ?? "");
  const done = new Set(state.processed);
  const missing = keys.filter((k) => k !== "" && !done.has(k)).sort((a, b) => lineOf(a) - lineOf(b));
  return missing.length === 0 ? state : { ...state, processed: [...state.processed, ...missing] };
}

function lineOf(key: string): number {
  return Number(key.slice(key.lastIndexOf(":") + 1));
}

/** The follow-up issue of a `/followup`, found again by its key when it exists already. */
function followupIssueEffect(incident: number, key: string, title: string): IncidentEffect {
  const body = `Follow-up of incident #${incident} (INC-${incident}), requested on the incident with \`/followup\`.\n\nDescribe the work here; it is listed in the incident record once this issue exists.`;
  return {
    kind: "create-issue",
    key,
    title: capText(neutralizeMentions(title), GITHUB_TITLE_LIMIT),
    body,
    labels: ["follow-up"],
  };
}

function capBodyText(body: string): string {
  return body.length <= BODY_BUDGET ? body : capLines(body.split("\n"), BODY_BUDGET);
}

/**
 * Comments the bot wrote itself (any `[bot]` account). Never judged by the body: a person who quotes
 * the bot comment, hidden markers included, still gets their commands applied (quoted lines are
 * never commands, and a person's comment is never read as saved state).
 */
function isBotComment(comment: Pick<IncidentComment, "author">): boolean {
  return comment.author.endsWith("[bot]");
}

function formProblemsComment(issue: IncidentPlanInput["issue"], problems: readonly string[]): IncidentEffect {
  const body =
    problems.length === 0
      ? `Thanks @${issue.author}, the report is complete now.`
      : [
          `@${issue.author}, thanks for raising this incident. The on-call engineers are on their way, but parts of the report could not be read:`,
          "",
          ...capList(problems, 12).map((p) => `- ${capText(p, 2_000)}`),
          "",
          "Editing the issue to fix them helps the responders; nothing else is needed from you.",
        ].join("\n");
  return { kind: "upsert-comment", issue: issue.number, key: INCIDENT_KEYS.formProblems, body };
}

function notIncidentText(reporter: string, reason: string, bugRouteUrl: string | undefined): string {
  const route = bugRouteUrl ? `[the bug tracker](${bugRouteUrl})` : "the owning team's bug tracker";
  return [
    `@${reporter}, thank you for raising this: reporting early is always the right call.`,
    "",
    `The on-call engineers looked at it and it does not need the incident process. Their reason: ${safeBlock(reason)}`,
    "",
    `Please report it through ${route}, where the owning team will pick it up in their normal work. If it gets worse or starts affecting more people, open a new incident.`,
  ].join("\n");
}
