/**
 * The `slo` action: the acknowledgement SLO check (SPEC section 6). Lists the live open incidents in
 * one search, plans warn / breach / escalate (scripts/core/slo-plan.ts), applies the plan, then sends
 * the chat message of each escalation whose comment this run created.
 *
 * Input `at` replaces the clock: for end-to-end tests and for replaying a past run; never set it in a
 * scheduled workflow.
 */
import * as core from "@actions/core";
import { DateTime } from "luxon";
import { UserError } from "../core/model/index.js";
import { planSlo } from "../core/slo/index.js";
import { describeSloDecision, type SloCheckDecision } from "../core/slo/index.js";
import { loadForCommand } from "../repo/load-for-command.js";
import { loadHolidayCalendar } from "../repo/holidays.js";
import { actionContext } from "../github/action-context.js";
import { ApplyEffectsError, applyEffects, describePlan } from "../github/apply-effects.js";
import type { AppliedEffect } from "../github/effects.js";
import { dueNotifications, notify } from "../github/slo-notify.js";
import { listOpenIncidents, withConfirmations, withEventIssue } from "../github/open-incidents.js";
import { runAction } from "../github/run-action.js";

runAction(async () => {
  const ctx = actionContext();
  const webhookUrl = core.getInput("webhook-url");
  if (webhookUrl) core.setSecret(webhookUrl);
  const now = instantInput("at") ?? ctx.now;
  const { org } = await loadForCommand(ctx.workspace, now, "rotations");
  const listed = await listOpenIncidents(ctx.octokit, ctx.repo);
  // The event's copy of its issue is current; the search index may lag behind a label just added.
  const fresh = ctx.eventName === "issues" ? withEventIssue(listed, ctx.payload) : listed;
  // Incidents confirmed from triage count from the confirmation, which only their saved state knows.
  const warnings: string[] = [];
  const open = await withConfirmations(ctx.octokit, ctx.repo, fresh, warnings, core.getInput("bot-login") || undefined);
  for (const warning of warnings) core.warning(warning);
  const plan = planSlo({ now, issues: open.incidents, org, calendar: await loadHolidayCalendar() });

  core.info(`SLO check at ${now.toUTC().toISO()}: ${plan.checked.length} unacknowledged open incident(s), ${plan.decisions.length} decision(s).`);
  for (const decision of plan.decisions) core.info(describeSloDecision(decision));
  setOutputs(plan.checked.length, plan.decisions);
  if (ctx.dryRun) {
    core.info(["Dry run: the plan would be", ...describePlan(plan.effects), ...plan.notifications.map((n) => `chat message for #${n.incident}`)].join("\n"));
    return;
  }

  let applied: AppliedEffect[];
  let failure: unknown;
  try {
    // The issues as listed stand in for a read of each one before it is labelled.
    applied = await applyEffects(ctx.octokit, ctx.repo, plan.effects, { logger: ctx.logger, known: { issues: open.snapshots } });
  } catch (error) {
    // Escalations whose comment went out before the failure still get their chat message.
    if (!(error instanceof ApplyEffectsError)) throw error;
    applied = error.applied;
    failure = error;
  }
  const undelivered = await notify(webhookUrl, dueNotifications(plan.notifications, applied));
  await core.summary.addRaw(summary(plan.decisions.map(describeSloDecision))).write();
  if (failure) throw failure;
  if (undelivered > 0) core.setFailed(`${undelivered} escalation chat message(s) could not be delivered; the escalations are on GitHub.`);
});

function setOutputs(checked: number, decisions: readonly SloCheckDecision[]): void {
  const of = (kind: string) => decisions.filter((d) => d.kind === kind).map((d) => d.incident).join(",");
  core.setOutput("checked", checked);
  core.setOutput("warned", of("warn"));
  core.setOutput("breached", of("breach"));
  core.setOutput("escalated", of("escalate"));
}

/** The decisions as a job summary (logins without `@`: a summary notifies nobody anyway). */
function summary(lines: readonly string[]): string {
  return ["## Acknowledgement SLO check", "", ...(lines.length > 0 ? lines.map((l) => `- ${l}`) : ["Nothing due."]), ""].join("\n");
}

/** An ISO instant input (UTC when it has no offset), or undefined when empty. */
function instantInput(name: string): DateTime | undefined {
  const value = core.getInput(name);
  if (!value) return undefined;
  const at = DateTime.fromISO(value, { zone: "UTC", setZone: true });
  if (!at.isValid) throw new UserError(`Input ${name} must be an ISO-8601 instant such as 2026-12-02T15:10:00Z, not "${value}".`);
  return at;
}
