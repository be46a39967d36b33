/**
 * Placeholders: the parts of a drafted postmortem a person still has to write. The draft marks each
 * with an HTML comment that starts with TODO (`<!-- TODO: what caused it? -->`), which GitHub does
 * not render, so a reader never sees the marker and validation can still find every one. Comments
 * inside code blocks are code, not placeholders (the body is parsed, not searched).
 */
import { outlineFrom, type OutlineSource } from "../playbook/index.js";

/** One placeholder, at its 1-based line and column in the text that was searched. */
export interface Placeholder {
  line: number;
  column: number;
  /** The words after TODO, trimmed (may be empty). */
  text: string;
}

/** How the draft writes a placeholder; {@link findPlaceholders} finds exactly these. */
export function placeholder(text: string): string {
  return `<!-- TODO: ${text.replace(/--/g, "- -")} -->`;
}

const MARKER = /<!--\s*TODO\b:?([\s\S]*?)-->/g;

/** Every placeholder in a Markdown body, in document order. */
export function findPlaceholders(markdown: string, outline?: OutlineSource): Placeholder[] {
  const out: Placeholder[] = [];
  // Most finished postmortems have no marker at all: skip the parse.
  if (!/<!--\s*TODO/i.test(markdown)) return out;
  for (const node of outlineFrom(markdown, outline).html) {
    for (const m of node.value.matchAll(MARKER)) {
      const before = node.value.slice(0, m.index);
      const newlines = before.split("\n");
      const line = node.line + newlines.length - 1;
      const column = newlines.length === 1 ? node.column + before.length : newlines.at(-1)!.length + 1;
      out.push({ line, column, text: m[1]!.trim().replace(/\s+/g, " ") });
    }
  }
  return out;
}
