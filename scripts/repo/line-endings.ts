/**
 * Edits that keep a file's line endings: a file checked out with CRLF (Windows, core.autocrlf) stays
 * CRLF after `schedule generate`, `trade swap` or `trade cover`, so the diff shows only the lines that
 * changed rather than every line of the file.
 */

/** True when the text's lines end in CRLF (judged by its first line break). */
function usesCrlf(text: string | null): boolean {
  if (text === null) return false;
  const lf = text.indexOf("\n");
  return lf > 0 && text[lf - 1] === "\r";
}

/**
 * Runs `edit` on the text with LF line endings (null stays null: no file yet) and gives its result
 * back with the original's line endings.
 */
export function editKeepingLineEndings(text: string | null, edit: (lf: string | null) => string): string {
  const crlf = usesCrlf(text);
  const out = edit(text === null ? null : crlf ? text.replace(/\r\n/g, "\n") : text);
  return crlf ? out.replace(/\r?\n/g, "\r\n") : out;
}
