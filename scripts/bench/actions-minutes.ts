/**
 * The GitHub Actions minutes model (issue 10 item 14): how many billed minutes a month each workflow
 * of this repository costs a team with 10 incidents a month, on a private repository, where every job
 * is billed in whole minutes, rounded up, and a job skipped by its `if:` costs nothing.
 *
 * The model reads the workflow files themselves: their triggers (event names, `types`, `branches`,
 * `paths`, cron schedules) and their jobs (`if:` evaluated with scripts/bench/workflow-expression.ts,
 * `needs`, and whether a job runs the SLO watch, which waits). What it cannot read from the files is
 * how often things happen; those are the stated {@link MinutesAssumptions}. The baseline is the `slo`
 * workflow as it was before item 14: one check every 5 minutes, plus a run per incident label event.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { Row } from "./figures-table.js";
import { evaluateCondition } from "./workflow-expression.js";

/** What the model assumes about a month of a 10-incident team. */
export interface MinutesAssumptions {
  incidents: number;
  /** Incidents by support tier at report time, and the mean minutes to acknowledge in each. */
  fullSupport: { share: number; meanAckMinutes: number };
  partialSupport: { share: number; meanAckMinutes: number };
  /** Reported in limited support: the deadline is when someone's support starts, beyond one watch. */
  limitedSupport: { share: number };
  /** Incidents reported by someone not allowed to report (triage, then `/confirm`). */
  triage: number;
  /** Comments with a command line (`/ack`, `/status ...`, `/timeline ...`) per incident. */
  commandComments: number;
  /** Plain discussion comments per incident. */
  otherComments: number;
  /** Edits of the report, and labels changed by hand, per incident. */
  edits: number;
  labelsByHand: number;
  /** Trades (pull requests changing rotations/), with pushes, reviews and comments each. */
  trades: number;
  pushesPerPull: number;
  reviewsPerTrade: number;
  commentsPerTrade: number;
  /** Other pull requests (docs, playbooks, postmortems). */
  otherPulls: number;
  /** Merges to main, and how many of them change rotations/. */
  merges: number;
  rotationMerges: number;
  /** Minutes a job takes that only checks out and runs a bundled action (billed as 1). */
  setupMinutes: number;
  /** Average minutes from an acknowledgement to the watch's next read (it reads once a minute). */
  pollLagMinutes: number;
  /** Days in the month the cron schedules are counted over (365 / 12). */
  monthDays: number;
}

export const DEFAULT_ASSUMPTIONS: MinutesAssumptions = {
  incidents: 10,
  fullSupport: { share: 0.5, meanAckMinutes: 6 },
  partialSupport: { share: 0.2, meanAckMinutes: 15 },
  limitedSupport: { share: 0.3 },
  triage: 1,
  commandComments: 6,
  otherComments: 4,
  edits: 1,
  labelsByHand: 1,
  trades: 4,
  pushesPerPull: 2,
  reviewsPerTrade: 2,
  commentsPerTrade: 2,
  otherPulls: 6,
  merges: 10,
  rotationMerges: 5,
  setupMinutes: 0.5,
  pollLagMinutes: 0.5,
  monthDays: 365 / 12,
};

/** One kind of event in the month: how many, its payload, and how long a watch it starts waits. */
interface SampleEvent {
  name: string;
  action?: string;
  perMonth: number;
  payload: Record<string, unknown>;
  branch?: string;
  /** Whether the push or pull request changes files under rotations/. */
  rotations?: boolean;
  /** Minutes an SLO watch started by this event waits before it ends. */
  waitMinutes?: number;
  what: string;
}

const issue = (labels: string[], extra: Record<string, unknown> = {}) => ({
  number: 1,
  labels: labels.map((name) => ({ name })),
  ...extra,
});

