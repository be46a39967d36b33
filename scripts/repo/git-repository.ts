/**
 * The guard in front of the commands that read git (`validate --changed-since`, `trade check`): one
 * clear line when the folder is not a git repository or git is missing, instead of git's own usage text.
 */
import { execFileSync } from "node:child_process";
import { UserError } from "../core/model/index.js";

/**
 * Throws a UserError (exit 2) unless `dir` is inside a git work tree. `what` names the flag or command
 * that needs git, for the message.
 */
export function requireGitRepository(dir: string, what: string): void {
  try {
    execFileSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
    throw new UserError(
      missing
        ? `${what} needs git, and git is not installed (or not on PATH).`
        : `${what} needs a git repository, and ${dir} is not one (no .git here or above).`,
      2,
    );
  }
}
