/**
 * The `validate` action: checks the repository like `oncall validate --format github`, so problems
 * appear as annotations on the pull request's lines and as a table in the job summary. It needs no
 * token. The work is in scripts/runs/validate.ts.
 */
import * as core from "@actions/core";
import { DateTime } from "luxon";
import { pullRequestBase } from "../github/action-context.js";
import { runAction } from "../github/run-action.js";
import { runValidate } from "../runs/validate.js";

runAction(() =>
  runValidate(
    { workspace: core.getInput("repo") || process.env.GITHUB_WORKSPACE || process.cwd(), now: DateTime.utc() },
    { changedSince: core.getInput("changed-since") || pullRequestBase() || "" },
  ),
);
