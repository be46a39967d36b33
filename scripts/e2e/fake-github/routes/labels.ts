/** Repository labels and the labels of an issue. */
import {
  bodyOf,
  HttpError,
  issueOf,
  labelNames,
  notFound,
  paginate,
  repoOf,
  validationFailed,
  type HandlerContext,
  type HandlerTable,
} from "../handler.js";
import { labelShape } from "../shapes-common.js";
import type { IssueRecord, RepoRecord } from "../model.js";

interface LabelBody {
  name?: string;
  new_name?: string;
  color?: string;
  description?: string;
}

function issueLabels(ctx: HandlerContext, repo: RepoRecord, issue: IssueRecord) {
  return issue.labels.flatMap((name) => {
    const label = ctx.store.label(repo, name);
    return label ? [labelShape(ctx, repo, label)] : [];
  });
}

export const labelHandlers: HandlerTable = {
  "issues/list-labels-for-repo": (ctx) => {
    const repo = repoOf(ctx);
    return paginate(ctx, [...repo.labels.values()], (l) => labelShape(ctx, repo, l));
  },

  "issues/create-label": (ctx) => {
    const repo = repoOf(ctx);
    const body = bodyOf<LabelBody>(ctx);
    const name = body.name ?? "";
    if (ctx.store.label(repo, name)) throw validationFailed("Label", "already_exists", "name");
    const color = (body.color ?? "ededed").replace(/^#/, "");
    if (!/^[0-9a-fA-F]{6}$/.test(color)) throw validationFailed("Label", "invalid", "color");
    const label = ctx.store.ensureLabel(repo, name, color.toLowerCase(), body.description ?? null);
    return { status: 201, body: labelShape(ctx, repo, label) };
  },

  "issues/get-label": (ctx) => {
    const repo = repoOf(ctx);
    const label = ctx.store.label(repo, ctx.params["name"] ?? "");
    if (!label) throw notFound();
    return { status: 200, body: labelShape(ctx, repo, label) };
  },

  "issues/update-label": (ctx) => {
    const repo = repoOf(ctx);
    const label = ctx.store.label(repo, ctx.params["name"] ?? "");
    if (!label) throw notFound();
    const body = bodyOf<LabelBody>(ctx);
    if (body.color !== undefined) label.color = body.color.replace(/^#/, "").toLowerCase();
    if (body.description !== undefined) label.description = body.description;
    if (body.new_name !== undefined && body.new_name !== label.name) {
      const old = label.name;
      repo.labels.delete(old.toLowerCase());
      label.name = body.new_name;
      repo.labels.set(label.name.toLowerCase(), label);
      for (const issue of repo.issues.values())
        issue.labels = issue.labels.map((l) => (l.toLowerCase() === old.toLowerCase() ? label.name : l));
    }
    return { status: 200, body: labelShape(ctx, repo, label) };
  },

  "issues/list-labels-on-issue": (ctx) => {
    const repo = repoOf(ctx);
    const issue = issueOf(ctx, repo);
    return paginate(ctx, issueLabels(ctx, repo, issue), (l) => l);
  },

  "issues/add-labels": (ctx) => {
    const repo = repoOf(ctx);
    const issue = issueOf(ctx, repo);
    ctx.store.attachLabels(repo, issue, labelNames(ctx.body));
    ctx.store.touch(issue);
    return { status: 200, body: issueLabels(ctx, repo, issue) };
  },

  "issues/set-labels": (ctx) => {
    const repo = repoOf(ctx);
    const issue = issueOf(ctx, repo);
    issue.labels = [];
    ctx.store.attachLabels(repo, issue, labelNames(ctx.body));
    ctx.store.touch(issue);
    return { status: 200, body: issueLabels(ctx, repo, issue) };
  },

  "issues/remove-all-labels": (ctx) => {
    const repo = repoOf(ctx);
    const issue = issueOf(ctx, repo);
    issue.labels = [];
    ctx.store.touch(issue);
    return { status: 204 };
  },

  "issues/remove-label": (ctx) => {
    const repo = repoOf(ctx);
    const issue = issueOf(ctx, repo);
    const name = (ctx.params["name"] ?? "").toLowerCase();
    if (!issue.labels.some((l) => l.toLowerCase() === name)) throw new HttpError(404, "Label does not exist");
    issue.labels = issue.labels.filter((l) => l.toLowerCase() !== name);
    ctx.store.touch(issue);
    return { status: 200, body: issueLabels(ctx, repo, issue) };
  },
};