/** The month's events (schedules aside) under the assumptions. */
function sampleEvents(a: MinutesAssumptions = DEFAULT_ASSUMPTIONS): SampleEvent[] {
  const n = a.incidents;
  const lag = a.pollLagMinutes;
  const full = n * a.fullSupport.share;
  const incident = ["incident", "status:investigating"];
  const events: SampleEvent[] = [
    {
      name: "issues",
      action: "opened",
      perMonth: full - a.triage,
      payload: { issue: issue(["incident"]) },
      waitMinutes: a.fullSupport.meanAckMinutes + lag,
      what: "incident opened, full support",
    },
    {
      name: "issues",
      action: "opened",
      perMonth: n * a.partialSupport.share,
      payload: { issue: issue(["incident"]) },
      waitMinutes: a.partialSupport.meanAckMinutes + lag,
      what: "incident opened, partial support",
    },
    {
      name: "issues",
      action: "opened",
      perMonth: n * a.limitedSupport.share,
      payload: { issue: issue(["incident"]) },
      waitMinutes: 0,
      what: "incident opened, limited support",
    },
    {
      name: "issues",
      action: "opened",
      perMonth: a.triage,
      payload: { issue: issue(["incident"]) },
      waitMinutes: 0,
      what: "incident opened, triage",
    },
    {
      name: "issue_comment",
      action: "created",
      perMonth: a.triage,
      payload: { issue: issue(["incident", "status:triage"]), comment: { body: "/confirm" } },
      waitMinutes: a.fullSupport.meanAckMinutes + lag,
      what: "/confirm",
    },
    {
      name: "issue_comment",
      action: "created",
      perMonth: n * a.commandComments,
      payload: { issue: issue(incident), comment: { body: "/status identified" } },
      what: "command comment",
    },
    {
      name: "issue_comment",
      action: "created",
      perMonth: n * a.otherComments,
      payload: { issue: issue(incident), comment: { body: "Rolling back the deploy now." } },
      what: "discussion comment",
    },
    {
      name: "issue_comment",
      action: "created",
      perMonth: a.trades * a.commentsPerTrade,
      payload: { issue: issue([], { pull_request: { url: "pr" } }), comment: { body: "Fine by me." } },
      what: "comment on a trade",
    },
    {
      name: "issues",
      action: "edited",
      perMonth: n * a.edits,
      payload: { issue: issue(incident) },
      what: "incident edited",
    },
    {
      name: "issues",
      action: "labeled",
      perMonth: n * a.labelsByHand,
      payload: { issue: issue(incident) },
      what: "label by hand",
    },
    {
      name: "pull_request_review",
      action: "submitted",
      perMonth: a.trades * a.reviewsPerTrade,
      payload: { review: { state: "approved" } },
      what: "trade review",
    },
    {
      name: "workflow_run",
      action: "completed",
      perMonth: a.trades * a.reviewsPerTrade,
      payload: { workflow_run: { conclusion: "success", event: "pull_request_review" } },
      what: "run after a review",
    },
    {
      name: "push",
      perMonth: a.rotationMerges,
      branch: "main",
      rotations: true,
      payload: {},
      what: "merge changing rotations/",
    },
    {
      name: "push",
      perMonth: a.merges - a.rotationMerges,
      branch: "main",
      rotations: false,
      payload: {},
      what: "other merge",
    },
  ];
  for (const name of ["pull_request", "pull_request_target"]) {
    for (const [action, per] of [
      ["opened", 1],
      ["synchronize", a.pushesPerPull - 1],
    ] as const) {
      events.push({
        name,
        action,
        perMonth: a.trades * per,
        rotations: true,
        payload: { pull_request: { number: 2 } },
        what: `trade ${action}`,
      });
      events.push({
        name,
        action,
        perMonth: a.otherPulls * per,
        rotations: false,
        payload: { pull_request: { number: 3 } },
        what: `other pull request ${action}`,
      });
    }
  }
  return events;
}

/** Runs a month of a five-field cron expression (UTC), averaged over a non-leap year. */
export function cronRunsPerMonth(expression: string, monthDays = 365 / 12): number {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`cron "${expression}": five fields expected`);
  const [minute, hour, day, month, weekday] = fields.map((f, i) =>
    cronField(
      f!,
      [
        [0, 59],
        [0, 23],
        [1, 31],
        [1, 12],
        [0, 6],
      ][i]! as [number, number],
    ),
  );
  // Day by day through a non-leap year; on a matching day every minute x hour pair runs once.
  const dayRestricted = fields[2] !== "*";
  const weekdayRestricted = fields[4] !== "*";
  let runs = 0;
  for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2026, 0, 1); t += 86_400_000) {
    const d = new Date(t);
    if (!month!.has(d.getUTCMonth() + 1)) continue;
    const dayOk = day!.has(d.getUTCDate());
    const weekdayOk = weekday!.has(d.getUTCDay());
    // Standard cron: when both day fields are restricted, either may match.
    if (dayRestricted && weekdayRestricted ? dayOk || weekdayOk : dayOk && weekdayOk) runs += minute!.size * hour!.size;
  }
  return (runs / 365) * monthDays;
}

