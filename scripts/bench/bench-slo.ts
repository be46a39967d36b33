/**
 * Benchmark 4, the acknowledgement SLO: deadlines of 100,000 incidents over a two-year schedule of the
 * full roster, in process, with the real holiday calendar (date-holidays) and coverage from
 * effectiveCoverage. For information also: the same with the coverage cut to each report's 14-day
 * window first (what a caller can do to close the gap), and the organisation-level `deadlineFor` the
 * CLI and actions call, which builds a coverage window per incident.
 */
import { DateTime } from "luxon";
import type { CoverageSegment } from "../core/model.js";
import { effectiveCoverage } from "../core/effective.js";
import { deadlineFor } from "../core/org-deadline.js";
import { ackDeadline, DEFAULT_DEADLINE_HORIZON_DAYS } from "../core/slo-deadline.js";
import { buildWhoIndex, whoAt } from "../core/who.js";
import { inZone } from "../core/wall-clock.js";
import { loadHolidayCalendar } from "../repo/holidays.js";
import { duration, ratio, type Row } from "./figures-table.js";
import { median, nowMs, timeInProcess } from "./measure.js";
import { FULL } from "./org-size.js";
import { seededRandom } from "./random.js";
import { ROTATION_START, syntheticRoster } from "./synthetic-roster.js";
import { generateShifts, scheduleEnd, syntheticOverrides } from "./synthetic-schedule.js";

const DAY_MS = 86_400_000;
const TARGET_INCIDENTS = 100_000;

export interface SloBenchInput {
  /** Incidents per timed pass at most; fewer (scaled to 100,000) when a pass would exceed the budget. */
  incidents: number;
  /** Seconds one timed pass may take before the benchmark times a sample and scales instead. */
  budgetSeconds: number;
  /** Incidents for the informational deadlineFor figure (scaled to 100,000 too). */
  orgIncidents: number;
  reps: number;
  log: (line: string) => void;
}

/** Coverage segments overlapping [from, to), found by binary search over segments sorted by start. */
function windowCutter(coverage: readonly CoverageSegment[]): (from: number, to: number) => CoverageSegment[] {
  const sorted = [...coverage].sort((a, b) => a.start.toMillis() - b.start.toMillis());
  const starts = Float64Array.from(sorted, (s) => s.start.toMillis());
  const ends = Float64Array.from(sorted, (s) => s.end.toMillis());
  let longest = 0;
  for (let i = 0; i < starts.length; i++) longest = Math.max(longest, ends[i]! - starts[i]!);
  const firstAtOrAfter = (t: number): number => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (from, to) => {
    const out: CoverageSegment[] = [];
    for (let i = firstAtOrAfter(from - longest); i < starts.length && starts[i]! < to; i++) if (ends[i]! > from) out.push(sorted[i]!);
    return out;
  };
}

/** Median wall time of in-process runs. */
async function medianWall(fn: () => unknown, warmup: number, reps: number): Promise<number> {
  return median((await timeInProcess(fn, warmup, reps)).wall);
}

