/**
 * The `validate` action: checks the repository like `oncall validate --format github`, so problems
 * appear as annotations on the pull request's lines and as a table in the job summary. On a pull
 * request it validates only what changed since the base commit, unless the change needs a full run.
 */
import * as core from "@actions/core";
import { readFileSync } from "node:fs";
import { DateTime } from "luxon";
import { loadRepository } from "../repo/load-repository.js";
import { changesSince } from "../repo/changed-files.js";
import { counts, summaryMarkdown } from "../repo/problems-output.js";
import { runAction } from "../github/run-action.js";

runAction(async () => {
  const dir = core.getInput("repo") || process.env.GITHUB_WORKSPACE || process.cwd();
  const base = core.getInput("changed-since") || baseOfPullRequest();
  let only: Set<string> | undefined;
  if (base) {
    const change = changesSince(dir, base);
    if (change.needsFullRun) core.info(`Full validation: ${change.reason}.`);
    else {
      only = change.changed;
      core.info(`Validating ${only.size} changed file(s) since ${base}.`);
    }
  }
  const { problems, fileCount } = await loadRepository(dir, { now: DateTime.utc(), ...(only && { only }) });
  for (const p of problems) {
    const props: core.AnnotationProperties = { file: p.file, title: p.rule, ...(p.line > 0 && { startLine: p.line, startColumn: p.column }) };
    if (p.severity === "error") core.error(p.message, props);
    else core.warning(p.message, props);
  }
  await core.summary.addRaw(summaryMarkdown(problems, fileCount)).write();
  const { errors, warnings } = counts(problems);
  core.setOutput("errors", errors);
  core.setOutput("warnings", warnings);
  if (errors) core.setFailed(`${errors} error(s) in the on-call repository; see the annotations.`);
  else core.info(`All ${fileCount} file(s) are valid (${warnings} warning(s)).`);
});

/** The base commit of the pull request that triggered the run, if any. */
function baseOfPullRequest(): string | undefined {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path || !process.env.GITHUB_EVENT_NAME?.startsWith("pull_request")) return undefined;
  const event = JSON.parse(readFileSync(path, "utf8")) as { pull_request?: { base?: { sha?: string } } };
  return event.pull_request?.base?.sha;
}
