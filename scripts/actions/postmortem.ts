/**
 * The `postmortem` action: the daily postmortem and playbook duties (reminders, review agendas,
 * announcements, action items, playbook reviews). Input `at` replaces the clock, for end-to-end tests
 * and replays only. The work is in scripts/runs/postmortem.ts.
 */
import * as core from "@actions/core";
import { actionContext } from "../github/action-context.js";
import { runAction } from "../github/run-action.js";
import { runPostmortem } from "../runs/postmortem.js";

runAction(() =>
  runPostmortem(actionContext(), {
    webhookUrl: core.getInput("webhook-url"),
    botLogin: core.getInput("bot-login"),
    at: core.getInput("at"),
  }),
);
