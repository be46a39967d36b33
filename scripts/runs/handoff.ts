/**
 * One run of the `handoff` action (SPEC section 8): posts every handoff phase that fell due since the
 * last run, in order, each once: the reminder that opens a handoff's issue (`reminderHours` before),
 * then at the handoff the summary of the outgoing shift, the outgoing person's assignment, the previous
 * handoff issue closed, the chat message, and the "whoever is on call" team updated (add, then remove).
 *
 * GitHub requests per run: one listing of the handoff issues, one search of the open incidents when a
 * summary is due, at most three writes per phase posted, and two team requests per layer handing over
 * when a team is kept. What is done is read back from the markers in the issues, so a rerun, a late
 * run or a run after days of skipped ones posts each phase once; the workflow's concurrency group keeps
 * two runs from overlapping.
 */
import * as core from "@actions/core";
import type { DateTime } from "luxon";
import {
  handoffChatMessage,
  handoffSummary,
  handoffSummaryMarkdown,
  layerHandoffsBetween,
  minutesText,
  openIncidentOf,
  phaseName,
  planHandoffRun,
  previousLayerHandoff,
  scheduleLateness,
  whenIn,
  type DuePhase,
  type HandoffRunPlan,
  type HandoffView,
  type OpenIncident,
} from "../core/handoff/index.js";
import type { IssueTarget, Organisation } from "../core/model/index.js";
import { coverageWindow } from "../core/schedule/index.js";
import { NO_HOLIDAYS, type HolidayCalendar } from "../core/slo/index.js";
import { repositoryUrl, type ActionContext } from "../github/action-context.js";
import type { AppliedEffect } from "../github/effects.js";
import { listActiveIncidents, listHandoffIssues } from "../github/handoff-issues.js";
import { DEFAULT_BOT_LOGIN } from "../github/incident-thread.js";
import { clientOptionsFromEnv, createGitHubClient } from "../github/octokit.js";
import { parseTeam, syncTeam } from "../github/team-sync.js";
import { sendChatMessages } from "./chat.js";
import { loadHolidayCalendar } from "../repo/holidays.js";
import { instantInput } from "../repo/instant-input.js";
import { loadForCommand } from "../repo/load-for-command.js";
import { carryOut } from "./carry-out.js";

/** The `handoff` action's inputs as given (empty when not set). */
export interface HandoffInputs {
  /** Slack-compatible webhook that receives each handoff summary (the SLO check's secret). */
  webhookUrl: string;
  /** `org/team-slug` of the team kept equal to the people on call; empty: no team. */
  oncallTeam: string;
  /** A token that may manage the organisation's teams (GitHub App); empty: the team is skipped. */
  teamToken: string;
  /** The login this action writes as; only its handoff issues count (default github-actions[bot]). */
  botLogin: string;
  /** Replaces the clock: for tests and replays only. */
  at: string;
}

