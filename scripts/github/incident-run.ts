/**
 * One run of the incident action: event -> repository -> comments -> access -> plan -> effects.
 *
 * API calls are the budget (every one counts against rate limits and adds latency to an incident):
 * the issue comes from the event payload, its comments are listed once and handed to the adapter,
 * roles are checked only for people outside the roster, and comments without commands stop before
 * any call. Measured in the end-to-end tests: opening 5 (6 with a malformed form; the first incident
 * of a repository also creates the labels once), a command 2 to 4, a rerun of a handled comment 1.
 * Writing the record adds 2 calls by commit, 4 to 7 by pull request.
 *
 * Order is what makes a failed run safe to rerun: follow-up issues are created first (the bot comment
 * and the record list their numbers), then the record is written (a failure there leaves the issue
 * untouched), then labels, assignees, replies and closing, and the bot comment with the saved state
 * comes last. Until that comment is written nothing counts as done, so a rerun after any failure
 * redoes the rest, and every effect is idempotent.
 */
import { DateTime } from "luxon";
import { planIncidentEvent, type IncidentComment, type IncidentPlan, type IncidentPlanInput } from "../core/incident-plan.js";
import { INCIDENT_KEYS } from "../core/incident-effects.js";
import { commandKey, sloClockStart, type IncidentState } from "../core/incident-state.js";
import { parseCommands, responderTargets } from "../core/incident-commands.js";
import type { Policy } from "../core/model.js";
import { savedDeadline, type IncidentDeadline } from "../core/incident-record.js";
import type { ActionContext } from "./action-context.js";
import type { IssueSnapshot } from "./apply-context.js";
import { applyEffects } from "./apply-effects.js";
import { commandAccess } from "./collaborator-access.js";
import type { AppliedEffect, Effect } from "./effects.js";
import { readIncidentEvent, type IncidentEvent } from "./incident-event.js";
import { adjustIncidentLabels, assumedIssue } from "./incident-labels.js";
import { loadIncidentOrg } from "./incident-org.js";
import { readIncidentThread, readIssueSnapshot } from "./incident-thread.js";

/** How the record reaches the base branch. */
export type RecordMode = "pull-request" | "commit";

export interface IncidentRunOptions {
  /** Pull request (works with a protected branch; the default) or a direct commit. */
  recordMode: RecordMode;
  /** Branch the record lands on (default: the repository's default branch, from the payload). */
  baseBranch?: string;
  /** Plan and report, but write nothing (reads still happen). */
  dryRun: boolean;
}

export interface IncidentRunResult {
  /** Why nothing was done, when nothing was. */
  skipped?: string;
  issue?: number;
  state?: IncidentState;
  deadline?: IncidentDeadline | null;
  /** The effects of the plan as applied (or, in a dry run, as they would be). */
  effects: Effect[];
  applied: AppliedEffect[];
  /** Login whose command was refused (not on the roster, no triage or write access). */
  refused?: string;
  /** Problems worth a warning (in the on-call data, or computing who is on call or the deadline). */
  warnings: string[];
  /** Things worth knowing (who is on call came from a schedule preview). */
  notes?: string[];
}

type Context = Pick<ActionContext, "eventName" | "payload" | "repo" | "workspace" | "octokit" | "logger">;

/** Handles the event in `ctx`; see the module comment. */
export async function runIncidentEvent(ctx: Context, options: IncidentRunOptions): Promise<IncidentRunResult> {
  const read = readIncidentEvent(ctx.eventName, ctx.payload);
  if (read.skip !== undefined) return { skipped: read.skip, effects: [], applied: [], warnings: [] };
  const { event } = read;
  const number = event.issue.number;
  const thread = await readIncidentThread(ctx.octokit, ctx.repo, number, event.comment?.id);
  const prior = thread.priorState;
  // A redelivered or re-run comment: its commands are in the saved state, so there is nothing to do
  // (and no need to load the repository).
  if (event.comment && prior && alreadyApplied(event.comment, prior)) {
    return { skipped: `The commands of comment ${event.comment.id} were applied already.`, issue: number, state: prior, effects: [], applied: [], warnings: [] };
  }
  const org = await loadIncidentOrg(ctx.workspace, event.at, number);
  const logins = loginsToCheck(event, prior, thread.history, org.policy);
  const allowed = await commandAccess(ctx.octokit, ctx.repo, logins, (login) => org.inRoster(login, event.at));
  const issue = await currentIssue(ctx, event, prior);
  // Worked out once (it needs the holiday tables) and kept in the saved state from then on; a report
  // awaiting triage has none until /confirm, and one confirmed from triage counts from the confirmation.
  let deadline = prior?.deadline ? savedDeadline(prior.deadline) : null;
  const input: IncidentPlanInput = {
    event: event.kind,
    issue: { number, title: issue.title, body: issue.body, author: event.issue.author, createdAt: event.issue.createdAt, labels: issue.labels, assignees: issue.assignees, state: issue.state },
    ...(event.comment ? { comment: event.comment } : {}),
    priorState: prior,
    priorStateProblem: thread.priorStateProblem,
    history: thread.history,
    authorized: (login) => allowed.has(login.toLowerCase()),
    inRoster: (login) => org.inRoster(login, event.issue.createdAt),
    oncallAt: org.oncallAt,
    policy: org.policy,
    playbooks: org.playbooks,
    deadline,
    actor: event.sender,
    postmortem: org.postmortemFor(number),
    recordByPullRequest: options.recordMode === "pull-request",
    repoUrl: event.repoUrl,
    bugRouteUrl: org.bugRouteUrl,
    now: event.at,
  };
  const result = (plan: IncidentPlan, effects: Effect[], applied: AppliedEffect[]): IncidentRunResult => ({
    issue: number,
    state: plan.state,
    deadline,
    effects,
    applied,
    ...(event.comment && !allowed.has(event.comment.author.toLowerCase()) && effects.length > 0 ? { refused: event.comment.author } : {}),
    warnings: [...org.problems, ...org.warnings],
    notes: org.notes,
  });
  const finish = (plan: IncidentPlan, created: boolean) => finalEffects(plan, { number, labels: issue.labels, firstRun: prior === null, baseBranch: options.baseBranch ?? event.defaultBranch, dropCreates: created });

  let plan = planIncidentEvent(input);
  const clockStart = prior?.deadline ? null : sloClockStart(plan.state);
  if (clockStart !== null) {
    // Planning is pure: plan again with the deadline from the instant the plan says the clock started.
    deadline = await org.deadline(DateTime.fromISO(clockStart, { zone: "utc" }));
    input.deadline = deadline;
    plan = planIncidentEvent(input);
  }
  if (options.dryRun) return result(plan, finish(plan, false), []);

  const applied: AppliedEffect[] = [];
  const creates = plan.effects.filter((e) => e.kind === "create-issue");
  if (creates.length > 0) {
    applied.push(...(await applyEffects(ctx.octokit, ctx.repo, creates, { logger: ctx.logger })));
    const followupIssues = applied.flatMap((a) => (a.effect.kind === "create-issue" && a.number ? [{ key: a.effect.key, number: a.number, closed: false }] : []));
    // Planning is pure: the same input with the new issue numbers gives the same plan, numbers included.
    plan = planIncidentEvent({ ...input, followupIssues });
  }
  const effects = finish(plan, creates.length > 0);
  const known = { issues: [issue], comments: new Map([[number, thread.comments]]) };
  applied.push(...(await applyEffects(ctx.octokit, ctx.repo, effects, { logger: ctx.logger, known })));
  return result(plan, [...creates, ...effects], applied);
}

