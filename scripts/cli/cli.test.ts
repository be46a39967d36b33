import { describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./run-cli.js";

// The example organisation's test copy: a team that replaces the root's data keeps these tests passing.
const repo = new URL("../fixtures/example/", import.meta.url).pathname;

/** A scratch copy of the example organisation's data. */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "oncall-cli-"));
  for (const d of ["rotations", "incidents", "postmortems", "playbooks"])
    cpSync(join(repo, d), join(dir, d), { recursive: true });
  return dir;
}

describe("oncall (process)", () => {
  it("prints help and exits 2 without a command, 2 on an unknown command", () => {
    expect(runCli([]).code).toBe(2);
    const r = runCli(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });

  it("validates the example organisation", () => {
    const r = runCli(["validate", "--repo", repo, "--at", "2026-11-23T12:00:00Z"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 errors, 1 warning in \d+ files checked\./);
  });

  it("reports a broken file with file, line and column, exit 1, and no stack trace", () => {
    const dir = scratch();
    const path = join(dir, "rotations/people.yaml");
    writeFileSync(path, readFileSync(path, "utf8").replace("timezone: Europe/Berlin", "timezone: Europe/Berlim"));
    const r = runCli(["validate", "--repo", dir, "--format", "github", "--at", "2026-11-23T12:00:00Z"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /::error file=rotations\/people\.yaml,line=\d+,col=15,title=unknown-timezone::"Europe\/Berlim" is not an IANA time zone/,
    );
    expect(r.stdout + r.stderr).not.toMatch(/at .*\.mjs:\d+/);
  });

  it("validates a large repository on two threads with the same positions", () => {
    const dir = scratch();
    const record = readFileSync(join(dir, "incidents/2026/INC-41.yaml"), "utf8");
    for (let n = 1000; n < 1700; n++)
      writeFileSync(
        join(dir, `incidents/2026/INC-${n}.yaml`),
        record.replace("id: INC-41", `id: INC-${n}`).replace("issue: 41", `issue: ${n}`),
      );
    // Odd positions in the sorted list go to the worker thread; break one there and one here.
    writeFileSync(
      join(dir, "incidents/2026/INC-1001.yaml"),
      record
        .replace("id: INC-41", "id: INC-1001")
        .replace("issue: 41", "issue: 1001")
        .replace("severity: P3", "severity: P9"),
    );
    writeFileSync(
      join(dir, "incidents/2026/INC-1002.yaml"),
      record.replace("id: INC-41", "id: INC-1002").replace("issue: 41", "issue: 4"),
    );
    const r = runCli(["validate", "--repo", dir, "--at", "2026-11-23T12:00:00Z", "--json"]);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(out.files).toBeGreaterThan(700);
    const lines = record.split("\n");
    const severityLine = lines.findIndex((l) => l.startsWith("severity:")) + 1;
    const issueLine = lines.findIndex((l) => l.startsWith("issue:")) + 1;
    expect(
      out.problems
        .filter((p: { severity: string }) => p.severity === "error")
        .map(
          (p: { file: string; line: number; column: number; rule: string }) =>
            `${p.file}:${p.line}:${p.column} ${p.rule}`,
        ),
    ).toEqual([
      `incidents/2026/INC-1001.yaml:${severityLine}:11 schema`,
      `incidents/2026/INC-1002.yaml:${issueLine}:8 incident-id`,
    ]);
  });

  it("says which flag is wrong with exit 2", () => {
    const r = runCli(["validate", "--repo", repo, "--format", "xml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--format must be one of text, json, github");
    expect(runCli(["who", "--bogus"]).stderr).toContain("Unknown option '--bogus'");
  });

  it("answers who with the JSON shape, and from a preview past the published schedule", () => {
    const now = JSON.parse(runCli(["who", "--repo", repo, "--at", "2026-12-02T16:00:00Z", "--json"]).stdout);
    expect(now).toEqual({
      at: "2026-12-02T11:00:00-05:00",
      oncall: [
        { layer: "rot-a", login: "dwashington", timezone: "America/Detroit", source: "schedule" },
        { layer: "rot-b", login: "lschneider", timezone: "Europe/Berlin", source: "schedule" },
      ],
    });
    const later = JSON.parse(runCli(["who", "--repo", repo, "--at", "2029-06-01T12:00:00Z", "--json"]).stdout);
    expect(later.preview).toBe(true);
    expect(later.oncall).toHaveLength(2);
    expect(later.oncall.every((o: { source: string }) => o.source === "preview")).toBe(true);
    expect(later.notes[0]).toContain("preview generated from the rotation config");
  });

  it("shows status: who, handoffs, unfilled shifts, overdue postmortems", () => {
    const r = runCli(["status", "--repo", repo, "--at", "2026-11-23T12:00:00Z"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Claire Tremblay (@claire-tremblay)");
    expect(r.stdout).toContain("claire-tremblay -> marcus-bell");
    expect(r.stdout).toContain("dana-whitfield (fallback)");
    expect(r.stdout).toContain("2026-11-20 OVERDUE");
  });

  it("extends the schedule append-only and is idempotent", () => {
    const dir = scratch();
    const path = join(dir, "rotations/schedule.yaml");
    const before = readFileSync(path, "utf8");
    const r = runCli(["schedule", "generate", "--repo", dir, "--at", "2027-01-01T12:00:00Z", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.added.length).toBeGreaterThan(0);
    const after = readFileSync(path, "utf8");
    expect(after.startsWith(before)).toBe(true);
    const again = JSON.parse(
      runCli(["schedule", "generate", "--repo", dir, "--at", "2027-01-01T12:00:00Z", "--json"]).stdout,
    );
    expect(again.added).toEqual([]);
    expect(readFileSync(path, "utf8")).toBe(after);
    expect(runCli(["validate", "--repo", dir, "--at", "2027-01-01T12:00:00Z"]).code).toBe(0);
  });

  it("shows the schedule as JSON with offsets", () => {
    const r = JSON.parse(
      runCli([
        "schedule",
        "show",
        "--repo",
        repo,
        "--from",
        "2026-12-01T00:00:00Z",
        "--to",
        "2026-12-03T00:00:00Z",
        "--json",
      ]).stdout,
    );
    expect(r.shifts.find((s: { layer: string }) => s.layer === "rot-a")).toEqual({
      layer: "rot-a",
      start: "2026-11-30T11:00:00-05:00",
      end: "2026-12-07T11:00:00-05:00",
      login: "dwashington",
      fallback: null,
    });
    const eff = JSON.parse(
      runCli([
        "schedule",
        "show",
        "--repo",
        repo,
        "--from",
        "2026-12-01T00:00:00Z",
        "--to",
        "2026-12-03T00:00:00Z",
        "--effective",
        "--login",
        "nkim",
        "--json",
      ]).stdout,
    );
    expect(eff.shifts).toEqual([
      {
        layer: "rot-a",
        start: "2026-12-01T09:00:00-05:00",
        end: "2026-12-02T09:00:00-05:00",
        login: "nkim",
        fallback: null,
        source: "override",
      },
    ]);
  });
});
