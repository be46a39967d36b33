/**
 * Test helper for the import tests: scratch repositories (scripts/fixtures/minimal with its roster
 * marked as the example, never the example organisation at the root), copies of the import fixtures
 * with edits, the CLI run in process, and `oncall who` asked at every hour of a window.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import { main } from "./main.js";
import { makeTestRepo } from "../repo/test-repo.js";
import { markExampleRoster } from "../repo/init-texts.js";
import { loadRepository } from "../repo/load-repository.js";
import { previewCoverage } from "../core/schedule/index.js";
import { FIXED_FILES } from "../core/model/index.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/import/", import.meta.url));

/** A scratch repository whose roster counts as the untouched example. */
export function scratchRepo(): Promise<string> {
  return makeTestRepo([{ file: FIXED_FILES.people, transform: markExampleRoster }]);
}

/** A parsed response body, edited freely by the tests (its shapes are the fixtures', not ours to type here). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A copy of fixture folder `name` with JSON edits applied (file -> a function changing the parsed body; null deletes it). */
export function fixtureCopy(name: string, edits: Record<string, ((body: Json) => unknown) | null> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `oncall-import-src-`));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    if (edit === null) rmSync(join(dir, file));
    else {
      const body = JSON.parse(readFileSync(join(dir, file), "utf8"));
      edit(body); // edits change the body in place
      writeFileSync(join(dir, file), JSON.stringify(body, null, 2));
    }
  }
  return dir;
}

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** `oncall ...` in process. */
export async function oncall(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let out = "";
  let err = "";
  const code = await main(args, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    env,
    now: () => DateTime.fromISO("2027-01-01T00:00:00Z", { zone: "utc" }),
  });
  return { code, out, err };
}

/** Every file of a folder, path -> bytes (as a string), to prove nothing changed. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const abs = join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.set(relative(dir, abs), readFileSync(abs, "latin1"));
    }
  };
  walk(dir);
  return out;
}

/** A hand-written expectation: from this instant on, the layer is held by this login (null: nobody). */
export type Expect = [layer: string, from: string, login: string | null];

/**
 * Asks the repository (as `oncall who` does) at every hour of [from, to) and returns the hours where a
 * layer's answer differs from `expected`; an unfilled shift covered by a fallback counts as nobody.
 */
export async function whoMismatches(dir: string, expected: Expect[], from: string, to: string): Promise<string[]> {
  const { org, problems } = await loadRepository(dir);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) return errors.map((e) => `${e.file}: ${e.message}`);
  const zone = org.rotation.timezone;
  const layers = [...new Set(expected.map((e) => e[0]))];
  const table = expected.map(([layer, at, login]) => ({ layer, ms: DateTime.fromISO(at, { zone }).toMillis(), login }));
  const bad: string[] = [];
  const end = DateTime.fromISO(to, { zone });
  for (let t = DateTime.fromISO(from, { zone }); t < end; t = t.plus({ hours: 1 })) {
    const answer = previewCoverage({
      config: org.rotation,
      people: org.people,
      shifts: org.shifts,
      overrides: org.overrides,
      at: t,
    });
    for (const layer of layers) {
      const want = table.filter((e) => e.layer === layer && e.ms <= t.toMillis()).at(-1)?.login ?? null;
      const entry = answer.entries.find((e) => e.slot === layer);
      const got = entry && entry.source !== "fallback" ? entry.login : null;
      if (want !== got) bad.push(`${t.toISO()} ${layer}: expected ${want}, who says ${got}`);
    }
  }
  return bad;
}
