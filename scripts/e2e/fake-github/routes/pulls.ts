/** Pull requests: list, create, get, update, files, reviews, review requests, the pull requests of a commit. */
import {
  bodyOf,
  checkBodyLength,
  HttpError,
  issueOf,
  notFound,
  paginate,
  repoOf,
  sortBy,
  validationFailed,
  type HandlerContext,
  type HandlerTable,
} from "../handler.js";
import {
  diffEntryShape,
  pullFiles,
  pullShape,
  pullShas,
  pullSimpleShape,
  reviewShape,
  type PullRecord,
} from "../shapes-pulls.js";
import { issueSortKey } from "./issues.js";
import type { RepoRecord } from "../model.js";

function pullOf(ctx: HandlerContext, repo: RepoRecord): PullRecord {
  const issue = issueOf(ctx, repo);
  if (!issue.pull) throw notFound();
  return issue as PullRecord;
}

/** `owner:branch` or `branch` -> branch name, checking the owner when one is given. */
function headBranch(repo: RepoRecord, head: string): string | undefined {
  const colon = head.indexOf(":");
  if (colon < 0) return head;
  return head.slice(0, colon).toLowerCase() === repo.owner.toLowerCase() ? head.slice(colon + 1) : undefined;
}

interface PullBody {
  title?: string;
  body?: string;
  head?: string;
  base?: string;
  draft?: boolean;
  state?: "open" | "closed";
  maintainer_can_modify?: boolean;
}

