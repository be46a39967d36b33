/**
 * What a route handler of the fake sees and returns, plus the helpers every handler shares:
 * GitHub-style errors, repository lookup, body normalisation and `per_page`/`page` pagination with a
 * `Link` header.
 */
import type { ShapeContext } from "./shapes-common.js";
import type { IssueRecord, RepoRecord } from "./model.js";

export interface HandlerContext extends ShapeContext {
  /** Decoded path parameters, by the names the OpenAPI template uses. */
  params: Record<string, string>;
  /** Query parameters (last value wins). */
  query: Record<string, string>;
  /** Parsed JSON body, already validated against the operation's request schema. */
  body: unknown;
  /** Login the request's token belongs to. */
  actor: string;
  /** Path and query of the request, for pagination links. */
  url: URL;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (ctx: HandlerContext) => HandlerResult;

/** Handlers by OpenAPI `operationId`. */
export type HandlerTable = Record<string, Handler>;

/** One entry of a 422 `errors` list. */
export interface FieldError {
  resource: string;
  field?: string;
  code: string;
  message?: string;
}

/** Thrown by handlers to answer with a GitHub-style error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
  }

  /** `basic-error` / `validation-error` body. */
  toBody(): Record<string, unknown> {
    const documentation_url = "https://docs.github.com/rest";
    return this.errors
      ? { message: this.message, errors: this.errors, documentation_url }
      : { message: this.message, documentation_url, status: String(this.status) };
  }
}

export const notFound = (): HttpError => new HttpError(404, "Not Found");

export function validationFailed(resource: string, code: string, field?: string, message?: string): HttpError {
  return new HttpError(422, "Validation Failed", [
    { resource, code, ...(field ? { field } : {}), ...(message ? { message } : {}) },
  ]);
}

/** GitHub's limit on issue, pull request and comment bodies, in characters. */
export const MAX_BODY_LENGTH = 65536;

/** Answers 422 like GitHub when a body is longer than {@link MAX_BODY_LENGTH}. */
export function checkBodyLength(resource: string, body: string | null | undefined): void {
  if (body && body.length > MAX_BODY_LENGTH)
    throw validationFailed(resource, "custom", "body", `body is too long (maximum is ${MAX_BODY_LENGTH} characters)`);
}

/** The repository named by the `owner` and `repo` path parameters; 404 when the fake has none. */
export function repoOf(ctx: HandlerContext): RepoRecord {
  const repo = ctx.store.repo(ctx.params["owner"] ?? "", ctx.params["repo"] ?? "");
  if (!repo) throw notFound();
  return repo;
}

/** The issue (or pull request) named by `issue_number`/`pull_number`; 404 when missing. */
export function issueOf(ctx: HandlerContext, repo: RepoRecord): IssueRecord {
  const issue = repo.issues.get(Number(ctx.params["issue_number"] ?? ctx.params["pull_number"]));
  if (!issue) throw notFound();
  return issue;
}

/** The body as an object (the schema has already been checked; this only narrows the type). */
export function bodyOf<T>(ctx: HandlerContext): T {
  return (ctx.body ?? {}) as T;
}

/** Label names from any of the body forms GitHub accepts (strings, `{name}` objects, wrapped or not). */
export function labelNames(body: unknown): string[] {
  const list = Array.isArray(body)
    ? body
    : typeof body === "string"
      ? [body]
      : ((body as { labels?: unknown[] } | undefined)?.labels ?? []);
  return list
    .map((item) => (typeof item === "string" ? item : String((item as { name?: unknown }).name ?? "")))
    .filter((n) => n !== "");
}

/**
 * One page of `items` (`per_page` default 30, at most 100; `page` from 1) with GitHub's `Link`
 * header (`first`/`prev`/`next`/`last`, only those that apply).
 */
export function paginate<T>(
  ctx: HandlerContext,
  items: readonly T[],
  map: (item: T) => unknown,
  wrap?: (page: unknown[], total: number) => unknown,
): HandlerResult {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query["per_page"] ?? 30) || 30));
  const page = Math.max(1, Number(ctx.query["page"] ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage).map(map);
  const link = (n: number, rel: string) => {
    const url = new URL(`${ctx.api}${ctx.url.pathname}${ctx.url.search}`);
    url.searchParams.set("page", String(n));
    url.searchParams.set("per_page", String(perPage));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, "prev"));
  if (page < last) links.push(link(page + 1, "next"));
  if (last > 1 && page < last) links.push(link(last, "last"));
  if (page > 1) links.push(link(1, "first"));
  return {
    status: 200,
    body: wrap ? wrap(slice, items.length) : slice,
    ...(links.length > 0 ? { headers: { link: links.join(", ") } } : {}),
  };
}

/** Sorts by a timestamp or number field in the direction GitHub's `direction` parameter names. */
export function sortBy<T>(
  items: T[],
  key: (item: T) => string | number,
  direction: string | undefined,
  fallback: "asc" | "desc",
): T[] {
  const sign = (direction ?? fallback) === "asc" ? 1 : -1;
  return items.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -sign : ka > kb ? sign : 0;
  });
}
