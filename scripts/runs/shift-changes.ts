/**
 * "Your shifts changed", the schedule action's part on a push to the default branch: compares the
 * rotation files before and after the push (read with `git show` as data), finds the merged pull
 * request the pushed commit came from, and posts one comment there mentioning each person whose
 * published future time moved and who neither opened nor approved it, with their shifts before and
 * after in their own zone. The decision is `planShiftChangeNotice` (core/trade); this gathers the facts.
 *
 * Once only: a rerun that finds the comment (its marker, by a bot) posts nothing. A direct push without
 * a pull request tells nobody: there is no conversation to put the notice in (the job summary says so).
 *
 * API calls: none when rotations/ did not change; else one (the pull request of the commit), and when
 * someone's time moved, one to list reviews, one to list comments and at most one comment.
 */
import * as core from "@actions/core";
import { DateTime } from "luxon";
import { NEEDED_ROTATION_KINDS, ROTATION_FILES } from "../core/model/index.js";
import { approversOf, movedShifts, planShiftChangeNotice, SHIFT_CHANGES_KEY } from "../core/trade/index.js";
import type { TradeSide } from "../core/trade/index.js";
import type { ActionContext } from "../github/action-context.js";
import { hasMarker } from "../github/markers.js";
import { listIssueComments, listPullReviews, mergedPullOfCommit } from "../github/pull-requests.js";
import { fetchCommits, loadRotationsAt, type RevisionData } from "../repo/revision.js";
import { instantInput } from "../repo/instant-input.js";
import { carryOut } from "./carry-out.js";

const SHA = /^[0-9a-f]{40}$/i;

/** The push's commits from its payload (`before`/`after`), when both name one. */
function pushedRange(payload: Record<string, unknown>): { before: string; after: string } | undefined {
  const before = typeof payload["before"] === "string" ? payload["before"] : "";
  const after = typeof payload["after"] === "string" ? payload["after"] : "";
  // A new branch has no `before` (forty zeros): nothing was published on it before.
  if (!SHA.test(before) || !SHA.test(after) || /^0+$/.test(before)) return undefined;
  return { before, after };
}

const sideOf = (d: RevisionData): TradeSide => ({
  shifts: d.org.shifts,
  overrides: d.org.overrides,
  people: d.org.people,
  config: d.org.rotation,
});

async function note(line: string): Promise<void> {
  core.info(line);
  await core.summary.addHeading("Shifts changed by this push", 3).addRaw(line, true).write();
}

/**
 * Tells the people whose shifts the push moved (see the module comment). `at` replaces the merge time
 * (tests and replays); `token` fetches the commit before the push and its blobs when the checkout is
 * shallow or partial.
 */
export async function tellMovedShifts(ctx: ActionContext, options: { at: string; token: string }): Promise<void> {
  if (ctx.eventName !== "push") return;
  const range = pushedRange(ctx.payload);
  if (!range) return note("The push names no earlier commit to compare with; nobody is told of moved shifts.");
  const token = options.token || undefined;
  const present = await fetchCommits(ctx.workspace, [range.before, range.after], { ...(token && { token }) });
  if (!present.has(range.before) || !present.has(range.after)) {
    core.warning(
      `Could not read commits ${range.before.slice(0, 7)} and ${range.after.slice(0, 7)} with git, so people ` +
        "whose shifts this push moved are not told. The workspace must be a git checkout of the pushed commit.",
    );
    return;
  }
  const [old, now] = await Promise.all([
    loadRotationsAt(ctx.workspace, range.before, { ...(token && { token }) }),
    loadRotationsAt(ctx.workspace, range.after, { ...(token && { token }) }),
  ]);
  if (ROTATION_FILES.every((p) => old.texts.get(p) === now.texts.get(p))) {
    core.info("rotations/ did not change in this push: no shifts moved.");
    return;
  }
  const readable = (d: RevisionData) => NEEDED_ROTATION_KINDS.every((k) => d.present.has(k));
  if (!readable(old) || !readable(now))
    return note("The rotation files before or after this push cannot be read, so moved shifts cannot be told.");

  const pull = await mergedPullOfCommit(ctx.octokit, ctx.repo, range.after);
  if (!pull)
    return note(
      `${range.after.slice(0, 7)} was pushed without a pull request: there is no conversation to tell people in, so ` +
        "nobody whose shifts moved is told. Change rotations/ through pull requests.",
    );
  const at: DateTime = options.at
    ? await instantInput(ctx.workspace, options.at, 'Input "at"')
    : instantOf(pull.mergedAt, ctx.now);
  const sides = { before: sideOf(old), after: sideOf(now), at, author: pull.author };
  // Nobody's future time moved (an appended publication, a past correction): no more calls.
  if (movedShifts({ ...sides, approvers: [] }).length === 0)
    return note(`#${pull.number} moves nobody's published shifts from ${at.toUTC().toISO()} on.`);
  const approvers = approversOf(await listPullReviews(ctx.octokit, ctx.repo, pull.number));
  if (movedShifts({ ...sides, approvers }).length === 0)
    return note(`Everyone whose shifts #${pull.number} moved opened or approved it; nobody to tell.`);
  const comments = await listIssueComments(ctx.octokit, ctx.repo, pull.number);
  const posted = comments.some((c) => hasMarker(c.body, SHIFT_CHANGES_KEY) && c.author?.type === "Bot");
  const plan = planShiftChangeNotice({ ...sides, approvers, pull: pull.number, posted });
  const told = plan.people.map((p) => `@${p.login}`).join(", ");
  await carryOut(ctx, plan.effects, {
    known: { comments: new Map([[pull.number, comments]]) },
    summary: (o, summary) => {
      summary.addHeading("Shifts changed by this push", 3);
      if (posted) summary.addRaw(`#${pull.number} already tells ${told} (an earlier run's comment).`, true);
      else if (o.dryRun) summary.addRaw(`Dry run; would tell ${told} on #${pull.number}.`, true);
      else if (o.failure === undefined) summary.addRaw(`Told ${told} on #${pull.number}: ${pull.url}`, true);
    },
  });
}

/** An ISO instant from the API, or `fallback` when it cannot be read. */
function instantOf(iso: string, fallback: DateTime): DateTime {
  const parsed = DateTime.fromISO(iso, { zone: "utc" });
  return parsed.isValid ? parsed : fallback;
}
