/**
 * The floor `oncall validate` is compared with: read the same files and parse each with the yaml
 * package's `YAML.parse` (front matter split off for Markdown), on one thread, and nothing else: no
 * positions, no schema, no rules. Run as `node build/bench.mjs --floor DIR`, a process of its own like
 * the CLI, so process start-up counts on both sides.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { listRepositoryFiles } from "../repo/repository-files.js";

/** The YAML of a file: the whole text, or for Markdown the front matter between the `---` lines. */
export function yamlPart(file: string, text: string): string {
  if (!file.endsWith(".md")) return text;
  if (!text.startsWith("---\n")) return "";
  const close = text.indexOf("\n---\n", 3);
  return close < 0 ? "" : text.slice(4, close + 1);
}

/** Reads and parses every data file of `dir`; prints how many. */
export async function runFloor(dir: string): Promise<void> {
  const files = await listRepositoryFiles(dir);
  // Bounded concurrency: reading tens of thousands of files at once would run out of descriptors.
  const texts: string[] = [];
  const BATCH = 256;
  for (let i = 0; i < files.length; i += BATCH)
    texts.push(...(await Promise.all(files.slice(i, i + BATCH).map((f) => readFile(join(dir, f), "utf8")))));
  let parsed = 0;
  let bytes = 0;
  files.forEach((file, i) => {
    const text = texts[i]!;
    bytes += text.length;
    if (parse(yamlPart(file, text)) !== undefined) parsed++;
  });
  process.stdout.write(`${parsed} of ${files.length} files parsed, ${bytes} characters\n`);
}
