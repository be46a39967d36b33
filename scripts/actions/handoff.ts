/**
 * The `handoff` action: posts every handoff phase due since the last run (reminder, then summary), each
 * once, with the chat message and the on-call team. Input `at` replaces the clock, for end-to-end tests
 * and replays only. The work is in scripts/runs/handoff.ts.
 */
import * as core from "@actions/core";
import { actionContext } from "../github/action-context.js";
import { runAction } from "../github/run-action.js";
import { runHandoff } from "../runs/handoff.js";

runAction(() =>
  runHandoff(actionContext(), {
    webhookUrl: core.getInput("webhook-url"),
    oncallTeam: core.getInput("oncall-team"),
    teamToken: core.getInput("team-token"),
    botLogin: core.getInput("bot-login"),
    at: core.getInput("at"),
  }),
);
