/**
 * The postmortem draft on real files (issue 13 item 1): drafted from the example organisation's INC-63
 * record, written into a copy of the repository, and read back by the loader, which must accept it as
 * a draft and then hold each life-cycle rule against it when it is marked final too early.
 * Fails before issue 13 item 1: core/postmortem (draftPostmortem) did not exist.
 */
import { afterAll, describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DateTime } from "luxon";
import { parse } from "yaml";
import { draftPostmortem, findPlaceholders, needsPostmortem } from "../core/postmortem/index.js";
import { NO_HOLIDAYS } from "../core/slo/index.js";
import type { Organisation } from "../core/model/index.js";
import { splitFrontMatter } from "./front-matter.js";
import { loadRepository } from "./load-repository.js";
import { makeTestRepo, removeTestRepo, type Edit } from "./test-repo.js";

const POLICY = "incidents/policy.yaml";
const RECORD = "incidents/2026/INC-63.yaml";
const OLD_DRAFT = "postmortems/2026/INC-63-sign-in-key-rotation.md";
/** Weekly reviews on Wednesdays; INC-63 (resolved Wednesday 2026-11-18) is due Friday 2026-11-20. */
const REVIEWS =
  '\nreviews:\n  every: 1w\n  weekday: wednesday\n  time: "15:00"\n  zone: Europe/London\n  from: 2026-10-07\n';
const EDITS: Edit[] = [
  { file: OLD_DRAFT, delete: true },
  { file: RECORD, replace: `postmortem: ${OLD_DRAFT}\n`, with: "" },
  { file: POLICY, transform: (t) => t + REVIEWS },
];
const NOW = DateTime.fromISO("2026-11-19T09:00:00Z", { setZone: true });

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map(removeTestRepo));
});

async function repoWithoutDraft(): Promise<{ dir: string; org: Organisation }> {
  const dir = await makeTestRepo(EDITS, "example");
  dirs.push(dir);
  const { org, problems } = await loadRepository(dir, { now: NOW });
  expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  return { dir, org };
}

function draftOf(org: Organisation, booked: string[] = []) {
  const record = org.incidents.find((i) => i.id === "INC-63")!;
  return draftPostmortem({ record, policy: org.policy, org, calendar: NO_HOLIDAYS, booked });
}

describe("draftPostmortem on the example organisation (issue 13 item 1)", () => {
  it("fills the front matter from the record", async () => {
    const { org } = await repoWithoutDraft();
    const d = draftOf(org);
    expect(d.path).toBe("postmortems/2026/INC-63-sign-in-loops-back-to-the-login-page.md");
    expect(d.frontMatter).toMatchObject({
      incident: "INC-63",
      title: "Sign-in loops back to the login page after token signing key rotation",
      severity: "P2",
      status: "draft",
      authors: ["jrivera", "oliver-hughes"],
      due: "2026-11-20",
      review: "2026-11-25",
      impact: { start: "2026-11-18T12:01:00Z", end: "2026-11-18T13:31:00Z" },
      services: ["auth", "api-gateway"],
      rootCause: [],
    });
    // Each follow-up is owned by whoever asked for it with /followup.
    expect(d.frontMatter.actionItems?.map((a) => a.owner)).toEqual(["claire-tremblay", "jrivera"]);
    // The front matter in the text is the same data.
    const split = splitFrontMatter(d.content);
    expect(split.ok && parse(split.yaml)).toEqual(d.frontMatter);
  });

  it("books the next meeting when the first one after the due date is full", async () => {
    const { org } = await repoWithoutDraft();
    expect(draftOf(org, Array(3).fill("2026-11-25")).frontMatter.review).toBe("2026-11-25");
    expect(draftOf(org, Array(4).fill("2026-11-25")).frontMatter.review).toBe("2026-12-02");
  });

  it("writes every section, the timeline in UTC and the commander's zone, and placeholders", async () => {
    const { org } = await repoWithoutDraft();
    const { content } = draftOf(org);
    const headings = [...content.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual([
      "Summary",
      "Impact",
      "Timeline",
      "Root causes",
      "Trigger",
      "Detection",
      "Resolution",
      "What went well",
      "What went wrong",
      "Where we got lucky",
      "Action items",
      "Lessons",
    ]);
    expect(content).toContain("| UTC | America/New_York | Who | What |");
    expect(content).toContain("| 2026-11-18 12:22 | 2026-11-18 07:22 | @lschneider |");
    expect(findPlaceholders(content).length).toBeGreaterThanOrEqual(10);
  });

  it("validates as a draft, and a premature final names every rule with file:line:col", async () => {
    const { dir, org } = await repoWithoutDraft();
    const d = draftOf(org);
    await writeFile(join(dir, d.path), d.content);
    const asDraft = await loadRepository(dir, { now: NOW });
    expect(asDraft.problems.filter((p) => p.file === d.path)).toEqual([]);

    await writeFile(join(dir, d.path), d.content.replace("status: draft", "status: final"));
    const final = (await loadRepository(dir, { now: NOW })).problems.filter((p) => p.file === d.path);
    const lines = d.content.split("\n");
    const statusLine = lines.indexOf("status: draft") + 1;
    const reviewLine = lines.indexOf("review: 2026-11-25") + 1;
    const rootLine = lines.indexOf("rootCause: []") + 1;
    const firstTodo = lines.findIndex((l) => l.startsWith("<!-- TODO:")) + 1;
    const at = (rule: string) => final.filter((p) => p.rule === rule).map((p) => `${p.line}:${p.column}`);
    expect(statusLine).toBeGreaterThan(1);
    expect(at("postmortem-review-date")).toEqual([`${reviewLine}:9`]);
    expect(at("postmortem-root-cause")).toEqual([`${rootLine}:12`]);
    expect(at("postmortem-placeholder")[0]).toBe(`${firstTodo}:1`);
    expect(at("postmortem-placeholder").length).toBe(findPlaceholders(d.content).length);
    expect(final.every((p) => p.severity === "error")).toBe(true);
  });

  it("keeps text from the incident from forging placeholders or breaking the timeline table", async () => {
    const { org } = await repoWithoutDraft();
    const record = structuredClone(org.incidents.find((i) => i.id === "INC-63")!);
    record.timeline.push({
      at: "2026-11-18T15:09:00Z",
      author: "jrivera",
      kind: "note",
      text: "a | b <!-- TODO: forged -->\nsecond line",
    });
    const d = draftPostmortem({ record, policy: org.policy, org, calendar: NO_HOLIDAYS, booked: [] });
    expect(d.content).toContain("| a \\| b &lt;!-- TODO: forged --&gt; second line |");
    expect(findPlaceholders(d.content).some((p) => p.text.includes("forged"))).toBe(false);
  });

  it("is asked for only by the severities the policy names", async () => {
    const { org } = await repoWithoutDraft();
    expect(needsPostmortem(org.policy, "P1")).toBe(true);
    expect(needsPostmortem(org.policy, "P4")).toBe(false);
    expect(needsPostmortem(org.policy, null)).toBe(false);
  });
});
