/**
 * One run of the `validate` action: checks the repository like `oncall validate --format github`, so
 * problems appear as annotations on the pull request's lines and as a table in the job summary. Given
 * a base commit it validates only what changed since, unless the change needs a full run. It writes
 * nothing to GitHub, so it needs no token: its plan is the annotations.
 */
import * as core from "@actions/core";
import type { DateTime } from "luxon";
import { changesSince } from "../repo/changed-files.js";
import { loadRepository } from "../repo/load-repository.js";
import { counts, githubAnnotations, summaryMarkdown } from "../repo/problems-output.js";

/** What the validate run needs: the checkout and the clock (it reads nothing else from the runner). */
export interface ValidateContext {
  /** The checked-out on-call repository. */
  workspace: string;
  /** The instant date-dependent checks use. */
  now: DateTime;
}

/** The `validate` action's inputs as given (empty when not set). */
export interface ValidateInputs {
  /** Validate only what changed since this commit (default: the pull request's base, if any). */
  changedSince: string;
}

/** Validates the repository and reports every problem (see the module comment). */
export async function runValidate(ctx: ValidateContext, inputs: ValidateInputs): Promise<void> {
  const dir = ctx.workspace;
  const base = inputs.changedSince;
  let only: Set<string> | undefined;
  if (base) {
    const change = changesSince(dir, base);
    if (change.needsFullRun) core.info(`Full validation: ${change.reason}.`);
    else {
      only = change.changed;
      core.info(`Validating ${only.size} changed file(s) since ${base}.`);
    }
  }
  const { problems, fileCount } = await loadRepository(dir, { now: ctx.now, ...(only && { only }) });
  process.stdout.write(githubAnnotations(problems));
  await core.summary.addRaw(summaryMarkdown(problems, fileCount)).write();
  const { errors, warnings } = counts(problems);
  core.setOutput("errors", errors);
  core.setOutput("warnings", warnings);
  if (errors) core.setFailed(`${errors} error(s) in the on-call repository; see the annotations.`);
  else core.info(`All ${fileCount} file(s) are valid (${warnings} warning(s)).`);
}
