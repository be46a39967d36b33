/**
 * One run of the daily `postmortem` action (SPEC section 7): reminders for overdue drafts and for
 * postmortems without a review meeting, the agenda issue before each meeting, the announcement of a
 * final postmortem of the top severity, follow-up issues for action items without one (and the pull
 * request writing their links back), and one review issue per playbook that is due.
 *
 * Scheduled runs start late or not at all, so nothing here depends on when the run starts: each run
 * handles everything still undone at `now`, and "once" or "once a day" is decided from what is on
 * GitHub (marker comments and issues, and their creation times). Shape: load -> read -> plan ->
 * apply -> chat -> write-back -> summary. Every write is a courtesy: one that fails is reported and
 * the rest still happen; the run then fails so the failure is seen, and the next run catches up.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as core from "@actions/core";
import type { DateTime } from "luxon";
import { incidentOrgView } from "../core/incident/index.js";
import { labelSpec } from "../core/incident/index.js";
import type { Effect } from "../core/model/index.js";
import {
  actionItemIssues,
  AGENDA_LABEL,
  ANNOUNCEMENT_LABEL,
  pendingActionItems,
  planAgendas,
  planAnnouncements,
  planReminders,
  postmortemFacts,
  remindable,
  reviewMeetings,
  writeBackEffect,
  writeBackFiles,
  type Announcement,
  type MarkedComment,
} from "../core/postmortem/index.js";
import {
  PLAYBOOK_REVIEW_LABEL,
  planPlaybookReviews,
  playbookReviewKeyIn,
  stalePlaybooks,
} from "../core/playbook/index.js";
import { repositoryUrl, type ActionContext } from "../github/action-context.js";
import type { CommentSnapshot } from "../github/apply-context.js";
import type { AppliedEffect } from "../github/effects.js";
import { DEFAULT_BOT_LOGIN } from "../github/incident-thread.js";
import { openLabelledIssues, readMarkedComments } from "../github/postmortem-reads.js";
import { sendChatMessages } from "./chat.js";
import { instantInput } from "../repo/instant-input.js";
import { loadForCommand } from "../repo/load-for-command.js";
import { carryOut } from "./carry-out.js";

/** The `postmortem` action's inputs as given (empty when not set). */
export interface PostmortemInputs {
  /** Where announcements go in chat (a secret); empty: no chat message. */
  webhookUrl: string;
  /** Login the token writes as (default `github-actions[bot]`): only its markers count as done. */
  botLogin: string;
  /** Replaces the clock: for end-to-end tests and replays only. */
  at: string;
}

/** Placeholder text of a draft (core/postmortem's `placeholder`): such action items wait. */
const PLACEHOLDER = /<!--\s*TODO\b/;

/** Runs the daily postmortem and playbook duties once (see the module comment). */
export async function runPostmortem(ctx: ActionContext, inputs: PostmortemInputs): Promise<void> {
  if (inputs.webhookUrl) core.setSecret(inputs.webhookUrl);
  const now = inputs.at ? await instantInput(ctx.workspace, inputs.at, 'Input "at"') : ctx.now;
  const botLogin = inputs.botLogin.trim() || DEFAULT_BOT_LOGIN;
  const { org, problems } = await loadForCommand(ctx.workspace, now, "all", { markdownRules: false });
  const repoUrl = repositoryUrl(ctx);
  const postmortems = postmortemFacts(org, now);
  const policy = org.policy;

  // Read: the incident issues that may get a reminder, and the open playbook review issues.
  const marked = new Map<number, MarkedComment[]>();
  const known = new Map<number, CommentSnapshot[]>();
  for (const pm of postmortems.filter((p) => remindable(p, now))) {
    if (marked.has(pm.incident)) continue;
    const read = await readMarkedComments(ctx.octokit, ctx.repo, pm.incident, botLogin);
    marked.set(pm.incident, read.marked);
    known.set(pm.incident, read.snapshots);
  }
  const openReviews = (await openLabelledIssues(ctx.octokit, ctx.repo, PLAYBOOK_REVIEW_LABEL, botLogin)).flatMap(
    (i) => {
      const key = playbookReviewKeyIn(i.body);
      return key ? [{ number: i.number, key }] : [];
    },
  );

  // Plan.
  const oncall = [
    ...new Set(
      incidentOrgView(org, problems)
        .oncallAt(now)
        .map((p) => p.login),
    ),
  ];
  const reminders = planReminders({ now, postmortems, marked, oncall, repoUrl });
  const agendas = policy.reviews
    ? planAgendas({
        now,
        meetings: reviewMeetings(policy.reviews, now, now.plus({ days: policy.reviews.agendaDays, minutes: 1 })),
        agendaDays: policy.reviews.agendaDays,
        postmortems,
        repoUrl,
      })
    : [];
  const top = policy.severities[0]?.id ?? "P1";
  const announce = planAnnouncements({ now, topSeverity: top, postmortems, repoUrl });
  const items = pendingActionItems(postmortems, (t) => PLACEHOLDER.test(t));
  const itemIssues = actionItemIssues(items, repoUrl);
  const playbooks = planPlaybookReviews({
    due: stalePlaybooks(org.playbooks, now, policy.playbookReviewDays),
    open: openReviews,
    reviewDays: policy.playbookReviewDays,
    repoUrl,
  });
  const planned = [...reminders, ...agendas, ...announce.effects, ...itemIssues, ...playbooks];
  const effects: Effect[] = planned.length > 0 ? [ensureLabels(planned), ...planned] : [];

  core.info(
    `Postmortem duties at ${now.toUTC().toISO()}: ${postmortems.length} postmortem(s), ${reminders.length} reminder(s), ` +
      `${agendas.length / 2} agenda issue(s), ${announce.announcements.length} announcement(s), ${items.length} action item(s) ` +
      `without an issue, ${playbooks.length} playbook review write(s).`,
  );
  const first = await carryOut(ctx, effects, {
    known: { comments: known },
    trustedAuthors: [botLogin],
    optional: () => true,
    alsoPlanned: [
      ...announce.announcements.map((a) => `chat message for the announcement of INC-${a.incident}`),
      ...(items.length > 0 ? [`pull request writing the issue links of ${items.length} action item(s) back`] : []),
    ],
  });
  if (first.dryRun) return setOutputs(now, first.applied, null);

  const undelivered = await sendAnnouncements(inputs.webhookUrl, announce.announcements, first.applied);

  // Write-back: the links of the action items' issues (created now or found again) into the front matter.
  const links = new Map<string, string>();
  const numbers: number[] = [];
  for (const a of first.applied)
    if (a.effect.kind === "create-issue" && items.some((i) => i.key === (a.effect as { key: string }).key) && a.url) {
      links.set(a.effect.key, htmlIssueUrl(a.url, repoUrl, a.number));
      if (a.number) numbers.push(a.number);
    }
  const sources = new Map<string, string>();
  for (const path of new Set(items.map((i) => i.path)))
    sources.set(path, await readFile(join(ctx.workspace, path), "utf8").catch(() => ""));
  const writeBack = writeBackEffect(writeBackFiles(items, links, sources), numbers);
  const second = writeBack
    ? await carryOut(ctx, [writeBack], { trustedAuthors: [botLogin], optional: () => true })
    : { applied: [] as AppliedEffect[] };
  const applied = [...first.applied, ...second.applied];
  const pull = second.applied.find((a) => a.effect.kind === "commit-file")?.number ?? null;
  setOutputs(now, applied, pull);
  await core.summary.addRaw(summaryText(now, applied)).write();

  const failed = applied.filter((a) => a.outcome === "failed");
  if (failed.length > 0 || undelivered > 0)
    core.setFailed(
      `${failed.length} write(s) failed${undelivered ? ` and ${undelivered} chat message(s) were not delivered` : ""}; ` +
        "the next run tries again (see the warnings above).",
    );
}

