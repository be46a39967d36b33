/**
 * Benchmark 4, the acknowledgement SLO: deadlines of 100,000 incidents over a two-year schedule of the
 * full roster, in process, with the real holiday calendar (date-holidays) and coverage from
 * effectiveCoverage, through one `deadlineFinder` (built inside the timing). For information also: the
 * organisation-level finder the SLO check uses (coverage built once for the span of the reports), and
 * the one-shot calls (`ackDeadline`, `deadlineFor`) that index the coverage or build it per incident.
 */
import { DateTime } from "luxon";
import { effectiveCoverage } from "../core/schedule/index.js";
import { deadlineFor, orgDeadlineFinder } from "../core/slo/index.js";
import { ackDeadline, deadlineFinder } from "../core/slo/index.js";
import { buildWhoIndex, whoAt } from "../core/schedule/index.js";
import { inZone } from "../core/rotation/index.js";
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
  /** Incidents for the informational one-shot figures (scaled to 100,000 too). */
  orgIncidents: number;
  reps: number;
  log: (line: string) => void;
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
  const reports = Array.from({ length: input.incidents }, () =>
    DateTime.fromMillis(lo + Math.floor(random.next() * (hi - lo)), { zone: "UTC" }),
  );
  input.log(
    `4: acknowledgement deadlines over a ${years}-year schedule (${coverage.length} coverage segments, in process)...`,
  );

  let sink = 0;
  const settings = { coverage, people, calendar, orgHolidays };
  const deadlines = (list: readonly DateTime[]) => () => {
    const finder = deadlineFinder(settings);
    for (const reportedAt of list) sink += finder.deadline(reportedAt).deadline?.toMillis() ?? 0;
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
  input.log(
    `4: timing ${timed.length.toLocaleString("en-US")} deadlines x ${input.reps} (sample: ${duration(sampleMs)} for ${sample.length})...`,
  );
  const main = await timeInProcess(deadlines(timed), 1, input.reps);
  const deadlineMs = median(main.wall) * scale;

  // Baseline: who is on call at the report, and one DateTime for the answer.
  const index = buildWhoIndex(coverage);
  const baselineMs =
    (await medianWall(
      () => {
        for (const reportedAt of timed) {
          const r = reportedAt.toMillis();
          sink += whoAt(index, r).length + DateTime.fromMillis(r + 600_000, { zone: "UTC" }).toMillis();
        }
      },
      1,
      input.reps,
    )) * scale;

  // Information: the organisation-level finder of the SLO check (coverage built once for the span).
  const org = { rotation: roster.config, people: roster.people, shifts, overrides };
  const span = { from: DateTime.fromMillis(lo, { zone: "UTC" }), to: DateTime.fromMillis(hi, { zone: "UTC" }) };
  const orgMs =
    (await medianWall(
      () => {
        const finder = orgDeadlineFinder(org, calendar, span);
        for (const reportedAt of timed) sink += finder.deadline(reportedAt).deadline?.toMillis() ?? 0;
      },
      1,
      input.reps,
    )) * scale;

  // Information: one-shot calls, as `oncall slo deadline` and the incident action make for one incident.
  const some = reports.slice(0, input.orgIncidents);
  const oneShotMs =
    (await medianWall(
      () => {
        for (const reportedAt of some) sink += ackDeadline({ ...settings, reportedAt }).deadline?.toMillis() ?? 0;
      },
      1,
      input.reps,
    )) *
    (TARGET_INCIDENTS / some.length);
  const oneOrgMs =
    (await medianWall(
      () => {
        for (const reportedAt of some) sink += deadlineFor(org, reportedAt, calendar).deadline?.toMillis() ?? 0;
      },
      0,
      1,
    )) *
    (TARGET_INCIDENTS / some.length);

  const scaled = (n: number) => (n < TARGET_INCIDENTS ? ` (${n.toLocaleString("en-US")} timed, scaled)` : "");
  const base = `${duration(baselineMs)} (whoAt + 1 DateTime)`;
  const rows: Row[] = [
    {
      id: "4",
      what: `deadlineFinder + 100,000 deadlines, 2-year coverage${scaled(timed.length)}`,
      figure: duration(deadlineMs),
      baseline: base,
      ratio: ratio(deadlineMs / baselineMs),
      target: "<= 1 s",
      met: deadlineMs <= 1000,
    },
    {
      id: "4'",
      what: `orgDeadlineFinder (SLO check: coverage built once) + 100,000 deadlines${scaled(timed.length)}`,
      figure: duration(orgMs),
      baseline: base,
      ratio: ratio(orgMs / baselineMs),
      target: "info",
      met: null,
    },
    {
      id: "4''",
      what: `ackDeadline one-shot (indexes the coverage per call) x 100,000${scaled(some.length)}`,
      figure: duration(oneShotMs),
      baseline: base,
      ratio: ratio(oneShotMs / baselineMs),
      target: "info",
      met: null,
    },
    {
      id: "4'''",
      what: `deadlineFor(org, ...) one-shot (coverage per call) x 100,000${scaled(some.length)}`,
      figure: duration(oneOrgMs),
      baseline: base,
      ratio: ratio(oneOrgMs / baselineMs),
      target: "info",
      met: null,
    },
  ];
  const notes = [
    `4: ${shifts.length} shifts, ${coverage.length} coverage segments over ${years} years; warm-up of ${warm.length} deadlines took ${duration(warmMs)} (fills the holiday cache); CPU time of row 4 (median, scaled) ${duration(median(main.cpu) * scale)}; checksum ${sink}`,
  ];
  return { rows, notes };
}
