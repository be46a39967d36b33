/**
 * The one shape of a problem. Core rules know the entity they judge but not where its text sits, so
 * they return a {@link Finding} (entity + field); the loader in repo/ places it and every problem a
 * person reads, from the schema, a cross-file rule, a schedule invariant or a trade check, is then a
 * {@link Problem}: file, line, column, rule, message, severity.
 */
import type { SourceRef } from "./model.js";

/** How bad a problem is: an error fails validation and the trade check, a warning does not. */
export type Severity = "error" | "warning";

/**
 * A problem found by a core rule, not yet placed. It names the entity (`src`) and optionally the
 * field; repo/ resolves that to file, line and column and makes it a {@link Problem}.
 */
export interface Finding {
  severity: Severity;
  /** Short rule id, for filtering and tests: `unknown-login`, `schedule-gap`, ... */
  rule: string;
  message: string;
  src?: SourceRef;
  /** Field inside the entity the message is about (appended to src.path). */
  field?: string | number;
  /** Explicit 1-based position, for findings in Markdown bodies that have no data path. */
  line?: number;
  column?: number;
}

/** A problem as a person sees it: where (file, line, column), which rule, what, and how bad. */
export interface Problem {
  /** Repository-relative path with forward slashes. */
  file: string;
  /** 1-based line, or 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based column, or 0 when the problem concerns the whole file. */
  column: number;
  /** Rule id, such as `schema`, `yaml-syntax`, `unknown-login`, `schedule-gap`. */
  rule: string;
  /** A sentence a person understands. */
  message: string;
  severity: Severity;
  /** JSON-pointer-like data path inside the file (`/shifts/3/login`), empty for the document; absent when unknown. */
  path?: string;
}

/** Orders problems by file, then position, so output is stable and reads top to bottom. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message),
  );
}

/** `/a/0/b` from `["a", 0, "b"]`, escaping `~` and `/` as JSON Pointer does. */
export function pointer(path: readonly (string | number)[]): string {
  return path.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}
