/**
 * Issue 16, item 11: the words and numbers a newcomer reads first (support hours, zone names, table
 * headers, the time before the first handoff, balance notes, the Node versions).
 */
import { describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./run-cli.js";

const fixture = new URL("../fixtures/minimal/", import.meta.url).pathname;
const root = new URL("../../", import.meta.url).pathname;

/** A scratch copy of the minimal fixture, with `edit` applied to some of its files. */
function scratch(edit: Record<string, (text: string) => string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "oncall-words-"));
  cpSync(fixture, dir, { recursive: true });
  for (const [file, change] of Object.entries(edit)) {
    const path = join(dir, file);
    writeFileSync(path, change(readFileSync(path, "utf8")));
  }
  return dir;
}

describe("words and numbers a newcomer reads (issue 16, item 11)", () => {
  it("oncall slo deadline --help names the support hours behind the targets", () => {
    // Fails before issue item 11: the help said "full", "partial" and "limited" without their hours.
    const r = runCli(["slo", "deadline", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/full +workdays 09:00-17:00 +acknowledge within 10 minutes/);
    expect(r.stdout).toMatch(
      /partial +workdays 07:00-09:00 and 17:00-19:00,\n +non-workdays 09:00-17:00 +acknowledge within 30 minutes/,
    );
    expect(r.stdout).toMatch(/limited +any other time +no target/);
  });

  it("prints every zone the same way (UTC offset), never EST beside GMT+1", () => {
    // Fails before issue item 11: "Wed 2026-01-28 11:00 EST" beside "Wed 17:00 GMT+1" for lena in Berlin.
    const at = "2026-01-30T12:00:00Z";
    const who = runCli(["who", "--repo", fixture, "--at", at]);
    const status = runCli(["status", "--repo", fixture, "--at", at]);
    const show = runCli(["schedule", "show", "--repo", fixture, "--from", "2026-01-26", "--to", "2026-02-02"]);
    for (const r of [who, status, show]) {
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(/\b(EST|EDT|GMT[+-]?\d*|CET|PST|IST)\b/);
    }
    expect(who.stdout).toContain("On call at Fri 2026-01-30 07:00 UTC-05:00:");
    expect(who.stdout).toMatch(/@lena Lena Lang \(Fri 13:00 UTC\+01:00 for them\)/);
    expect(status.stdout).toMatch(/Lena Lang \(@lena\) +Fri 13:00 UTC\+01:00 +Wed 2026-02-04 11:00 UTC-05:00/);
    expect(show.stdout).toContain("Mon 2026-01-26 11:00 UTC-05:00");
  });

  it("the unfilled-shifts table of status has a header for every column", () => {
    // Fails before issue item 11: the last column had no header.
    const dir = scratch({
      "rotations/schedule.yaml": (t) =>
        t.replace(
          "end: 2026-02-16T11:00:00-05:00, login: bob, round: 2",
          "end: 2026-02-16T11:00:00-05:00, login: null, fallback: dana, round: 2",
        ),
    });
    const r = runCli(["status", "--repo", dir, "--at", "2026-02-05T12:00:00Z"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const head = lines.indexOf("Unfilled shifts") + 1;
    expect(head).toBeGreaterThan(0);
    expect(lines[head]).toMatch(/^Layer +From +To +Covered by +Status$/);
    expect(lines[head + 2]).toMatch(/dana \(fallback\) +(needs someone|volunteers welcome)$/);
  });

  it('says "nobody is on call yet" before the first handoff', () => {
    // Fails before issue item 11: who said "the rotation has no layer that covers this instant" and
    // status printed an empty table and "? -> alice".
    const at = "2026-01-01T12:00:00Z";
    const who = runCli(["who", "--repo", fixture, "--at", at]);
    expect(who.code).toBe(0);
    expect(who.stdout).toContain("nobody is on call yet: the first shift starts Mon 2026-01-05 11:00 UTC-05:00.");
    const status = runCli(["status", "--repo", fixture, "--at", at]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain("Nobody is on call yet: the first handoff is Mon 2026-01-05 11:00 UTC-05:00.");
    expect(status.stdout).toContain("nobody -> alice");
    expect(status.stdout).not.toContain("?");
  });

  it("says each balance move once, with the period it applies to", () => {
    // Fails before issue item 11: sam-lee's move was noted twice (once per group size, before and after
    // bob leaves) and neither note said which shifts it applies to.
    const extra = ["kai", "mia"]
      .map((l) => `\n  - login: ${l}\n    name: ${l}\n    timezone: Europe/London\n    region: GB-ENG\n`)
      .map((p) => `${p}    start: 2019-01-07\n    manager: dana\n    team: payments\n`)
      .join("");
    const dir = scratch({
      "rotations/people.yaml": (t) =>
        t.replace("    start: 2021-06-14\n", "    start: 2021-06-14\n    end: 2026-03-31\n") + extra,
    });
    const r = runCli([
      "schedule",
      "generate",
      "--repo",
      dir,
      "--at",
      "2026-02-20T12:00:00Z",
      "--until",
      "2027-03-01",
      "--dry-run",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const balance = (JSON.parse(r.stdout).notes as string[]).filter((n) => n.startsWith("balance:"));
    expect(balance).toEqual([
      "balance: sam-lee (America/Los_Angeles) moves to rot-a for shifts starting 2026-02-23 to 2027-02-24 " +
        "(2 eastern vs 5 others, then 1 eastern vs 5 others differ by more than the tolerance of 2; " +
        "balance wins over Eastern coverage)",
    ]);
  });

  it("engines.node names exactly the Node versions every locked package accepts", () => {
    // Fails before issue item 11: ">=20", while content-type@3.1.1 (under @actions/github) wants >=22 and
    // eslint's packages want ^20.19 || ^22.13 || >=24, so npm warned on most of the versions it allowed.
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
    const ranges: string[] = Object.entries(lock.packages as Record<string, { engines?: { node?: string } }>)
      .filter(([path, p]) => path && typeof p.engines?.node === "string")
      .map(([, p]) => p.engines!.node!);
    for (let major = 16; major <= 26; major++)
      for (const minor of [0, 9, 12, 13, 19, 20]) {
        const v = `${major}.${minor}.0`;
        const clean = ranges.every((r) => satisfies(v, r));
        expect(satisfies(v, pkg.engines.node), `Node ${v}`).toBe(clean);
      }
  });
});

/**
 * Enough of npm's range rules for the engines fields in the lock file: `||` alternatives of
 * space-separated comparators (>=, <=, >, <, ^, ~, a bare partial version, *).
 */
function satisfies(version: string, range: string): boolean {
  const v = version.split(".").map(Number);
  const cmp = (a: number[], b: number[]) => {
    for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
    return 0;
  };
  const one = (c: string): boolean => {
    if (c === "*" || c === "") return true;
    const [, op, rest] = /^(>=|<=|>|<|\^|~|=)?\s*(.*)$/.exec(c)!;
    const parts = rest!.split(".").map(Number);
    const d = cmp(v, parts);
    switch (op) {
      case ">=":
        return d >= 0;
      case "<=":
        return d <= 0;
      case ">":
        return d > 0;
      case "<":
        return d < 0;
      case "^":
        return d >= 0 && v[0] === parts[0];
      case "~":
        return d >= 0 && v[0] === parts[0] && (parts.length < 2 || v[1] === parts[1]);
      default:
        return parts.every((p, i) => v[i] === p);
    }
  };
  return range.split("||").some((alt) =>
    alt
      .trim()
      .replace(/(>=|<=|>|<|\^|~)\s+/g, "$1")
      .split(/\s+/)
      .every(one),
  );
}
