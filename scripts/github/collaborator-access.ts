/**
 * Who may run incident commands (SPEC section 5): people on the on-call roster, and anyone with
 * triage, write, maintain or admin access to the repository. The roster is known from the files, so
 * only people outside it cost an API call (`GET /repos/{owner}/{repo}/collaborators/{username}/permission`),
 * one per person and run.
 */
import type { RepoRef } from "./apply-context.js";
import { callGitHub, hasStatus } from "./github-error.js";
import type { GitHubClient } from "./octokit.js";

/** Roles that may run commands. `role_name` carries triage and maintain; `permission` folds them away. */
const COMMAND_ROLES = new Set(["triage", "write", "maintain", "admin"]);

/** Whether a collaborator permission answer allows commands. */
export function permissionAllowsCommands(answer: { permission?: string | null; role_name?: string | null }): boolean {
  return (
    COMMAND_ROLES.has((answer.role_name ?? "").toLowerCase()) ||
    answer.permission === "write" ||
    answer.permission === "admin"
  );
}

/**
 * The logins (lower-cased) among `logins` that may run commands: those `inRoster` accepts without a
 * call, the others by their repository role. A login GitHub does not know (404) may not. Other
 * failures propagate: deciding without knowing would either refuse a responder or let anyone in.
 */
export async function commandAccess(
  octokit: GitHubClient,
  repo: RepoRef,
  logins: Iterable<string>,
  inRoster: (login: string) => boolean,
): Promise<Set<string>> {
  const allowed = new Set<string>();
  const asked = new Set<string>();
  for (const login of logins) {
    const key = login.toLowerCase();
    if (allowed.has(key) || asked.has(key)) continue;
    if (inRoster(login)) {
      allowed.add(key);
      continue;
    }
    asked.add(key);
    try {
      const { data } = await callGitHub(`check the repository role of ${login}`, () =>
        octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: login }),
      );
      if (permissionAllowsCommands({ permission: data.permission, role_name: data.role_name })) allowed.add(key);
    } catch (error) {
      if (!hasStatus(error, 404)) throw error;
    }
  }
  return allowed;
}
