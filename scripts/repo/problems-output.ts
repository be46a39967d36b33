/**
 * How problems are shown, one formatter per output, used by every command and action that prints
 * problems (validate, trade check/swap/cover, the loading guard of the other commands): plain text
 * lines for people, JSON for programs, and GitHub workflow commands (annotations on the pull
 * request's lines) plus a step-summary table for Actions.
 */
import type { Problem } from "../core/model/index.js";

export function counts(problems: readonly Problem[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === "error").length;
  return { errors, warnings: problems.length - errors };
}

function where(p: Problem): string {
  return p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
}

/**
 * The text line of one problem: `file:line:col: error: message [rule]`. `severity: false` leaves the
 * severity word out, for lists whose heading already says it ("2 warning(s):").
 */
export function problemLine(p: Problem, options: { severity?: boolean } = {}): string {
  return `${where(p)}: ${options.severity === false ? "" : `${p.severity}: `}${p.message} [${p.rule}]`;
}

/** Every problem as a text line, then a count (or "All N files are valid."). */
export function formatText(problems: readonly Problem[], fileCount: number): string {
  const { errors, warnings } = counts(problems);
  const lines = problems.map((p) => problemLine(p));
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  lines.push(
    errors || warnings
      ? `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(fileCount, "file")} checked.`
      : `All ${plural(fileCount, "file")} are valid.`,
  );
  return lines.join("\n") + "\n";
}

/** The JSON object of one problem (the data path only when known). */
export function problemJson(p: Problem): Problem {
  const { file, line, column, rule, message, severity } = p;
  return { file, line, column, rule, message, severity, ...(p.path !== undefined && { path: p.path }) };
}

export function formatJson(problems: readonly Problem[], fileCount: number): string {
  const { errors, warnings } = counts(problems);
  const body = { ok: errors === 0, files: fileCount, errors, warnings, problems: problems.map(problemJson) };
  return JSON.stringify(body, null, 2) + "\n";
}

/** Escapes a workflow-command property or message the way the runner expects. */
function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * The problems as GitHub workflow commands (`::error file=..,line=..,col=..,title=rule::message`), one
 * line each with a trailing newline, or "" for none. Written to stdout in a job, they become
 * annotations on the pull request's lines; this is what `core.error(message, properties)` prints.
 */
export function githubAnnotations(problems: readonly Problem[]): string {
  const lines = problems.map((p) => {
    const props = [`file=${escapeProperty(p.file)}`];
    if (p.line > 0) props.push(`line=${p.line}`, `col=${p.column}`);
    props.push(`title=${escapeProperty(p.rule)}`);
    return `::${p.severity === "error" ? "error" : "warning"} ${props.join(",")}::${escapeData(p.message)}\n`;
  });
  return lines.join("");
}

/** The annotations, then the same count line as the text output ("All N files are valid." only without problems). */
export function formatGithub(problems: readonly Problem[], fileCount: number): string {
  const tail = formatText(problems, fileCount).split("\n").at(-2)!;
  return `${githubAnnotations(problems)}${tail}\n`;
}

/** A Markdown table for $GITHUB_STEP_SUMMARY. */
export function summaryMarkdown(problems: readonly Problem[], fileCount: number): string {
  const { errors, warnings } = counts(problems);
  const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const head = `### oncall validate\n\n${errors} error(s), ${warnings} warning(s) in ${fileCount} file(s).\n`;
  if (!problems.length) return head;
  const rows = problems.map((p) => `| ${p.severity} | \`${cell(where(p))}\` | ${cell(p.message)} | ${p.rule} |`);
  return `${head}\n| | Where | Problem | Rule |\n|---|---|---|---|\n${rows.join("\n")}\n`;
}