/**
 * The issue to plan against. A first run trusts the payload (GitHub sent it just now). With a saved
 * state, an `issues` event may be a rerun whose payload predates that state, so the issue is read
 * again (one call; these events are rare). A comment's payload is at most as old as the comment, and
 * anything the saved state implies was applied before it was saved: their union saves the read.
 */
async function currentIssue(ctx: Context, event: IncidentEvent, prior: IncidentState | null): Promise<IssueSnapshot> {
  if (!prior) return event.issue.snapshot;
  if (event.kind !== "comment") return readIssueSnapshot(ctx.octokit, ctx.repo, event.issue.number);
  return assumedIssue(event.issue.snapshot, prior);
}

/** Whether every command of `comment` is in the saved state's processed list. */
function alreadyApplied(comment: IncidentComment, state: IncidentState): boolean {
  const { commands } = parseCommands(comment.body);
  return commands.length > 0 && commands.every(({ line }) => state.processed.includes(commandKey({ commentId: comment.id, line }) ?? ""));
}

/**
 * Whose access matters: the author of a new comment and, when the state must be rebuilt, the authors
 * of earlier commands; the reporter when the state is new and the policy's `reporters` is
 * `collaborators`; and people named by `/responder` unless the policy lets anyone be pulled in.
 */
function loginsToCheck(event: IncidentEvent, prior: IncidentState | null, history: readonly IncidentComment[], policy: Pick<Policy, "reporters" | "commands">): string[] {
  const checkResponders = policy.commands.responders !== "anyone";
  const logins = event.comment ? [event.comment.author, ...(checkResponders ? responderTargets(event.comment.body) : [])] : [];
  if (prior === null && policy.reporters === "collaborators") logins.push(event.issue.author);
  if (prior === null && event.kind !== "opened") {
    for (const c of history) {
      if (parseCommands(c.body).commands.length > 0) logins.push(c.author, ...(checkResponders ? responderTargets(c.body) : []));
    }
  }
  return logins;
}

/** The plan's effects, adjusted for labels, routed to the record's branch and ordered (module comment). */
function finalEffects(plan: IncidentPlan, o: { number: number; labels: readonly string[]; firstRun: boolean; baseBranch: string | undefined; dropCreates: boolean }): Effect[] {
  const effects = adjustIncidentLabels(
    plan.effects.filter((e) => !(o.dropCreates && e.kind === "create-issue")),
    { issue: o.number, state: plan.state, labels: o.labels, firstRun: o.firstRun },
  ).map((e) => (e.kind === "commit-file" && o.baseBranch ? routeRecord(e, o.baseBranch) : e));
  // Array.prototype.sort is stable: within a rank the core's order stays.
  return [...effects].sort((a, b) => rank(a) - rank(b));
}

/**
 * Where an effect goes: follow-ups, the record, then the issue's labels and assignees (so a reply
 * telling a responder "assigned to you" is true when it arrives), replies and notices, closing, and
 * the bot comment with the state last.
 */
function rank(effect: Effect): number {
  switch (effect.kind) {
    case "create-issue":
      return 0;
    case "commit-file":
      return 1;
    case "upsert-comment":
      return effect.key === INCIDENT_KEYS.comment ? 5 : 3;
    case "close-issue":
      return 4;
    default:
      return 2;
  }
}

function routeRecord(effect: Extract<Effect, { kind: "commit-file" }>, base: string): Effect {
  return effect.pullRequest ? { ...effect, pullRequest: { ...effect.pullRequest, base } } : { ...effect, branch: base };
}
