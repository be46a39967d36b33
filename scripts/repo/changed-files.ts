/**
 * What a pull request changed, from git, and whether those changes can be validated alone. A change to
 * the roster, the rotation, the schedule, the policy or the schemas can affect files it did not touch
 * (a removed person, a renamed service), so it needs the full run; so does a deleted file.
 */
import { execFileSync } from "node:child_process";
import { UserError } from "../core/model/index.js";
import { requireGitRepository } from "./git-repository.js";

export interface ChangeSet {
  /** Changed or added repository paths. */
  changed: Set<string>;
  /** True when some change can affect files outside the change. */
  needsFullRun: boolean;
  /** Why the full run is needed, for the log. */
  reason?: string;
}

const GLOBAL = /^(rotations\/|schemas\/|incidents\/policy\.yaml$|package(-lock)?\.json$)/;

function git(dir: string, args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? "").trim();
    throw new UserError(`git ${args.join(" ")} failed in ${dir}: ${stderr || (err as Error).message}`);
  }
}

/** Paths changed between `ref` and the working tree (including untracked files), classified. */
export function changesSince(dir: string, ref: string): ChangeSet {
  requireGitRepository(dir, "--changed-since");
  const bad = `--changed-since ${JSON.stringify(ref)} is not a commit in ${dir} (a branch, tag or sha; fetch it first).`;
  if (ref.startsWith("-")) throw new UserError(bad, 2);
  try {
    execFileSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch {
    throw new UserError(bad, 2);
  }
  const diff = git(dir, ["diff", "--name-status", "--no-renames", ref, "--"]);
  const untracked = git(dir, ["ls-files", "--others", "--exclude-standard"]);
  const changed = new Set<string>();
  let reason: string | undefined;
  for (const line of diff.split("\n").filter(Boolean)) {
    const [status, path] = line.split("\t") as [string, string];
    if (status.startsWith("D")) reason ??= `${path} was deleted`;
    else changed.add(path);
  }
  for (const path of untracked.split("\n").filter(Boolean)) changed.add(path);
  for (const path of changed) if (GLOBAL.test(path)) reason ??= `${path} can affect other files`;
  return { changed, needsFullRun: reason !== undefined, ...(reason && { reason }) };
}
