/**
 * How problems are shown: plain text for people, JSON for programs, and GitHub workflow commands
 * (annotations on the pull request's lines) plus a step-summary table for Actions.
 */
import type { Problem } from "./problem.js";

export function counts(problems: Problem[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === "error").length;
  return { errors, warnings: problems.length - errors };
}

function where(p: Problem): string {
  return p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
}

export function formatText(problems: Problem[], fileCount: number): string {
  const { errors, warnings } = counts(problems);
  const lines = problems.map((p) => `${where(p)}: ${p.severity}: ${p.message} [${p.rule}]`);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  lines.push(
    errors || warnings
      ? `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(fileCount, "file")} checked.`
      : `All ${plural(fileCount, "file")} are valid.`,
  );
  return lines.join("\n") + "\n";
}

export function formatJson(problems: Problem[], fileCount: number): string {
  const { errors, warnings } = counts(problems);
  return JSON.stringify({ ok: errors === 0, files: fileCount, errors, warnings, problems }, null, 2) + "\n";
}

/** Escapes a workflow-command property or message the way the runner expects. */
function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function formatGithub(problems: Problem[], fileCount: number): string {
  const lines = problems.map((p) => {
    const props = [`file=${escapeProperty(p.file)}`];
    if (p.line > 0) props.push(`line=${p.line}`, `col=${p.column}`);
    props.push(`title=${escapeProperty(p.rule)}`);
    return `::${p.severity === "error" ? "error" : "warning"} ${props.join(",")}::${escapeData(p.message)}`;
  });
  return lines.join("\n") + (lines.length ? "\n" : "") + formatText([], fileCount).replace(/^All/, problems.length ? "Checked" : "All");
}

/** A Markdown table for $GITHUB_STEP_SUMMARY. */
export function summaryMarkdown(problems: Problem[], fileCount: number): string {
  const { errors, warnings } = counts(problems);
  const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const head = `### oncall validate\n\n${errors} error(s), ${warnings} warning(s) in ${fileCount} file(s).\n`;
  if (!problems.length) return head;
  const rows = problems.map((p) => `| ${p.severity} | \`${cell(where(p))}\` | ${cell(p.message)} | ${p.rule} |`);
  return `${head}\n| | Where | Problem | Rule |\n|---|---|---|---|\n${rows.join("\n")}\n`;
}
