/**
 * Issue 16 (adopting the project for another team): the first publication, a config without `start`,
 * and refusing to publish onto a broken schedule. Each case runs the built `oncall` on a copy of the
 * minimal fixture.
 */
import { afterEach, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { makeTestRepo, removeTestRepo, type Edit } from "../repo/test-repo.js";
import { runCli } from "./run-cli.js";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeTestRepo));
});
async function repo(edits: Edit[]): Promise<string> {
  const dir = await makeTestRepo(edits);
  dirs.push(dir);
  return dir;
}
const EMPTY_HISTORY: Edit[] = [
  { file: "rotations/schedule.yaml", write: "shifts: []\n" },
  { file: "rotations/overrides.yaml", write: "overrides: []\n" },
];
const NO_STACK = /\n\s+at .*:\d+:\d+/;

describe("oncall schedule generate (issue 16)", () => {
  // Fails before issue 16 item 3: the fixture's start (2026-01-05) published every shift since January.
  it("publishes no shift that has already ended when the config's start is in the past", async () => {
    const dir = await repo(EMPTY_HISTORY);
    const r = runCli(["schedule", "generate", "--repo", dir, "--at", "2026-12-04T12:00:00Z", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const added: { start: string; end: string; layer: string }[] = JSON.parse(r.stdout).added;
    expect(added.length).toBeGreaterThan(0);
    expect(added.filter((s) => Date.parse(s.end) <= Date.parse("2026-12-04T12:00:00Z"))).toEqual([]);
    expect(added.find((s) => s.layer === "rot-a")!.start).toBe("2026-12-07T11:00:00-05:00");
    // What it wrote validates (no change to history, no gap).
    expect(runCli(["validate", "--repo", dir, "--at", "2026-12-04T12:00:00Z"]).code).toBe(0);
  });

  // Fails before issue 16 item 4: "internal error" and a stack trace ("cannot start layer rot-a").
  it("starts at the next handoff when the config has no start", async () => {
    const dir = await repo([
      ...EMPTY_HISTORY,
      { file: "rotations/config.yaml", replace: "start: 2026-01-05\n", with: "" },
    ]);
    const r = runCli(["schedule", "generate", "--repo", dir, "--at", "2026-12-04T12:00:00Z", "--json"]);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(r.code).toBe(0);
    const added: { start: string; layer: string }[] = JSON.parse(r.stdout).added;
    expect(added.find((s) => s.layer === "rot-b")!.start).toBe("2026-12-09T11:00:00-05:00");
  });

  // Fails before issue 16 item 9: it appended shifts after the overlap and exited 0.
  it("refuses to extend a schedule with errors, listing them, and writes nothing", async () => {
    const dir = await repo([
      {
        file: "rotations/schedule.yaml",
        replace: "start: 2026-01-14T11:00:00-05:00, end: 2026-01-21T11:00:00-05:00, login: raj",
        with: "start: 2026-01-13T11:00:00-05:00, end: 2026-01-21T11:00:00-05:00, login: raj",
      },
    ]);
    const before = await readFile(join(dir, "rotations/schedule.yaml"), "utf8");
    const r = runCli(["schedule", "generate", "--repo", dir, "--at", "2026-02-10T12:00:00Z"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rotations\/schedule\.yaml:\d+:\d+.*overlaps/);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(await readFile(join(dir, "rotations/schedule.yaml"), "utf8")).toBe(before);
  });

  it("still publishes when the only errors are a leaver's shifts, which it releases", async () => {
    const dir = await repo([
      {
        file: "rotations/people.yaml",
        replace: "    start: 2023-04-03\n",
        with: "    start: 2023-04-03\n    end: 2026-02-01\n",
      },
    ]);
    const r = runCli(["schedule", "generate", "--repo", dir, "--at", "2026-01-20T12:00:00Z", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).edited.length).toBeGreaterThan(0);
  });
});

describe("oncall who, when a fallback has left (issue 16)", () => {
  // Fails before issue 16 item 7: `who` answered dana, who had left two days earlier.
  it("shows the fallback's manager once the fallback has left, and validate warns naming both", async () => {
    const dir = await repo([
      {
        file: "rotations/schedule.yaml",
        replace: "end: 2026-02-25T11:00:00-05:00, login: lena, round: 2 }",
        with: "end: 2026-02-25T11:00:00-05:00, login: null, fallback: dana, round: 2 }",
      },
      {
        file: "rotations/people.yaml",
        replace: "    start: 2018-01-08\n",
        with: "    start: 2018-01-08\n    end: 2026-02-20\n    manager: erin\n",
      },
      {
        file: "rotations/people.yaml",
        transform: (t) =>
          `${t}\n  - login: erin\n    name: Erin Director\n    timezone: America/New_York\n    region: US-NY\n` +
          "    start: 2015-01-05\n    team: platform\n    oncall: false\n",
      },
    ]);
    const who = (iso: string) =>
      JSON.parse(runCli(["who", "--repo", dir, "--at", iso, "--json"]).stdout).oncall.find(
        (e: { layer: string }) => e.layer === "rot-b",
      );
    expect(who("2026-02-19T12:00:00Z")).toMatchObject({ login: "dana", source: "fallback" });
    expect(who("2026-02-22T12:00:00Z")).toMatchObject({ login: "erin", source: "fallback" });
    const v = runCli(["validate", "--repo", dir, "--at", "2026-02-10T12:00:00Z"]);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain(
      "its fallback dana (end date 2026-02-20) has left by 2026-02-21 00:00 UTC-05:00, " +
        "so erin (their manager) covers it from then",
    );
  });
});

describe("holiday regions the library lacks (issue 16)", () => {
  // raj moves to Kathmandu: Nepal (NP) has no data in the holiday library. 15 January 2026 is listed as
  // an organisation-defined holiday of NP; at 10:00 there raj is the only one on call in support hours.
  const nepal = (regionHolidays: string): Edit[] => [
    {
      file: "rotations/people.yaml",
      replace: "    timezone: Asia/Kolkata\n    region: IN-KA\n",
      with: "    timezone: Asia/Kathmandu\n    region: NP\n",
    },
    { file: "rotations/config.yaml", transform: (t) => t + regionHolidays },
  ];
  const deadline = (dir: string) =>
    runCli(["slo", "deadline", "--repo", dir, "--reported-at", "2026-01-15T04:15:00Z", "--json"]);

  it("refuses NP without a list, naming the way out", async () => {
    const dir = await repo(nepal(""));
    const r = runCli(["validate", "--repo", dir, "--at", "2026-01-14T12:00:00Z"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('"NP" is not a holiday region with public holiday data');
    expect(r.stdout).toContain("regionHolidays");
  });

  // Fails before issue 16 item 5: regionHolidays was an unknown field and NP was refused.
  it("accepts NP with the organisation's list, and its days count as holidays in the SLO", async () => {
    const dir = await repo(nepal("regionHolidays:\n  NP:\n    - 2026-01-15\n"));
    const v = runCli(["validate", "--repo", dir, "--at", "2026-01-14T12:00:00Z"]);
    expect(v.stdout).toContain("valid");
    expect(v.code).toBe(0);
    const d = deadline(dir);
    expect(d.stderr).toBe("");
    expect(JSON.parse(d.stdout)).toMatchObject({ tier: "partial", targetMinutes: 30 });
    // The same instant a day later is an ordinary Friday in Kathmandu: full support.
    const next = runCli(["slo", "deadline", "--repo", dir, "--reported-at", "2026-01-16T04:15:00Z", "--json"]);
    expect(JSON.parse(next.stdout)).toMatchObject({ tier: "full", targetMinutes: 10 });
  });

  // Fails before issue 16 item 5: "none" did not match the region pattern.
  it("accepts region none: only the organisation's days off count", async () => {
    const dir = await repo([
      { file: "rotations/people.yaml", replace: "    region: IN-KA\n", with: "    region: none\n" },
    ]);
    const v = runCli(["validate", "--repo", dir, "--at", "2026-01-14T12:00:00Z"]);
    expect(v.stdout).toContain("valid");
    expect(v.code).toBe(0);
  });
});
