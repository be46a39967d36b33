/**
 * Splits a Markdown file into its YAML front matter and body. The front matter must open on the first
 * line with `---` and close with a later `---` line; anything else is a problem at a precise line.
 */
export type FrontMatterSplit =
  | {
      ok: true;
      yaml: string;
      body: string;
      /** Lines before the YAML (the opening ---). */ yamlLine: number;
      /** 1-based line where the body starts. */ bodyLine: number;
    }
  | { ok: false; line: number; column: number; message: string };

export function splitFrontMatter(text: string): FrontMatterSplit {
  const src = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const lines = src.split(/\r?\n/);
  if (lines[0]?.trimEnd() !== "---") {
    return {
      ok: false,
      line: 1,
      column: 1,
      message: "The file must start with YAML front matter: a line '---', the fields, then another '---'.",
    };
  }
  const close = lines.findIndex((l, i) => i > 0 && (l.trimEnd() === "---" || l.trimEnd() === "..."));
  if (close < 0) {
    return {
      ok: false,
      line: 1,
      column: 1,
      message: "The front matter opened on line 1 is never closed with a '---' line.",
    };
  }
  return {
    ok: true,
    yaml: lines.slice(1, close).join("\n"),
    body: lines.slice(close + 1).join("\n"),
    yamlLine: 1,
    bodyLine: close + 2,
  };
}
