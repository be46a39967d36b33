/**
 * Keeping a GitHub team ("whoever is on call", e.g. `acme/oncall-now`) equal to the people on call:
 * the incoming people are added first, then the outgoing ones removed, so the team is never empty in
 * between. Needs a token that may manage the organisation's teams (a GitHub App installation token with
 * organisation "Members: write"); GITHUB_TOKEN cannot.
 */
import { UserError } from "../core/model/index.js";
import { callGitHub, hasStatus } from "./github-error.js";
import type { GitHubClient } from "./octokit.js";

/** `org/team-slug` split, or a user error naming the input. */
export function parseTeam(text: string): { org: string; team_slug: string } {
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([a-z0-9][a-z0-9._-]{0,99})$/.exec(text.trim());
  if (!m)
    throw new UserError(`Input "oncall-team" must be organisation/team-slug (like acme/oncall-now), not "${text}".`);
  return { org: m[1]!, team_slug: m[2]! };
}

/** Adds `add`, then removes `remove`; returns one line per change. Removing a non-member is fine. */
export async function syncTeam(
  octokit: GitHubClient,
  team: string,
  change: { add: readonly string[]; remove: readonly string[] },
): Promise<string[]> {
  const ref = parseTeam(team);
  const lines: string[] = [];
  for (const username of change.add) {
    await callGitHub(`add ${username} to team ${team}`, () =>
      octokit.rest.teams.addOrUpdateMembershipForUserInOrg({ ...ref, username, role: "member" }),
    );
    lines.push(`added ${username} to ${team}`);
  }
  for (const username of change.remove) {
    try {
      await callGitHub(`remove ${username} from team ${team}`, () =>
        octokit.rest.teams.removeMembershipForUserInOrg({ ...ref, username }),
      );
    } catch (error) {
      if (!hasStatus(error, 404)) throw error;
    }
    lines.push(`removed ${username} from ${team}`);
  }
  return lines;
}