function cronField(field: string, [lo, hi]: [number, number]): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(",")) {
    const [range, step] = part.split("/") as [string, string | undefined];
    const [from, to] =
      range === "*"
        ? [lo, hi]
        : range.includes("-")
          ? (range.split("-").map(Number) as [number, number])
          : [Number(range), step ? hi : Number(range)];
    for (let v = from; v <= to; v += step ? Number(step) : 1) out.add(v === 7 && hi === 6 ? 0 : v);
  }
  return out;
}

interface JobSpec {
  if?: string;
  needs?: string | string[];
  steps?: { uses?: string }[];
}
interface TriggerSpec {
  types?: string[];
  branches?: string[];
  paths?: string[];
  cron?: string;
}

/** Billed minutes of one workflow, per job and in all. */
export interface WorkflowMinutes {
  workflow: string;
  /** Runs a month in which at least one job runs. */
  runs: number;
  minutes: number;
  jobs: { id: string; runs: number; minutes: number }[];
}

/** The model for one workflow file's text. */
export function workflowMinutes(
  workflow: string,
  text: string,
  a: MinutesAssumptions = DEFAULT_ASSUMPTIONS,
): WorkflowMinutes {
  const doc = parse(text) as { on?: unknown; jobs?: Record<string, JobSpec> };
  const on = normaliseOn(doc.on);
  const jobs = Object.entries(doc.jobs ?? {});
  const events: SampleEvent[] = [];
  for (const schedule of (on["schedule"] as unknown as { cron: string }[] | undefined) ?? []) {
    events.push({
      name: "schedule",
      perMonth: cronRunsPerMonth(schedule.cron, a.monthDays),
      payload: { schedule: schedule.cron },
      what: `cron ${schedule.cron}`,
    });
  }
  for (const e of sampleEvents(a)) if (triggers(on[e.name], e)) events.push(e);

  const perJob = new Map(jobs.map(([id]) => [id, { id, runs: 0, minutes: 0 }]));
  let runs = 0;
  for (const e of events) {
    const context = {
      github: {
        event_name: e.name,
        event: { action: e.action, ...e.payload },
        ref: `refs/heads/${e.branch ?? "main"}`,
      },
      vars: {},
      inputs: {},
      secrets: {},
    };
    const ran = new Set<string>();
    for (const [id, job] of jobs) {
      const needs = job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
      if (needs.some((n) => !ran.has(n))) continue;
      if (job.if !== undefined && !evaluateCondition(String(job.if), context)) continue;
      ran.add(id);
      const watches = (job.steps ?? []).some((s) => s.uses?.includes("slo-watch"));
      const billed = Math.ceil(a.setupMinutes + (watches ? (e.waitMinutes ?? 0) : 0));
      const j = perJob.get(id)!;
      j.runs += e.perMonth;
      j.minutes += billed * e.perMonth;
    }
    if (ran.size > 0) runs += e.perMonth;
  }
  const list = [...perJob.values()];
  return { workflow, runs, minutes: list.reduce((s, j) => s + j.minutes, 0), jobs: list };
}

/** `on:` as a map from event name to its filter (a string or list of names means no filters). */
function normaliseOn(on: unknown): Record<string, TriggerSpec | null> {
  if (typeof on === "string") return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((name: string) => [name, null]));
  return (on ?? {}) as Record<string, TriggerSpec | null>;
}

/** GitHub's default activity types where a workflow lists none. */
const DEFAULT_TYPES: Record<string, string[]> = {
  pull_request: ["opened", "synchronize", "reopened"],
  pull_request_target: ["opened", "synchronize", "reopened"],
};

function triggers(spec: TriggerSpec | null | undefined, e: SampleEvent): boolean {
  if (spec === undefined) return false;
  const types = spec?.types ?? DEFAULT_TYPES[e.name];
  if (types && e.action && !types.includes(e.action)) return false;
  if (spec?.branches && e.name === "push" && !spec.branches.includes(e.branch ?? "main")) return false;
  if (spec?.paths && e.rotations !== undefined && !e.rotations && spec.paths.every((p) => p.startsWith("rotations/")))
    return false;
  return true;
}

