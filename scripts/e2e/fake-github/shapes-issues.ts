/** GitHub-shaped JSON for issues, issue comments and issue search results. */
import {
  authorAssociation,
  labelShape,
  nodeId,
  repoApi,
  repoWeb,
  userShape,
  type ShapeContext,
} from "./shapes-common.js";
import type { CommentRecord, IssueRecord, RepoRecord } from "./model.js";

function reactions(url: string): Record<string, unknown> {
  return { url, total_count: 0, "+1": 0, "-1": 0, laugh: 0, confused: 0, heart: 0, hooray: 0, eyes: 0, rocket: 0 };
}

/** `issue` (pull requests carry the `pull_request` link object, as in issue listings). */
export function issueShape(ctx: ShapeContext, repo: RepoRecord, issue: IssueRecord): Record<string, unknown> {
  const api = `${repoApi(ctx, repo)}/issues/${issue.number}`;
  const web = `${repoWeb(ctx, repo)}/${issue.pull ? "pull" : "issues"}/${issue.number}`;
  const labels = issue.labels.flatMap((name) => {
    const label = ctx.store.label(repo, name);
    return label ? [labelShape(ctx, repo, label)] : [];
  });
  const assignees = issue.assignees.map((login) => userShape(ctx, login));
  const shape: Record<string, unknown> = {
    id: issue.id,
    node_id: nodeId(issue.pull ? "PullRequest" : "Issue", issue.id),
    url: api,
    repository_url: repoApi(ctx, repo),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    timeline_url: `${api}/timeline`,
    html_url: web,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: userShape(ctx, issue.user),
    labels,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    locked: issue.locked,
    active_lock_reason: null,
    comments: ctx.store.commentsOf(repo, issue.number).length,
    closed_at: issue.closedAt,
    closed_by: issue.closedBy ? userShape(ctx, issue.closedBy) : null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    author_association: authorAssociation(ctx, repo, issue.user),
    reactions: reactions(`${api}/reactions`),
  };
  if (issue.pull) {
    const pull = `${repoApi(ctx, repo)}/pulls/${issue.number}`;
    shape["pull_request"] = {
      url: pull,
      html_url: web,
      diff_url: `${web}.diff`,
      patch_url: `${web}.patch`,
      merged_at: issue.pull.mergedAt,
    };
    shape["draft"] = issue.pull.draft;
  }
  return shape;
}

/** `issue-comment`. */
export function commentShape(ctx: ShapeContext, repo: RepoRecord, comment: CommentRecord): Record<string, unknown> {
  const api = `${repoApi(ctx, repo)}/issues/comments/${comment.id}`;
  const issue = repo.issues.get(comment.issueNumber);
  return {
    id: comment.id,
    node_id: nodeId("IssueComment", comment.id),
    url: api,
    html_url: `${repoWeb(ctx, repo)}/${issue?.pull ? "pull" : "issues"}/${comment.issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: userShape(ctx, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${repoApi(ctx, repo)}/issues/${comment.issueNumber}`,
    author_association: authorAssociation(ctx, repo, comment.user),
    reactions: reactions(`${api}/reactions`),
  };
}

/** `issue-search-result-item`: an issue plus its search score. */
export function searchItemShape(ctx: ShapeContext, repo: RepoRecord, issue: IssueRecord): Record<string, unknown> {
  // The search schema (unlike `issue`) does not allow a null body.
  return { ...issueShape(ctx, repo, issue), body: issue.body ?? "", score: 1 };
}
