/**
 * Issue search (`GET /search/issues`). Supported qualifiers: `repo:`, `is:`/`type:`/`state:` (issue,
 * pr, open, closed), `label:` and `-label:`, `author:`, `assignee:`, `no:assignee`, `no:label`,
 * `in:title|body|comments`, and `created:`/`updated:`/`closed:` with `>`, `>=`, `<`, `<=` or `a..b`.
 * Anything else is free text, matched case-insensitively (quoted phrases stay whole). The fake's
 * index is always up to date, unlike GitHub's.
 */
import { HttpError, paginate, sortBy, type HandlerContext, type HandlerTable } from "../handler.js";
import { searchItemShape } from "../shapes-issues.js";
import { issueSortKey } from "./issues.js";
import type { IssueRecord, RepoRecord } from "../model.js";

interface Term {
  key?: string;
  value: string;
  negated: boolean;
}

/** Splits a query into qualifiers and text, keeping `"quoted phrases"` together. */
function parseSearchQuery(q: string): Term[] {
  const terms: Term[] = [];
  const re = /(-?)(?:([a-zA-Z_]+):)?(?:"([^"]*)"|(\S+))/g;
  for (let m = re.exec(q); m; m = re.exec(q)) {
    const value = m[3] ?? m[4] ?? "";
    terms.push({ ...(m[2] ? { key: m[2].toLowerCase() } : {}), value, negated: m[1] === "-" });
  }
  return terms;
}

function dateMatches(value: string | null, spec: string): boolean {
  if (value === null) return false;
  const day = value.slice(0, 10);
  const range = /^(.+)\.\.(.+)$/.exec(spec);
  if (range) return day >= (range[1] ?? "") && day <= (range[2] ?? "");
  const cmp = /^(>=|<=|>|<)?(.+)$/.exec(spec);
  const op = cmp?.[1] ?? "";
  const at = cmp?.[2] ?? "";
  const operand = at.length > 10 ? value : day;
  if (op === ">") return operand > at;
  if (op === ">=") return operand >= at;
  if (op === "<") return operand < at;
  if (op === "<=") return operand <= at;
  return day === at;
}

function matches(ctx: HandlerContext, repo: RepoRecord, issue: IssueRecord, terms: Term[]): boolean {
  const scopes = terms.filter((t) => t.key === "in").map((t) => t.value.toLowerCase());
  const haystack = () => {
    const parts: string[] = [];
    if (scopes.length === 0 || scopes.includes("title")) parts.push(issue.title);
    if (scopes.length === 0 || scopes.includes("body")) parts.push(issue.body ?? "");
    if (scopes.length === 0 || scopes.includes("comments"))
      parts.push(...ctx.store.commentsOf(repo, issue.number).map((c) => c.body));
    return parts.join("\n").toLowerCase();
  };
  const has = (list: string[], v: string) => list.some((x) => x.toLowerCase() === v.toLowerCase());
  return terms.every((t) => {
    let ok: boolean;
    switch (t.key) {
      case "repo":
      case "in":
        return true;
      case "is":
      case "type":
      case "state": {
        const v = t.value.toLowerCase();
        ok =
          v === "issue"
            ? !issue.pull
            : v === "pr" || v === "pull-request"
              ? !!issue.pull
              : v === "open" || v === "closed"
                ? issue.state === v
                : v === "merged"
                  ? !!issue.pull?.merged
                  : true;
        break;
      }
      case "label":
        ok = t.value.split(",").some((l) => has(issue.labels, l));
        break;
      case "author":
        ok = issue.user.toLowerCase() === t.value.toLowerCase();
        break;
      case "assignee":
        ok = has(issue.assignees, t.value);
        break;
      case "no":
        ok =
          t.value === "assignee"
            ? issue.assignees.length === 0
            : t.value === "label"
              ? issue.labels.length === 0
              : true;
        break;
      case "created":
        ok = dateMatches(issue.createdAt, t.value);
        break;
      case "updated":
        ok = dateMatches(issue.updatedAt, t.value);
        break;
      case "closed":
        ok = dateMatches(issue.closedAt, t.value);
        break;
      default:
        ok = haystack().includes((t.key ? `${t.key}:${t.value}` : t.value).toLowerCase());
    }
    return t.negated ? !ok : ok;
  });
}

export const searchHandlers: HandlerTable = {
  "search/issues-and-pull-requests": (ctx) => {
    const terms = parseSearchQuery(ctx.query["q"] ?? "");
    const named = terms.filter((t) => t.key === "repo").map((t) => t.value.split("/"));
    const repos =
      named.length > 0
        ? named.map(([owner, name]) => ctx.store.repo(owner ?? "", name ?? ""))
        : [...ctx.store.repos.values()];
    if (repos.some((r) => r === undefined)) {
      throw new HttpError(422, "Validation Failed", [
        {
          resource: "Search",
          field: "q",
          code: "invalid",
          message:
            "The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.",
        },
      ]);
    }
    const hits = (repos as RepoRecord[]).flatMap((repo) =>
      [...repo.issues.values()].filter((i) => matches(ctx, repo, i, terms)).map((issue) => ({ repo, issue })),
    );
    const sort = ctx.query["sort"];
    sortBy(
      hits,
      (h) => (sort === "comments" ? ctx.store.commentsOf(h.repo, h.issue.number).length : issueSortKey(h.issue, sort)),
      ctx.query["order"],
      "desc",
    );
    return paginate(
      ctx,
      hits,
      (h) => searchItemShape(ctx, h.repo, h.issue),
      (items, total) => ({ total_count: total, incomplete_results: false, items, search_type: "lexical" }),
    );
  },
};