export async function benchSlo(input: SloBenchInput): Promise<{ rows: Row[]; notes: string[] }> {
  const years = 2;
  const roster = syntheticRoster(FULL, seededRandom(1));
  const zone = roster.config.timezone;
  const shifts = generateShifts(roster, years);
  const overrides = syntheticOverrides(roster, years, seededRandom(2));
  const from = inZone(Date.parse(`${ROTATION_START}T00:00:00Z`) - DAY_MS, zone);
  const to = scheduleEnd(roster, years);
  const coverage = effectiveCoverage({ shifts, overrides, people: roster.people, config: roster.config, from, to });
  const people = new Map(roster.people.map((p) => [p.login, p]));
  const orgHolidays = new Set(roster.config.orgHolidays);
  const calendar = await loadHolidayCalendar();
  const random = seededRandom(4);
  // Reports inside the schedule, leaving the 14-day search horizon inside it too.
  const lo = from.toMillis() + 2 * DAY_MS;
  const hi = to.toMillis() - 15 * DAY_MS;
  const reports = Array.from({ length: input.incidents }, () => DateTime.fromMillis(lo + Math.floor(random.next() * (hi - lo)), { zone: "UTC" }));
  input.log(`4: acknowledgement deadlines over a ${years}-year schedule (${coverage.length} coverage segments, in process)...`);

  let sink = 0;
  const deadlines = (list: readonly DateTime[]) => () => {
    for (const reportedAt of list) sink += ackDeadline({ reportedAt, coverage, people, calendar, orgHolidays }).deadline?.toMillis() ?? 0;
  };
  // Warm-up over the whole range fills the holiday calendar's per-region, per-year cache.
  const warm = reports.filter((_, i) => i % 100 === 0).slice(0, 1000);
  const warmStart = nowMs();
  deadlines(warm)();
  const warmMs = nowMs() - warmStart;
  // Time a sample; run the full count only when a pass fits in the budget.
  const sample = reports.slice(0, Math.min(reports.length, 5_000));
  const sampleMs = await medianWall(deadlines(sample), 0, 1);
  const projected = (sampleMs / sample.length) * reports.length;
  const timed = projected <= input.budgetSeconds * 1000 ? reports : sample;
  const scale = TARGET_INCIDENTS / timed.length;
  input.log(`4: timing ${timed.length.toLocaleString("en-US")} deadlines x ${input.reps} (sample: ${duration(sampleMs)} for ${sample.length})...`);
  const main = await timeInProcess(deadlines(timed), 0, input.reps);
  const deadlineMs = median(main.wall) * scale;

  // Baseline: who is on call at the report, and one DateTime for the answer.
  const index = buildWhoIndex(coverage);
  const baselineMs =
    (await medianWall(() => {
      for (const reportedAt of timed) {
        const r = reportedAt.toMillis();
        sink += whoAt(index, r).length + DateTime.fromMillis(r + 600_000, { zone: "UTC" }).toMillis();
      }
    }, 1, input.reps)) * scale;

  // Information: the same with the coverage cut to the report's window before the call.
  const cut = windowCutter(coverage);
  const horizon = DEFAULT_DEADLINE_HORIZON_DAYS * DAY_MS;
  const windowedMs =
    (await medianWall(() => {
      for (const reportedAt of timed) {
        const r = reportedAt.toMillis();
        sink += ackDeadline({ reportedAt, coverage: cut(r, r + horizon), people, calendar, orgHolidays }).deadline?.toMillis() ?? 0;
      }
    }, 1, input.reps)) * scale;

  // Information: the organisation-level path, which builds the coverage window per incident.
  const org = { rotation: roster.config, people: roster.people, shifts, overrides };
  const some = reports.slice(0, input.orgIncidents);
  const orgMs =
    (await medianWall(() => {
      for (const reportedAt of some) sink += deadlineFor(org, reportedAt, calendar).deadline?.toMillis() ?? 0;
    }, 0, 1)) * (TARGET_INCIDENTS / some.length);

  const scaled = (n: number) => (n < TARGET_INCIDENTS ? ` (${n.toLocaleString("en-US")} timed, scaled)` : "");
  const rows: Row[] = [
    { id: "4", what: `ackDeadline x 100,000 incidents, 2-year coverage${scaled(timed.length)}`, figure: duration(deadlineMs), baseline: `${duration(baselineMs)} (whoAt + 1 DateTime)`, ratio: ratio(deadlineMs / baselineMs), target: "<= 1 s", met: deadlineMs <= 1000 },
    { id: "4'", what: `ackDeadline x 100,000, coverage cut to the 14-day window first${scaled(timed.length)}`, figure: duration(windowedMs), baseline: `${duration(baselineMs)} (whoAt + 1 DateTime)`, ratio: ratio(windowedMs / baselineMs), target: "info", met: null },
    { id: "4''", what: `deadlineFor(org, ...) x 100,000${scaled(some.length)}`, figure: duration(orgMs), baseline: `${duration(baselineMs)} (whoAt + 1 DateTime)`, ratio: ratio(orgMs / baselineMs), target: "info", met: null },
  ];
  const notes = [`4: ${shifts.length} shifts, ${coverage.length} coverage segments over ${years} years; warm-up of ${warm.length} deadlines took ${duration(warmMs)} (fills the holiday cache); CPU time of row 4 (median, scaled) ${duration(median(main.cpu) * scale)}; checksum ${sink}`];
  return { rows, notes };
}
