/**
 * An incident issue's comments, read once per run (one API call per 100 comments): the bot comment
 * with the hidden state block, the earlier comments to replay when that state is lost, and the whole
 * list for the adapter, which would otherwise list them again to find its own comments. And the issue
 * itself, when the event's copy of it cannot be trusted to be current.
 */
import { DateTime } from "luxon";
import { INCIDENT_KEYS } from "../core/incident/index.js";
import { parseStateMarker } from "../core/incident/index.js";
import type { IncidentComment } from "../core/incident/index.js";
import type { IncidentState } from "../core/incident/index.js";
import { toIssueSnapshot, type CommentSnapshot, type IssueSnapshot, type RepoRef } from "./apply-context.js";
import { callGitHub } from "./github-error.js";
import { hasMarker } from "./markers.js";
import type { GitHubClient } from "./octokit.js";

export interface IncidentThread {
  /** Every comment, oldest first, as the adapter caches them. */
  comments: CommentSnapshot[];
  /** The bot comment (marker `incident`, written by the bot's own login), when there is one. */
  botComment?: CommentSnapshot;
  /** The state saved in the bot comment; null when there is none or it is unusable. */
  priorState: IncidentState | null;
  /** Why a saved state was unusable (null when it was fine or simply absent). */
  priorStateProblem: string | null;
  /** Comments by people (no bot account), oldest first: where commands come from. */
  people: IncidentComment[];
}

/** The login the Actions token (GITHUB_TOKEN) writes as; a GitHub App token writes as `<app-slug>[bot]`. */
export const DEFAULT_BOT_LOGIN = "github-actions[bot]";

/**
 * Whether a comment was written by the bot itself: by the login of the token this action runs with,
 * nothing else. Any other account (another app's bot included) can write a comment carrying our
 * markers, so only this login's comments are read as saved state or adopted by an upsert.
 */
function isOwnAuthor(author: CommentSnapshot["author"], botLogin: string): boolean {
  return (author?.login ?? "").toLowerCase() === botLogin.toLowerCase();
}

/** Accounts whose comments are never commands: any app or bot (ours included). */
function isBotAccount(author: CommentSnapshot["author"]): boolean {
  return author?.type === "Bot" || (author?.login ?? "").endsWith("[bot]");
}

/** Lists the comments of `issue` and finds the state saved by `botLogin` (see {@link isOwnAuthor}). */
export async function readIncidentThread(
  octokit: GitHubClient,
  repo: RepoRef,
  issue: number,
  botLogin: string,
): Promise<IncidentThread> {
  const list = await callGitHub(`list comments of #${issue}`, () =>
    octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issue, per_page: 100 }),
  );
  const comments: CommentSnapshot[] = list.map((c) => ({
    id: c.id,
    body: c.body ?? "",
    author: c.user,
    url: c.html_url,
  }));
  const botComment = comments.find((c) => isOwnAuthor(c.author, botLogin) && hasMarker(c.body, INCIDENT_KEYS.comment));
  const { state, problem } = botComment ? parseStateMarker(botComment.body) : { state: null, problem: null };
  // GitHub lists comments oldest first.
  const people = list
    .filter((c) => c.user && !isBotAccount(c.user))
    .map((c) => ({
      id: c.id,
      body: c.body ?? "",
      author: c.user?.login ?? "ghost",
      createdAt: DateTime.fromISO(c.created_at, { zone: "utc" }),
    }));
  return { comments, ...(botComment ? { botComment } : {}), priorState: state, priorStateProblem: problem, people };
}

/** The issue as it is now (one call), for events whose payload may be older than the saved state. */
export async function readIssueSnapshot(octokit: GitHubClient, repo: RepoRef, issue: number): Promise<IssueSnapshot> {
  const { data } = await callGitHub(`read issue #${issue}`, () =>
    octokit.rest.issues.get({ ...repo, issue_number: issue }),
  );
  return toIssueSnapshot(data);
}
