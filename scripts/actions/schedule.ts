/**
 * The `schedule` action: keeps the on-call schedule published ahead by pull request, announces a
 * merged publication once, and writes the calendar feed site for GitHub Pages. The workspace must be
 * a checkout of the base branch. The work is in scripts/runs/schedule.ts.
 */
import * as core from "@actions/core";
import { actionContext } from "../github/action-context.js";
import { runAction } from "../github/run-action.js";
import { runSchedule } from "../runs/schedule.js";

runAction(() =>
  runSchedule(actionContext(), {
    at: core.getInput("at"),
    horizonWeeks: core.getInput("horizon-weeks"),
    baseBranch: core.getInput("base-branch"),
    calendarsUrl: core.getInput("calendars-url"),
    calendarsDir: core.getInput("calendars-dir"),
    fetchToken: core.getInput("github-token"),
    botLogin: core.getInput("bot-login"),
  }),
);
