/**
 * An incident issue's comments, read once per run (one API call per 100 comments): the bot comment
 * with the hidden state block, the earlier comments to replay when that state is lost, and the whole
 * list for the adapter, which would otherwise list them again to find its own comments. And the issue
 * itself, when the event's copy of it cannot be trusted to be current.
 */
import { DateTime } from "luxon";
import { INCIDENT_KEYS } from "../core/incident-effects.js";
import { parseStateMarker } from "../core/incident-marker.js";
import type { IncidentComment } from "../core/incident-plan.js";
import type { IncidentState } from "../core/incident-state.js";
import { toIssueSnapshot, type CommentSnapshot, type IssueSnapshot, type RepoRef } from "./apply-context.js";
import { callGitHub } from "./github-error.js";
import { hasMarker } from "./markers.js";
import type { GitHubClient } from "./octokit.js";

export interface IncidentThread {
  /** Every comment, oldest first, as the adapter caches them. */
  comments: CommentSnapshot[];
  /** The bot comment (marker `incident`, written by a bot account), when there is one. */
  botComment?: CommentSnapshot;
  /** The state saved in the bot comment; null when there is none or it is unusable. */
  priorState: IncidentState | null;
  /** Why a saved state was unusable (null when it was fine or simply absent). */
  priorStateProblem: string | null;
  /** Comments by people, oldest first, for rebuilding a lost state. */
  history: IncidentComment[];
}

/** Bots post the comments the action may adopt as its own (the adapter's default rule, too). */
export function isBotAuthor(author: CommentSnapshot["author"]): boolean {
  return author?.type === "Bot" || (author?.login ?? "").endsWith("[bot]");
}

/**
 * Lists the comments of `issue` and finds the state. `before`, the id of the comment being handled,
 * keeps that comment and later ones out of the history: replaying them early would reorder commands.
 */
export async function readIncidentThread(octokit: GitHubClient, repo: RepoRef, issue: number, before?: number | string): Promise<IncidentThread> {
  const list = await callGitHub(`list comments of #${issue}`, () => octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issue, per_page: 100 }));
  const comments: CommentSnapshot[] = list.map((c) => ({ id: c.id, body: c.body ?? "", author: c.user, url: c.html_url }));
  const botComment = comments.find((c) => isBotAuthor(c.author) && hasMarker(c.body, INCIDENT_KEYS.comment));
  const { state, problem } = botComment ? parseStateMarker(botComment.body) : { state: null, problem: null };
  // GitHub lists comments oldest first: the history is what came before the comment being handled.
  const index = before === undefined ? -1 : list.findIndex((c) => String(c.id) === String(before));
  const history = (index < 0 ? list : list.slice(0, index))
    .filter((c) => c.user && !isBotAuthor(c.user) && String(c.id) !== String(before))
    .map((c) => ({ id: c.id, body: c.body ?? "", author: c.user?.login ?? "ghost", createdAt: DateTime.fromISO(c.created_at, { zone: "utc" }) }));
  return { comments, ...(botComment ? { botComment } : {}), priorState: state, priorStateProblem: problem, history };
}

/** The issue as it is now (one call), for events whose payload may be older than the saved state. */
export async function readIssueSnapshot(octokit: GitHubClient, repo: RepoRef, issue: number): Promise<IssueSnapshot> {
  const { data } = await callGitHub(`read issue #${issue}`, () => octokit.rest.issues.get({ ...repo, issue_number: issue }));
  return toIssueSnapshot(data);
}
