/**
 * One run of the `schedule` action: keeps the on-call schedule published ahead (one pull request,
 * updated on every run until merged), announces a merged publication once, writes the site for
 * GitHub Pages (the dashboard of `oncall site` with the calendar feeds next to it), and tells people
 * whose published shifts lately merged changes moved (runs/shift-changes.ts). The workspace must be a
 * checkout of the base branch. Everything it decides comes from `planSchedulePublication`; this run
 * gathers the facts, carries the plan out and reports.
 */
import { instantInput } from "../repo/instant-input.js";
import * as core from "@actions/core";
import { join, resolve } from "node:path";
import { UserError } from "../core/model/index.js";
import { calendarFeedSite, personFeedPath, siteUrl } from "../core/calendar/index.js";
import { planSchedulePublication, PUBLICATION_BRANCH } from "../core/schedule/index.js";
import type { ActionContext } from "../github/action-context.js";
import { lastMergedPullFrom } from "../github/pull-requests.js";
import { loadForCommand } from "../repo/load-for-command.js";
import { loadHolidayCalendar } from "../repo/holidays.js";
import { readScheduleText, writeSiteFiles } from "../repo/publication-files.js";
import { appendShifts, editShifts } from "../repo/schedule-file.js";
import { carryOut } from "./carry-out.js";
import { tellMovedShifts } from "./shift-changes.js";

/** The `schedule` action's inputs as given (empty when not set). */
export interface ScheduleInputs {
  /** Replaces the clock (tests and replays); an ISO-8601 instant with an offset. */
  at: string;
  /** How far ahead to publish, in whole weeks (default: the core's). */
  horizonWeeks: string;
  /** Branch the publication targets (default: the repository's default branch). */
  baseBranch: string;
  /** Where the calendar feed site is served, when it is. */
  calendarsUrl: string;
  /** Where to write the feed site (default `$RUNNER_TEMP/oncall-calendars`). */
  calendarsDir: string;
  /** The token git fetches the commit before a push with (shallow or partial checkouts); may be empty. */
  fetchToken?: string;
  /**
   * The account this action writes as (`github-actions[bot]` with GITHUB_TOKEN, `<app-slug>[bot]` with
   * an App's token): only its marked comment counts as an earlier "your shifts changed" notice. Empty
   * for the default.
   */
  botLogin?: string;
}

/** Publishes, announces and writes the feeds (see the module comment). */
export async function runSchedule(ctx: ActionContext, inputs: ScheduleInputs): Promise<void> {
  // `at` replaces the clock, for tests and for replaying a run; workflows leave it empty.
  const now = inputs.at ? await instantInput(ctx.workspace, inputs.at, 'Input "at"') : ctx.now;
  const horizon = inputs.horizonWeeks;
  const horizonWeeks = horizon ? Number(horizon) : undefined;
  if (horizonWeeks !== undefined && !(Number.isInteger(horizonWeeks) && horizonWeeks > 0))
    throw new UserError(`horizon-weeks must be a whole number of weeks above 0, not "${horizon}".`);
  const base = inputs.baseBranch || undefined;
  const calendarsUrl = inputs.calendarsUrl || undefined;

  // Everything, not only rotations/: the dashboard shows incidents too (only rotation errors block the run).
  const { org } = await loadForCommand(ctx.workspace, now, "all", {
    firstPublication: true,
    markdownRules: false,
  });
  const zone = org.rotation.timezone;
  const text = await readScheduleText(ctx.workspace);
  const merged = await lastMergedPullFrom(ctx.octokit, ctx.repo, PUBLICATION_BRANCH, base);
  const plan = planSchedulePublication({
    org,
    renderSchedule: (edits, added) => appendShifts(text === null ? null : editShifts(text, edits, zone), added, zone),
    now,
    ...(horizonWeeks !== undefined ? { horizonWeeks } : {}),
    ...(base ? { base } : {}),
    merged,
    ...(calendarsUrl
      ? { feedUrl: (login: string) => siteUrl(calendarsUrl, personFeedPath(login)), feedsPage: calendarsUrl }
      : {}),
  });
  for (const line of plan.log) core.info(line);

  const { applied } = await carryOut(ctx, plan.effects, {
    summary: (o, summary) => {
      if (o.failure !== undefined) return;
      summary.addHeading("On-call schedule", 2);
      if (plan.effects.length === 0) summary.addRaw("Nothing to publish or announce.", true);
      else if (o.dryRun) summary.addRaw("Dry run; would:", true).addList(o.planned);
      else summary.addList(o.applied.map((a) => (a.url ? `${a.summary}: ${a.url}` : a.summary)));
    },
  });
  const pull = applied.find((a) => a.effect.kind === "commit-file")?.number;
  const announcement = applied.find((a) => a.effect.kind === "create-issue")?.number;
  if (pull !== undefined) core.setOutput("pull-request", pull);
  if (announcement !== undefined) core.setOutput("announcement", announcement);
  if (plan.publication) core.setOutput("published-through", plan.publication.window.through);

  const dir = resolve(inputs.calendarsDir || join(process.env.RUNNER_TEMP ?? ctx.workspace, "oncall-calendars"));
  const feeds = calendarFeedSite({ org, now, ...(calendarsUrl ? { baseUrl: calendarsUrl } : {}) });
  // The dashboard (oncall site) is the site's front page; its People pages list the feeds, so the feeds'
  // own index page is left out. Loaded only here: its chart library is heavy.
  const { dashboardSite } = await import("../core/site/index.js");
  const holidays = await loadHolidayCalendar();
  const pages = dashboardSite({ org, at: now, holidays, ...(calendarsUrl ? { baseUrl: calendarsUrl } : {}) });
  await writeSiteFiles(dir, [...pages, ...feeds.filter((f) => f.path !== "index.html")]);
  core.setOutput("calendars-dir", dir);
  core.info(`Wrote the dashboard (${pages.length} files) and ${feeds.length - 1} calendar feed(s) to ${dir}.`);
  await core.summary
    .addRaw(
      `Dashboard and calendar feeds: ${feeds.length - 1} feed(s)${calendarsUrl ? `, served at ${calendarsUrl}` : ""}.`,
      true,
    )
    .write();

  // Last, so a failure here leaves the publication and the feeds done: tell the people whose published
  // shifts lately merged changes moved (every run catches up, not only a push's).
  await tellMovedShifts(ctx, {
    at: inputs.at,
    token: inputs.fetchToken ?? "",
    ...(inputs.botLogin?.trim() ? { botLogin: inputs.botLogin.trim() } : {}),
  });
}
