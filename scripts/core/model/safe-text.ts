/**
 * Echoing untrusted text (issue bodies, comments, /timeline notes, summaries) into Markdown the bot
 * posts. Two risks: a copied `@login` or `@org/team` would notify people the author chose, and raw
 * HTML could hide content or forge the hidden state block (`<!-- oncall:... -->`). Mentions get a
 * zero-width space after the `@` (it reads the same and links nobody); `<` becomes `&lt;`.
 */

/** `@alice` -> `@\u200balice`; e-mail addresses (`a@b.c`) are left alone, GitHub does not link them. */
export function neutralizeMentions(text: string): string {
  return text.replace(/(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9])/g, "$1@\u200b");
}

/** Untrusted text for a Markdown block: mentions neutralized, no HTML. */
export function safeBlock(text: string): string {
  return neutralizeMentions(text).replace(/</g, "&lt;");
}

/**
 * Untrusted text for the inside of an inline code span (`` `...` ``): on one line, backticks replaced
 * so it cannot close the span, cut at `max` characters, and `<` replaced by the look-alike `‹`. Inside
 * a code span GitHub would show `&lt;` literally, so the usual escape reads badly there; what matters
 * is that the text the bot writes never holds a `<` a hidden-marker reader could match.
 */
export function safeCode(text: string, max = 80): string {
  const line = text.replace(/\s+/g, " ").replace(/`/g, "'").trim();
  const cut = line.length > max ? `${line.slice(0, max - 3)}...` : line;
  return cut.replace(/</g, "‹");
}

/**
 * Untrusted text for one line of Markdown (a list item, a table cell): as {@link safeBlock}, on one line,
 * pipes escaped, and cut at `max` characters.
 */
export function safeInline(text: string, max = 500): string {
  const line = safeBlock(text).replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
