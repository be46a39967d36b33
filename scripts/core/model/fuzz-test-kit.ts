/**
 * Hostile text for the fuzz tests of the parsers that read what people type (issue form, slash
 * commands, trade files): arbitrary Unicode (lone surrogates, NUL, bidirectional controls, combining
 * marks) mixed with the Markdown and HTML that GitHub bodies are made of, and occasional very long
 * lines. Test-only; nothing in the product imports it.
 *
 * Run counts follow the property tests' convention: moderate by default so CI stays fast,
 * `PROPERTY_RUNS=5000` for a deeper local search, and `PROPERTY_SEED` with `PROPERTY_PATH` to replay a
 * failure fast-check reported.
 */
import fc from "fast-check";

/** fast-check parameters: `runs` by default, or what the PROPERTY_* variables ask for. */
export function fuzzRuns(runs: number): fc.Parameters<unknown> {
  if (process.env.PROPERTY_SEED)
    return { seed: Number(process.env.PROPERTY_SEED), path: process.env.PROPERTY_PATH, endOnFailure: true };
  return { numRuns: Number(process.env.PROPERTY_RUNS ?? runs) };
}

/** Characters that break naive text handling: controls, bidi marks, surrogate halves, odd spaces. */
export const EDGE_CHARACTERS = [
  "\0",
  "\u0007",
  "\t",
  "\r",
  "\n",
  "\r\n",
  "\u000b",
  "\u000c",
  "\u0085",
  "\u00a0",
  "\u2028",
  "\u2029",
  "\u200b",
  "\u200d",
  "\u200e",
  "\u200f",
  "\u202a",
  "\u202e",
  "\u2066",
  "\u2069",
  "\u061c",
  "\ufeff",
  "\ufffd",
  "\uffff",
  "\u0301",
  "\ud800",
  "\udbff",
  "\udc00",
  "\udfff",
  "\udfff\ud800",
  "\ud83d\ude00",
  "\ud83d",
  "\u{10ffff}",
  "\u{e0001}",
  "ﷺ",
  "ǅ",
  "İ",
  "ß",
  "𝟘",
] as const;

/** Markdown, HTML and form fragments that the parsers treat specially. */
export const MARKDOWN_TOKENS = [
  "### ",
  "###",
  "## ",
  "#",
  "```",
  "~~~",
  "````",
  "> ",
  ">",
  "<!--",
  "-->",
  "<!-- oncall:incident-state v1 H4sIAAAA -->",
  "<!-- oncall:",
  "<details>",
  "</details>",
  "<",
  "&lt;",
  "_No response_",
  "None",
  "Not sure",
  "- ",
  "* ",
  "1. ",
  "    ",
  "|",
  "`",
  "**",
  "[",
  "]",
  "(",
  ")",
  "https://",
  "http://x.y/",
  "@",
  ",",
  ":",
  "/",
  "\\",
  "---",
  "P1",
  "P9",
  "Yes",
  "No",
  "15:20 UTC",
  "2026-10-22T15:20:00Z",
] as const;

/** One unit of hostile text: a code point of any plane, an edge character, or a Markdown token. */
const unit: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: "binary", maxLength: 8 }), weight: 3 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 4 }), weight: 1 },
  { arbitrary: fc.constantFrom(...EDGE_CHARACTERS), weight: 2 },
  { arbitrary: fc.constantFrom(...MARKDOWN_TOKENS), weight: 4 },
  { arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 12 }), weight: 3 },
);

/** One line of hostile text, sometimes very long (a token repeated thousands of times). */
export function hostileLine(maxUnits = 12): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.array(unit, { maxLength: maxUnits }).map((parts) => parts.join("")), weight: 9 },
    {
      arbitrary: fc
        .tuple(unit, fc.integer({ min: 500, max: 6000 }))
        .map(([u, n]) => u.repeat(Math.ceil(n / Math.max(1, u.length)))),
      weight: 1,
    },
  );
}

/** Several lines of hostile text joined with newlines of any style. */
export function hostileText(maxLines = 24): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(hostileLine(), fc.constantFrom("\n", "\n", "\n", "\r\n", "\r", "\n\n")), { maxLength: maxLines })
    .map((lines) => lines.map(([l, nl]) => l + nl).join(""));
}

/** Total characters of every string inside a value (objects, arrays, maps), for output bounds. */
export function textSize(value: unknown, seen = new Set<unknown>()): number {
  if (typeof value === "string") return value.length;
  if (value === null || typeof value !== "object" || seen.has(value)) return 0;
  seen.add(value);
  if (value instanceof Map) return [...value].reduce((n, [k, v]) => n + textSize(k, seen) + textSize(v, seen), 0);
  if (typeof (value as { toISO?: unknown }).toISO === "function") return 30;
  return Object.values(value).reduce((n: number, v) => n + textSize(v, seen), 0);
}
