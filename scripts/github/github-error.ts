/**
 * Typed failures of the GitHub adapter. Octokit's RequestError is turned into a
 * {@link GitHubApiError} that says which call failed, with which status and GitHub's own message,
 * and (when raised while applying a plan) which effect was being applied and which were already done.
 */

/** A GitHub API call that failed after the client's retries. */
export class GitHubApiError extends Error {
  override readonly name: string = "GitHubApiError";
  /** HTTP status (0 when no response arrived). */
  readonly status: number;
  /** `METHOD /path` of the failed request. */
  readonly call: string;
  /** GitHub's `message` field, or the transport error. */
  readonly githubMessage: string;
  /** What the adapter was doing, in words. */
  readonly purpose: string;

  constructor(fields: { status: number; call: string; githubMessage: string; purpose: string }) {
    super(
      `${fields.purpose}: ${fields.call} failed with ${fields.status === 0 ? "no response" : `HTTP ${fields.status}`}: ${fields.githubMessage}`,
    );
    this.status = fields.status;
    this.call = fields.call;
    this.githubMessage = fields.githubMessage;
    this.purpose = fields.purpose;
  }
}

/** A plan that cannot be applied as written (bad marker key, reference to an unknown issue key). */
export class InvalidEffectError extends Error {
  override readonly name = "InvalidEffectError";
}

interface RequestErrorLike {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string };
  response?: { data?: unknown };
}

function callOf(error: RequestErrorLike): string {
  const url = error.request?.url ?? "";
  let path = url;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    // not a URL: keep as is
  }
  return `${error.request?.method ?? "?"} ${path}`.trim();
}

/** Converts whatever an Octokit call threw; non-HTTP errors (bugs) are returned unchanged. */
function toGitHubApiError(error: unknown, purpose: string): unknown {
  if (error instanceof GitHubApiError || !error || typeof error !== "object") return error;
  const e = error as RequestErrorLike;
  if (typeof e.status !== "number" || !e.request) return error;
  const data = e.response?.data as { message?: unknown; errors?: unknown } | undefined;
  const base = typeof data?.message === "string" ? data.message : (e.message ?? "unknown error");
  // 422 bodies put the useful part in `errors`: "A pull request already exists for ...".
  const details = Array.isArray(data?.errors)
    ? data.errors
        .map((item: { message?: unknown; field?: unknown; code?: unknown }) =>
          typeof item.message === "string" ? item.message : [item.field, item.code].filter(Boolean).join(" "),
        )
        .filter((d) => d !== "")
    : [];
  const githubMessage = details.length > 0 ? `${base}: ${details.join("; ")}` : base;
  return new GitHubApiError({ status: e.status, call: callOf(e), githubMessage, purpose });
}

/** Runs one API call, re-throwing its failure as a {@link GitHubApiError} labelled with `purpose`. */
export async function callGitHub<T>(purpose: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toGitHubApiError(error, purpose);
  }
}

/** True when `error` is an API failure with one of the given statuses. */
export function hasStatus(error: unknown, ...statuses: number[]): error is GitHubApiError {
  return error instanceof GitHubApiError && statuses.includes(error.status);
}