export const pullHandlers: HandlerTable = {
  "pulls/list": (ctx) => {
    const repo = repoOf(ctx);
    const state = ctx.query["state"] ?? "open";
    const head = ctx.query["head"] === undefined ? undefined : headBranch(repo, ctx.query["head"]);
    const items = [...repo.issues.values()].filter((i): i is PullRecord => {
      if (!i.pull || (state !== "all" && i.state !== state)) return false;
      if (ctx.query["head"] !== undefined && i.pull.headRef !== head) return false;
      return ctx.query["base"] === undefined || i.pull.baseRef === ctx.query["base"];
    });
    sortBy(items, (i) => issueSortKey(i, ctx.query["sort"]), ctx.query["direction"], "desc");
    return paginate(ctx, items, (i) => pullSimpleShape(ctx, repo, i));
  },

  "pulls/create": (ctx) => {
    const repo = repoOf(ctx);
    const body = bodyOf<PullBody>(ctx);
    checkBodyLength("PullRequest", body.body);
    const head = headBranch(repo, body.head ?? "");
    const base = body.base ?? "";
    const headSha = head === undefined ? undefined : repo.git.resolveCommit(`heads/${head}`);
    if (head === undefined || !headSha) throw validationFailed("PullRequest", "invalid", "head");
    const baseSha = repo.git.resolveCommit(`heads/${base}`);
    if (!baseSha) throw validationFailed("PullRequest", "invalid", "base");
    const open = [...repo.issues.values()].find(
      (i) => i.pull && i.state === "open" && i.pull.headRef === head && i.pull.baseRef === base,
    );
    if (open)
      throw validationFailed(
        "PullRequest",
        "custom",
        undefined,
        `A pull request already exists for ${repo.owner}:${head}.`,
      );
    if (repo.git.ancestors(baseSha).has(headSha))
      throw validationFailed("PullRequest", "custom", undefined, `No commits between ${base} and ${head}`);
    const issue = ctx.store.createIssue(repo, {
      title: body.title ?? head,
      body: body.body ?? null,
      user: ctx.actor,
      pull: {
        headRef: head,
        baseRef: base,
        headSha,
        draft: body.draft ?? false,
        merged: false,
        mergedAt: null,
        mergeCommitSha: null,
        maintainerCanModify: body.maintainer_can_modify ?? true,
        requestedReviewers: [],
      },
    }) as PullRecord;
    return {
      status: 201,
      body: pullShape(ctx, repo, issue),
      headers: { location: `${ctx.api}/repos/${repo.owner}/${repo.name}/pulls/${issue.number}` },
    };
  },

  "pulls/get": (ctx) => {
    const repo = repoOf(ctx);
    return { status: 200, body: pullShape(ctx, repo, pullOf(ctx, repo)) };
  },

  "pulls/update": (ctx) => {
    const repo = repoOf(ctx);
    const pull = pullOf(ctx, repo);
    const body = bodyOf<PullBody>(ctx);
    checkBodyLength("PullRequest", body.body);
    if (body.title !== undefined) pull.title = body.title;
    if (body.body !== undefined) pull.body = body.body;
    if (body.base !== undefined) {
      if (!repo.git.resolveCommit(`heads/${body.base}`)) throw validationFailed("PullRequest", "invalid", "base");
      pull.pull.baseRef = body.base;
    }
    if (body.maintainer_can_modify !== undefined) pull.pull.maintainerCanModify = body.maintainer_can_modify;
    if (body.state !== undefined) {
      if (pull.pull.merged && body.state === "open")
        throw validationFailed("PullRequest", "custom", "state", "Cannot reopen a merged pull request");
      ctx.store.setIssueState(pull, body.state, ctx.actor);
    }
    ctx.store.touch(pull);
    return { status: 200, body: pullShape(ctx, repo, pull) };
  },

  "pulls/list-files": (ctx) => {
    const repo = repoOf(ctx);
    const pull = pullOf(ctx, repo);
    const head = pullShas(repo, pull).head;
    return paginate(ctx, pullFiles(repo, pull), (f) => diffEntryShape(ctx, repo, head, f));
  },

  "pulls/list-reviews": (ctx) => {
    const repo = repoOf(ctx);
    const pull = pullOf(ctx, repo);
    const reviews = repo.reviews.filter((r) => r.pullNumber === pull.number && r.state !== "PENDING");
    return paginate(ctx, reviews, (r) => reviewShape(ctx, repo, r));
  },

  /**
   * The pull requests a commit belongs to: those it is the merge commit or the head of, and open ones
   * whose commits include it (reachable from the head, not from the base). Simpler than GitHub, which
   * also finds a merged pull request by any of its commits. An unknown commit is GitHub's 422.
   */
  "repos/list-pull-requests-associated-with-commit": (ctx) => {
    const repo = repoOf(ctx);
    const sha = ctx.params["commit_sha"] ?? "";
    const commit = repo.git.resolveCommit(sha);
    if (!commit) throw new HttpError(422, `No commit found for SHA: ${sha}`);
    const items = [...repo.issues.values()].filter((i): i is PullRecord => {
      if (!i.pull) return false;
      if (i.pull.mergeCommitSha === commit) return true;
      const { head, base } = pullShas(repo, i as PullRecord);
      if (head === commit) return true;
      return i.state === "open" && repo.git.ancestors(head).has(commit) && !repo.git.ancestors(base).has(commit);
    });
    sortBy(items, (i) => i.number, "desc", "desc");
    return paginate(ctx, items, (i) => pullSimpleShape(ctx, repo, i));
  },

  "pulls/request-reviewers": (ctx) => {
    const repo = repoOf(ctx);
    const pull = pullOf(ctx, repo);
    const logins = bodyOf<{ reviewers?: string[] }>(ctx).reviewers ?? [];
    for (const login of logins) {
      if (login.toLowerCase() === pull.user.toLowerCase())
        throw validationFailed(
          "PullRequest",
          "custom",
          undefined,
          "Review cannot be requested from pull request author.",
        );
      const permission = ctx.store.permissionOf(repo, login);
      if (permission === undefined || permission === "none") {
        throw new HttpError(
          422,
          "Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the " +
            `${repo.owner}/${repo.name} repository.`,
        );
      }
    }
    for (const login of logins) {
      if (!pull.pull.requestedReviewers.some((r) => r.toLowerCase() === login.toLowerCase()))
        pull.pull.requestedReviewers.push(ctx.store.user(login).login);
    }
    ctx.store.touch(pull);
    return { status: 201, body: pullSimpleShape(ctx, repo, pull) };
  },
};
