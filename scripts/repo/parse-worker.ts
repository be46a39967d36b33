/**
 * Worker-thread half of loading a large repository: reads and parses the files it is given and posts
 * the results back (without the YAML sources, which hold closures; positions for later findings are
 * recomputed from the file when needed). Started by parallel-parse.ts.
 */
import { parentPort, workerData } from "node:worker_threads";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseRepoFile } from "./parse-file.js";
import type { FileKind } from "../core/model/index.js";

const { dir, files } = workerData as { dir: string; files: [string, FileKind][] };
const out = files.map(([file, kind]) => {
  const { source: _source, ...rest } = parseRepoFile(file, kind, readFileSync(join(dir, file), "utf8"));
  return rest;
});
parentPort!.postMessage(out);
