/**
 * Readers of pull requests and their conversation, one API call per page of 100 at most: what the
 * trade run and the schedule run need to know before they plan. Each failure names the call (see
 * github-error.ts), so a missing permission reads as the user's to fix.
 */
import type { ReviewInput } from "../core/trade/index.js";
import type { MergedPublication } from "../core/schedule/index.js";
import type { CommentSnapshot, RepoRef } from "./apply-context.js";
import { callGitHub } from "./github-error.js";
import type { GitHubClient } from "./octokit.js";

/** Pull request `number` as the REST API returns it (`GET /repos/{owner}/{repo}/pulls/{n}`). */
export async function readPullRequest(octokit: GitHubClient, repo: RepoRef, number: number) {
  return (
    await callGitHub(`read pull request #${number}`, () => octokit.rest.pulls.get({ ...repo, pull_number: number }))
  ).data;
}

/** The open pull requests whose head is `head` (`owner:branch`), at most 10. */
export async function openPullRequestsOf(octokit: GitHubClient, repo: RepoRef, head: string) {
  return (
    await callGitHub(`find the pull request of ${head}`, () =>
      octokit.rest.pulls.list({ ...repo, state: "open", head, per_page: 10 }),
    )
  ).data;
}

/** Every review of pull request `number`, oldest first; reviews by deleted accounts are left out. */
export async function listPullReviews(octokit: GitHubClient, repo: RepoRef, number: number): Promise<ReviewInput[]> {
  const raw = await callGitHub(`list reviews of #${number}`, () =>
    octokit.paginate(octokit.rest.pulls.listReviews, { ...repo, pull_number: number, per_page: 100 }),
  );
  return raw
    .map((r) => ({
      login: r.user?.login ?? "",
      state: r.state,
      submittedAt: r.submitted_at ?? null,
      id: r.id,
      commitId: r.commit_id ?? null,
    }))
    .filter((r) => r.login !== "");
}

/** Every comment of issue or pull request `number`, oldest first, as the effects adapter caches them. */
export async function listIssueComments(
  octokit: GitHubClient,
  repo: RepoRef,
  number: number,
): Promise<CommentSnapshot[]> {
  const list = await callGitHub(`list comments of #${number}`, () =>
    octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: number, per_page: 100 }),
  );
  return list.map((c) => ({ id: c.id, body: c.body ?? "", author: c.user, url: c.html_url }));
}

/**
 * The most recently merged pull request from `branch` of the repository itself (among the last 30
 * closed), into `base` when given: where the schedule run finds its last publication.
 */
export async function lastMergedPullFrom(
  octokit: GitHubClient,
  repo: RepoRef,
  branch: string,
  base: string | undefined,
): Promise<MergedPublication | null> {
  const { data } = await callGitHub("look for the last merged schedule publication", () =>
    octokit.rest.pulls.list({
      ...repo,
      state: "closed",
      head: `${repo.owner}:${branch}`,
      sort: "updated",
      direction: "desc",
      per_page: 30,
      ...(base ? { base } : {}),
    }),
  );
  const pull = data.filter((p) => p.merged_at).sort((a, b) => Date.parse(b.merged_at!) - Date.parse(a.merged_at!))[0];
  return pull ? { number: pull.number, title: pull.title, body: pull.body, url: pull.html_url } : null;
}

/** The merged pull request a pushed commit came from, as the "Your shifts changed" notice needs it. */
export interface MergedPull {
  number: number;
  /** Who opened it (`user.login` from the API). */
  author: string;
  /** When it was merged (ISO-8601). */
  mergedAt: string;
  /** The commit the merge made on the base branch (the last one of a rebase merge). */
  mergeCommitSha: string | null;
  url: string;
}

/**
 * The merged pull request that brought `sha` to the default branch (`GET /repos/{owner}/{repo}/commits/
 * {sha}/pulls`, one call): the one whose merge commit it is, else the most recently merged one that
 * contains it (a rebase merge, or a branch commit of a merge commit). Undefined for a direct push, which
 * no pull request contains. With `base`, only pull requests merged into that branch count.
 */
export async function mergedPullOfCommit(
  octokit: GitHubClient,
  repo: RepoRef,
  sha: string,
  base?: string,
): Promise<MergedPull | undefined> {
  const { data } = await callGitHub(`find the pull request of commit ${sha.slice(0, 7)}`, () =>
    octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha, per_page: 100 }),
  );
  const merged = data.filter((p) => p.merged_at && p.user && (base === undefined || p.base.ref === base));
  const pull =
    merged.find((p) => p.merge_commit_sha === sha) ??
    merged.sort((a, b) => Date.parse(b.merged_at!) - Date.parse(a.merged_at!))[0];
  return pull
    ? {
        number: pull.number,
        author: pull.user!.login,
        mergedAt: pull.merged_at!,
        mergeCommitSha: pull.merge_commit_sha ?? null,
        url: pull.html_url,
      }
    : undefined;
}
