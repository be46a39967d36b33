/**
 * Makes the synthetic organisation a git repository with one commit, so `oncall validate
 * --changed-since HEAD` has something to diff against. The user's global and system git config are
 * ignored (no hooks, no signing); the identity is given on the command line.
 */
import { execFileSync } from "node:child_process";

function git(dir: string, args: string[]): string {
  // gc.auto=0: a commit of 23,000 files would start a detached `git gc` that writes into .git while
  // later benchmarks clone the repository and while the run removes its temp folder (ENOTEMPTY).
  return execFileSync(
    "git",
    [
      "-c",
      "user.name=oncall bench",
      "-c",
      "user.email=bench@example.invalid",
      "-c",
      "commit.gpgsign=false",
      "-c",
      "core.autocrlf=false",
      "-c",
      "gc.auto=0",
      ...args,
    ],
    {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
      maxBuffer: 1 << 28,
    },
  );
}

/** `git init`, add everything, commit. */
export function commitAll(dir: string, message: string): void {
  git(dir, ["init", "-q", "-b", "main"]);
  git(dir, ["add", "-A"]);
  git(dir, ["commit", "-q", "--no-verify", "-m", message]);
}
