/**
 * The schedule workflow publishes the dashboard next to the calendar feeds (issue 14 item 3): rebuilt on
 * every change to rotations/ and incidents/ and daily, with incident records in its checkout, and still
 * deployed only when ONCALL_CALENDARS_URL is set (private by default). The daily rebuild must not
 * touch the publication pull request: it runs the publication part as a dry run.
 *
 * Fails before issue 14 item 3: the workflow ran weekly and on three rotation files only, without
 * incidents/ in its checkout.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { evaluateCondition } from "../bench/workflow-expression.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const workflow = parse(readFileSync(join(root, ".github/workflows/schedule.yml"), "utf8")) as {
  on: { schedule: { cron: string }[]; push: { paths: string[] } };
  jobs: Record<
    string,
    { if?: string; steps: { id?: string; if?: string; uses?: string; with?: Record<string, string> }[] }
  >;
};
const publish = workflow.jobs.publish!;
const scheduleStep = publish.steps.find((s) => s.id === "schedule")!;
const upload = publish.steps.find((s) => s.uses?.startsWith("actions/upload-pages-artifact"))!;

describe("schedule workflow: the site on Pages", () => {
  it("rebuilds on every change under rotations/ and incidents/, and daily", () => {
    expect(workflow.on.push.paths).toEqual(expect.arrayContaining(["rotations/**", "incidents/**"]));
    const crons = workflow.on.schedule.map((s) => s.cron);
    expect(crons).toContainEqual(expect.stringMatching(/^\d+ \d+ \* \* \*$/));
  });

  it("checks out the incident records the dashboard shows", () => {
    expect(publish.steps[0]!.with!["sparse-checkout"]).toContain("/incidents/");
  });

  it("runs the publication as a dry run on the daily rebuild, for real on the weekly run", () => {
    const daily = workflow.on.schedule.map((s) => s.cron).find((c) => /\* \* \*$/.test(c))!;
    const weekly = workflow.on.schedule.map((s) => s.cron).find((c) => !/\* \* \*$/.test(c))!;
    const dryRun = (schedule: string) =>
      evaluateCondition(scheduleStep.with!["dry-run"]!, { github: { event: { schedule } }, inputs: {} });
    expect(dryRun(daily)).toBe(true);
    expect(dryRun(weekly)).toBe(false);
  });

  it("uploads and deploys only when ONCALL_CALENDARS_URL is set", () => {
    for (const condition of [upload.if!, workflow.jobs.calendars!.if!]) {
      expect(evaluateCondition(condition, { vars: { ONCALL_CALENDARS_URL: "" }, inputs: {} })).toBe(false);
      expect(
        evaluateCondition(condition, { vars: { ONCALL_CALENDARS_URL: "https://acme.github.io/oncall/" }, inputs: {} }),
      ).toBe(true);
    }
  });
});
