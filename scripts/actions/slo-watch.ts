/**
 * The `slo-watch` action (issue 10 item 14): watches the one incident its event opened or confirmed,
 * posting the warning, breach and escalation on time, until it is acknowledged or the hourly `slo`
 * sweep can take over. Input `at` sets where the clock starts (tests and replays only). The work is in
 * scripts/runs/slo-watch.ts.
 */
import * as core from "@actions/core";
import { actionContext } from "../github/action-context.js";
import { runAction } from "../github/run-action.js";
import { runSloWatch } from "../runs/slo-watch.js";

runAction(() =>
  runSloWatch(actionContext(), {
    webhookUrl: core.getInput("webhook-url"),
    maxWaitMinutes: core.getInput("max-wait-minutes"),
    at: core.getInput("at"),
  }),
);
