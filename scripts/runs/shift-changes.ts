/**
 * "Your shifts changed", the schedule action's part: finds the pull requests merged lately that changed
 * `rotations/` on the default branch, and for each one, oldest first, compares the rotation files just
 * before and after its merge (read with `git show` as data) and posts one comment on it mentioning each
 * person whose published future time moved and who neither opened nor approved it, with their shifts
 * before and after in their own zone. The decision is `planShiftChangeNotice` (core/trade); this
 * gathers the facts.
 *
 * Every run is a wake-up, not only its own event: a push, a scheduled run or a manual one looks back
 * {@link LOOK_BACK_DAYS} days, because GitHub keeps one pending run per concurrency group and drops the
 * one already waiting (of three quick pushes, the middle one's run never happens). Once only: a pull
 * request that has our comment (its marker, by `botLogin`) gets nothing more. A commit pushed without a
 * pull request tells nobody: there is no conversation to put the notice in (the job summary says so).
 *
 * API calls per run: one list of commits; per listed commit (at most {@link MAX_COMMITS_PER_RUN}) one
 * for its pull request (on a push of a merge commit that none of them names, one more for it); per
 * pull request, one for its merge commit's parents when the list lacks that commit (a merge commit),
 * then, only when someone's time moved, one for reviews, one for comments and at most one comment.
 */
import * as core from "@actions/core";
import { DateTime } from "luxon";
import { NEEDED_ROTATION_KINDS, ROTATION_FILES } from "../core/model/index.js";
import { approversOf, movedShifts, planShiftChangeNotice, SHIFT_CHANGES_KEY } from "../core/trade/index.js";
import type { TradeSide } from "../core/trade/index.js";
import type { ActionContext } from "../github/action-context.js";
import { commitsChanging, parentsOf, type ListedCommit } from "../github/commits.js";
import { DEFAULT_BOT_LOGIN } from "../github/incident-thread.js";
import { hasMarker } from "../github/markers.js";
import { listIssueComments, listPullReviews, mergedPullOfCommit, type MergedPull } from "../github/pull-requests.js";
import { fetchCommits, loadRotationsAt, recordedParents, type RevisionData } from "../repo/revision.js";
import { instantInput } from "../repo/instant-input.js";
import { carryOut } from "./carry-out.js";

/**
 * How far back each run looks for merged changes to rotations/, in days: the weekly scheduled run
 * (Mondays) plus a day of GitHub's lateness, so a change whose own run was dropped is told by the next
 * push or, at the latest, the next weekly run.
 */
export const LOOK_BACK_DAYS = 8;

/**
 * The most commits one run looks at (oldest first), bounding its API calls (about 1 + 5 per commit);
 * the rest wait for the next run, and the job summary says so.
 */
export const MAX_COMMITS_PER_RUN = 20;

const SHA = /^[0-9a-f]{40}$/i;

/** The folder whose history is read. */
const ROTATIONS_DIR = "rotations";

const HEADING = "Shifts changed by merged pull requests";

/** The events the catch-up runs on (the schedule workflow's). */
const EVENTS = new Set(["push", "schedule", "workflow_dispatch"]);

const sideOf = (d: RevisionData): TradeSide => ({
  shifts: d.org.shifts,
  overrides: d.org.overrides,
  people: d.org.people,
  config: d.org.rotation,
});

/** The repository's default branch from the event payload, when the payload names it. */
function defaultBranchOf(payload: Record<string, unknown>): string | undefined {
  const repository = payload["repository"];
  if (typeof repository !== "object" || repository === null) return undefined;
  const name = (repository as Record<string, unknown>)["default_branch"];
  return typeof name === "string" && name !== "" ? name : undefined;
}

/** What `tellMovedShifts` needs besides the context. */
export interface TellMovedShiftsOptions {
  /** Replaces the clock (tests and replays): the end of the look-back window. Empty for the clock. */
  at: string;
  /** Fetches the commits and their blobs when the checkout is shallow or partial; may be empty. */
  token: string;
  /** The only account whose marked comment counts as "already told" (default `github-actions[bot]`). */
  botLogin?: string;
}

