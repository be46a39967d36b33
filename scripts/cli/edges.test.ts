/**
 * Issue 16, item 10: the edges of the command line a newcomer runs into on the first day (global flags
 * before the command, a wrong --repo, no git, a bad ref, `| head`, CRLF files, the GitHub format).
 */
import { describe, expect, it } from "vitest";
import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, runCli } from "./run-cli.js";

const fixture = new URL("../fixtures/minimal/", import.meta.url).pathname;
const AT = "2026-01-20T12:00:00Z";

/** A scratch copy of the minimal fixture (not a git repository). */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "oncall-edges-"));
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

/** The rotation files rewritten with CRLF line endings. */
function toCrlf(dir: string): void {
  for (const f of ["rotations/schedule.yaml", "rotations/overrides.yaml"]) {
    const path = join(dir, f);
    writeFileSync(path, readFileSync(path, "utf8").replace(/\n/g, "\r\n"));
  }
}

function expectCrlfOnly(text: string): void {
  expect(text.includes("\r\n")).toBe(true);
  // Every line break is CRLF: no bare LF and no doubled CR.
  expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
}

describe("oncall command-line edges (issue 16, item 10)", () => {
  it("global flags before the command: oncall --repo DIR --json who", () => {
    // Fails before issue item 10: 'unknown command "--repo"', exit 2.
    const r = runCli(["--repo", fixture, "--json", "who", "--at", AT]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).oncall.map((o: { login: string }) => o.login)).toEqual(["alice", "raj"]);
    const sub = runCli(["--repo", fixture, "schedule", "show", "--from", "2026-01-06", "--to", "2026-01-07"]);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain("alice");
    // A global flag and no subcommand asks for the subcommand (not 'unknown subcommand "schedule --repo"').
    const none = runCli(["--repo", fixture, "schedule"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('say "schedule generate" or "schedule show".');
  });

  it("a --repo that does not exist says so, exit 2", () => {
    // Fails before issue item 10: exit 1 with three "missing or unreadable" lines.
    const r = runCli(["who", "--repo", join(tmpdir(), "no-such-oncall-repo")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--repo .*no-such-oncall-repo: no such folder/);
    expect(r.stderr).not.toContain("missing or unreadable");
  });

  it("git-based commands outside a git repository say so in one line", () => {
    // Fails before issue item 10: git's usage text (dozens of lines) for --changed-since; exit 1.
    const dir = scratch();
    const v = runCli(["validate", "--repo", dir, "--changed-since", "HEAD", "--at", AT], {
      env: { GIT_CEILING_DIRECTORIES: tmpdir() },
    });
    expect(v.code).toBe(2);
    expect(v.stderr.split("\n")[0]).toMatch(/--changed-since needs a git repository, and .* is not one/);
    expect(v.stderr.trim().split("\n").length).toBeLessThanOrEqual(2);
    const t = runCli(["trade", "check", "--repo", dir, "--base", "main", "--at", AT], {
      env: { GIT_CEILING_DIRECTORIES: tmpdir() },
    });
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/trade check needs a git repository/);
  });

  it("--changed-since with a bad ref exits 2 with a clear message", () => {
    // Fails before issue item 10: exit 1 with "git diff ... failed: fatal: bad revision".
    const dir = scratch();
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
    git("init", "-q");
    git("add", ".");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "fixture");
    const r = runCli(["validate", "--repo", dir, "--changed-since", "no-such-branch", "--at", AT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--changed-since "no-such-branch" is not a commit');
    expect(r.stderr).not.toContain("fatal:");
    expect(runCli(["validate", "--repo", dir, "--changed-since", "HEAD", "--at", AT]).code).toBe(0);
  });

  it("oncall ... | head exits quietly (no EPIPE stack trace)", async () => {
    // Fails before issue item 10: "Error: write EPIPE" with a stack trace on stderr.
    const args = ["status", "--repo", fixture, "--at", AT];
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += String(d)));
    // Close the reading end before anything is written, as `head` does once it has its lines.
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on("close", (c) => done(c)));
    expect(stderr).not.toMatch(/EPIPE|at .*\.mjs:\d+/);
    expect(code).toBe(0);
  });

  it("trade swap, trade cover and schedule generate keep CRLF line endings", () => {
    // Fails before issue item 10: the edited and appended lines came out with LF in a CRLF file.
    const dir = scratch();
    toCrlf(dir);
    const at = ["--at", "2026-01-02T12:00:00Z"];
    const swap = runCli(["trade", "swap", "alice@2026-01-20", "bob@2026-01-27", "--repo", dir, ...at]);
    expect(swap.stderr).toBe("");
    expect(swap.code).toBe(0);
    const schedule = readFileSync(join(dir, "rotations/schedule.yaml"), "utf8");
    expectCrlfOnly(schedule);
    expect(schedule).toMatch(/2026-01-19T11:00:00-05:00, end: 2026-01-26T11:00:00-05:00, login: bob/);

    const cover = runCli(["trade", "cover", "lena", "--from", "2026-02-05T09:00", "--to", "2026-02-06T09:00", ...at], {
      cwd: dir,
    });
    expect(cover.stderr).toBe("");
    expect(cover.code).toBe(0);
    const overrides = readFileSync(join(dir, "rotations/overrides.yaml"), "utf8");
    expectCrlfOnly(overrides);
    expect(overrides).toContain("start: 2026-02-05T09:00:00-05:00\r\n");

    const gen = runCli(["schedule", "generate", "--repo", dir, "--at", "2026-02-20T12:00:00Z"]);
    expect(gen.code).toBe(0);
    const generated = readFileSync(join(dir, "rotations/schedule.yaml"), "utf8");
    expect(generated.length).toBeGreaterThan(schedule.length);
    expectCrlfOnly(generated);
    expect(runCli(["validate", "--repo", dir, "--at", "2026-02-20T12:00:00Z"]).code).toBe(0);
  });

  it("validate --format github does not say the files are valid after an error", () => {
    // Fails before issue item 10: the last line was "Checked N files are valid." after ::error lines.
    const dir = scratch();
    const path = join(dir, "rotations/people.yaml");
    writeFileSync(path, readFileSync(path, "utf8").replace("timezone: Europe/Berlin", "timezone: Europe/Berlim"));
    const r = runCli(["validate", "--repo", dir, "--format", "github", "--at", AT]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("::error file=rotations/people.yaml");
    expect(r.stdout).not.toMatch(/valid/);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toMatch(/^1 error, \d+ warnings? in \d+ files checked\.$/);
  });
});
