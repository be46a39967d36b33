/**
 * One run of the `slo` action, the acknowledgement SLO sweep (SPEC section 6): lists the live open
 * incidents in one search, plans warn / breach / escalate (scripts/core/slo/plan.ts), carries the plan
 * out, then sends the chat message of each escalation whose comment this run created.
 */
import { instantInput } from "../repo/instant-input.js";
import * as core from "@actions/core";
import { describeSloDecision, planSlo, type SloCheckDecision } from "../core/slo/index.js";
import type { ActionContext } from "../github/action-context.js";
import { listOpenIncidents, withConfirmations, withEventIssue } from "../github/open-incidents.js";
import { loadHolidayCalendar } from "../repo/holidays.js";
import { loadForCommand } from "../repo/load-for-command.js";
import { carryOut } from "./carry-out.js";
import { dueNotifications, notify } from "./slo-notify.js";

/** The `slo` action's inputs as given (empty when not set). */
export interface SloInputs {
  /** Where escalations are announced in chat (a secret). */
  webhookUrl: string;
  /** Login the token writes as, whose saved incident states are read (default `github-actions[bot]`). */
  botLogin: string;
  /** Replaces the clock: for end-to-end tests and replays only, never in a scheduled workflow. */
  at: string;
}

/** Checks every live open incident once (see the module comment). */
export async function runSlo(ctx: ActionContext, inputs: SloInputs): Promise<void> {
  const { webhookUrl } = inputs;
  if (webhookUrl) core.setSecret(webhookUrl);
  const now = inputs.at ? await instantInput(ctx.workspace, inputs.at, 'Input "at"') : ctx.now;
  const { org } = await loadForCommand(ctx.workspace, now, "rotations");
  const listed = await listOpenIncidents(ctx.octokit, ctx.repo);
  // The event's copy of its issue is current; the search index may lag behind a label just added.
  const fresh = ctx.eventName === "issues" ? withEventIssue(listed, ctx.payload) : listed;
  // Incidents confirmed from triage count from the confirmation, which only their saved state knows.
  const warnings: string[] = [];
  const open = await withConfirmations(ctx.octokit, ctx.repo, fresh, warnings, inputs.botLogin || undefined);
  for (const warning of warnings) core.warning(warning);
  const plan = planSlo({ now, issues: open.incidents, org, calendar: await loadHolidayCalendar() });

  core.info(
    `SLO check at ${now.toUTC().toISO()}: ${plan.checked.length} unacknowledged open incident(s), ${plan.decisions.length} decision(s).`,
  );
  for (const decision of plan.decisions) core.info(describeSloDecision(decision));
  setOutputs(plan.checked.length, plan.decisions);
  const { dryRun, applied, failure } = await carryOut(ctx, plan.effects, {
    // The issues as listed stand in for a read of each one before it is labelled.
    known: { issues: open.snapshots },
    alsoPlanned: plan.notifications.map((n) => `chat message for #${n.incident}`),
    // Escalations whose comment went out before a failure still get their chat message.
    keepPartial: true,
    summary: (o, summary) =>
      o.dryRun ? undefined : summary.addRaw(sloSummary(plan.decisions.map(describeSloDecision))),
  });
  if (dryRun) return;
  const undelivered = await notify(webhookUrl, dueNotifications(plan.notifications, applied));
  if (failure !== undefined) throw failure;
  if (undelivered > 0)
    core.setFailed(`${undelivered} escalation chat message(s) could not be delivered; the escalations are on GitHub.`);
}

function setOutputs(checked: number, decisions: readonly SloCheckDecision[]): void {
  const of = (kind: string) =>
    decisions
      .filter((d) => d.kind === kind)
      .map((d) => d.incident)
      .join(",");
  core.setOutput("checked", checked);
  core.setOutput("warned", of("warn"));
  core.setOutput("breached", of("breach"));
  core.setOutput("escalated", of("escalate"));
}

/** The decisions as a job summary (logins without `@`: a summary notifies nobody anyway). */
function sloSummary(lines: readonly string[]): string {
  return [
    "## Acknowledgement SLO check",
    "",
    ...(lines.length > 0 ? lines.map((l) => `- ${l}`) : ["Nothing due."]),
    "",
  ].join("\n");
}
