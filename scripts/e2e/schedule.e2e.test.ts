/**
 * The schedule action end to end: the bundled action (`npm run bundle`) runs as a process against the
 * fake GitHub (every request and response checked against GitHub's OpenAPI description), with a temp
 * copy of the example organisation as its workspace and the same files on the fake's default branch.
 *
 * Time: the action takes "now" from its `at` input (documented in action.yml as for tests and replays
 * only) and the fake's clock follows it. The example schedule is published through 2027-01-18 (rot-a)
 * and 2027-01-20 (rot-b): on 2027-01-01 it falls short of the five-week horizon, on 2026-11-23 it
 * does not. Nothing depends on today's date. The runner scales the adapter's retry waits down, so
 * nothing sleeps.
 */
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadRepository } from "../repo/load-repository.js";
import { parseRepoFile } from "../repo/parse-file.js";
import { runAction, type ActionRun } from "./action-runner.js";
import { buildEvent } from "./event-payloads.js";
import type { FakeGitHub, IssueRecord, LoggedRequest } from "./fake-github/index.js";
import { useFakeGitHub } from "./fake-github/test-helper.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The example organisation's test copy, so a team's own data at the root never changes these runs. */
const example = join(root, "scripts/fixtures/example");
const ENTRY = join(root, ".github/actions/schedule/dist/index.mjs");
const DATA = ["rotations", "incidents", "postmortems", "playbooks"];
const BRANCH = "oncall/publish-schedule";
const SCHEDULE = "rotations/schedule.yaml";
const SITE = "https://acme.github.io/oncall/";
/** Tests that start the action many times (about a second each, more on a loaded machine). */
const MANY_RUNS = { timeout: 240_000 };

let clock = new Date("2027-01-01T15:00:00Z");
const fake = useFakeGitHub({ now: () => clock });
let temp = "";
let workspace = "";
let calendars = "";

beforeEach(async () => {
  temp = await mkdtemp(join(tmpdir(), "oncall-schedule-e2e-"));
  workspace = join(temp, "workspace");
  calendars = join(temp, "calendars");
  const files: Record<string, string> = {};
  for (const dir of DATA) {
    await cp(join(example, dir), join(workspace, dir), { recursive: true });
    for (const path of await listFiles(join(workspace, dir)))
      files[relative(workspace, path).split("\\").join("/")] = await readFile(path, "utf8");
  }
  // The fake's default branch holds what the workspace checked out.
  fake().seed.files(files, { message: "Example organisation" });
});
afterEach(async () => {
  await rm(temp, { recursive: true, force: true });
});

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out;
}

interface Run {
  run: ActionRun;
  calls: LoggedRequest[];
  writes: string[];
}

/** Runs the bundled action for `event` at `at`; returns the run and the API calls it made. */
async function schedule(
  at: string,
  event: "schedule" | "workflow_dispatch" | "push" = "schedule",
  inputs: Record<string, string> = {},
): Promise<Run> {
  clock = new Date(at);
  const f = fake();
  f.log.clear();
  const { eventName, payload } = buildEvent(event, { apiUrl: f.url, sender: "dana-whitfield" });
  const run = await runAction({
    entry: ENTRY,
    eventName,
    payload,
    apiUrl: f.url,
    workspace,
    inputs: { "github-token": f.token, at, "calendars-dir": calendars, "calendars-url": SITE, ...inputs },
  });
  expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
  expect(run.annotations.filter((a) => a.level === "error")).toEqual([]);
  const calls = [...f.log.entries];
  return { run, calls, writes: f.log.writes().map((e) => `${e.method} ${e.operationId ?? e.path}`) };
}

const pulls = (f: FakeGitHub): IssueRecord[] => [...f.repo().issues.values()].filter((i) => i.pull);
const announcements = (f: FakeGitHub): IssueRecord[] =>
  [...f.repo().issues.values()].filter((i) => !i.pull && i.labels.includes("announcement"));

/** The schedule text on `ref` checked by the schema, and the whole repository with it loaded clean. */
async function expectValidSchedule(text: string, at: string): Promise<void> {
  expect(parseRepoFile(SCHEDULE, "schedule", text).problems).toEqual([]);
  const copy = join(temp, "check");
  await rm(copy, { recursive: true, force: true });
  for (const dir of DATA) await cp(join(workspace, dir), join(copy, dir), { recursive: true });
  await writeFile(join(copy, SCHEDULE), text);
  const { problems } = await loadRepository(copy, { now: DateTime.fromISO(at, { zone: "utc" }) });
  expect(problems.filter((p) => p.severity === "error" || p.rule === "horizon-short")).toEqual([]);
}

