import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

// The example organisation's test copy: a team that replaces the root's data keeps these tests passing.
const example = new URL("../fixtures/example/", import.meta.url).pathname;
const AT = ["--at", "2026-11-23T12:00:00Z"];
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
    },
  });
}

/** A git repository holding a copy of the example organisation, committed on main. */
function exampleRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "oncall-trade-"));
  made.push(dir);
  for (const d of ["rotations", "incidents", "postmortems", "playbooks"])
    cpSync(join(example, d), join(dir, d), { recursive: true });
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "example organisation");
  return dir;
}

const trade = (dir: string, ...args: string[]) => runCli(["trade", ...args, "--repo", dir]);
const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");

describe("oncall trade swap (process)", () => {
  it("swaps two shifts as a two-line diff that trade check explains", () => {
    const dir = exampleRepo();
    const r = trade(dir, "swap", "jrivera@2026-12-07", "nkim@2026-12-16", ...AT);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Changed rotations/schedule.yaml: nkim takes jrivera's rot-a shift 7-14 Dec; jrivera takes nkim's 14-21 Dec.",
    );
    expect(git(dir, "diff", "--numstat").trim()).toBe("2\t2\trotations/schedule.yaml");
    const removed = git(dir, "diff", "-U0")
      .split("\n")
      .filter((l) => /^[-+] /.test(l));
    expect(removed).toEqual([
      "-  - { layer: rot-a, start: 2026-12-07T11:00:00-05:00, end: 2026-12-14T11:00:00-05:00, login: jrivera, round: 2 }",
      "+  - { layer: rot-a, start: 2026-12-07T11:00:00-05:00, end: 2026-12-14T11:00:00-05:00, login: nkim, round: 2 }",
      "-  - { layer: rot-a, start: 2026-12-14T11:00:00-05:00, end: 2026-12-21T11:00:00-05:00, login: nkim, round: 2 }",
      "+  - { layer: rot-a, start: 2026-12-14T11:00:00-05:00, end: 2026-12-21T11:00:00-05:00, login: jrivera, round: 2 }",
    ]);

    const check = trade(dir, "check", "--base", "main", ...AT, "--json");
    expect(check.code).toBe(0);
    const out = JSON.parse(check.stdout);
    expect(out).toMatchObject({
      changes: [
        {
          layer: "rot-a",
          start: "2026-12-07T11:00:00-05:00",
          end: "2026-12-14T11:00:00-05:00",
          from: "jrivera",
          to: "nkim",
        },
        {
          layer: "rot-a",
          start: "2026-12-14T11:00:00-05:00",
          end: "2026-12-21T11:00:00-05:00",
          from: "nkim",
          to: "jrivera",
        },
      ],
      affected: ["jrivera", "nkim"],
      problems: [],
      summary: "nkim takes jrivera's rot-a shift 7-14 Dec; jrivera takes nkim's 14-21 Dec",
    });
    expect(Object.keys(out.changes[0]).sort()).toEqual(["end", "from", "layer", "start", "to"]);
  });

  it("writes nothing when the swap changes a shift that has started, and says where", () => {
    const dir = exampleRepo();
    const before = read(dir, "rotations/schedule.yaml");
    const r = trade(dir, "swap", "claire-tremblay@2026-11-16", "marcus-bell@2026-11-23", ...AT);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Did not change rotations/schedule.yaml");
    expect(r.stdout).toMatch(
      /rotations\/schedule\.yaml:26:\d+: rot-a shift 2026-11-16 11:00 UTC-05:00 .* published history never changes.* \[trade-past-change\]/i,
    );
    expect(read(dir, "rotations/schedule.yaml")).toBe(before);
  });

  it("writes nothing when the swap would put a new hire on call before day 60", () => {
    const dir = exampleRepo();
    const r = trade(dir, "swap", "ade-okafor@2026-12-21", "jrivera@2026-12-07", ...AT, "--json");
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.written).toBe(false);
    expect(out.problems).toEqual([
      expect.objectContaining({ file: "rotations/schedule.yaml", line: 32, rule: "new-hire-too-early" }),
    ]);
  });

  it("explains a shift it cannot find, and a malformed argument, without a stack trace", () => {
    const dir = exampleRepo();
    const missing = trade(dir, "swap", "jrivera@2026-12-16", "nkim@2026-12-16", ...AT);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("jrivera has no published shift on 2026-12-16. Their latest shifts:");
    const bad = trade(dir, "swap", "jrivera", "nkim@2026-12-16");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"jrivera" should be <login>@<date>');
    expect(trade(dir, "swap", "jrivera@2026-12-07").code).toBe(2);
    expect(missing.stderr + bad.stderr).not.toMatch(/at .*\.mjs:\d+/);
  });
});

