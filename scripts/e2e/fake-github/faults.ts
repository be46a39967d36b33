/**
 * Scripted failures. A test queues faults; each incoming request takes the first queued fault that
 * matches it and still has firings left, and gets that failure instead of the normal answer. After
 * firing `times` times a fault is spent and matching requests proceed normally. Faults fire after
 * authentication and request validation, before the handler: nothing is written when one fires.
 */

/** The failures GitHub really produces under load or contention. */
export type FaultKind =
  /** 500 Internal Server Error. */
  | "server-error"
  /** 502 Bad Gateway (GitHub's answer when a backend times out). */
  | "bad-gateway"
  /** 403 with `retry-after` and GitHub's secondary-rate-limit message. */
  | "secondary-rate-limit"
  /** 403 with `x-ratelimit-remaining: 0` and a reset `retryAfter` seconds ahead. */
  | "primary-rate-limit"
  /** 429 Too Many Requests with `retry-after`. */
  | "too-many-requests"
  /** 409 Conflict, as the contents API answers when the branch moved under a write. */
  | "conflict"
  /**
   * 403 "Resource not accessible by integration": a GITHUB_TOKEN without the permission, such as the
   * read-only token of a `pull_request` run from a fork. Queue it for the write methods.
   */
  | "read-only-token";

export interface FaultSpec {
  kind: FaultKind;
  /** Matches the OpenAPI operation id (`repos/create-or-update-file-contents`). */
  operation?: string;
  /** Upper-case method to match; any when absent. */
  method?: string;
  /**
   * Matches the decoded path: a RegExp, or a pattern where `*` stands for one path segment and `**`
   * for any number of them (`/repos/acme/oncall/issues/*\/comments`).
   */
  path?: string | RegExp;
  /** How many matching requests fail before the fault is spent (default 1). */
  times?: number;
  /** Seconds put in `retry-after` / the rate-limit reset (default 1). */
  retryAfter?: number;
}

/** A queued fault with its remaining firings. */
export interface QueuedFault extends FaultSpec {
  remaining: number;
  fired: number;
}

/** The response a fault produces. */
export interface FaultResponse {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

const DOCS = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api";

/** GitHub's wording; Octokit's throttling plugin recognises secondary limits by "secondary rate". */
export const SECONDARY_RATE_LIMIT_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.";

function patternToRegex(pattern: string): RegExp {
  const source = pattern
    .split(/(\*\*|\*)/)
    .map((part) => (part === "**" ? ".*" : part === "*" ? "[^/]+" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

export class FaultQueue {
  private readonly queue: QueuedFault[] = [];

  /** Queues a fault; returns it so a test can check `fired` later. */
  add(spec: FaultSpec): QueuedFault {
    if (!spec.operation && !spec.path) throw new Error("a fault needs an operation or a path to match");
    const fault: QueuedFault = { ...spec, remaining: spec.times ?? 1, fired: 0 };
    this.queue.push(fault);
    return fault;
  }

  /** Faults that have not fired all their times yet. */
  pending(): QueuedFault[] {
    return this.queue.filter((f) => f.remaining > 0);
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** Takes one firing from the first matching fault, if any. */
  take(method: string, path: string, operationId: string | undefined): QueuedFault | undefined {
    const fault = this.queue.find((f) => {
      if (f.remaining <= 0) return false;
      if (f.method && f.method.toUpperCase() !== method) return false;
      if (f.operation && f.operation !== operationId) return false;
      if (f.path !== undefined) {
        const re = typeof f.path === "string" ? patternToRegex(f.path) : f.path;
        if (!re.test(path)) return false;
      }
      return true;
    });
    if (fault) {
      fault.remaining -= 1;
      fault.fired += 1;
    }
    return fault;
  }
}

/** The status, headers and body GitHub sends for a fault kind. `nowSeconds` is the epoch in seconds. */
export function faultResponse(fault: FaultSpec, nowSeconds: number): FaultResponse {
  const retryAfter = String(fault.retryAfter ?? 1);
  switch (fault.kind) {
    case "server-error":
      return { status: 500, headers: {}, body: { message: "Server Error" } };
    case "bad-gateway":
      return { status: 502, headers: {}, body: { message: "Server Error" } };
    case "secondary-rate-limit":
      return {
        status: 403,
        headers: { "retry-after": retryAfter },
        body: { message: SECONDARY_RATE_LIMIT_MESSAGE, documentation_url: `${DOCS}#about-secondary-rate-limits` },
      };
    case "primary-rate-limit":
      return {
        status: 403,
        headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(nowSeconds + Number(retryAfter)) },
        body: {
          message: "API rate limit exceeded for installation ID 1.",
          documentation_url: `${DOCS}#exceeding-the-rate-limit`,
        },
      };
    case "too-many-requests":
      return {
        status: 429,
        headers: { "retry-after": retryAfter },
        body: { message: "Too Many Requests", documentation_url: DOCS },
      };
    case "read-only-token":
      return {
        status: 403,
        headers: {},
        body: { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest" },
      };
    case "conflict":
      return {
        status: 409,
        headers: {},
        body: {
          message: "is at 0000000000000000000000000000000000000000 but expected a different sha",
          documentation_url: "https://docs.github.com/rest",
        },
      };
  }
}