/** Events of an .ics text: login (from the summary), start and end in epoch ms. */
function events(ics: string): { login: string; start: number; end: number }[] {
  const comp = new ICAL.Component(ICAL.parse(ics));
  for (const tz of comp.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return comp.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return {
      login: /@([\w-]+)\)$/.exec(e.summary)?.[1] ?? "",
      start: e.startDate.toJSDate().getTime(),
      end: e.endDate.toJSDate().getTime(),
    };
  });
}

describe("the schedule action", () => {
  it(
    "opens one pull request, updates it on a rerun, and announces the merged publication once",
    MANY_RUNS,
    async () => {
      const f = fake();
      const original = f.readFile(SCHEDULE)!;

      // 2027-01-01: the schedule reaches 2027-01-18, under five weeks ahead. One pull request.
      const first = await schedule("2027-01-01T15:00:00Z");
      expect(pulls(f)).toHaveLength(1);
      const [pull] = pulls(f);
      expect(pull).toMatchObject({
        number: 1,
        state: "open",
        title: "Publish on-call schedule through 2027-03-08",
        labels: ["schedule"],
      });
      expect(pull?.pull).toMatchObject({ headRef: BRANCH, baseRef: "main" });
      expect(first.run.outputs).toMatchObject({ "pull-request": "1", "published-through": "2027-03-08" });
      const proposed = f.readFile(SCHEDULE, BRANCH)!;
      expect(proposed.startsWith(original)).toBe(true); // append-only: every published line kept as it was
      expect(proposed.slice(original.length).trim().split("\n")).toHaveLength(14);
      await expectValidSchedule(proposed, "2027-01-01T15:00:00Z");
      for (const login of [
        "dwashington",
        "kbarrett",
        "nkim",
        "lschneider",
        "ade-okafor",
        "sofia-mendes",
        "arjun-nair",
        "jrivera",
        "marcus-bell",
      ])
        expect(pull?.body).toContain(`@${login}`);
      expect(f.readFile(SCHEDULE)).toBe(original); // the default branch is untouched until the merge
      expect(announcements(f)).toEqual([]);
      expect(first.writes).toEqual([
        "POST issues/create-label",
        "POST git/create-ref",
        "PUT repos/create-or-update-file-contents",
        "POST pulls/create",
        "POST issues/add-labels",
      ]);

      // The same run again: nothing to change, no write at all.
      const same = await schedule("2027-01-01T15:00:00Z");
      expect(same.writes).toEqual([]);
      expect(same.calls.length).toBeLessThanOrEqual(first.calls.length);

      // A week later, still not merged: the same pull request, rebuilt from the default branch and extended.
      const later = await schedule("2027-01-08T15:00:00Z");
      expect(pulls(f)).toHaveLength(1);
      expect(f.issue(1)).toMatchObject({ state: "open", title: "Publish on-call schedule through 2027-03-15" });
      expect(later.run.outputs).toMatchObject({ "pull-request": "1", "published-through": "2027-03-15" });
      expect(later.writes).toEqual(["PUT repos/create-or-update-file-contents", "PATCH pulls/update"]);
      const updated = f.readFile(SCHEDULE, BRANCH)!;
      expect(updated.startsWith(proposed)).toBe(true);
      expect(updated.slice(original.length).trim().split("\n")).toHaveLength(16);
      await expectValidSchedule(updated, "2027-01-08T15:00:00Z");

      // Merged. The push to main (the workspace is its checkout) announces the new schedule, once.
      f.seed.merge(1, { user: "dana-whitfield" });
      expect(f.readFile(SCHEDULE)).toBe(updated);
      await writeFile(join(workspace, SCHEDULE), updated);
      const pushed = await schedule("2027-01-09T15:00:00Z", "push");
      expect(pushed.writes).toEqual(["POST issues/create-label", "POST issues/create"]);
      const [announcement] = announcements(f);
      expect(announcements(f)).toHaveLength(1);
      expect(announcement).toMatchObject({
        number: 2,
        state: "open",
        title: "On-call schedule published through 2027-03-15",
        labels: ["announcement"],
      });
      expect(announcement?.body).toContain("#1 was merged");
      expect(announcement?.body).toContain("<!-- oncall:schedule-published:2027-03-15 -->");
      expect(announcement?.body).toContain(`@nkim: ${SITE}calendars/people/nkim.ics`);
      expect(pushed.run.outputs).toMatchObject({ announcement: "2" });
      expect(pushed.run.outputs["pull-request"]).toBeUndefined();
      expect(pulls(f)).toHaveLength(1);

      // Reruns, by push or by the weekly schedule: still one announcement, nothing written.
      for (const [at, event] of [
        ["2027-01-09T15:00:00Z", "push"],
        ["2027-01-11T15:17:00Z", "schedule"],
      ] as const) {
        const again = await schedule(at, event);
        expect(again.writes).toEqual([]);
        expect(again.run.outputs["announcement"]).toBe("2");
      }
      expect(announcements(f)).toHaveLength(1);

      // The feeds follow the merged schedule: nkim's new rot-a shift of 25 January is in their calendar.
      const nkim = events(await readFile(join(calendars, "calendars/people/nkim.ics"), "utf8"));
      expect(nkim).toContainEqual({
        login: "nkim",
        start: Date.parse("2027-01-25T16:00:00Z"),
        end: Date.parse("2027-02-01T16:00:00Z"),
      });
      const all = events(await readFile(join(calendars, "calendars/all.ics"), "utf8"));
      const at = Date.parse("2027-03-04T12:00:00Z");
      expect(
        all
          .filter((e) => e.start <= at && at < e.end)
          .map((e) => e.login)
          .sort(),
      ).toEqual(["lschneider", "marcus-bell"]);
      // Issue 14 item 3: the dashboard is the site's front page, and each person's page links their feed.
      expect(await readFile(join(calendars, "people/nkim.html"), "utf8")).toContain(
        `webcal://acme.github.io/oncall/calendars/people/nkim.ics`,
      );
      expect(await readFile(join(calendars, "index.html"), "utf8")).toContain("data-oncall-login=");

      // A month on, the next publication reuses the branch, started again from main: only its own lines.
      const next = await schedule("2027-02-08T15:00:00Z");
      expect(pulls(f).filter((p) => p.state === "open")).toHaveLength(1);
      expect(next.run.outputs).toMatchObject({ "pull-request": "3" });
      const repo = f.repo();
      const head = repo.git.resolveCommit(`heads/${BRANCH}`)!;
      const main = repo.git.resolveCommit("heads/main")!;
      expect(repo.git.ancestors(head).has(main)).toBe(true);
      expect(repo.git.diff(main, head).map((c) => c.filename)).toEqual([SCHEDULE]);
      expect(f.readFile(SCHEDULE, BRANCH)!.startsWith(updated)).toBe(true);
      expect(announcements(f)).toHaveLength(1);
    },
  );

  it("changes nothing when there is nothing to publish", async () => {
    const run = await schedule("2026-11-23T15:00:00Z");
    expect(run.writes).toEqual([]);
    // Changed on purpose ("your shifts changed" follow-up): every run also lists the commits that changed
    // rotations/ in the look-back window, to tell people of merges whose own run was dropped (none here).
    expect(run.calls.map((c) => c.operationId)).toEqual(["pulls/list", "repos/list-commits"]);
    expect(fake().repo().issues.size).toBe(0);
    expect(fake().repo().git.refs.has(`heads/${BRANCH}`)).toBe(false);
    expect(run.run.outputs).toEqual({ "calendars-dir": calendars });
    expect(run.run.stdout).toContain("Nothing to publish");
    // The feeds are still written, for the Pages deployment.
    expect(events(await readFile(join(calendars, "calendars/all.ics"), "utf8")).length).toBeGreaterThan(10);
  });

  it("prints the plan and writes nothing on a dry run", async () => {
    const run = await schedule("2027-01-01T15:00:00Z", "workflow_dispatch", { "dry-run": "true" });
    expect(run.writes).toEqual([]);
    expect(run.run.stdout).toContain(
      `commit rotations/schedule.yaml to branch ${BRANCH} and open or update its pull request`,
    );
    expect(run.run.outputs["published-through"]).toBe("2027-03-08");
    expect(fake().repo().issues.size).toBe(0);
  });

  it("fails with a clear message, writing nothing, when `at` is not an instant", async () => {
    clock = new Date("2027-01-01T15:00:00Z");
    const f = fake();
    const { eventName, payload } = buildEvent("schedule", { apiUrl: f.url });
    const run = await runAction({
      entry: ENTRY,
      eventName,
      payload,
      apiUrl: f.url,
      workspace,
      inputs: { "github-token": f.token, at: "next monday", "calendars-dir": calendars },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toEqual([
      {
        level: "error",
        message: expect.stringMatching(/^Input "at" must be a date .* in America\/New_York .*, not "next monday"\.$/),
      },
    ]);
    expect(f.log.count()).toBe(0);
  });
});
