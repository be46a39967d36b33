/**
 * The `slo` action: the hourly acknowledgement SLO sweep over every live open incident (warn, breach,
 * escalate, and the escalation's chat message). Input `at` replaces the clock, for end-to-end tests
 * and replays only. The work is in scripts/runs/slo.ts.
 */
import * as core from "@actions/core";
import { actionContext } from "../github/action-context.js";
import { runAction } from "../github/run-action.js";
import { runSlo } from "../runs/slo.js";

runAction(() =>
  runSlo(actionContext(), {
    webhookUrl: core.getInput("webhook-url"),
    botLogin: core.getInput("bot-login"),
    at: core.getInput("at"),
  }),
);
