/** Issues: list, create, get, update, assignees. */
import {
  bodyOf,
  checkBodyLength,
  issueOf,
  labelNames,
  paginate,
  repoOf,
  sortBy,
  type HandlerContext,
  type HandlerTable,
} from "../handler.js";
import { issueShape } from "../shapes-issues.js";
import type { IssueRecord, RepoRecord } from "../model.js";

/** Sort key with the id as tie-breaker, so issues created in the same second keep their order. */
export function issueSortKey(issue: IssueRecord, field: string | undefined): string {
  const tie = String(issue.id).padStart(12, "0");
  if (field === "updated") return `${issue.updatedAt}|${tie}`;
  return `${issue.createdAt}|${tie}`;
}

/** Users GitHub lets you assign: anyone with triage access or more. Others are silently dropped. */
function assignable(ctx: HandlerContext, repo: RepoRecord, logins: readonly string[]): string[] {
  return logins.filter((login) => {
    const permission = ctx.store.permissionOf(repo, login);
    return permission !== undefined && permission !== "none" && permission !== "read";
  });
}

function addAssignees(ctx: HandlerContext, repo: RepoRecord, issue: IssueRecord, logins: readonly string[]): void {
  for (const login of assignable(ctx, repo, logins)) {
    if (!issue.assignees.some((a) => a.toLowerCase() === login.toLowerCase()))
      issue.assignees.push(ctx.store.user(login).login);
  }
}

function matchesFilters(ctx: HandlerContext, issue: IssueRecord): boolean {
  const q = ctx.query;
  const state = q["state"] ?? "open";
  if (state !== "all" && issue.state !== state) return false;
  if (q["labels"]) {
    const have = issue.labels.map((l) => l.toLowerCase());
    if (!q["labels"].split(",").every((l) => have.includes(l.trim().toLowerCase()))) return false;
  }
  if (q["since"] && issue.updatedAt < new Date(q["since"]).toISOString().replace(/\.\d{3}Z$/, "Z")) return false;
  if (q["creator"] && issue.user.toLowerCase() !== q["creator"].toLowerCase()) return false;
  const assignee = q["assignee"];
  if (assignee === "none" && issue.assignees.length > 0) return false;
  if (assignee === "*" && issue.assignees.length === 0) return false;
  if (
    assignee &&
    assignee !== "none" &&
    assignee !== "*" &&
    !issue.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase())
  )
    return false;
  return true;
}

interface IssueBody {
  title?: string | number;
  body?: string | null;
  state?: "open" | "closed";
  state_reason?: IssueRecord["stateReason"];
  labels?: unknown[];
  assignees?: string[];
  assignee?: string | null;
}

export const issueHandlers: HandlerTable = {
  "issues/list-for-repo": (ctx) => {
    const repo = repoOf(ctx);
    const items = [...repo.issues.values()].filter((i) => matchesFilters(ctx, i));
    sortBy(items, (i) => issueSortKey(i, ctx.query["sort"]), ctx.query["direction"], "desc");
    return paginate(ctx, items, (i) => issueShape(ctx, repo, i));
  },

  "issues/create": (ctx) => {
    const repo = repoOf(ctx);
    const body = bodyOf<IssueBody>(ctx);
    checkBodyLength("Issue", body.body);
    const issue = ctx.store.createIssue(repo, {
      title: String(body.title),
      body: body.body ?? null,
      user: ctx.actor,
      labels: labelNames(body.labels ?? []),
    });
    addAssignees(ctx, repo, issue, [...(body.assignees ?? []), ...(body.assignee ? [body.assignee] : [])]);
    return {
      status: 201,
      body: issueShape(ctx, repo, issue),
      headers: { location: `${ctx.api}/repos/${repo.owner}/${repo.name}/issues/${issue.number}` },
    };
  },

  "issues/get": (ctx) => {
    const repo = repoOf(ctx);
    return { status: 200, body: issueShape(ctx, repo, issueOf(ctx, repo)) };
  },

  "issues/update": (ctx) => {
    const repo = repoOf(ctx);
    const issue = issueOf(ctx, repo);
    const body = bodyOf<IssueBody>(ctx);
    checkBodyLength("Issue", body.body);
    if (body.title !== undefined) issue.title = String(body.title);
    if (body.body !== undefined) issue.body = body.body;
    if (body.labels !== undefined) {
      issue.labels = [];
      ctx.store.attachLabels(repo, issue, labelNames(body.labels));
    }
    if (body.assignees !== undefined || body.assignee !== undefined) {
      issue.assignees = [];
      addAssignees(ctx, repo, issue, [...(body.assignees ?? []), ...(body.assignee ? [body.assignee] : [])]);
    }
    if (body.state !== undefined) ctx.store.setIssueState(issue, body.state, ctx.actor, body.state_reason ?? undefined);
    ctx.store.touch(issue);
    return { status: 200, body: issueShape(ctx, repo, issue) };
  },

  "issues/add-assignees": (ctx) => {
    const repo = repoOf(ctx);
    const issue = issueOf(ctx, repo);
    addAssignees(ctx, repo, issue, bodyOf<{ assignees?: string[] }>(ctx).assignees ?? []);
    ctx.store.touch(issue);
    return { status: 201, body: issueShape(ctx, repo, issue) };
  },

  "issues/remove-assignees": (ctx) => {
    const repo = repoOf(ctx);
    const issue = issueOf(ctx, repo);
    const remove = (bodyOf<{ assignees?: string[] }>(ctx).assignees ?? []).map((a) => a.toLowerCase());
    issue.assignees = issue.assignees.filter((a) => !remove.includes(a.toLowerCase()));
    ctx.store.touch(issue);
    return { status: 200, body: issueShape(ctx, repo, issue) };
  },
};
