/**
 * The `schedule` action: keeps the on-call schedule published ahead (one pull request, updated on
 * every run until merged), announces a merged publication once, and writes the calendar feed site for
 * GitHub Pages. The workspace must be a checkout of the base branch. Everything it decides comes from
 * `planSchedulePublication`; this file reads inputs, gathers facts, applies and reports.
 */
import * as core from "@actions/core";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { DateTime } from "luxon";
import { loadForCommand } from "../repo/load-for-command.js";
import { calendarFeedSite, personFeedPath, siteUrl } from "../core/schedule/index.js";
import { UserError } from "../core/model/index.js";
import { planSchedulePublication, PUBLICATION_BRANCH, SCHEDULE_FILE, type MergedPublication } from "../core/schedule/index.js";
import { actionContext, type ActionContext } from "../github/action-context.js";
import { applyEffects, describePlan } from "../github/apply-effects.js";
import { callGitHub, GitHubApiError } from "../github/github-error.js";
import { runAction } from "../github/run-action.js";
import { appendShifts, editShifts } from "../repo/schedule-file.js";

runAction(async () => {
  const ctx = actionContext();
  // `at` replaces the clock, for tests and for replaying a run; workflows leave it empty.
  const now = instantInput("at") ?? ctx.now;
  const horizon = core.getInput("horizon-weeks");
  const horizonWeeks = horizon ? Number(horizon) : undefined;
  if (horizonWeeks !== undefined && !(Number.isInteger(horizonWeeks) && horizonWeeks > 0)) throw new UserError(`horizon-weeks must be a whole number of weeks above 0, not "${horizon}".`);
  const base = core.getInput("base-branch") || undefined;
  const calendarsUrl = core.getInput("calendars-url") || undefined;

  const { org } = await loadForCommand(ctx.workspace, now, "rotations", { firstPublication: true });
  const zone = org.rotation.timezone;
  const text = await readFile(join(ctx.workspace, SCHEDULE_FILE), "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw err;
  });
  const merged = await github(() => lastMergedPublication(ctx, base));
  const plan = planSchedulePublication({
    org,
    renderSchedule: (edits, added) => appendShifts(text === null ? null : editShifts(text, edits, zone), added, zone),
    now,
    ...(horizonWeeks !== undefined ? { horizonWeeks } : {}),
    ...(base ? { base } : {}),
    merged,
    ...(calendarsUrl ? { feedUrl: (login: string) => siteUrl(calendarsUrl, personFeedPath(login)), feedsPage: calendarsUrl } : {}),
  });
  for (const line of plan.log) core.info(line);

  const summary = core.summary.addHeading("On-call schedule", 2);
  if (plan.effects.length === 0) summary.addRaw("Nothing to publish or announce.", true);
  else if (ctx.dryRun) {
    core.info("Dry run: the plan, not applied:");
    for (const line of describePlan(plan.effects)) core.info(line);
    summary.addRaw("Dry run; would:", true).addList(describePlan(plan.effects));
  } else {
    const applied = await github(() => applyEffects(ctx.octokit, ctx.repo, plan.effects, { logger: ctx.logger }));
    summary.addList(applied.map((a) => (a.url ? `${a.summary}: ${a.url}` : a.summary)));
    const pull = applied.find((a) => a.effect.kind === "commit-file")?.number;
    const announcement = applied.find((a) => a.effect.kind === "create-issue")?.number;
    if (pull !== undefined) core.setOutput("pull-request", pull);
    if (announcement !== undefined) core.setOutput("announcement", announcement);
  }
  if (plan.publication) core.setOutput("published-through", plan.publication.window.through);

  const dir = resolve(core.getInput("calendars-dir") || join(process.env.RUNNER_TEMP ?? ctx.workspace, "oncall-calendars"));
  const site = calendarFeedSite({ org, now, ...(calendarsUrl ? { baseUrl: calendarsUrl } : {}) });
  for (const file of site) {
    await mkdir(dirname(join(dir, file.path)), { recursive: true });
    await writeFile(join(dir, file.path), file.content);
  }
  core.setOutput("calendars-dir", dir);
  core.info(`Wrote ${site.length - 1} calendar feed(s) to ${dir}.`);
  await summary.addRaw(`Calendar feeds: ${site.length - 1}${calendarsUrl ? `, served at ${calendarsUrl}` : ""}.`, true).write();
});

/** An ISO-8601 instant input (with offset), or undefined when empty. */
function instantInput(name: string): DateTime | undefined {
  const raw = core.getInput(name);
  if (!raw) return undefined;
  const at = DateTime.fromISO(raw, { setZone: true });
  if (!at.isValid || !/([zZ]|[+-]\d\d:?\d\d)$/.test(raw)) throw new UserError(`${name} must be an ISO-8601 instant with an offset, like 2027-01-01T12:00:00Z; got "${raw}".`);
  return at;
}

/** GitHub failures are the user's to fix (token, permissions, rate limits): a clear message, no stack. */
async function github<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GitHubApiError) throw new UserError(error.message);
    throw error;
  }
}

/** The most recently merged pull request from the publication branch (among the last 30 closed). */
async function lastMergedPublication(ctx: ActionContext, base: string | undefined): Promise<MergedPublication | null> {
  const { data } = await callGitHub("look for the last merged schedule publication", () =>
    ctx.octokit.rest.pulls.list({ ...ctx.repo, state: "closed", head: `${ctx.repo.owner}:${PUBLICATION_BRANCH}`, sort: "updated", direction: "desc", per_page: 30, ...(base ? { base } : {}) }),
  );
  const pull = data.filter((p) => p.merged_at).sort((a, b) => Date.parse(b.merged_at!) - Date.parse(a.merged_at!))[0];
  return pull ? { number: pull.number, title: pull.title, body: pull.body, url: pull.html_url } : null;
}
