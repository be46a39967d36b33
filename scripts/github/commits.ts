/**
 * Readers of the default branch's history, one API call each: which commits changed a folder lately
 * (the "Your shifts changed" catch-up) and a commit's parents (the state just before a merge).
 */
import type { RepoRef } from "./apply-context.js";
import { callGitHub } from "./github-error.js";
import type { GitHubClient } from "./octokit.js";

/** A commit of the default branch as `GET /commits` lists it. */
export interface ListedCommit {
  sha: string;
  /** Parent ids, first parent first. */
  parents: string[];
  /** Committer date (ISO-8601). */
  date: string;
}

/**
 * The commits of the default branch that changed `path` from `since` to `until` (ISO-8601; `until`
 * keeps a replay at an earlier `at` from seeing later commits), oldest first; one call
 * (`GET /repos/{owner}/{repo}/commits?path=&since=&until=`, one page of `limit` at most 100). GitHub
 * lists them newest first, so when more than `limit` changed, the oldest ones are missing from the
 * answer; `more` says so (the caller narrows `since` on its next run, or tells of the gap).
 */
export async function commitsChanging(
  octokit: GitHubClient,
  repo: RepoRef,
  path: string,
  since: string,
  until: string,
  limit = 100,
): Promise<{ commits: ListedCommit[]; more: boolean }> {
  const { data } = await callGitHub(`list the commits that changed ${path}/`, () =>
    octokit.rest.repos.listCommits({ ...repo, path, since, until, per_page: Math.min(100, limit) }),
  );
  const commits = data
    .map((c) => ({ sha: c.sha, parents: c.parents.map((p) => p.sha), date: c.commit.committer?.date ?? "" }))
    .reverse();
  return { commits, more: data.length >= Math.min(100, limit) };
}

/** The parent ids of commit `sha`, first parent first (`GET /git/commits/{sha}`, one call). */
export async function parentsOf(octokit: GitHubClient, repo: RepoRef, sha: string): Promise<string[]> {
  const { data } = await callGitHub(`read commit ${sha.slice(0, 7)}`, () =>
    octokit.rest.git.getCommit({ ...repo, commit_sha: sha }),
  );
  return data.parents.map((p) => p.sha);
}
