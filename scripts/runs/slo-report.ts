/**
 * One run of the `slo-report` action: posts a month's acknowledgement SLO report (attainment per tier,
 * MTTA and MTTR per severity, acknowledgements per person) as an issue, once per month, and to the job
 * summary. By default the month before the clock's, in the rotation's time zone.
 */
import { instantInput } from "../repo/instant-input.js";
import * as core from "@actions/core";
import { UserError } from "../core/model/index.js";
import { planSloReportIssue, reportMonth } from "../core/slo/index.js";
import type { ActionContext } from "../github/action-context.js";
import { loadForCommand } from "../repo/load-for-command.js";
import { carryOut } from "./carry-out.js";

/** The `slo-report` action's inputs as given (empty when not set). */
export interface SloReportInputs {
  /** The month to report (`YYYY-MM`); default last month. */
  month: string;
  /** Replaces the clock: for tests and replays only. */
  at: string;
}

/** Posts the report (see the module comment). */
export async function runSloReport(ctx: ActionContext, inputs: SloReportInputs): Promise<void> {
  const { at } = inputs;
  const now = at ? await instantInput(ctx.workspace, at, 'Input "at"') : ctx.now;
  const { org } = await loadForCommand(ctx.workspace, now, "all", { markdownRules: false });
  let period;
  try {
    period = reportMonth(now, org.rotation.timezone, inputs.month || undefined);
  } catch (error) {
    throw new UserError(`Input month: ${(error as Error).message}.`);
  }
  const plan = planSloReportIssue(org.incidents, period);
  core.setOutput("month", period.month);
  const { dryRun, applied } = await carryOut(ctx, plan.effects, {
    summary: (_, summary) => summary.addRaw(plan.markdown),
  });
  if (dryRun) return;
  const issue = applied.find((a) => a.effect.kind === "create-issue");
  if (issue?.number) core.setOutput("issue", issue.number);
  core.info(
    `${plan.title}: ${issue?.outcome === "created" ? "posted as" : "already posted as"} #${issue?.number ?? "?"}.`,
  );
}
