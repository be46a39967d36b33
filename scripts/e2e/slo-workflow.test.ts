/**
 * The `slo` workflow file (issue 10 item 14): what starts it, which job each event runs (its `if:`
 * evaluated by scripts/bench/workflow-expression.ts), per-incident concurrency, a
 * timeout that covers the watch's longest wait, and the hourly backstop instead of `*\/5`.
 *
 * Fails before issue 10 item 14: the workflow ran one check job on `cron: "*\/5 * * * *"` (8,640
 * runs a month) and on label events, in one workflow-wide concurrency group, with no watch job.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { evaluateCondition } from "../bench/workflow-expression.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const text = readFileSync(join(root, ".github/workflows/slo.yml"), "utf8");

interface Job {
  if?: string;
  "timeout-minutes"?: number;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  steps: { uses?: string; with?: Record<string, unknown> }[];
}
const workflow = parse(text) as {
  on: Record<string, { types?: string[] } | null> & { schedule?: { cron: string }[] };
  concurrency?: unknown;
  jobs: Record<string, Job>;
};

/** The `github` context of an event, as far as the `if:` conditions read it. */
function github(eventName: string, event: Record<string, unknown> = {}): Record<string, unknown> {
  return { github: { event_name: eventName, event } };
}
const issue = (labels: string[], extra: Record<string, unknown> = {}) => ({
  number: 7,
  labels: labels.map((name) => ({ name })),
  ...extra,
});
const runs = (job: string, ctx: Record<string, unknown>) => {
  const condition = workflow.jobs[job]!.if;
  return condition === undefined ? true : evaluateCondition(condition, ctx);
};

describe("slo workflow", () => {
  it("is started by opened issues, created comments, an hourly schedule at an odd minute and by hand, never every 5 minutes", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["issue_comment", "issues", "schedule", "workflow_dispatch"]);
    expect(workflow.on.issues?.types).toEqual(["opened"]);
    expect(workflow.on.issue_comment?.types).toEqual(["created"]);
    const crons = (workflow.on.schedule ?? []).map((s) => s.cron);
    expect(crons).toHaveLength(1);
    const [minute, ...rest] = crons[0]!.split(" ");
    expect(rest).toEqual(["*", "*", "*", "*"]);
    expect(Number(minute)).toBeGreaterThan(0);
    expect(Number(minute)).toBeLessThan(60);
    expect(text).not.toContain("*/5");
  });

  it("starts a watch for a new incident and for a /confirm line on one in triage, and nothing else", () => {
    expect(runs("watch", github("issues", { action: "opened", issue: issue(["incident"]) }))).toBe(true);
    expect(runs("watch", github("issues", { action: "opened", issue: issue(["bug"]) }))).toBe(false);
    const comment = (body: string, labels = ["incident", "status:triage"], extra = {}) =>
      github("issue_comment", { action: "created", issue: issue(labels, extra), comment: { body } });
    expect(runs("watch", comment("/confirm"))).toBe(true);
    expect(runs("watch", comment("Checked the graphs, it is real.\r\n/confirm"))).toBe(true);
    expect(runs("watch", comment("/CONFIRM"))).toBe(true);
    expect(runs("watch", comment("I will /confirm later"))).toBe(false);
    expect(runs("watch", comment("/ack"))).toBe(false);
    expect(runs("watch", comment("/confirm", ["incident", "status:investigating"]))).toBe(false);
    expect(runs("watch", comment("/confirm", ["status:triage"]))).toBe(false);
    expect(runs("watch", comment("/confirm", ["incident", "status:triage"], { pull_request: { url: "x" } }))).toBe(
      false,
    );
    expect(runs("watch", github("schedule"))).toBe(false);
    expect(runs("watch", github("workflow_dispatch"))).toBe(false);
  });

  it("runs the sweep on the schedule and by hand only", () => {
    expect(runs("sweep", github("schedule"))).toBe(true);
    expect(runs("sweep", github("workflow_dispatch"))).toBe(true);
    expect(runs("sweep", github("issues", { action: "opened", issue: issue(["incident"]) }))).toBe(false);
    expect(
      runs(
        "sweep",
        github("issue_comment", {
          action: "created",
          issue: issue(["incident", "status:triage"]),
          comment: { body: "/confirm" },
        }),
      ),
    ).toBe(false);
  });

  it("runs one watch per incident at a time, never cancelled, and one sweep at a time; no workflow-wide group", () => {
    expect(workflow.concurrency).toBeUndefined();
    expect(workflow.jobs["watch"]!.concurrency).toEqual({
      group: "slo-watch-${{ github.event.issue.number }}",
      "cancel-in-progress": false,
    });
    expect(workflow.jobs["sweep"]!.concurrency).toEqual({ group: "slo-sweep", "cancel-in-progress": false });
  });

  it("gives the watch job a timeout at least 5 minutes above its longest wait", () => {
    const watch = workflow.jobs["watch"]!;
    const step = watch.steps.find((s) => s.uses === "./.github/actions/slo-watch");
    expect(step).toBeDefined();
    const maxWait = Number(step!.with?.["max-wait-minutes"]);
    expect(maxWait).toBeGreaterThanOrEqual(30); // covers the default 30-minute partial-support target
    expect(watch["timeout-minutes"]).toBeGreaterThanOrEqual(maxWait + 5);
    expect(workflow.jobs["sweep"]!.steps.some((s) => s.uses === "./.github/actions/slo")).toBe(true);
  });
});
