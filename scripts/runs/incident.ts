/**
 * One run of the incident action: event -> repository -> comments -> access -> plan -> effects.
 *
 * The event is only a wake-up. GitHub keeps one waiting run per concurrency group and cancels the one
 * that was waiting when another arrives, so some comments never get a run of their own: every run
 * applies all command comments the saved state has not handled yet, oldest first.
 *
 * Only the bot's own comments count: the saved state is read from, and marker comments are adopted
 * from, the login of the token the action runs with (`botLogin`), never from any other bot account.
 *
 * API calls are the budget (every one counts against rate limits and adds latency to an incident):
 * the opening issue comes from the event payload, comments are listed once and handed to the
 * adapter, roles are checked only for people outside the roster, and comments without commands stop
 * before any call. Later events read the issue once, so labels follow the saved state even after a
 * run that failed half-way. Measured in the end-to-end tests: opening 5 (6 with a malformed form; the
 * first incident of a repository also creates the labels once), a command 3 to 5, a rerun of a
 * handled comment 1. Writing the record adds 2 calls by commit, 4 to 7 by pull request; resolving an
 * incident whose severity needs a postmortem writes its draft with the record (one git-data commit, up to
 * 8 calls), once: the saved state keeps the draft's pull request.
 *
 * Order is what makes a failed run safe to rerun: follow-up issues are created first (the bot comment
 * and the record list their numbers), then the record is written (a failure there leaves the issue
 * untouched), then labels, assignees, replies and closing, and the bot comment with the saved state
 * comes last. Until that comment is written nothing counts as done, so a rerun after any failure
 * redoes the rest, and every effect is idempotent. Courtesy writes (replies, the form-problems note,
 * the not-incident note, follow-up issues) never stop the state from being saved: their failure is a
 * warning, and a follow-up whose issue could not be created is created by a later run.
 */
import * as core from "@actions/core";
import { DateTime } from "luxon";
import {
  commentHandled,
  planIncidentEvent,
  type IncidentComment,
  type IncidentPlan,
  type IncidentPlanInput,
} from "../core/incident/index.js";
import { sloClockStart, type IncidentState } from "../core/incident/index.js";
import { parseCommands, responderTargets, writesPostmortemDraft } from "../core/incident/index.js";
import type { PostmortemDraftRef } from "../core/incident/index.js";
import { UserError, type Policy } from "../core/model/index.js";
import { savedDeadline } from "../core/incident/index.js";
import type { ActionContext } from "../github/action-context.js";
import type { IssueSnapshot } from "../github/apply-context.js";
import { commandAccess } from "../github/collaborator-access.js";
import type { AppliedEffect, Effect } from "../github/effects.js";
import { readIncidentEvent, type IncidentEvent } from "../github/incident-event.js";
import {
  DEFAULT_BOT_LOGIN,
  readIncidentThread,
  readIssueSnapshot,
  type IncidentThread,
} from "../github/incident-thread.js";
import { loadIncidentOrg } from "../repo/incident-org.js";
import { needsPostmortem } from "../core/postmortem/index.js";
import { bindPostmortemDraft } from "./postmortem-draft.js";
import { carryOut, type CarryOutContext, type CarryOutOptions } from "./carry-out.js";
import { finalEffects, isCourtesy } from "./incident-order.js";
import { incidentOutputs, incidentSummary, type IncidentRunResult } from "./incident-summary.js";

/** How the record reaches the base branch. */
type RecordMode = "pull-request" | "commit";

/** The `incident` action's inputs as given (empty when not set). */
export interface IncidentInputs {
  /** `pull-request` (the default; works with a protected branch) or `commit`. */
  recordMode: string;
  /** Branch the record lands on (default: the repository's default branch, from the payload). */
  baseBranch: string;
  /**
   * Login the token writes as (default `github-actions[bot]`; `<app-slug>[bot]` with an app token).
   * GitHub answers `GET /user` with 403 for installation tokens, so it is given, not asked for.
   */
  botLogin: string;
}

