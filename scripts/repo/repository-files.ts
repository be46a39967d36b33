/**
 * Which files of a repository are on-call data: everything below the data folders, hidden entries
 * skipped. Kept apart from the loader so tools that only list files (the benchmark's floor) load nothing
 * else.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { DATA_DIRS } from "../core/model/index.js";

/** Every file below the data folders, repository-relative with forward slashes, sorted. */
export async function listRepositoryFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(path);
      else if (e.isFile()) out.push(path);
    }
  }
  for (const d of DATA_DIRS) await walk(d);
  return out.sort();
}
