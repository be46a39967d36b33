/**
 * The `slo-report` action: posts last month's acknowledgement SLO report (attainment per tier, MTTA
 * and MTTR per severity, acknowledgements per person) as an issue, once per month, and to the job
 * summary. Input `month` picks another month; input `at` replaces the clock (tests and replays only).
 */
import * as core from "@actions/core";
import { DateTime } from "luxon";
import { UserError } from "../core/model/index.js";
import { planSloReportIssue, reportMonth } from "../core/slo/index.js";
import { loadForCommand } from "../repo/load-for-command.js";
import { actionContext } from "../github/action-context.js";
import { applyEffects, describePlan } from "../github/apply-effects.js";
import { runAction } from "../github/run-action.js";

runAction(async () => {
  const ctx = actionContext();
  const at = core.getInput("at");
  const now = at ? DateTime.fromISO(at, { zone: "UTC", setZone: true }) : ctx.now;
  if (!now.isValid) throw new UserError(`Input at must be an ISO-8601 instant such as 2026-12-01T07:00:00Z, not "${at}".`);
  const { org } = await loadForCommand(ctx.workspace, now);
  let period;
  try {
    period = reportMonth(now, org.rotation.timezone, core.getInput("month") || undefined);
  } catch (error) {
    throw new UserError(`Input month: ${(error as Error).message}.`);
  }
  const plan = planSloReportIssue(org.incidents, period);
  await core.summary.addRaw(plan.markdown).write();
  core.setOutput("month", period.month);
  if (ctx.dryRun) {
    core.info(["Dry run: the plan would be", ...describePlan(plan.effects)].join("\n"));
    return;
  }
  const applied = await applyEffects(ctx.octokit, ctx.repo, plan.effects, { logger: ctx.logger });
  const issue = applied.find((a) => a.effect.kind === "create-issue");
  if (issue?.number) core.setOutput("issue", issue.number);
  core.info(`${plan.title}: ${issue?.outcome === "created" ? "posted as" : "already posted as"} #${issue?.number ?? "?"}.`);
});