interface IncidentRunOptions {
  recordMode: RecordMode;
  baseBranch?: string;
  botLogin?: string;
}

type Context = Pick<ActionContext, "eventName" | "payload" | "repo" | "workspace" | "octokit" | "logger"> &
  CarryOutContext;

/** The plan of one event, ready to be carried out, and the run's result once it has been. */
interface PlannedRun {
  effects: Effect[];
  apply: Omit<CarryOutOptions, "summary">;
  /** The result, given what carrying out `effects` applied. */
  result(applied: readonly AppliedEffect[]): IncidentRunResult;
}

/** Runs the incident action on the event in `ctx` (see the module comment): load, plan, apply, report. */
export async function runIncident(ctx: ActionContext, inputs: IncidentInputs): Promise<void> {
  const mode = inputs.recordMode || "pull-request";
  if (mode !== "pull-request" && mode !== "commit")
    throw new UserError(`record-mode must be "pull-request" or "commit", not "${mode}".`);
  const options = {
    recordMode: mode as RecordMode,
    baseBranch: inputs.baseBranch || undefined,
    botLogin: inputs.botLogin.trim() || undefined,
  };
  const planned = await planIncidentRun(ctx, options);
  const outcome = await carryOut(ctx, planned.effects, {
    ...planned.apply,
    // A run that fails writes no summary: the failure says what was done.
    summary: (o, summary) =>
      o.failure === undefined ? summary.addRaw(incidentSummary(planned.result(o.applied), ctx.dryRun)) : undefined,
  });
  const result = planned.result(outcome.applied);
  if (result.skipped !== undefined) core.info(result.skipped);
  for (const warning of result.warnings) core.warning(warning);
  for (const note of result.notes ?? []) core.notice(note);
  for (const [name, value] of Object.entries(incidentOutputs(result))) core.setOutput(name, value);
}

/**
 * Reads the event, the thread and the repository and plans the run. Follow-up issues are created
 * here already (not on a dry run): the rest of the plan lists their numbers.
 */
