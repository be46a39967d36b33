/**
 * The `trade` action: keeps a trade pull request's comment, `oncall/consent` verdict and review
 * requests up to date, on pull request events and review relay runs. The work is in
 * scripts/runs/trade.ts.
 */
import * as core from "@actions/core";
import { actionContext } from "../github/action-context.js";
import { runAction } from "../github/run-action.js";
import { runTrade } from "../runs/trade.js";

runAction(() =>
  runTrade(actionContext(), {
    appToken: core.getInput("app-token"),
    appSlug: core.getInput("app-slug"),
    fetchToken: core.getInput("github-token") || process.env.GITHUB_TOKEN || "",
    at: core.getInput("at"),
  }),
);
