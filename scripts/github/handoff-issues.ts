/**
 * The two GitHub reads of a `handoff` run: the handoff issues (one listing: labelled `handoff`, any
 * state, newest first, one page of 100; the phase markers in their bodies say what is done) and the
 * open incidents for the summary (one search). Listing rather than search for the markers: the search
 * index lags behind writes, a listing does not, so a rerun a few seconds later sees the first run's work.
 */
import type { IncidentIssue } from "../core/slo/index.js";
import { HANDOFF_LABEL, type ListedHandoffIssue } from "../core/handoff/index.js";
import { toIssueSnapshot, type IssueSnapshot, type RepoRef } from "./apply-context.js";
import { callGitHub } from "./github-error.js";
import { toIncidentIssue } from "./open-incidents.js";
import type { GitHubClient } from "./octokit.js";

/** The bot's handoff issues, newest first, plus their snapshots for the adapter (saving a read each). */
export async function listHandoffIssues(
  octokit: GitHubClient,
  repo: RepoRef,
  trusted: (author: { login: string; type?: string } | null | undefined) => boolean,
): Promise<{ issues: ListedHandoffIssue[]; snapshots: IssueSnapshot[] }> {
  const { data } = await callGitHub("list handoff issues", () =>
    octokit.rest.issues.listForRepo({
      ...repo,
      labels: HANDOFF_LABEL,
      state: "all",
      sort: "created",
      direction: "desc",
      per_page: 100,
    }),
  );
  const mine = data.filter((i) => !i.pull_request && trusted(i.user));
  return {
    issues: mine.map((i) => ({
      number: i.number,
      state: i.state === "closed" ? "closed" : "open",
      body: i.body ?? "",
      url: i.html_url,
    })),
    snapshots: mine.map(toIssueSnapshot),
  };
}

/** Every open incident (acknowledged or not), in one search: what the summary lists as still active. */
export async function listActiveIncidents(octokit: GitHubClient, repo: RepoRef): Promise<IncidentIssue[]> {
  const q = `repo:${repo.owner}/${repo.repo} is:issue is:open label:incident`;
  const items = await callGitHub("search open incidents", () =>
    octokit.paginate(octokit.rest.search.issuesAndPullRequests, { q, per_page: 100 }),
  );
  return items.map(toIncidentIssue);
}
