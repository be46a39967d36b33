/** GitHub-shaped JSON for pull requests, their reviews and their changed files. */
import {
  authorAssociation,
  labelShape,
  nodeId,
  repoApi,
  repoShape,
  repoWeb,
  userShape,
  type ShapeContext,
} from "./shapes-common.js";
import type { ChangedFile, IssueRecord, PullData, RepoRecord, ReviewRecord } from "./model.js";

/** An issue record known to be a pull request. */
export type PullRecord = IssueRecord & { pull: PullData };

/** Current head and base commits (the head falls back to the last seen sha once its branch is gone). */
export function pullShas(repo: RepoRecord, issue: PullRecord): { head: string; base: string } {
  const head = repo.git.resolveCommit(`heads/${issue.pull.headRef}`) ?? issue.pull.headSha;
  issue.pull.headSha = head;
  return { head, base: repo.git.resolveCommit(`heads/${issue.pull.baseRef}`) ?? head };
}

/** Changed files: explicit ones from seeding, else the diff from the merge base to the head. */
export function pullFiles(repo: RepoRecord, issue: PullRecord): ChangedFile[] {
  if (issue.pull.files) return issue.pull.files;
  const { head, base } = pullShas(repo, issue);
  return repo.git.diff(repo.git.mergeBase(base, head), head);
}

function link(href: string): { href: string } {
  return { href };
}

function branchShape(ctx: ShapeContext, repo: RepoRecord, ref: string, sha: string): Record<string, unknown> {
  return { label: `${repo.owner}:${ref}`, ref, sha, user: userShape(ctx, repo.owner), repo: repoShape(ctx, repo) };
}

/** `pull-request-simple` (list responses). */
export function pullSimpleShape(ctx: ShapeContext, repo: RepoRecord, issue: PullRecord): Record<string, unknown> {
  const api = `${repoApi(ctx, repo)}/pulls/${issue.number}`;
  const issueApi = `${repoApi(ctx, repo)}/issues/${issue.number}`;
  const web = `${repoWeb(ctx, repo)}/pull/${issue.number}`;
  const { head, base } = pullShas(repo, issue);
  const assignees = issue.assignees.map((login) => userShape(ctx, login));
  // `pull-request-simple` (unlike `label`) types a label's description as a plain string.
  const labels = issue.labels.flatMap((name) => {
    const label = ctx.store.label(repo, name);
    return label ? [{ ...labelShape(ctx, repo, label), description: label.description ?? "" }] : [];
  });
  return {
    url: api,
    id: issue.id,
    node_id: nodeId("PullRequest", issue.id),
    html_url: web,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    issue_url: issueApi,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${repoApi(ctx, repo)}/pulls/comments{/number}`,
    comments_url: `${issueApi}/comments`,
    statuses_url: `${repoApi(ctx, repo)}/statuses/${head}`,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: userShape(ctx, issue.user),
    body: issue.body,
    labels,
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: issue.pull.mergedAt,
    merge_commit_sha: issue.pull.mergeCommitSha,
    assignee: assignees[0] ?? null,
    assignees,
    requested_reviewers: issue.pull.requestedReviewers.map((login) => userShape(ctx, login)),
    requested_teams: [],
    head: branchShape(ctx, repo, issue.pull.headRef, head),
    base: branchShape(ctx, repo, issue.pull.baseRef, base),
    _links: {
      self: link(api),
      html: link(web),
      issue: link(issueApi),
      comments: link(`${issueApi}/comments`),
      review_comments: link(`${api}/comments`),
      review_comment: link(`${repoApi(ctx, repo)}/pulls/comments{/number}`),
      commits: link(`${api}/commits`),
      statuses: link(`${repoApi(ctx, repo)}/statuses/${head}`),
    },
    author_association: authorAssociation(ctx, repo, issue.user),
    auto_merge: null,
    draft: issue.pull.draft,
  };
}

/** `pull-request` (single pull request responses), with merge state and change counts. */
export function pullShape(ctx: ShapeContext, repo: RepoRecord, issue: PullRecord): Record<string, unknown> {
  const files = pullFiles(repo, issue);
  const { head, base } = pullShas(repo, issue);
  const inBase = repo.git.ancestors(base);
  const commits = [...repo.git.ancestors(head)].filter((sha) => !inBase.has(sha)).length;
  return {
    ...pullSimpleShape(ctx, repo, issue),
    merged: issue.pull.merged,
    mergeable: issue.state === "open" ? true : null,
    rebaseable: issue.state === "open" ? true : null,
    mergeable_state: issue.state === "open" ? "clean" : "unknown",
    merged_by: null,
    comments: ctx.store.commentsOf(repo, issue.number).length,
    review_comments: 0,
    maintainer_can_modify: issue.pull.maintainerCanModify,
    commits,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    changed_files: files.length,
  };
}

/** `pull-request-minimal` (inside check runs). */
export function pullMinimalShape(ctx: ShapeContext, repo: RepoRecord, issue: PullRecord): Record<string, unknown> {
  const { head, base } = pullShas(repo, issue);
  const ref = (name: string, sha: string) => ({
    ref: name,
    sha,
    repo: { id: repo.id, url: repoApi(ctx, repo), name: repo.name },
  });
  return {
    id: issue.id,
    number: issue.number,
    url: `${repoApi(ctx, repo)}/pulls/${issue.number}`,
    head: ref(issue.pull.headRef, head),
    base: ref(issue.pull.baseRef, base),
  };
}

/** `pull-request-review`. */
export function reviewShape(ctx: ShapeContext, repo: RepoRecord, review: ReviewRecord): Record<string, unknown> {
  const pullApi = `${repoApi(ctx, repo)}/pulls/${review.pullNumber}`;
  const web = `${repoWeb(ctx, repo)}/pull/${review.pullNumber}#pullrequestreview-${review.id}`;
  return {
    id: review.id,
    node_id: nodeId("PullRequestReview", review.id),
    user: userShape(ctx, review.user),
    body: review.body,
    state: review.state,
    html_url: web,
    pull_request_url: pullApi,
    _links: { html: link(web), pull_request: link(pullApi) },
    submitted_at: review.submittedAt,
    commit_id: review.commitId,
    author_association: authorAssociation(ctx, repo, review.user),
  };
}

/** `diff-entry`. */
export function diffEntryShape(
  ctx: ShapeContext,
  repo: RepoRecord,
  head: string,
  file: ChangedFile,
): Record<string, unknown> {
  const path = file.filename.split("/").map(encodeURIComponent).join("/");
  return {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${repoWeb(ctx, repo)}/blob/${head}/${path}`,
    raw_url: `${repoWeb(ctx, repo)}/raw/${head}/${path}`,
    contents_url: `${repoApi(ctx, repo)}/contents/${path}?ref=${head}`,
  };
}