describe("oncall trade cover (process)", () => {
  it("appends an override as text, keeping the file's comments, in the person's own layer", () => {
    const dir = exampleRepo();
    const before = read(dir, "rotations/overrides.yaml");
    const r = trade(
      dir,
      "cover",
      "arjun-nair",
      "--from",
      "2026-12-10T09:00",
      "--to",
      "2026-12-11T09:00",
      "--reason",
      "Kyle's wedding",
      ...AT,
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("arjun-nair covers kbarrett on rot-b 10 Dec 09:00-11 Dec 09:00");
    const after = read(dir, "rotations/overrides.yaml");
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe(
      '\n  - layer: rot-b\n    start: 2026-12-10T09:00:00-05:00\n    end: 2026-12-11T09:00:00-05:00\n    by: arjun-nair\n    reason: "Kyle\'s wedding"\n',
    );
    expect(runCli(["validate", "--repo", dir, ...AT]).code).toBe(0);
  });

  it("does nothing on a dry run, and refuses a cover that puts someone on both layers", () => {
    const dir = exampleRepo();
    const before = read(dir, "rotations/overrides.yaml");
    const dry = trade(
      dir,
      "cover",
      "arjun-nair",
      "--from",
      "2026-12-10T09:00",
      "--to",
      "2026-12-11T09:00",
      "--dry-run",
      ...AT,
    );
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Would change rotations/overrides.yaml");
    // kbarrett holds rot-b from 9 Dec; covering rot-a then puts them on both layers.
    const both = trade(
      dir,
      "cover",
      "kbarrett",
      "--layer",
      "rot-a",
      "--from",
      "2026-12-10T09:00",
      "--to",
      "2026-12-11T09:00",
      ...AT,
    );
    expect(both.code).toBe(1);
    expect(both.stdout).toMatch(/kbarrett is on call for both rot-b and rot-a .*\[both-layers\]/i);
    expect(read(dir, "rotations/overrides.yaml")).toBe(before);
    expect(trade(dir, "cover", "arjun-nair", "--from", "2026-12-11", "--to", "2026-12-10", ...AT).code).toBe(2);
    expect(trade(dir, "cover", "nobody", "--from", "2026-12-10", "--to", "2026-12-11", ...AT).stderr).toContain(
      "nobody is not in rotations/people.yaml",
    );
    const idle = trade(dir, "cover", "kbarrett", "--from", "2026-12-10T09:00", "--to", "2026-12-11T09:00", ...AT);
    expect(idle.code).toBe(1);
    expect(idle.stderr).toContain("that changes nobody's time on call; rotations/overrides.yaml is left as it was.");
    expect(read(dir, "rotations/overrides.yaml")).toBe(before);
  });
});

describe("oncall trade check (process)", () => {
  it("checks a committed head against the merge base, failing a gap with file and line", () => {
    const dir = exampleRepo();
    git(dir, "checkout", "-q", "-b", "trade");
    const path = join(dir, "rotations/schedule.yaml");
    writeFileSync(
      path,
      read(dir, "rotations/schedule.yaml").replace(/^.*2026-12-09T11:00:00-05:00, end: 2026-12-16.*\n/m, ""),
    );
    git(dir, "commit", "-q", "-am", "drop a shift");
    git(dir, "checkout", "-q", "main");
    const r = trade(dir, "check", "--base", "main", "--head", "trade", ...AT, "--json");
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.changes).toEqual([
      {
        layer: "rot-b",
        start: "2026-12-09T11:00:00-05:00",
        end: "2026-12-16T11:00:00-05:00",
        from: "kbarrett",
        to: null,
      },
    ]);
    expect(out.affected).toEqual(["kbarrett"]);
    expect(out.problems).toEqual([
      expect.objectContaining({ file: "rotations/schedule.yaml", line: 34, rule: "schedule-gap" }),
    ]);
    const text = trade(dir, "check", "--base", "main", "--head", "trade", ...AT);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("nobody is on call for rot-b 9-16 Dec (was kbarrett).");
    expect(text.stdout).toMatch(
      /rotations\/schedule\.yaml:34:\d+: rot-b has nobody on call from 2026-12-09 11:00 UTC-05:00 until 2026-12-16 11:00 UTC-05:00\.? \[schedule-gap\]/i,
    );
  });

  it("reports a roster edit by the published shifts it changes", () => {
    const dir = exampleRepo();
    writeFileSync(
      join(dir, "rotations/people.yaml"),
      read(dir, "rotations/people.yaml").replace(
        "    start: 2025-04-07\n",
        "    start: 2025-04-07\n    end: 2026-12-31\n",
      ),
    );
    const out = JSON.parse(trade(dir, "check", "--base", "main", ...AT, "--json").stdout);
    expect(out.changes).toEqual([
      {
        layer: "holiday-b",
        start: "2027-01-01T00:00:00-05:00",
        end: "2027-01-02T11:00:00-05:00",
        from: "emily-zhao",
        to: "tobias-wren",
      },
      {
        layer: "rot-b",
        start: "2027-01-13T11:00:00-05:00",
        end: "2027-01-14T11:00:00-05:00",
        from: "emily-zhao",
        to: "tobias-wren",
      },
      {
        layer: "rot-b",
        start: "2027-01-15T23:00:00-05:00",
        end: "2027-01-20T11:00:00-05:00",
        from: "emily-zhao",
        to: "tobias-wren",
      },
    ]);
    expect(out.affected).toEqual(["emily-zhao", "tobias-wren"]);
    expect(out.problems.map((p: { rule: string }) => p.rule)).toEqual(["after-end-date", "after-end-date"]);
  });

  it("names a person who is not on the roster", () => {
    const dir = exampleRepo();
    writeFileSync(
      join(dir, "rotations/schedule.yaml"),
      read(dir, "rotations/schedule.yaml").replace(
        "end: 2026-12-21T11:00:00-05:00, login: nkim,",
        "end: 2026-12-21T11:00:00-05:00, login: nkimm,",
      ),
    );
    const out = JSON.parse(trade(dir, "check", "--base", "main", ...AT, "--json").stdout);
    expect(out.summary).toBe("nkimm takes nkim's rot-a shift 14-21 Dec");
    expect(out.problems).toEqual([
      expect.objectContaining({ file: "rotations/schedule.yaml", line: 34, rule: "unknown-login" }),
    ]);
  });

  it("finds nothing to say about an unchanged tree, and wants --base", () => {
    const dir = exampleRepo();
    const r = trade(dir, "check", "--base", "main", ...AT);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("no published shift changes.\n\nNo problems.\n");
    expect(trade(dir, "check", ...AT).code).toBe(2);
    expect(trade(dir, "check", "--base", "nope", ...AT).stderr).toContain('"nope" is not a commit');
    expect(trade(dir, "barter").code).toBe(2);
    expect(runCli(["trade", "--help"]).stdout).toContain("oncall trade check --base REF");
  });
});