/** Posts what is due (see the module comment). */
export async function runHandoff(ctx: ActionContext, inputs: HandoffInputs): Promise<void> {
  if (inputs.webhookUrl) core.setSecret(inputs.webhookUrl);
  if (inputs.teamToken) core.setSecret(inputs.teamToken);
  if (inputs.oncallTeam) parseTeam(inputs.oncallTeam); // a typo fails before anything is written
  const now = inputs.at ? await instantInput(ctx.workspace, inputs.at, 'Input "at"') : ctx.now;
  const { org } = await loadForCommand(ctx.workspace, now, "all", { markdownRules: false });
  const botLogin = (inputs.botLogin.trim() || DEFAULT_BOT_LOGIN).toLowerCase();
  const listed = await listHandoffIssues(ctx.octokit, ctx.repo, (a) => a?.login.toLowerCase() === botLogin);
  const settings = {
    reminderHours: org.rotation.handoff.reminderHours,
    catchUpDays: org.rotation.handoff.catchUpDays,
    checklist: org.rotation.handoff.checklist,
  };
  // Holidays matter only to a phase's text (off-hours time): most runs post nothing and never load them.
  // A plan that asked for a view is made again with the real calendar, so the result is the same.
  let calendar: HolidayCalendar | undefined;
  let viewed = false;
  const holidays = (): HolidayCalendar => calendar ?? ((viewed = true), NO_HOLIDAYS);
  const repoUrl = repositoryUrl(ctx);
  const planWith = (open: readonly OpenIncident[]) =>
    planHandoffRun({
      now,
      zone: org.rotation.timezone,
      layers: org.rotation.layers.map((l) => l.name),
      handoffsOf: (layer, from, to) => handoffsOf(org, layer, from, to),
      previousOf: (layer, at) => previousOf(org, layer, at),
      view: (layer, at) => viewOf(org, layer, at, open, holidays(), repoUrl),
      ...settings,
      issues: listed.issues,
      onCallNow: onCallAt(org, now),
    });
  let plan = planWith([]);
  if (viewed) {
    calendar = await loadHolidayCalendar();
    plan = planWith([]);
  }
  // The open incidents matter only to a summary: one search, and only when one is due.
  if (plan.due.some((p) => p.kind === "at-handoff"))
    plan = planWith((await listActiveIncidents(ctx.octokit, ctx.repo)).map(openIncidentOf));

  const team = teamStep(inputs, plan);
  const chatLines = inputs.webhookUrl ? plan.chats.map((c) => `chat message for the ${c.layer} handoff`) : [];
  const { dryRun, applied } = await carryOut(ctx, plan.effects, {
    known: { issues: listed.snapshots },
    trustedAuthors: [botLogin],
    alsoPlanned: [...chatLines, ...team.planned],
    summary: (o, summary) => summary.addRaw(jobSummary(ctx, now, plan, team.line, o.dryRun, org.rotation.timezone)),
  });
  core.setOutput("phases", plan.due.length);
  core.setOutput("caught-up", plan.stale.length);
  if (dryRun) return;
  const undelivered = await sendChats(inputs.webhookUrl, plan, applied, org.rotation.timezone);
  if (team.run) for (const line of await team.run()) core.info(line);
  if (undelivered > 0)
    core.setFailed(`${undelivered} handoff chat message(s) could not be delivered; the summaries are on GitHub.`);
}

/** Everyone on call at `now` in any layer (effective coverage: overrides and fallbacks applied). */
function onCallAt(org: Organisation, now: DateTime): string[] {
  const { segments } = coverageWindow({
    config: org.rotation,
    people: org.people,
    shifts: org.shifts,
    overrides: org.overrides,
    from: now,
    to: now.plus({ minutes: 1 }),
  });
  const ms = now.toMillis();
  return segments.filter((s) => s.start.toMillis() <= ms && s.end.toMillis() > ms).map((s) => s.login);
}

/** The layer's handoffs in [from, to), holiday-period slot edges included. */
function handoffsOf(org: Organisation, layer: string, from: DateTime, to: DateTime): DateTime[] {
  return layerHandoffsBetween(org, from, to, layer).map((h) => h.at);
}

/** The layer's handoff strictly before `at`. */
function previousOf(org: Organisation, layer: string, at: DateTime): DateTime {
  return previousLayerHandoff(org, { layer, at, shiftLayer: layer }).at;
}

/** The people, report and summary of one handoff, from the core summary (scripts/core/handoff/summary.ts). */
function viewOf(
  org: Organisation,
  layer: string,
  at: DateTime,
  open: readonly OpenIncident[],
  calendar: HolidayCalendar,
  repoUrl: string,
): HandoffView {
  const summary = handoffSummary({
    org,
    layer,
    at,
    records: org.incidents,
    openIncidents: open,
    postmortems: org.postmortems,
    calendar,
    repoUrl,
  });
  const zones = new Map(org.people.map((p) => [p.login.toLowerCase(), p.timezone]));
  const person = (login: string | null) => {
    const timezone = login ? zones.get(login.toLowerCase()) : undefined;
    return { login: login ?? "", ...(timezone ? { timezone } : {}) };
  };
  const { opened, resolved, active } = summary.incidents;
  return {
    outgoing: person(summary.outgoing),
    incoming: person(summary.incoming),
    report: summary.report,
    summary: () => handoffSummaryMarkdown(summary, org),
    highlights: () => [
      `${opened.length} incident(s) opened, ${resolved.length} resolved, ${active.length} still open`,
      ...(summary.postmortemsDue.length > 0 ? [`${summary.postmortemsDue.length} postmortem(s) due`] : []),
      ...(summary.unfilled.length > 0 ? [`${summary.unfilled.length} unfilled shift(s) in the next 14 days`] : []),
    ],
  };
}