async function planIncidentRun(ctx: Context, options: IncidentRunOptions): Promise<PlannedRun> {
  const nothing = (result: Omit<IncidentRunResult, "effects" | "applied" | "warnings">): PlannedRun => ({
    effects: [],
    apply: {},
    result: () => ({ ...result, effects: [], applied: [], warnings: [] }),
  });
  const read = readIncidentEvent(ctx.eventName, ctx.payload);
  if (read.skip !== undefined) return nothing({ skipped: read.skip });
  const { event } = read;
  const number = event.issue.number;
  const botLogin = options.botLogin || DEFAULT_BOT_LOGIN;
  const thread = await readIncidentThread(ctx.octokit, ctx.repo, number, botLogin);
  const prior = thread.priorState;
  const { pending, history } = commandsToApply(event, thread);
  // A redelivered or re-run comment whose commands an earlier run applied (its own, or one that caught
  // up): nothing to do, and no need to load the repository.
  if (event.kind === "comment" && prior && pending.length === 0) {
    return nothing({
      skipped: `The commands of comment ${event.comment?.id ?? "?"} were applied already.`,
      issue: number,
      state: prior,
    });
  }
  const org = await loadIncidentOrg(ctx.workspace, event.at, number);
  const allowed = await commandAccess(
    ctx.octokit,
    ctx.repo,
    loginsToCheck(event, prior, [...pending, ...history], org.policy),
    (login) => org.inRoster(login, event.at),
  );
  const issue = await currentIssue(ctx, event, prior);
  // Worked out once (it needs the holiday tables) and kept in the saved state from then on; a report
  // awaiting triage has none until /confirm, and one confirmed from triage counts from the confirmation.
  let deadline = prior?.deadline ? savedDeadline(prior.deadline) : null;
  const now = pending.reduce((at, c) => (c.createdAt > at ? c.createdAt : at), event.at);
  const input: IncidentPlanInput = {
    event: event.kind,
    issue: {
      number,
      title: issue.title,
      body: issue.body,
      author: event.issue.author,
      createdAt: event.issue.createdAt,
      labels: issue.labels,
      assignees: issue.assignees,
      state: issue.state,
    },
    ...(event.comment ? { comment: event.comment } : {}),
    comments: pending,
    priorState: prior,
    priorStateProblem: thread.priorStateProblem,
    history,
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
    now,
  };
  const refused = pending.find((c) => !allowed.has(c.author.toLowerCase()))?.author;
  const finish = (plan: IncidentPlan, created: boolean) =>
    finalEffects(plan, {
      number,
      labels: issue.labels,
      firstRun: prior === null,
      baseBranch: options.baseBranch ?? event.defaultBranch,
      dropCreates: created,
    });

  let plan = planIncidentEvent(input);
  const routed = (p: IncidentPlan, kind: Effect["kind"]) => finish(p, false).filter((e) => e.kind === kind);
  const clockStart = prior?.deadline ? null : sloClockStart(plan.state);
  if (clockStart !== null) {
    // Planning is pure: plan again with the deadline from the instant the plan says the clock started.
    deadline = await org.deadline(DateTime.fromISO(clockStart, { zone: "utc" }));
    input.deadline = deadline;
    plan = planIncidentEvent(input);
  }

  // A resolved incident that needs a postmortem and has none: plan again with the draft, whose inputs
  // (holiday tables, booked reviews) are read only now.
  const draftWarnings: string[] = [];
  if (
    plan.effects.some((e) => e.kind === "commit-file") &&
    plan.state.status === "resolved" &&
    needsPostmortem(org.policy, plan.state.severity) &&
    !input.postmortem &&
    !plan.state.postmortem?.pull
  ) {
    const draft = await bindPostmortemDraft(ctx.workspace, org, event.repoUrl, draftWarnings);
    if (draft) {
      input.draftPostmortem = draft;
      plan = planIncidentEvent(input);
    }
  }

  // Adopt marker comments and issues only from our own login; courtesy writes may fail (module comment).
  const trust = { trustedAuthors: [botLogin], optional: isCourtesy };
  const creates = ctx.dryRun ? [] : plan.effects.filter((e) => e.kind === "create-issue");
  const created: AppliedEffect[] = [];
  if (creates.length > 0) {
    created.push(...(await carryOut(ctx, creates, trust)).applied);
    const followupIssues = created.flatMap((a) =>
      a.effect.kind === "create-issue" && a.number ? [{ key: a.effect.key, number: a.number, closed: false }] : [],
    );
    // Planning is pure: the same input with the new issue numbers gives the same plan, numbers included.
    plan = planIncidentEvent({ ...input, followupIssues });
    input.followupIssues = followupIssues;
  }
  // The postmortem draft goes out before the rest too (with the record it travels with), so the bot
  // comment and the saved state name the real pull request, or say why it could not be opened.
  const drafts = ctx.dryRun || !plan.effects.some(writesPostmortemDraft) ? [] : routed(plan, "commit-file");
  if (drafts.length > 0) {
    const outcome = await carryOut(ctx, drafts, { optional: isDraftOnly });
    created.push(...outcome.applied);
    plan = planIncidentEvent({ ...input, postmortemDraft: draftOutcome(drafts, outcome.applied) });
  }
  const effects = finish(plan, creates.length > 0).filter((e) => drafts.length === 0 || e.kind !== "commit-file");
  const final = plan;
  return {
    effects,
    apply: { known: { issues: [issue], comments: new Map([[number, thread.comments]]) }, ...trust },
    result: (applied) => {
      const all = [...created, ...applied];
      return {
        issue: number,
        state: final.state,
        deadline,
        effects: [...creates, ...effects],
        applied: all,
        ...(refused && creates.length + effects.length > 0 ? { refused } : {}),
        warnings: [
          ...org.problems,
          ...org.warnings,
          ...draftWarnings,
          ...all.flatMap((a) => (a.outcome === "failed" ? (a.warnings ?? []) : [])),
        ],
        notes: org.notes,
      };
    },
  };
}

