/**
 * Timing helpers. Process timings spawn `node` (process.execPath) synchronously and take the wall time
 * around spawnSync; comparisons run their commands interleaved (A B A B ...) so that a change in the
 * machine's load during the run hits both sides alike. In-process timings do warm-up runs first so that
 * the JIT and the product's own caches are warm, then report the median.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { duration, ratio } from "./figures-table.js";

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of nothing");
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Milliseconds since an arbitrary origin, from the monotonic high-resolution clock. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * CPU time (user + system, ms) of this process's finished children, from /proc/self/stat (cutime and
 * cstime, in clock ticks of 10 ms); undefined where there is no /proc. Unlike wall time it hardly
 * moves when other processes compete for the cores.
 */
export function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields are numbered from 1 in proc(5); after the command name the list starts at field 3.
    return (Number(fields[16 - 3]) + Number(fields[17 - 3])) * 10;
  } catch {
    return undefined;
  }
}

export interface ProcessRun {
  ms: number;
  /** CPU time of the child (user + system), when the platform tells. */
  cpuMs: number | undefined;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` to completion and times it (wall clock). Output is captured, never printed. */
export function runNode(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ProcessRun {
  const cpuBefore = childrenCpuMs();
  const start = nowMs();
  const r = spawnSync(process.execPath, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const ms = nowMs() - start;
  const cpuAfter = childrenCpuMs();
  if (r.error) throw r.error;
  const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return { ms, cpuMs, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A named command for {@link timeInterleaved}; `check` throws when a run's result is wrong. */
export interface Timed {
  name: string;
  args: readonly string[];
  cwd?: string;
  check?: (run: ProcessRun) => void;
}

/** Wall and CPU times per command name, and the last run of each (for its output). */
export interface Interleaved {
  times: Map<string, number[]>;
  cpu: Map<string, number[]>;
  last: Map<string, ProcessRun>;
}

/**
 * Runs each command once untimed when `warmup` (disk cache, compile cache), then `reps` rounds of every
 * command in turn.
 */
export function timeInterleaved(commands: readonly Timed[], reps: number, warmup = true): Interleaved {
  const times = new Map<string, number[]>(commands.map((c) => [c.name, []]));
  const cpu = new Map<string, number[]>(commands.map((c) => [c.name, []]));
  const last = new Map<string, ProcessRun>();
  const once = (c: Timed): ProcessRun => {
    const run = runNode(c.args, c.cwd === undefined ? {} : { cwd: c.cwd });
    c.check?.(run);
    last.set(c.name, run);
    return run;
  };
  if (warmup) for (const c of commands) once(c);
  for (let i = 0; i < reps; i++) {
    for (const c of commands) {
      const run = once(c);
      times.get(c.name)!.push(run.ms);
      if (run.cpuMs !== undefined) cpu.get(c.name)!.push(run.cpuMs);
    }
  }
  return { times, cpu, last };
}

/** Median CPU time of a command, or undefined when it was not measured. */
export function medianCpu(result: Interleaved, name: string): number | undefined {
  const list = result.cpu.get(name) ?? [];
  return list.length ? median(list) : undefined;
}

/** Wall and CPU times (ms) of in-process runs. */
export interface InProcessTimes {
  wall: number[];
  /** User + system time of this process, all its threads (the garbage collector's helpers too). */
  cpu: number[];
}

/** Runs `fn` `warmup` times untimed, then `reps` times timed. */
export async function timeInProcess(fn: () => unknown, warmup: number, reps: number): Promise<InProcessTimes> {
  for (let i = 0; i < warmup; i++) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < reps; i++) {
    const cpuStart = process.cpuUsage();
    const start = nowMs();
    await fn();
    wall.push(nowMs() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

/** Fails with the command's output when it did not exit 0. */
export function expectSuccess(what: string): (run: ProcessRun) => void {
  return (run) => {
    if (run.status !== 0)
      throw new Error(`${what} exited with ${run.status}:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
  };
}

/** "CPU time: 12.1 s vs 9.0 s (1.34x)" from the children's user + system time, when measured. */
export function cpuNote(id: string, result: Interleaved, a: string, b: string): string | undefined {
  const x = medianCpu(result, a);
  const y = medianCpu(result, b);
  return x === undefined || y === undefined
    ? undefined
    : `${id} CPU time (user + system, median): ${a} ${duration(x)} vs ${b} ${duration(y)} (${ratio(x / y)})`;
}

/** The open-files limit a child process gets (Node raises its own soft limit to the hard limit), or undefined. */
export function childFdLimit(): number | undefined {
  const r = spawnSync("/bin/sh", ["-c", "ulimit -n"], { encoding: "utf8" });
  const n = Number(r.stdout.trim());
  return r.status === 0 && Number.isFinite(n) ? n : undefined;
}