/**
 * Tells the people whose shifts lately merged pull requests moved (see the module comment), oldest
 * merge first. Each pull request's cut-off is its `merged_at`, so a rerun days later counts the same time.
 */
export async function tellMovedShifts(ctx: ActionContext, options: TellMovedShiftsOptions): Promise<void> {
  if (!EVENTS.has(ctx.eventName)) return;
  const branch = defaultBranchOf(ctx.payload);
  if (ctx.eventName === "push" && branch && ctx.payload["ref"] !== `refs/heads/${branch}`) return;
  const now = options.at ? await instantInput(ctx.workspace, options.at, 'Input "at"') : ctx.now;
  const since = now.minus({ days: LOOK_BACK_DAYS }).toUTC().toISO()!;
  const until = now.toUTC().toISO()!;
  const { commits } = await commitsChanging(ctx.octokit, ctx.repo, ROTATIONS_DIR, since, until);
  const work = commits.slice(0, MAX_COMMITS_PER_RUN);
  const lines: string[] = [];
  const pulls = new Map<number, { pull: MergedPull; commits: ListedCommit[] }>();
  for (const commit of work) {
    const pull = await mergedPullOfCommit(ctx.octokit, ctx.repo, commit.sha, branch);
    if (!pull) {
      lines.push(
        `${commit.sha.slice(0, 7)} was pushed without a pull request: there is no conversation to tell people in, ` +
          "so nobody whose shifts it moved is told. Change rotations/ through pull requests.",
      );
      continue;
    }
    const entry = pulls.get(pull.number) ?? { pull, commits: [] };
    entry.commits.push(commit);
    pulls.set(pull.number, entry);
  }
  const listed = new Map(commits.map((c) => [c.sha, c]));
  // A push's own merge commit, when the list lacks its pull request: a merge commit is left out of a
  // path's history, and its branch's commits are dated when written, which may be before the window.
  const pushed = ctx.eventName === "push" ? ctx.payload["after"] : undefined;
  const known = (sha: string) => listed.has(sha) || [...pulls.values()].some((p) => p.pull.mergeCommitSha === sha);
  const isMerge = async (sha: string) => (await recordedParents(ctx.workspace, sha)).length > 1;
  if (typeof pushed === "string" && SHA.test(pushed) && !known(pushed) && (await isMerge(pushed))) {
    const pull = await mergedPullOfCommit(ctx.octokit, ctx.repo, pushed, branch);
    if (pull && !pulls.has(pull.number)) pulls.set(pull.number, { pull, commits: [] });
  }
  const ordered = [...pulls.values()].sort(
    (a, b) => Date.parse(a.pull.mergedAt) - Date.parse(b.pull.mergedAt) || a.pull.number - b.pull.number,
  );
  const botLogin = options.botLogin || DEFAULT_BOT_LOGIN;
  for (const { pull, commits: own } of ordered)
    lines.push(await tellPull(ctx, { pull, own, listed, now, token: options.token || undefined, botLogin }));
  if (commits.length > work.length)
    lines.push(
      `${commits.length - work.length} more commit(s) that changed ${ROTATIONS_DIR}/ wait for the next run ` +
        `(at most ${MAX_COMMITS_PER_RUN} per run).`,
    );
  if (lines.length === 0) {
    core.info(`No merged change to ${ROTATIONS_DIR}/ since ${since}: no shifts moved.`);
    return;
  }
  for (const line of lines) core.info(line);
  await core.summary.addHeading(HEADING, 3).addList(lines).write();
}

