/**
 * Robustness of the loader: random small mutations of the minimal fixture (deleted, duplicated or
 * re-indented lines, swapped characters, YAML punctuation, values of another type, renamed files) must
 * only ever produce well-formed problems, never an exception. Runs are bounded and seeded, so the test
 * is deterministic; set MUTATION_SEED (and MUTATION_RUNS) to explore other inputs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { DateTime } from "luxon";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { loadRepository } from "./load-repository.js";
import { REQUIRED_FILES } from "../core/model/index.js";
import type { Problem } from "../core/model/index.js";
import { readFixture } from "./test-repo.js";

const NOW = DateTime.fromISO("2026-01-14T12:00:00Z", { setZone: true });
const SEED = Number(process.env.MUTATION_SEED ?? 20260114);
const NUM_RUNS = Number(process.env.MUTATION_RUNS ?? 150);

type Mutation =
  | { kind: "delete-line"; at: number }
  | { kind: "duplicate-line"; at: number }
  | { kind: "swap-chars"; at: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "reindent"; at: number; by: number }
  | { kind: "replace-value"; at: number; value: string }
  | { kind: "truncate"; at: number };

/** Punctuation that means something to YAML or Markdown front matter, and a few awkward characters. */
const PUNCTUATION = [
  ":",
  "-",
  "[",
  "]",
  "{",
  "}",
  '"',
  "'",
  "\t",
  "#",
  ",",
  "---",
  "&a ",
  "*a",
  "!",
  "!!str ",
  "|",
  ">",
  "? ",
  "%",
  "@",
  "`",
  "\n",
  "\r\n",
  " ",
  "\u00a0",
  "\ufeff",
  "...",
];

/**
 * Values of other types, values that look right but are not, and valid values that move the data into
 * corners of the rules (holiday layers, far-away instants, other zones, unfilled shifts).
 */