/** The labels the plan uses, created when missing (the incident's colours for `follow-up`). */
function ensureLabels(effects: readonly Effect[]): Effect {
  const names = new Set(effects.flatMap((e) => (e.kind === "create-issue" ? (e.labels ?? []) : [])));
  const specs = [...names].map((name) => {
    if (name === AGENDA_LABEL) return { name, color: "1d76db", description: "Agenda of an incident review meeting" };
    if (name === ANNOUNCEMENT_LABEL) return { name, color: "0e8a16", description: "Announced to everyone" };
    if (name === PLAYBOOK_REVIEW_LABEL) return { name, color: "fbca04", description: "A playbook is due for review" };
    return labelSpec(name);
  });
  return { kind: "ensure-labels", labels: specs };
}

/** Sends the chat message of each announcement whose issue this run opened; returns how many failed. */
async function sendAnnouncements(
  url: string,
  announcements: readonly Announcement[],
  applied: readonly AppliedEffect[],
): Promise<number> {
  const due = announcements.filter((n) =>
    applied.some((a) => a.outcome === "created" && a.effect.kind === "create-issue" && a.effect.key === n.key),
  );
  return sendChatMessages(
    url,
    due.map((n) => ({ about: `the announcement of INC-${n.incident}`, payload: n.message })),
  );
}

/** The issue's web address (the adapter reports `html_url`; without it, built from the repository). */
function htmlIssueUrl(url: string, repoUrl: string, number: number | undefined): string {
  return /\/issues\/\d+$/.test(url) || !number ? url : `${repoUrl}/issues/${number}`;
}

function setOutputs(now: DateTime, applied: readonly AppliedEffect[], pull: number | null): void {
  const of = (prefix: string) =>
    applied
      .filter((a) => a.outcome === "created" && "key" in a.effect && String(a.effect.key).startsWith(prefix))
      .map((a) => a.number)
      .filter((n): n is number => n !== undefined)
      .join(",");
  core.setOutput("at", now.toUTC().toISO() ?? "");
  core.setOutput("reminded", of("postmortem-overdue:"));
  core.setOutput("agendas", of("incident-review:"));
  core.setOutput("announced", of("postmortem-announcement:"));
  core.setOutput("followups", of("postmortem-action:"));
  core.setOutput("playbook-reviews", of("playbook-review:"));
  core.setOutput("write-back", pull === null ? "" : String(pull));
}

function summaryText(now: DateTime, applied: readonly AppliedEffect[]): string {
  const lines = applied.filter((a) => a.outcome !== "unchanged").map((a) => `- ${a.summary}`);
  return [
    `## Postmortem duties at ${now.toUTC().toISO()}`,
    "",
    ...(lines.length ? lines : ["Nothing to do."]),
    "",
  ].join("\n");
}