/** One merged pull request: compares before and after its merge and tells once; returns the summary line. */
async function tellPull(
  ctx: ActionContext,
  input: {
    pull: MergedPull;
    /** Its commits among the listed ones, oldest first. */
    own: ListedCommit[];
    listed: ReadonlyMap<string, ListedCommit>;
    now: DateTime;
    token: string | undefined;
    botLogin: string;
  },
): Promise<string> {
  const { pull, own, listed, token } = input;
  const after = pull.mergeCommitSha;
  if (!after) return `#${pull.number} names no merge commit, so the shifts it moved cannot be told.`;
  // Just before the merge: a merge commit's first parent; for a squash or rebase merge (one parent),
  // the parent of its oldest commit that changed rotations/ (the earlier ones of a rebase are its own).
  const parents = listed.get(after)?.parents ?? (await parentsOf(ctx.octokit, ctx.repo, after));
  const before = parents.length > 1 ? parents[0] : (own[0]?.parents[0] ?? parents[0]);
  if (!before) return `#${pull.number}'s merge has no parent to compare with; nobody is told.`;
  const auth = { ...(token && { token }) };
  const present = await fetchCommits(ctx.workspace, [before, after], auth);
  if (!present.has(before) || !present.has(after)) {
    core.warning(
      `Could not read commits ${before.slice(0, 7)} and ${after.slice(0, 7)} with git, so people whose shifts ` +
        `#${pull.number} moved are not told. The workspace must be a git checkout of the repository.`,
    );
    return `#${pull.number}: its commits could not be read with git; nobody is told.`;
  }
  const [old, now] = await Promise.all([
    loadRotationsAt(ctx.workspace, before, auth),
    loadRotationsAt(ctx.workspace, after, auth),
  ]);
  if (ROTATION_FILES.every((p) => old.texts.get(p) === now.texts.get(p)))
    return `#${pull.number} did not change the rotation files: no shifts moved.`;
  const readable = (d: RevisionData) => NEEDED_ROTATION_KINDS.every((k) => d.present.has(k));
  if (!readable(old) || !readable(now))
    return `The rotation files before or after #${pull.number} cannot be read, so moved shifts cannot be told.`;

  const at = instantOf(pull.mergedAt, input.now);
  const sides = { before: sideOf(old), after: sideOf(now), at, author: pull.author };
  // Nobody's future time moved (an appended publication, a past correction): no more calls.
  if (movedShifts({ ...sides, approvers: [] }).length === 0)
    return `#${pull.number} moves nobody's published shifts from ${at.toUTC().toISO()} on.`;
  const approvers = approversOf(await listPullReviews(ctx.octokit, ctx.repo, pull.number));
  if (movedShifts({ ...sides, approvers }).length === 0)
    return `Everyone whose shifts #${pull.number} moved opened or approved it; nobody to tell.`;
  const comments = await listIssueComments(ctx.octokit, ctx.repo, pull.number);
  // Only our own account's comment counts: another bot (or a person) pasting the marker silences nothing.
  const ours = (login: string | undefined) => login?.toLowerCase() === input.botLogin.toLowerCase();
  const posted = comments.some((c) => hasMarker(c.body, SHIFT_CHANGES_KEY) && ours(c.author?.login));
  const plan = planShiftChangeNotice({ ...sides, approvers, pull: pull.number, posted });
  const told = plan.people.map((p) => `@${p.login}`).join(", ");
  let line = `#${pull.number}: could not post the notice to ${told}.`;
  await carryOut(ctx, plan.effects, {
    known: { comments: new Map([[pull.number, comments]]) },
    // Only our account's comment may be taken for ours (never edited: another app's marker is not ours).
    trustedAuthors: [input.botLogin],
    summary: (o) => {
      if (posted) line = `#${pull.number} already tells ${told} (an earlier run's comment).`;
      else if (o.dryRun) line = `Dry run; would tell ${told} on #${pull.number}.`;
      else if (o.failure === undefined) line = `Told ${told} on #${pull.number}: ${pull.url}`;
    },
  });
  return line;
}

/** An ISO instant from the API, or `fallback` when it cannot be read. */
function instantOf(iso: string, fallback: DateTime): DateTime {
  const parsed = DateTime.fromISO(iso, { zone: "utc" });
  return parsed.isValid ? parsed : fallback;
}
