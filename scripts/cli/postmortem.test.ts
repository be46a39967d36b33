/**
 * `oncall postmortem new|list`, `oncall playbook stale` and the next review meeting in `oncall status`
 * (issue 13 items 1, 2 and 6), as real processes on a scratch copy of the example organisation.
 * Fails before issue 13: the commands did not exist and status knew no review meetings.
 */
import { describe, expect, it } from "vitest";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./run-cli.js";

const repo = new URL("../fixtures/example/", import.meta.url).pathname;
const OLD_DRAFT = "postmortems/2026/INC-63-sign-in-key-rotation.md";
const REVIEWS =
  '\nreviews:\n  every: 1w\n  weekday: wednesday\n  time: "15:00"\n  zone: Europe/London\n  from: 2026-10-07\n';

/** The example organisation with weekly reviews and without INC-63's postmortem. */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "oncall-pm-"));
  for (const d of ["rotations", "incidents", "postmortems", "playbooks"])
    cpSync(join(repo, d), join(dir, d), { recursive: true });
  rmSync(join(dir, OLD_DRAFT));
  const record = join(dir, "incidents/2026/INC-63.yaml");
  writeFileSync(record, readFileSync(record, "utf8").replace(`postmortem: ${OLD_DRAFT}\n`, ""));
  const policy = join(dir, "incidents/policy.yaml");
  writeFileSync(policy, readFileSync(policy, "utf8") + REVIEWS);
  return dir;
}

const NEW = "postmortems/2026/INC-63-sign-in-loops-back-to-the-login-page.md";

describe("oncall postmortem new (issue 13 item 1)", () => {
  it("writes a draft that validates, names it in the record, and refuses a second one", () => {
    const dir = scratch();
    const r = runCli(["postmortem", "new", "INC-63", "--repo", dir, "--at", "2026-11-18T16:00:00Z"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Wrote ${NEW}: due 2026-11-20, review meeting 2026-11-25`);
    expect(existsSync(join(dir, NEW))).toBe(true);
    expect(readFileSync(join(dir, "incidents/2026/INC-63.yaml"), "utf8")).toContain(`postmortem: ${NEW}\n`);
    const v = runCli(["validate", "--repo", dir, "--at", "2026-11-19T12:00:00Z"]);
    expect(v.stdout).toMatch(/^0 errors/m);
    expect(v.code).toBe(0);
    const again = runCli(["postmortem", "new", "INC-63", "--repo", dir, "--at", "2026-11-18T16:00:00Z"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`oncall postmortem: INC-63 already has a postmortem: ${NEW}.\n`);
  });

  it("refuses an incident whose severity needs none, and a malformed id", () => {
    const dir = scratch();
    const p3 = runCli(["postmortem", "new", "INC-41", "--repo", dir]);
    expect(p3.code).toBe(1);
    expect(p3.stderr).toContain("INC-41 is P3, and incidents/policy.yaml asks for a postmortem only for P1, P2.");
    const bad = runCli(["postmortem", "new", "incident-41", "--repo", dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"incident-41" is not an incident id such as INC-63.');
  });
});

describe("oncall postmortem list, playbook stale, status (issue 13 item 6)", () => {
  it("lists postmortems due, overdue and by review meeting", () => {
    const dir = scratch();
    runCli(["postmortem", "new", "INC-63", "--repo", dir, "--at", "2026-11-18T16:00:00Z"]);
    const json = (args: string[]) =>
      JSON.parse(runCli(["postmortem", "list", ...args, "--repo", dir, "--json"]).stdout) as { incident: string }[];
    const ids = (args: string[]) => json(args).map((e) => e.incident);
    expect(ids(["--at", "2026-11-19T12:00:00Z"])).toEqual(["INC-57", "INC-63"]);
    expect(ids(["--due", "--at", "2026-11-19T12:00:00Z"])).toEqual(["INC-63"]);
    expect(ids(["--overdue", "--at", "2026-11-20T12:00:00Z"])).toEqual([]);
    expect(ids(["--overdue", "--at", "2026-11-23T12:00:00Z"])).toEqual(["INC-63"]);
    expect(ids(["--review", "2026-11-25"])).toEqual(["INC-63"]);
    expect(ids(["--review", "2026-10-28"])).toEqual(["INC-57"]);
    const text = runCli(["postmortem", "list", "--overdue", "--repo", dir, "--at", "2026-11-23T12:00:00Z"]);
    expect(text.stdout).toContain("2026-11-20 OVERDUE 3d");
    const both = runCli(["postmortem", "list", "--due", "--overdue", "--repo", dir]);
    expect(both.code).toBe(2);
  });

  it("lists stale playbooks with their owners", () => {
    const dir = scratch();
    const r = runCli(["playbook", "stale", "--repo", dir, "--at", "2026-12-04T12:00:00Z", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      reviewDays: 180,
      stale: [
        {
          path: "playbooks/auth-login-failures.md",
          title: "Sign-in failures",
          owners: ["claire-tremblay", "jrivera"],
          lastReviewed: "2026-04-20",
          age: 228,
          daysOver: 48,
        },
      ],
    });
  });

  it("shows the next review meeting and what is booked into it", () => {
    const dir = scratch();
    runCli(["postmortem", "new", "INC-63", "--repo", dir, "--at", "2026-11-18T16:00:00Z"]);
    const r = runCli(["status", "--repo", dir, "--at", "2026-11-23T12:00:00Z", "--json"]);
    expect(JSON.parse(r.stdout).nextReview).toEqual({ at: "2026-11-25T15:00:00+00:00", incidents: ["INC-63"] });
    const text = runCli(["status", "--repo", dir, "--at", "2026-11-23T12:00:00Z"]);
    expect(text.stdout).toContain("Next incident review: Wed 2026-11-25 15:00 UTC+00:00, reviewing INC-63");
  });
});
