/**
 * `oncall validate [--repo DIR] [--format text|json|github] [--changed-since REF] [--at ISO]`
 * Exit 0 when there are no errors (warnings allowed), 1 when there are, 2 on a usage error.
 */
import { appendFileSync } from "node:fs";
import { parse, repoDir, choice, AT, nowOrAt } from "./args.js";
import { loadRepository } from "../repo/load-repository.js";
import { changesSince } from "../repo/changed-files.js";
import { counts, formatGithub, formatJson, formatText, summaryMarkdown } from "../repo/problems-output.js";
import type { CommandIO } from "./command.js";

export const usage = `oncall validate [--repo DIR] [--format text|json|github] [--changed-since REF] [--at ISO]

Checks every file against its schema and every rule across files. --changed-since validates only what
changed since a git ref (falling back to the full run when a change can affect other files). --at sets
the instant for date-dependent warnings (schedule horizon, stale playbooks).`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parse(argv, { ...AT, format: { type: "string" }, "changed-since": { type: "string" } });
  const dir = repoDir(values);
  const format = values.json ? "json" : choice("format", values.format, ["text", "json", "github"] as const, "text");
  const now = await nowOrAt(values, io, dir);
  let only: Set<string> | undefined;
  if (typeof values["changed-since"] === "string") {
    const change = changesSince(dir, values["changed-since"]);
    if (change.needsFullRun) io.err(`Full validation: ${change.reason}.\n`);
    else only = change.changed;
  }
  const result = await loadRepository(dir, { now, ...(only && { only }) });
  const { problems, fileCount } = result;
  const text =
    format === "json"
      ? formatJson(problems, fileCount)
      : format === "github"
        ? formatGithub(problems, fileCount)
        : formatText(problems, fileCount);
  io.out(text);
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (format === "github" && summary) appendFileSync(summary, summaryMarkdown(problems, fileCount));
  return counts(problems).errors ? 1 : 0;
}
