/**
 * Test helper: a throw-away copy of a fixture repository (scripts/fixtures/<name>) with small edits
 * applied, for tests that run the loader on real files. Edits fail loudly when they do not apply, so
 * a case never silently tests the unedited fixture.
 */
import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** One change to a repository file; paths are repository-relative with forward slashes. */
export type Edit =
  /** Replace `from` (which must occur exactly once, or at least once with `all`) by `to`. */
  | { file: string; replace: string; with: string; all?: boolean }
  /** Create or overwrite the file. */
  | { file: string; write: string }
  /** Rewrite the file's text with a function (line endings, byte order marks...). */
  | { file: string; transform: (text: string) => string }
  /** Remove the file (it must exist). */
  | { file: string; delete: true }
  /** Move the file to another path. */
  | { file: string; moveTo: string }
  /** Copy the file to another path, optionally with replacements applied to the copy. */
  | { file: string; copyTo: string; replacing?: [string, string][] };

/** Absolute path of a fixture repository. */
export function fixtureDir(name = "minimal"): string {
  return fileURLToPath(new URL(`../fixtures/${name}/`, import.meta.url));
}

/** Every file of a fixture, repository-relative path -> text. */
export async function readFixture(name = "minimal"): Promise<Map<string, string>> {
  const root = fixtureDir(name);
  const out = new Map<string, string>();
  async function walk(dir: string): Promise<void> {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) await walk(abs);
      else if (e.isFile()) out.set(relative(root, abs).split(sep).join("/"), await readFile(abs, "utf8"));
    }
  }
  await walk(root);
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

/** Counts non-overlapping occurrences of `needle` in `text`. */
function occurrences(text: string, needle: string): number {
  if (!needle) return 0;
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Applies `edits` to the repository in `dir`, in order. */
async function applyEdits(dir: string, edits: readonly Edit[]): Promise<void> {
  for (const e of edits) {
    const abs = join(dir, e.file);
    if ("replace" in e) {
      const text = await readFile(abs, "utf8");
      const n = occurrences(text, e.replace);
      if (n === 0 || (n > 1 && !e.all))
        throw new Error(`edit of ${e.file}: ${JSON.stringify(e.replace)} occurs ${n} times`);
      await writeFile(abs, e.all ? text.split(e.replace).join(e.with) : text.replace(e.replace, () => e.with));
    } else if ("write" in e) {
      await mkdir(dirname(abs), { recursive: true });
      await writeFile(abs, e.write);
    } else if ("transform" in e) {
      await writeFile(abs, e.transform(await readFile(abs, "utf8")));
    } else if ("delete" in e) {
      await rm(abs);
    } else if ("moveTo" in e) {
      const to = join(dir, e.moveTo);
      await mkdir(dirname(to), { recursive: true });
      await rename(abs, to);
    } else {
      let text = await readFile(abs, "utf8");
      for (const [from, to] of e.replacing ?? []) {
        if (!text.includes(from)) throw new Error(`copy of ${e.file}: ${JSON.stringify(from)} does not occur`);
        text = text.split(from).join(to);
      }
      const to = join(dir, e.copyTo);
      await mkdir(dirname(to), { recursive: true });
      await writeFile(to, text);
    }
  }
}

/** Copies fixture `name` to a new temporary directory, applies `edits` and returns the directory. */
export async function makeTestRepo(edits: readonly Edit[] = [], name = "minimal"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `oncall-${name}-`));
  await cp(fixtureDir(name), dir, { recursive: true });
  await applyEdits(dir, edits);
  return dir;
}

/** Deletes a directory made by `makeTestRepo`. */
export async function removeTestRepo(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
