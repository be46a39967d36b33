/**
 * The fake's request pipeline: match the OpenAPI operation, authenticate, validate the request,
 * maybe fire a scripted fault, run the handler, validate the response, add rate-limit headers, log.
 * Every contract breach is recorded as a violation (and answered the way GitHub would, or with a
 * 501 for routes the fake does not implement) so the test that caused it fails.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { faultResponse, type FaultQueue } from "./faults.js";
import { HttpError, type HandlerContext, type HandlerResult, type HandlerTable } from "./handler.js";
import type { OperationMatcher } from "./openapi-routes.js";
import { validateParameters, validateRequestBody, validateResponse } from "./openapi-validator.js";
import type { LoggedRequest, RequestLog, Violation } from "./request-log.js";
import type { FakeStore } from "./store.js";

/** Per-resource budget reported in `x-ratelimit-*` headers (GitHub's numbers for a token). */
const RATE_LIMITS: Record<string, number> = { core: 5000, search: 30 };

export interface PipelineDeps {
  store: FakeStore;
  matcher: OperationMatcher;
  handlers: HandlerTable;
  faults: FaultQueue;
  log: RequestLog;
  violations: Violation[];
  /** API base URL, known once the server listens. */
  api: () => string;
  web: string;
  /** token -> login; when absent any token is accepted as `actor`. */
  tokens?: Record<string, string>;
  actor: string;
  /** Requests counted so far per rate-limit resource. */
  used: Map<string, number>;
  /** Epoch seconds when the rate-limit window resets. */
  resetAt: number;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function tokenOf(header: string | undefined): string | undefined {
  const m = /^(?:token|bearer)\s+(.+)$/i.exec(header ?? "");
  return m?.[1]?.trim() || undefined;
}

function rateHeaders(deps: PipelineDeps, path: string): Record<string, string> {
  const resource = path.startsWith("/search/") ? "search" : "core";
  const used = (deps.used.get(resource) ?? 0) + 1;
  deps.used.set(resource, used);
  const limit = RATE_LIMITS[resource] ?? 5000;
  return {
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(Math.max(0, limit - used)),
    "x-ratelimit-reset": String(deps.resetAt),
    "x-ratelimit-used": String(used),
    "x-ratelimit-resource": resource,
  };
}

/** Handles one request end to end. Never rejects: internal errors become a 500 and a violation. */
export async function handleRequest(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const url = new URL(req.url ?? "/", deps.api());
  const query = Object.fromEntries(url.searchParams.entries());
  const text = await readBody(req);
  const entry: LoggedRequest = { method, path: url.pathname, query, body: undefined, status: 0 };
  const violate = (v: Omit<Violation, "method" | "path" | "operationId">) =>
    deps.violations.push({
      method,
      path: url.pathname,
      ...(entry.operationId ? { operationId: entry.operationId } : {}),
      ...v,
    });

  let result: HandlerResult;
  try {
    result = await answer();
  } catch (error) {
    violate({
      kind: "handler-error",
      problems: [error instanceof Error ? (error.stack ?? error.message) : String(error)],
    });
    result = { status: 500, body: { message: "fake GitHub crashed; see its violations" } };
  }
  entry.status = result.status;
  deps.log.add(entry);
  const headers: Record<string, string> = {
    ...rateHeaders(deps, url.pathname),
    "x-github-request-id": `FAKE:${deps.log.entries.length}`,
    "x-github-api-version-selected": "2022-11-28",
    ...(result.body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
    ...result.headers,
  };
  res.writeHead(result.status, headers);
  res.end(result.body === undefined ? undefined : JSON.stringify(result.body));

  async function answer(): Promise<HandlerResult> {
    const match = deps.matcher.match(method, url.pathname);
    if (match) entry.operationId = match.operation.operationId;
    if (text !== "") {
      try {
        entry.body = JSON.parse(text);
      } catch {
        entry.body = text;
        violate({ kind: "invalid-json", problems: ["request body is not JSON"] });
        return {
          status: 400,
          body: { message: "Problems parsing JSON", documentation_url: "https://docs.github.com/rest" },
        };
      }
    }
    const token = tokenOf(req.headers.authorization);
    const actor = token === undefined ? undefined : deps.tokens ? deps.tokens[token] : deps.actor;
    if (actor === undefined) {
      const message = token === undefined ? "Requires authentication" : "Bad credentials";
      return { status: 401, body: { message, documentation_url: "https://docs.github.com/rest" } };
    }
    if (!match) {
      violate({
        kind: "unknown-operation",
        problems: [`no operation in GitHub's OpenAPI description matches ${method} ${url.pathname}`],
      });
      return { status: 404, body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" } };
    }
    const op = match.operation;
    const paramProblems = validateParameters(op, match.params, query);
    if (paramProblems.length > 0) violate({ kind: "parameters", problems: paramProblems });
    const bodyProblems = validateRequestBody(op, entry.body);
    if (bodyProblems.length > 0) {
      violate({ kind: "request-body", problems: bodyProblems });
      return {
        status: 422,
        body: {
          message: `Invalid request.\n\n${bodyProblems.join("\n")}`,
          documentation_url: "https://docs.github.com/rest",
        },
      };
    }
    const fault = deps.faults.take(method, decodePath(url.pathname), op.operationId);
    if (fault) {
      entry.fault = fault.kind;
      return faultResponse(fault, Math.floor(deps.store.options.now().getTime() / 1000));
    }
    const handler = deps.handlers[op.operationId];
    if (!handler) {
      violate({
        kind: "not-implemented",
        problems: [`the fake does not implement ${op.operationId} (${op.method} ${op.template})`],
      });
      return { status: 501, body: { message: `fake GitHub does not implement ${op.operationId}` } };
    }
    const ctx: HandlerContext = {
      api: deps.api(),
      web: deps.web,
      store: deps.store,
      params: match.params,
      query,
      body: entry.body,
      actor,
      url,
    };
    let result: HandlerResult;
    try {
      result = handler(ctx);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      result = { status: error.status, body: error.toBody() };
    }
    const responseProblems = validateResponse(op, result.status, result.body);
    if (responseProblems.length > 0)
      violate({ kind: "response-body", status: result.status, problems: responseProblems });
    return result;
  }
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