const VALUES = [
  ...[
    "42",
    "-1",
    "1e999",
    "0x1F",
    "true",
    "no",
    "null",
    "~",
    "",
    "[]",
    "{}",
    "[a, b]",
    "{ a: 1 }",
    '""',
    ".nan",
    "&x a",
    "*x",
    "|\n  text",
  ],
  ...["2026-02-30", "2026-13-01", "next monday", "2026-01-05T11:00:00", "Mars/Olympus", "XX", "ghost", "P0", "Rot A"],
  ...[
    "holiday-a",
    "holiday-b",
    "rot-c",
    "2025-12-24T11:00:00-05:00",
    "1970-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "2026-03-08T02:30:00-05:00",
  ],
  ...["2026-01-01", "2099-12-31", "Etc/GMT+14", "UTC", "Pacific/Chatham", "dana", "alice", "INC-2", "final", "draft"],
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete-line" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate-line" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("swap-chars" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...PUNCTUATION), fc.string({ maxLength: 4 })),
  }),
  fc.record({ kind: fc.constant("reindent" as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant("replace-value" as const), at: fc.nat(), value: fc.constantFrom(...VALUES) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);

/** Applies one mutation; positions are taken modulo the text's size so every input is usable. */
function mutate(text: string, m: Mutation): string {
  const lines = text.split("\n");
  const i = m.at % Math.max(1, lines.length);
  switch (m.kind) {
    case "delete-line":
      lines.splice(i, 1);
      return lines.join("\n");
    case "duplicate-line":
      lines.splice(i, 0, lines[i] ?? "");
      return lines.join("\n");
    case "swap-chars": {
      if (text.length < 2) return text;
      const p = m.at % (text.length - 1);
      return text.slice(0, p) + text[p + 1] + text[p] + text.slice(p + 2);
    }
    case "insert": {
      const p = m.at % (text.length + 1);
      return text.slice(0, p) + m.text + text.slice(p);
    }
    case "reindent": {
      const line = lines[i] ?? "";
      lines[i] = m.by >= 0 ? " ".repeat(m.by) + line : line.replace(new RegExp(`^ {0,${-m.by}}`), "");
      return lines.join("\n");
    }
    case "replace-value": {
      // One scalar after "key: ", in block or flow style (up to a comma, brace or line end).
      const spans = [...text.matchAll(/(?<=: )[^,}\n]+/g)];
      const span = spans[m.at % Math.max(1, spans.length)];
      if (!span) return text;
      const p = span.index ?? 0;
      return text.slice(0, p) + m.value + text.slice(p + span[0].length);
    }
    case "truncate":
      return text.slice(0, m.at % (text.length + 1));
  }
}

/** Other names a mutated file may get (the loader must say what is wrong with each). */
const RENAMES: Record<string, string[]> = {
  rotations: ["rotations/extra.yaml", "rotations/People.yaml", "rotations/people.yml"],
  incidents: [
    "incidents/2026/INC-2.yaml",
    "incidents/2025/INC-1.yaml",
    "incidents/2026/inc-1.yaml",
    "incidents/INC-1.yaml",
  ],
  postmortems: ["postmortems/2026/INC-1.md", "postmortems/2026/INC-2-other.md", "postmortems/INC-1-x.md"],
  playbooks: ["playbooks/README.md", "playbooks/other.md", "playbooks/sub/dir.md", "playbooks/.hidden.md"],
};

function wellFormed(p: Problem, files: Map<string, string>): string | undefined {
  const text = files.get(p.file);
  if (text === undefined && !REQUIRED_FILES.includes(p.file)) return "names a file that does not exist";
  if (!Number.isInteger(p.line) || !Number.isInteger(p.column) || p.line < 0 || p.column < 0)
    return "has a bad position";
  if ((p.line === 0) !== (p.column === 0)) return "has a line without a column or a column without a line";
  if (text !== undefined && p.line > text.split(/\r\n|\r|\n/).length) return "points below the end of the file";
  if (typeof p.message !== "string" || !p.message.trim()) return "has no message";
  if (/undefined|NaN|\[object Object\]|Invalid DateTime/.test(p.message.replace(/"[^"]*"/g, '""')))
    return "has a message with a programming artefact";
  if (p.severity !== "error" && p.severity !== "warning") return "has an unknown severity";
  if (typeof p.rule !== "string" || !p.rule) return "has no rule";
  if (typeof p.path !== "string") return "has no data path";
  return undefined;
}

describe("loader under random mutations of the minimal fixture", () => {
  let fixture: Map<string, string>;
  let dir: string;

  beforeAll(async () => {
    fixture = await readFixture();
    dir = await mkdtemp(join(tmpdir(), "oncall-mutation-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes `files` as the whole content of the reused directory. */
  async function writeRepo(files: Map<string, string>): Promise<void> {
    await rm(dir, { recursive: true, force: true });
    for (const [path, text] of files) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
  }

  it("only ever returns well-formed problems", async () => {
    const paths = [...fixture.keys()];
    const fileEdit = fc.record({
      file: fc.constantFrom(...paths),
      mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
      rename: fc.option(fc.nat(), { freq: 8 }),
    });
    // Mostly one file at a time (so a failure is easy to read), sometimes two.
    const scenario = fc.oneof(
      { arbitrary: fc.tuple(fileEdit), weight: 4 },
      { arbitrary: fc.tuple(fileEdit, fileEdit), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(scenario, async (edits) => {
        const files = new Map(fixture);
        let unchanged = true;
        for (const { file, mutations, rename } of edits) {
          const original = files.get(file);
          if (original === undefined) continue;
          const text = mutations.reduce(mutate, original);
          const choices = RENAMES[file.split("/")[0]!] ?? [];
          const target = rename !== null && choices.length ? choices[rename % choices.length]! : file;
          files.delete(file);
          files.set(target, text);
          if (text !== original || target !== file) unchanged = false;
        }
        await writeRepo(files);

        const result = await loadRepository(dir, { now: NOW });
        const bad = result.problems.map((p) => [p, wellFormed(p, files)] as const).filter(([, why]) => why);
        expect(bad.map(([p, why]) => `${why}: ${JSON.stringify(p)}`)).toEqual([]);
        // The same sentence twice at the same place is noise.
        const keys = result.problems.map((p) => `${p.file}:${p.line}:${p.column}:${p.message}`);
        expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
        // An edit that changed nothing leaves the valid fixture valid.
        if (unchanged) expect(result.problems).toEqual([]);
      }),
      { numRuns: NUM_RUNS, seed: SEED, endOnFailure: true },
    );
  });
});
