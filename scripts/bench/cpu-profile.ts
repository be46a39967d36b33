/**
 * Where a CLI run spends its time: runs it under `node --cpu-prof` (the profile goes to a temp folder)
 * and sums self time per function, so the notes in BENCHMARKS.md name functions rather than guess.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { runNode } from "./measure.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

/**
 * Runs `node --cpu-prof <args>` with the profiles written into `dir` (one per thread: the CLI parses on a
 * worker thread too) and returns the top functions by self time, summed over the threads.
 */
export async function profileRun(
  args: readonly string[],
  dir: string,
  top = 15,
): Promise<{ threads: number; totalMs: number; top: SelfTime[] }> {
  const run = runNode(["--cpu-prof", `--cpu-prof-dir=${dir}`, ...args]);
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`profiled run exited with ${run.status}: ${run.stderr.slice(-1000)}`);
  return summarizeProfiles(dir, top);
}

/** The top functions by self time over every `.cpuprofile` in `dir` (written by `node --cpu-prof`). */
export async function summarizeProfiles(
  dir: string,
  top = 15,
): Promise<{ threads: number; totalMs: number; top: SelfTime[] }> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".cpuprofile"));
  if (files.length === 0) throw new Error("node --cpu-prof wrote no profile");
  const byName = new Map<string, number>();
  let totalUs = 0;
  for (const f of files) totalUs += selfTimes(JSON.parse(await readFile(join(dir, f), "utf8")) as CpuProfile, byName);
  const list = [...byName]
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / totalUs }))
    .sort((a, b) => b.ms - a.ms);
  return { threads: files.length, totalMs: totalUs / 1000, top: list.slice(0, top) };
}

/** Adds the self time (µs) per function (name and file) of one profile to `byName`; returns the profile's duration in µs. */
function selfTimes(profile: CpuProfile, byName: Map<string, number>): number {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time before sample i; attribute it to the sample's node.
  samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const file = frame.url.split("/").pop() || "(native)";
    const name = `${frame.functionName || "(anonymous)"} ${file}`;
    byName.set(name, (byName.get(name) ?? 0) + (deltas[i] ?? 0));
  });
  return profile.endTime - profile.startTime;
}

/**
 * Inclusive time (ms) under each of `names` (function names, matched exactly, e.g. `loadRepository`)
 * over every `.cpuprofile` in `dir`: a sample counts for a name when any frame of its stack has it, once.
 * Names not seen are left out. For a where-does-it-go split of one run by phase.
 */
export async function inclusiveTimes(dir: string, names: readonly string[]): Promise<Map<string, number>> {
  const wanted = new Set(names);
  const out = new Map<string, number>();
  for (const f of (await readdir(dir)).filter((x) => x.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(await readFile(join(dir, f), "utf8")) as CpuProfile;
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const deltas = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, i) => {
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const name = byId.get(at)?.callFrame.functionName ?? "";
        if (wanted.has(name)) seen.add(name);
      }
      for (const name of seen) out.set(name, (out.get(name) ?? 0) + (deltas[i] ?? 0) / 1000);
    });
  }
  return out;
}
