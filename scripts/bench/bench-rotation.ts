/**
 * Benchmark 3, the rotation engine: (a) generating five years for the full roster and writing the
 * schedule file, in process; (b) `whoAt` lookups over a ten-year schedule, in process; (c) the cold
 * start of `oncall who` on the example organisation against `node -e 0`.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { CoverageSegment } from "../core/model/index.js";
import { effectiveCoverage } from "../core/schedule/index.js";
import { buildWhoIndex, whoAt } from "../core/schedule/index.js";
import { inZone } from "../core/rotation/index.js";
import { duration, rate, ratio, type Row } from "./figures-table.js";
import { cpuNote, expectSuccess, median, nowMs, timeInProcess, timeInterleaved } from "./measure.js";
import { FULL } from "./org-size.js";
import { seededRandom } from "./random.js";
import type { RepoPaths } from "./repo-paths.js";
import { ROTATION_START, syntheticRoster } from "./synthetic-roster.js";
import { generateShifts, scheduleEnd, scheduleText, syntheticOverrides } from "./synthetic-schedule.js";

export interface RotationBenchInput {
  paths: RepoPaths;
  work: string;
  lookups: number;
  reps: number;
  shortReps: number;
  log: (line: string) => void;
}

/** Per slot, the segment starts and ends as plain typed arrays: the floor a lookup is compared with. */
function plainArrays(segments: readonly CoverageSegment[]): { starts: Float64Array; ends: Float64Array }[] {
  const bySlot = new Map<string, CoverageSegment[]>();
  for (const s of segments) {
    const list = bySlot.get(s.slot);
    if (list) list.push(s);
    else bySlot.set(s.slot, [s]);
  }
  return [...bySlot.values()].map((list) => {
    list.sort((a, b) => a.start.toMillis() - b.start.toMillis());
    return {
      starts: Float64Array.from(list, (s) => s.start.toMillis()),
      ends: Float64Array.from(list, (s) => s.end.toMillis()),
    };
  });
}

/** Binary search per slot, counting hits: no allocation at all. */
function plainLookup(slots: readonly { starts: Float64Array; ends: Float64Array }[], t: number): number {
  let hits = 0;
  for (const { starts, ends } of slots) {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && ends[lo - 1]! > t) hits++;
  }
  return hits;
}

export async function benchRotation(input: RotationBenchInput): Promise<{ rows: Row[]; notes: string[] }> {
  const { log } = input;
  const rows: Row[] = [];
  const notes: string[] = [];
  const roster = syntheticRoster(FULL, seededRandom(1));
  const zone = roster.config.timezone;

  // (a) five years, generated and written
  log(`3a: generating ${FULL.years} years for ${FULL.people} people and ${FULL.layers} layers (in process)...`);
  const file = join(input.work, "schedule.yaml");
  const generateAndWrite = async (): Promise<number> => {
    const shifts = generateShifts(roster, FULL.years);
    await writeFile(file, scheduleText(roster, shifts));
    return shifts.length;
  };
  const coldStart = nowMs();
  const shiftCount = await generateAndWrite();
  const coldMs = nowMs() - coldStart;
  const gen = await timeInProcess(generateAndWrite, 2, input.reps);
  const genMs = median(gen.wall);
  const text = scheduleText(roster, generateShifts(roster, FULL.years));
  const writeMs = median(
    (await timeInProcess(() => writeFile(join(input.work, "schedule-copy.yaml"), text), 2, input.reps)).wall,
  );
  notes.push(
    `3a: ${shiftCount} shifts, ${(text.length / 1e6).toFixed(2)} MB of YAML; the first run in this process (cold caches, unoptimised code) took ${duration(coldMs)}; CPU time of the warm runs (median) ${duration(median(gen.cpu))}`,
  );
  rows.push({
    id: "3a",
    what: `generate ${FULL.years} y x ${FULL.layers} layers x ${FULL.people} people + write file`,
    figure: duration(genMs),
    baseline: `${duration(writeMs)} (writeFile only)`,
    ratio: ratio(genMs / writeMs),
    target: "<= 0.2 s",
    met: genMs <= 200,
  });

  // (b) who lookups over ten years
  const years = 10;
  log(`3b: ${input.lookups.toLocaleString("en-US")} whoAt lookups over a ${years}-year schedule (in process)...`);
  const buildStart = nowMs();
  const shifts = generateShifts(roster, years);
  const overrides = syntheticOverrides(roster, years, seededRandom(2));
  const from = inZone(Date.parse(`${ROTATION_START}T00:00:00Z`), zone);
  const to = scheduleEnd(roster, years);
  const generatedMs = nowMs() - buildStart;
  const indexStart = nowMs();
  const segments = effectiveCoverage({ shifts, overrides, people: roster.people, config: roster.config, from, to });
  const index = buildWhoIndex(segments);
  const indexMs = nowMs() - indexStart;
  const random = seededRandom(3);
  const fromMs = from.toMillis();
  const span = to.toMillis() - fromMs;
  const instants = Float64Array.from({ length: input.lookups }, () => fromMs + Math.floor(random.next() * span));
  let sink = 0;
  const lookups = await timeInProcess(
    () => {
      for (let i = 0; i < instants.length; i++) sink += whoAt(index, instants[i]!).length;
    },
    1,
    input.reps,
  );
  const lookupMs = median(lookups.wall);
  const plain = plainArrays(segments);
  const plainMs = median(
    (
      await timeInProcess(
        () => {
          for (let i = 0; i < instants.length; i++) sink += plainLookup(plain, instants[i]!);
        },
        1,
        input.reps,
      )
    ).wall,
  );
  const perSecond = input.lookups / (lookupMs / 1000);
  const plainPerSecond = input.lookups / (plainMs / 1000);
  notes.push(
    `3b: ${shifts.length} shifts (${duration(generatedMs)} to generate), ${segments.length} coverage segments; effectiveCoverage + buildWhoIndex took ${duration(indexMs)}; by CPU time ${rate(input.lookups / (median(lookups.cpu) / 1000))}; checksum ${sink}`,
  );
  rows.push({
    id: "3b",
    what: `whoAt lookups, ${years}-year schedule, ${FULL.layers} slots`,
    figure: rate(perSecond),
    baseline: `${rate(plainPerSecond)} (bare binary search)`,
    ratio: ratio(perSecond / plainPerSecond),
    target: ">= 500,000/s",
    met: perSecond >= 500_000,
  });

  // (c) oncall who cold start
  log(`3c: oncall who --repo ${input.paths.root} vs node -e 0 (${input.shortReps} rounds)...`);
  const at = "2026-12-01T16:00:00Z";
  const cold = timeInterleaved(
    [
      {
        name: "who",
        args: [input.paths.oncall, "who", "--repo", input.paths.root, "--at", at],
        check: expectSuccess("oncall who"),
      },
      { name: "node", args: ["-e", "0"], check: expectSuccess("node -e 0") },
    ],
    input.shortReps,
  );
  const whoMs = median(cold.times.get("who")!);
  const nodeMs = median(cold.times.get("node")!);
  notes.push(cpuNote("3c", cold, "who", "node") ?? "3c: no CPU times on this platform");
  rows.push({
    id: "3c",
    what: `oncall who --at ${at} (example org) vs node -e 0`,
    figure: duration(whoMs),
    baseline: duration(nodeMs),
    ratio: ratio(whoMs / nodeMs),
    target: "<= 4x",
    met: whoMs / nodeMs <= 4,
  });
  return { rows, notes };
}
