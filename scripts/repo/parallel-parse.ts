/**
 * Reading and parsing many files, on two threads when it pays. Parsing YAML with positions and checking
 * schemas is the bulk of validating a large repository; above a threshold half the files go to a worker
 * thread (the machine's second core) while this thread parses the other half.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { parseRepoFile, type ParsedFile } from "./parse-file.js";
import type { FileKind } from "../core/model/index.js";

/** Below this many files a worker's start-up (~50 ms) costs more than it saves. */
const PARALLEL_THRESHOLD = 600;

let workerUrl: URL | undefined;

/**
 * Where the bundled worker script is. Only the bundled CLI sets it (its build has the worker entry);
 * everywhere else parsing stays on one thread.
 */
export function useParseWorker(url: URL): void {
  workerUrl = url;
}

export interface ParseOutput {
  parsed: ParsedFile[];
  /** Texts read on this thread, by path (the worker's are re-read only if a finding needs them). */
  texts: Map<string, string>;
}

export async function parseFiles(dir: string, files: readonly [string, FileKind][]): Promise<ParseOutput> {
  const texts = new Map<string, string>();
  const parseHere = (list: readonly [string, FileKind][]) =>
    list.map(([file, kind]) => {
      const text = readFileSync(join(dir, file), "utf8");
      texts.set(file, text);
      // Keeping every file's YAML document alive for positions costs more in garbage collection than
      // re-parsing the few files a cross-file finding points into.
      const { source: _source, ...rest } = parseRepoFile(file, kind, text);
      return rest;
    });
  if (!workerUrl || files.length < PARALLEL_THRESHOLD) return { parsed: parseHere(files), texts };
  // Interleave so both halves get a similar mix of small and large files.
  const mine = files.filter((_, i) => i % 2 === 0);
  const theirs = files.filter((_, i) => i % 2 === 1);
  const worker = new Worker(workerUrl, { workerData: { dir, files: theirs } });
  const fromWorker = new Promise<ParsedFile[]>((resolve, reject) => {
    worker.once("message", (m: ParsedFile[]) => resolve(m));
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`parse worker exited with code ${code}`)));
  });
  const here = parseHere(mine);
  const there = await fromWorker;
  await worker.terminate();
  return { parsed: [...here, ...there], texts };
}
