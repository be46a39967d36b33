/**
 * The per-file stage of loading: text -> YAML with positions -> schema check. Pure (text in, problems
 * out) so it can run on any thread and be cached by content.
 */
import type { Problem } from "../core/model/index.js";
import { pointer } from "../core/model/index.js";
import { parseYaml, type YamlSource } from "./yaml-source.js";
import { splitFrontMatter } from "./front-matter.js";
import type { FileKind } from "../core/model/index.js";
import { checkSchema } from "./schema-check.js";

export interface ParsedFile {
  file: string;
  kind: FileKind;
  /** The parsed data; present even when the schema check failed, absent when parsing failed. */
  data: unknown;
  /** Markdown body after the front matter. */
  body?: string;
  /** 1-based line where the body starts. */
  bodyLine?: number;
  /** True when the file parsed and matched its schema. */
  valid: boolean;
  problems: Problem[];
  source?: YamlSource;
}

const MARKDOWN_KINDS: ReadonlySet<FileKind> = new Set(["postmortem", "playbook"]);

/** Parses and schema-checks one file of a known kind. */
export function parseRepoFile(file: string, kind: FileKind, text: string): ParsedFile {
  const binary = notTextProblem(file, text);
  if (binary) return { file, kind, data: undefined, valid: false, problems: [binary] };
  let yamlText = text;
  let lineOffset = 0;
  let body: string | undefined;
  let bodyLine: number | undefined;
  if (MARKDOWN_KINDS.has(kind)) {
    const split = splitFrontMatter(text);
    if (!split.ok) {
      return {
        file,
        kind,
        data: undefined,
        valid: false,
        problems: [
          {
            file,
            line: split.line,
            column: split.column,
            message: split.message,
            severity: "error",
            rule: "front-matter",
            path: "",
          },
        ],
      };
    }
    yamlText = split.yaml;
    lineOffset = split.yamlLine;
    body = split.body;
    bodyLine = split.bodyLine;
  }
  const source = parseYaml(file, yamlText, lineOffset);
  const problems = [...source.problems];
  if (problems.length === 0 && !yamlText.replace(/#.*$/gm, "").trim()) {
    problems.push({
      file,
      line: 1 + lineOffset,
      column: 1,
      message: MARKDOWN_KINDS.has(kind) ? "The front matter is empty." : "The file is empty.",
      severity: "error",
      rule: "schema",
      path: "",
    });
  }
  if (problems.length) return { file, kind, data: source.data, body, bodyLine, valid: false, problems, source };
  for (const err of checkSchema(kind, source.data)) {
    const pos = source.locate(err.path, { key: err.atKey });
    problems.push({ file, ...pos, message: err.message, severity: "error", rule: "schema", path: pointer(err.path) });
  }
  return { file, kind, data: source.data, body, bodyLine, valid: problems.length === 0, problems, source };
}

/**
 * A file that is not UTF-8 text (an image or archive saved under a .yaml or .md name, or text in
 * another encoding) would otherwise get a YAML syntax error at some meaningless line. A NUL byte or a
 * byte sequence that is not UTF-8 (decoded as U+FFFD) marks it; the problem names the first such line.
 */
function notTextProblem(file: string, text: string): Problem | undefined {
  const nul = text.indexOf("\u0000");
  const bad = text.indexOf("\uFFFD");
  if (nul < 0 && bad < 0) return undefined;
  const at = nul < 0 ? bad : bad < 0 ? nul : Math.min(nul, bad);
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  const column = at - before.lastIndexOf("\n");
  const what = at === nul ? "a NUL byte" : "bytes that are not UTF-8";
  const message =
    `This is not a text file: it contains ${what}. ` +
    "Save it as UTF-8 text, or remove it if it was added by mistake.";
  return { file, line, column, message, severity: "error", rule: "not-text", path: "" };
}
