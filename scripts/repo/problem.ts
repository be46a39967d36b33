/**
 * A problem in the repository as a person sees it: where (file, line, column, data path), what, and how
 * bad. Every check, schema or cross-file, ends up as one of these.
 */
export interface Problem {
  /** Repository-relative path with forward slashes. */
  file: string;
  /** 1-based line, or 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based column, or 0 when the problem concerns the whole file. */
  column: number;
  /** A sentence a person understands. */
  message: string;
  severity: "error" | "warning";
  /** Rule id, such as `schema`, `yaml-syntax`, `unknown-login`, `schedule-gap`. */
  rule: string;
  /** JSON-pointer-like data path inside the file (`/shifts/3/login`), empty for the document. */
  path: string;
}

/** Orders problems by file, then position, so output is stable and reads top to bottom. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message),
  );
}

/** `/a/0/b` from `["a", 0, "b"]`, escaping `~` and `/` as JSON Pointer does. */
export function pointer(path: readonly (string | number)[]): string {
  return path.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}