/**
 * A pull request of its own for the draft alone (record by direct commit): a courtesy, whose failure
 * the bot comment reports instead of failing the run. With the record's pull request it is the record.
 */
function isDraftOnly(effect: Effect): boolean {
  return effect.kind === "commit-file" && (effect.pullRequest?.branch.startsWith("oncall/postmortem-") ?? false);
}

/** What became of the draft: its pull request, or why it failed (from the adapter's warnings). */
function draftOutcome(effects: readonly Effect[], applied: readonly AppliedEffect[]): PostmortemDraftRef | undefined {
  const effect = effects.find(writesPostmortemDraft);
  if (effect?.kind !== "commit-file") return undefined;
  const path = effect.files.find((f) => f.path.startsWith("postmortems/"))?.path ?? "";
  const done = applied.find((a) => a.effect === effect);
  if (done?.outcome === "failed")
    return { path, problem: done.warnings?.[0]?.split(" failed and was skipped: ").pop() ?? "GitHub refused it" };
  return done?.number ? { path, pull: done.number, ...(done.url ? { url: done.url } : {}) } : { path };
}

/**
 * The issue to plan against. Opening trusts the payload (GitHub sent it just now). Every later event
 * reads the issue (one call): a payload can predate the saved state, and a run that failed after
 * changing labels but before saving the state leaves labels the saved state does not imply; planning
 * against what the issue really carries lets the state win and corrects them.
 */
async function currentIssue(ctx: Context, event: IncidentEvent, prior: IncidentState | null): Promise<IssueSnapshot> {
  if (!prior && event.kind === "opened") return event.issue.snapshot;
  return readIssueSnapshot(ctx.octokit, ctx.repo, event.issue.number);
}

/**
 * Which comments this run applies (`pending`, oldest first) and which it replays silently to rebuild
 * a lost state (`history`). With a saved state: every command comment it has not handled. Without
 * one: a comment event rebuilds from the comments before its own and applies that one and later ones.
 */
function commandsToApply(
  event: IncidentEvent,
  thread: IncidentThread,
): { pending: IncidentComment[]; history: IncidentComment[] } {
  const people = [...thread.people];
  // GitHub's list includes the new comment; in case it lagged, the payload's copy stands in.
  if (event.comment && !people.some((c) => String(c.id) === String(event.comment?.id))) people.push(event.comment);
  const commands = people.filter((c) => hasCommandLines(c.body));
  const prior = thread.priorState;
  if (prior) return { pending: commands.filter((c) => !commentHandled(prior, c.id)), history: [] };
  if (event.kind === "opened") return { pending: commands, history: [] };
  if (!event.comment) return { pending: [], history: commands };
  const at = commands.findIndex((c) => String(c.id) === String(event.comment?.id));
  return at < 0 ? { pending: [], history: commands } : { pending: commands.slice(at), history: commands.slice(0, at) };
}

function hasCommandLines(body: string): boolean {
  const parsed = parseCommands(body);
  return parsed.commands.length > 0 || parsed.errors.length > 0;
}

/**
 * Whose access matters: the authors of the command comments this run applies or replays; the reporter when the state is new and the policy's `reporters` is
 * `collaborators`; and people named by `/responder` unless the policy lets anyone be pulled in.
 */
function loginsToCheck(
  event: IncidentEvent,
  prior: IncidentState | null,
  comments: readonly IncidentComment[],
  policy: Pick<Policy, "reporters" | "commands">,
): string[] {
  const checkResponders = policy.commands.responders !== "anyone";
  const logins = comments.flatMap((c) => [c.author, ...(checkResponders ? responderTargets(c.body) : [])]);
  if (prior === null && policy.reporters === "collaborators") logins.push(event.issue.author);
  return [...new Set(logins)];
}
