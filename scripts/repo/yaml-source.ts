/**
 * YAML parsing that keeps source positions, so every later problem can name a line and column.
 * Parsing is separate from reading: these functions take text, never touch the disk.
 */
import { LineCounter, Parser, parseDocument, isMap, isSeq, isPair, isScalar, type Document, type Node } from "yaml";
import type { Problem } from "../core/model/index.js";

interface Position {
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
  // After the first syntax error the parser's later complaints are mostly echoes of it (one tab can
  // give eight errors), so report the first one, placed where a person would look for it.
  const first = doc.errors[0];
  if (first) {
    const { offset, message } = explainSyntaxError(text, first.code, first.message, first.pos[0]);
    problems.push({ file, ...at(offset), message, severity: "error", rule: "yaml-syntax", path: "" });
  }
  let data: unknown = undefined;
  if (doc.errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      problems.push({
        file,
        line: 1 + lineOffset,
        column: 1,
        message: `YAML could not be read: ${(err as Error).message}`,
        severity: "error",
        rule: "yaml-syntax",
        path: "",
      });
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
      if (pair.value === null) {
        node = pair.key;
        break;
      }
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

/**
 * Where a syntax error really is. The parser notices an unclosed quote or bracket only where the
 * text ends or the next item begins; the concrete syntax tree still knows where it opened.
 */
function explainSyntaxError(
  text: string,
  code: string,
  message: string,
  offset: number,
): { offset: number; message: string } {
  if (code === "MULTIPLE_DOCS")
    return {
      offset,
      message:
        "YAML syntax error: the file holds more than one YAML document (a second '---' line); keep one document per file.",
    };
  const unclosed = unclosedToken(text, offset);
  if (unclosed) return { offset: unclosed.offset, message: unclosed.message };
  if (/Nested mappings are not allowed in compact mappings|Implicit keys need to be on a single line/.test(message)) {
    const deeper = overIndentedLine(text, offset);
    if (deeper !== undefined)
      return {
        offset: deeper,
        message: "YAML syntax error: this line is indented more than the key above it (check the indentation).",
      };
  }
  return { offset, message: yamlMessage(code, message) };
}

type Token = { type?: string; offset?: number; source?: string; end?: Token[]; [k: string]: unknown };

/** The first quoted scalar or flow collection, opened before `before`, that never closes. */
function unclosedToken(text: string, before: number): { offset: number; message: string } | undefined {
  let found: { offset: number; message: string } | undefined;
  const visit = (node: unknown): void => {
    if (found || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const t = node as Token;
    if (typeof t.offset === "number" && t.offset < before) {
      if ((t.type === "double-quoted-scalar" || t.type === "single-quoted-scalar") && typeof t.source === "string") {
        const q = t.source[0]!;
        if (
          t.source.length < 2 ||
          !t.source.endsWith(q) ||
          (q === '"' && /(^|[^\\])(\\\\)*\\"$/.test(t.source.slice(1)))
        ) {
          found = {
            offset: t.offset,
            message: `YAML syntax error: the ${q === '"' ? "double" : "single"} quote opened here is never closed.`,
          };
          return;
        }
      }
      if (
        t.type === "flow-collection" &&
        Array.isArray(t.end) &&
        !t.end.some((e) => e.type === "flow-map-end" || e.type === "flow-seq-end")
      ) {
        const start = (t as { start?: Token }).start;
        const bracket = start?.source === "[" ? "[ is never closed with a ]" : "{ is never closed with a }";
        found = { offset: start?.offset ?? t.offset, message: `YAML syntax error: the ${bracket}.` };
        return;
      }
    }
    for (const v of Object.values(t)) if (v && typeof v === "object") visit(v);
  };
  for (const token of new Parser().parse(text)) visit(token);
  return found;
}

/** The offset of the line after `offset` when it is indented deeper than the line holding `offset`. */
function overIndentedLine(text: string, offset: number): number | undefined {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const nextStart = text.indexOf("\n", offset);
  if (nextStart < 0) return undefined;
  const indent = (s: string) => s.length - s.trimStart().length;
  const line = text.slice(lineStart, nextStart);
  const nextEnd = text.indexOf("\n", nextStart + 1);
  const next = text.slice(nextStart + 1, nextEnd < 0 ? undefined : nextEnd);
  return next.trim() && indent(next) > indent(line) ? nextStart + 1 : undefined;
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