/** The `slo` workflow before issue 10 item 14 (its triggers and job condition), the baseline. */
export const SLO_BEFORE = `
on:
  schedule:
    - cron: "*/5 * * * *"
  issues:
    types: [opened, labeled, unlabeled, closed]
  workflow_dispatch:
jobs:
  check:
    if: github.event_name != 'issues' || contains(github.event.issue.labels.*.name, 'incident')
    steps:
      - uses: ./.github/actions/slo
`;

/** Every workflow under `dir`, by file name. */
export function modelWorkflows(dir: string, a: MinutesAssumptions = DEFAULT_ASSUMPTIONS): WorkflowMinutes[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => workflowMinutes(f, readFileSync(join(dir, f), "utf8"), a));
}

/** The per-workflow table, for the notes, the README and BENCHMARKS.md. */
function minutesTable(workflows: readonly WorkflowMinutes[], before: WorkflowMinutes): string {
  const round = (x: number) => Math.round(x).toLocaleString("en-US");
  const lines = ["| workflow | runs a month | billed minutes a month |", "|---|---:|---:|"];
  for (const w of workflows) {
    lines.push(`| ${w.workflow} | ${round(w.runs)} | ${round(w.minutes)} |`);
    const ran = w.jobs.filter((j) => j.runs > 0);
    if (ran.length > 1)
      for (const j of ran) lines.push(`| ${w.workflow} job ${j.id} | ${round(j.runs)} | ${round(j.minutes)} |`);
  }
  lines.push(
    `| **all workflows** | ${round(workflows.reduce((s, w) => s + w.runs, 0))} | **${round(workflows.reduce((s, w) => s + w.minutes, 0))}** |`,
  );
  lines.push(`| slo.yml before item 14 (every 5 minutes) | ${round(before.runs)} | ${round(before.minutes)} |`);
  return lines.join("\n");
}

/** The benchmark group: rows for the table and the per-workflow model in the notes. */
export function benchActionsMinutes(
  workflowsDir: string,
  a: MinutesAssumptions = DEFAULT_ASSUMPTIONS,
): { rows: Row[]; notes: string[] } {
  const workflows = modelWorkflows(workflowsDir, a);
  const before = workflowMinutes("slo.yml (before)", SLO_BEFORE, a);
  const slo = workflows.filter((w) => w.workflow.startsWith("slo.")).reduce((s, w) => s + w.minutes, 0);
  const all = workflows.reduce((s, w) => s + w.minutes, 0);
  const fmt = (x: number) => `${Math.round(x).toLocaleString("en-US")} min`;
  const rows: Row[] = [
    {
      id: "7a",
      what: `Actions minutes a month, SLO timers (slo.yml), ${a.incidents} incidents`,
      figure: fmt(slo),
      baseline: `${fmt(before.minutes)} (every 5 min)`,
      ratio: `${(before.minutes / slo).toFixed(1)}x less`,
      target: "< 1,000 min",
      met: slo < 1000,
    },
    {
      id: "7b",
      what: `Actions minutes a month, all workflows, ${a.incidents} incidents`,
      figure: fmt(all),
      baseline: "2,000 min (GitHub Free)",
      ratio: `${((all / 2000) * 100).toFixed(0)}%`,
      target: "info",
      met: null,
    },
  ];
  const assumed = [
    `${a.incidents} incidents: ${a.fullSupport.share * 100}% in full support (acknowledged after ${a.fullSupport.meanAckMinutes} min on average), ${a.partialSupport.share * 100}% in partial support (${a.partialSupport.meanAckMinutes} min), ${a.limitedSupport.share * 100}% in limited support (left to the sweep); ${a.triage} reported in triage and confirmed`,
    `per incident ${a.commandComments} command comments, ${a.otherComments} other comments, ${a.edits} edit, ${a.labelsByHand} label by hand`,
    `${a.trades} trades and ${a.otherPulls} other pull requests (${a.pushesPerPull} pushes each), ${a.reviewsPerTrade} reviews and ${a.commentsPerTrade} comments per trade, ${a.merges} merges to main (${a.rotationMerges} change rotations/)`,
    `a job that checks out and runs a bundled action takes ${a.setupMinutes} min (billed 1); a watch adds its wait; months of ${a.monthDays.toFixed(2)} days`,
  ];
  const notes = [
    `7: Actions minutes model (private repository, whole minutes per job, skipped jobs free). Assumptions: ${assumed.join("; ")}.\n${minutesTable(workflows, before)}`,
  ];
  return { rows, notes };
}