/** Sends the chat message of each summary this run wrote; returns how many failed. */
async function sendChats(
  url: string,
  plan: HandoffRunPlan,
  applied: readonly AppliedEffect[],
  zone: string,
): Promise<number> {
  if (!url) return 0;
  const messages = plan.chats.flatMap((chat) => {
    const written = appliedTo(applied, chat.issue);
    if (!written) return [];
    const payload = handoffChatMessage(
      { layer: chat.layer, at: chat.at, zone, ...chat.view },
      written.url ?? "",
      chat.view.highlights?.() ?? [],
    );
    return [{ about: `the ${chat.layer} handoff`, payload }];
  });
  return sendChatMessages(url, messages);
}

/** The write of this run that put a summary into `issue` (created or updated), if there was one. */
function appliedTo(applied: readonly AppliedEffect[], issue: IssueTarget): AppliedEffect | undefined {
  return applied.find((a) =>
    typeof issue === "number"
      ? a.effect.kind === "update-issue" && a.effect.issue === issue && a.outcome === "updated"
      : a.effect.kind === "create-issue" && a.effect.key === issue.createdBy && a.outcome === "created",
  );
}

/** What the team step will do: a line for the job summary, the dry run's lines, and the work. */
function teamStep(
  inputs: HandoffInputs,
  plan: HandoffRunPlan,
): { line: string; planned: string[]; run?: () => Promise<string[]> } {
  const { add, remove } = plan.team;
  if (!inputs.oncallTeam) return { line: "", planned: [] };
  if (add.length === 0 && remove.length === 0)
    return { line: `Team ${inputs.oncallTeam}: no handoff in this run, unchanged.`, planned: [] };
  const change = `add ${add.join(", ") || "nobody"}, then remove ${remove.join(", ") || "nobody"}`;
  if (!inputs.teamToken)
    return {
      line:
        `Team ${inputs.oncallTeam} skipped (${change}): no organisation-scoped token. ` +
        "Give the workflow a GitHub App with organisation Members write access (input team-token).",
      planned: [],
    };
  const octokit = createGitHubClient({ token: inputs.teamToken, ...clientOptionsFromEnv() });
  return {
    line: `Team ${inputs.oncallTeam}: ${change}.`,
    planned: [`team ${inputs.oncallTeam}: ${change}`],
    run: () => syncTeam(octokit, inputs.oncallTeam, plan.team),
  };
}

function phaseLine(p: DuePhase, now: DateTime, zone: string): string {
  const late = Math.max(0, Math.floor(now.diff(p.dueAt).as("minutes")));
  const due = p.dueAt.toUTC().toFormat("ccc d LLL HH:mm");
  const what = `${p.layer} ${phaseName(p.kind)} of the handoff ${whenIn(p.handoff, zone)}`;
  return `${what}: due ${due} UTC, posted ${minutesText(late)} after`;
}

/** The job summary: lateness against the schedule, the phases posted, the catch-up, the team. */
function jobSummary(
  ctx: ActionContext,
  now: DateTime,
  plan: HandoffRunPlan,
  team: string,
  dryRun: boolean,
  zone: string,
): string {
  const { slot, minutes } = scheduleLateness(now);
  const lateness =
    `Started ${minutesText(minutes)} after the ${slot.toFormat("HH:mm")} UTC slot of the schedule` +
    (ctx.eventName === "schedule"
      ? " (the latest slot: GitHub does not say which slot a late run was meant for)."
      : ` (this run was started by ${ctx.eventName}, not by the schedule).`);
  return [
    `## Handoffs${dryRun ? " (dry run, nothing posted)" : ""}`,
    "",
    lateness,
    "",
    ...(plan.due.length > 0 ? plan.due.map((p) => `- ${phaseLine(p, now, zone)}`) : ["Nothing due."]),
    ...(plan.stale.length > 0
      ? ["", `Caught up on one line (older than the catch-up limit): ${plan.stale.length} phase(s).`]
      : []),
    ...(team ? ["", team] : []),
    "",
  ].join("\n");
}
