/**
 * The Actions minutes model (issue 10 item 14) on this repository's own workflow files.
 *
 * "keeps the SLO workflows under 1,000 minutes" fails before issue 10 item 14: slo.yml ran every 5
 * minutes, 8,760 runs of at least one billed minute in an average month.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  benchActionsMinutes,
  cronRunsPerMonth,
  DEFAULT_ASSUMPTIONS,
  modelWorkflows,
  SLO_BEFORE,
  workflowMinutes,
} from "./actions-minutes.js";

const WORKFLOWS = join(import.meta.dirname, "..", "..", ".github", "workflows");

describe("Actions minutes model", () => {
  it("counts cron runs in an average month", () => {
    expect(cronRunsPerMonth("*/5 * * * *")).toBeCloseTo(8760);
    expect(cronRunsPerMonth("23 * * * *")).toBeCloseTo(730);
    expect(cronRunsPerMonth("17 7 1 * *")).toBeCloseTo(1);
    expect(cronRunsPerMonth("17 15 * * 1")).toBeCloseTo((52 / 365) * (365 / 12), 1);
  });

  it("bills the old 5-minute check at more than 8,640 minutes a month", () => {
    expect(workflowMinutes("slo.yml", SLO_BEFORE).minutes).toBeGreaterThan(8640);
  });

  it("keeps the SLO workflows under 1,000 minutes a month for 10 incidents", () => {
    const slo = modelWorkflows(WORKFLOWS).find((w) => w.workflow === "slo.yml")!;
    expect(slo.minutes).toBeLessThan(1000);
    // One watch per incident opened, one per /confirm; the sweep hourly.
    const watch = slo.jobs.find((j) => j.id === "watch")!;
    expect(watch.runs).toBeCloseTo(DEFAULT_ASSUMPTIONS.incidents + DEFAULT_ASSUMPTIONS.triage);
    expect(slo.jobs.find((j) => j.id === "sweep")!.runs).toBeCloseTo(730);
    const { rows, notes } = benchActionsMinutes(WORKFLOWS);
    expect(rows.find((r) => r.id === "7a")!.met).toBe(true);
    expect(notes[0]).toContain("| slo.yml job watch |");
  });

  it("bills a skipped job nothing and a waiting watch its whole wait, rounded up", () => {
    const text = `
on:
  issues:
    types: [opened]
  issue_comment:
    types: [created]
jobs:
  watch:
    if: github.event_name == 'issues'
    steps:
      - uses: ./.github/actions/slo-watch
`;
    const w = workflowMinutes("t.yml", text);
    const a = DEFAULT_ASSUMPTIONS;
    const ceil = (wait: number) => Math.ceil(a.setupMinutes + wait);
    const n = a.incidents;
    const expected =
      (n * a.fullSupport.share - a.triage) * ceil(a.fullSupport.meanAckMinutes + a.pollLagMinutes) +
      n * a.partialSupport.share * ceil(a.partialSupport.meanAckMinutes + a.pollLagMinutes) +
      n * a.limitedSupport.share * 1 +
      a.triage * 1;
    expect(w.minutes).toBeCloseTo(expected);
    expect(w.runs).toBeCloseTo(n);
  });
});
