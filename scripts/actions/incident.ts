/**
 * The `incident` action: runs an incident on its GitHub issue (SPEC section 5). On `issues` opened,
 * edited or reopened and on new issue comments it labels and assigns the issue, keeps the one bot
 * comment up to date, applies slash commands from people allowed to run them, opens follow-ups,
 * closes the issue and writes the record `incidents/<year>/INC-<n>.yaml` by pull request or commit.
 * The work is in scripts/github/incident-run.ts.
 */
import * as core from "@actions/core";
import { UserError } from "../core/model/index.js";
import { actionContext } from "../github/action-context.js";
import { runIncidentEvent, type RecordMode } from "../github/incident-run.js";
import { incidentOutputs, incidentSummary } from "../github/incident-summary.js";
import { runAction } from "../github/run-action.js";

runAction(async () => {
  const ctx = actionContext();
  const mode = core.getInput("record-mode") || "pull-request";
  if (mode !== "pull-request" && mode !== "commit") throw new UserError(`record-mode must be "pull-request" or "commit", not "${mode}".`);
  const botLogin = core.getInput("bot-login").trim() || undefined;
  const result = await runIncidentEvent(ctx, { recordMode: mode as RecordMode, baseBranch: core.getInput("base-branch") || undefined, dryRun: ctx.dryRun, botLogin });
  if (result.skipped !== undefined) core.info(result.skipped);
  for (const warning of result.warnings) core.warning(warning);
  for (const note of result.notes ?? []) core.notice(note);
  for (const [name, value] of Object.entries(incidentOutputs(result))) core.setOutput(name, value);
  await core.summary.addRaw(incidentSummary(result, ctx.dryRun)).write();
});
