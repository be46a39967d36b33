/**
 * YAML parsing that keeps source positions, so every later problem can name a line and column.
 * Parsing is separate from reading: these functions take text, never touch the disk.
 */
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Document, type Node } from "yaml";
import type { Problem } from "./problem.js";
import { pointer } from "./problem.js";

export interface Position {
  line: number;
  column: number;
}

/** A parsed YAML text that can answer "where is this data path?". */
export interface YamlSource {
  file: string;
  /** Plain JavaScript data, or undefined when the text could not be parsed. */
  data: unknown;
  /** Syntax errors and warnings, already positioned. */
  problems: Problem[];
  /** Position of the value at `path`, or of the deepest existing ancestor. `key: true` points at the map key instead. */
  locate(path: readonly (string | number)[], options?: { key?: boolean }): Position;
}

/**
 * Parses `text` as one YAML document. `lineOffset` shifts reported lines, for front matter that starts
 * below the first line of its file.
 */
export function parseYaml(file: string, text: string, lineOffset = 0): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + lineOffset, column: p.col };
  };
  const problems: Problem[] = [];
  for (const e of doc.errors) {
    const pos = at(e.pos[0]);
    problems.push({ file, ...pos, message: yamlMessage(e.code, e.message), severity: "error", rule: "yaml-syntax", path: "" });
  }
  let data: unknown = undefined;
  if (doc.errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      problems.push({ file, line: 1 + lineOffset, column: 1, message: `YAML could not be read: ${(err as Error).message}`, severity: "error", rule: "yaml-syntax", path: "" });
    }
  }
  return {
    file,
    data,
    problems,
    locate: (path, options) => {
      const { node, keyNode } = walk(doc, path);
      const target = options?.key && keyNode ? keyNode : node;
      const offset = target?.range?.[0] ?? doc.contents?.range?.[0] ?? 0;
      return at(offset);
    },
  };
}

function walk(doc: Document, path: readonly (string | number)[]): { node: Node | null; keyNode: Node | null } {
  let node: unknown = doc.contents;
  let keyNode: Node | null = null;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      keyNode = pair.key as Node;
      if (pair.value === null) { node = pair.key; break; }
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number" && seg < node.items.length) {
      keyNode = null;
      node = node.items[seg];
    } else {
      break;
    }
  }
  return { node: (node as Node | null) ?? null, keyNode };
}

/** The yaml package's messages carry code excerpts; keep the first sentence and say what it means. */
function yamlMessage(code: string, message: string): string {
  const first = message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  const hints: Record<string, string> = {
    DUPLICATE_KEY: "a key appears twice in the same mapping",
    BAD_INDENT: "check the indentation",
    TAB_AS_INDENT: "YAML indentation must use spaces, not tabs",
    MISSING_CHAR: "a quote or bracket is not closed",
    MULTILINE_IMPLICIT_KEY: "a key spans lines; is a colon or quote missing?",
  };
  const hint = code === "MISSING_CHAR" && !/quote|must end with/.test(first) ? undefined : hints[code];
  return `YAML syntax error: ${first}${hint ? ` (${hint})` : ""}`;
}

export { pointer };
