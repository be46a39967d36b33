/**
 * The files the schedule run reads and writes in the workspace besides loading the repository: the
 * published schedule as text (edited line by line, so comments and layout survive) and the calendar
 * feed site it writes for GitHub Pages.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { SCHEDULE_FILE } from "../core/schedule/index.js";

/** The text of `rotations/schedule.yaml` in `dir`, or null when there is none yet. */
export async function readScheduleText(dir: string): Promise<string | null> {
  return readFile(join(dir, SCHEDULE_FILE), "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw err;
  });
}

/** Writes each file of a site below `dir` (folders created as needed; existing files replaced). */
export async function writeSiteFiles(dir: string, files: readonly { path: string; content: string }[]): Promise<void> {
  for (const file of files) {
    await mkdir(dirname(join(dir, file.path)), { recursive: true });
    await writeFile(join(dir, file.path), file.content);
  }
}
