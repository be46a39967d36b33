/**
 * The `incident` action: runs an incident on its GitHub issue (SPEC section 5). On `issues` opened,
 * edited or reopened and on new issue comments it labels and assigns the issue, keeps the one bot
 * comment up to date, applies slash commands from people allowed to run them, opens follow-ups,
 * closes the issue and writes the record `incidents/<year>/INC-<n>.yaml` by pull request or commit.
 * The work is in scripts/runs/incident.ts.
 */
import * as core from "@actions/core";
import { actionContext } from "../github/action-context.js";
import { runAction } from "../github/run-action.js";
import { runIncident } from "../runs/incident.js";

runAction(() =>
  runIncident(actionContext(), {
    recordMode: core.getInput("record-mode"),
    baseBranch: core.getInput("base-branch"),
    botLogin: core.getInput("bot-login"),
  }),
);
