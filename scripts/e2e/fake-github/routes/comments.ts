/** Issue comments: list, create, get, update, delete. */
import {
  bodyOf,
  checkBodyLength,
  issueOf,
  notFound,
  paginate,
  repoOf,
  type HandlerContext,
  type HandlerTable,
} from "../handler.js";
import { commentShape } from "../shapes-issues.js";
import type { CommentRecord, RepoRecord } from "../model.js";

function commentOf(ctx: HandlerContext, repo: RepoRecord): CommentRecord {
  const comment = repo.comments.get(Number(ctx.params["comment_id"]));
  if (!comment) throw notFound();
  return comment;
}

export const commentHandlers: HandlerTable = {
  "issues/list-comments": (ctx) => {
    const repo = repoOf(ctx);
    const issue = issueOf(ctx, repo);
    const since = ctx.query["since"];
    const items = ctx.store
      .commentsOf(repo, issue.number)
      .filter((c) => !since || c.updatedAt >= since.replace(/\.\d{3}Z$/, "Z"));
    return paginate(ctx, items, (c) => commentShape(ctx, repo, c));
  },

  "issues/create-comment": (ctx) => {
    const repo = repoOf(ctx);
    const issue = issueOf(ctx, repo);
    checkBodyLength("IssueComment", bodyOf<{ body: string }>(ctx).body);
    const now = ctx.store.timestamp();
    const comment: CommentRecord = {
      id: ctx.store.nextId(),
      issueNumber: issue.number,
      body: bodyOf<{ body: string }>(ctx).body,
      user: ctx.actor,
      createdAt: now,
      updatedAt: now,
    };
    repo.comments.set(comment.id, comment);
    ctx.store.touch(issue);
    return {
      status: 201,
      body: commentShape(ctx, repo, comment),
      headers: { location: `${ctx.api}/repos/${repo.owner}/${repo.name}/issues/comments/${comment.id}` },
    };
  },

  "issues/get-comment": (ctx) => {
    const repo = repoOf(ctx);
    return { status: 200, body: commentShape(ctx, repo, commentOf(ctx, repo)) };
  },

  "issues/update-comment": (ctx) => {
    const repo = repoOf(ctx);
    const comment = commentOf(ctx, repo);
    checkBodyLength("IssueComment", bodyOf<{ body: string }>(ctx).body);
    comment.body = bodyOf<{ body: string }>(ctx).body;
    comment.updatedAt = ctx.store.timestamp();
    return { status: 200, body: commentShape(ctx, repo, comment) };
  },

  "issues/delete-comment": (ctx) => {
    const repo = repoOf(ctx);
    repo.comments.delete(commentOf(ctx, repo).id);
    return { status: 204 };
  },
};
