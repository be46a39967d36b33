/**
 * The one way this project builds a GitHub client: @octokit/rest with @octokit/plugin-throttling
 * (waits out primary and secondary rate limits) and @octokit/plugin-retry (retries 5xx, 429 and
 * network errors), pointed at `GITHUB_API_URL`.
 *
 * Retry budget, in "GitHub seconds" (multiplied by `timeScaleMs`, 1000 ms in production):
 * - server errors / 429 / network failures: 3 retries, waiting 1, 4 and 9 s (plugin-retry);
 * - secondary rate limit: 3 retries, each after the `retry-after` GitHub sent (60 s when absent);
 * - primary rate limit: 1 retry after the reset time;
 * - no rate-limit wait longer than 120 s is attempted: the request fails instead (an action should
 *   not sit idle for an hour; the next scheduled run will catch up).
 * 4xx answers other than rate limits are not retried; 409 conflicts are left to the caller, who can
 * re-read and try again (see apply-commit-file.ts).
 */
import { retry } from "@octokit/plugin-retry";
import { throttling, type ThrottlingOptions } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { pacingGroup } from "./pacing.js";

/** Where the adapter reports retries and waits; @actions/core's `info`/`warning`/`debug` fit. */
export interface GitHubLogger {
  info(message: string): void;
  warn(message: string): void;
  debug?(message: string): void;
}

/** Environment variable that scales every wait (milliseconds per GitHub second), for end-to-end tests. */
export const TIME_SCALE_ENV = "ONCALL_GITHUB_TIME_SCALE_MS";

const DEFAULT_RETRIES = {
  serverErrors: 3,
  secondaryRateLimit: 3,
  primaryRateLimit: 1,
  maxRateLimitWaitSeconds: 120,
} as const;

export interface GitHubClientOptions {
  token: string;
  /** API root (default: `GITHUB_API_URL`, else `https://api.github.com`). */
  baseUrl?: string;
  logger?: GitHubLogger;
  /** Milliseconds per second of any wait GitHub asks for or the plugins choose (default 1000). */
  timeScaleMs?: number;
  /** Retries of 5xx, 429 and network errors (default 3). */
  serverErrorRetries?: number;
  /** Retries after a secondary rate limit (default 3). */
  secondaryRateLimitRetries?: number;
  /** Retries after the primary rate limit is exhausted (default 1). */
  primaryRateLimitRetries?: number;
  /** Longest rate-limit wait, in GitHub seconds, worth waiting for (default 120). */
  maxRateLimitWaitSeconds?: number;
  userAgent?: string;
}

const ClientClass = Octokit.plugin(throttling, retry);

/** The client type every GitHub-facing module takes. */
export type GitHubClient = InstanceType<typeof ClientClass>;

type Group = NonNullable<ThrottlingOptions["write"]>;

const silent: GitHubLogger = { info() {}, warn() {} };

/** Builds a throttled, retrying client. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const logger = options.logger ?? silent;
  const scale = options.timeScaleMs ?? 1000;
  const maxWait = options.maxRateLimitWaitSeconds ?? DEFAULT_RETRIES.maxRateLimitWaitSeconds;
  const limitHandler =
    (what: string, budget: number) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const call = `${request.method} ${request.url}`;
      if (retryCount >= budget || retryAfter > maxWait) {
        logger.warn(
          `GitHub ${what} on ${call}; giving up after ${retryCount} retr${retryCount === 1 ? "y" : "ies"} (asked to wait ${retryAfter} s).`,
        );
        return false;
      }
      logger.warn(`GitHub ${what} on ${call}; retrying in ${retryAfter} s (retry ${retryCount + 1} of ${budget}).`);
      return true;
    };
  // Scaled-down runs replace the plugin's process-wide pacing (1 s between writes, 3 s between
  // notifying writes, 2 s between searches) with the same gaps, scaled.
  const pacing =
    scale === 1000
      ? {}
      : {
          write: pacingGroup(scale) as unknown as Group,
          notifications: pacingGroup(3 * scale) as unknown as Group,
          search: pacingGroup(2 * scale) as unknown as Group,
        };
  const client = new ClientClass({
    auth: options.token,
    baseUrl: (options.baseUrl ?? process.env["GITHUB_API_URL"] ?? "https://api.github.com").replace(/\/+$/, ""),
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    log: {
      debug: (m: string) => logger.debug?.(m),
      info: (m: string) => logger.debug?.(m),
      warn: (m: string) => logger.warn(m),
      error: (m: string) => logger.debug?.(m),
    },
    throttle: {
      retryAfterBaseValue: scale,
      onRateLimit: limitHandler(
        "rate limit exhausted",
        options.primaryRateLimitRetries ?? DEFAULT_RETRIES.primaryRateLimit,
      ),
      onSecondaryRateLimit: limitHandler(
        "secondary rate limit",
        options.secondaryRateLimitRetries ?? DEFAULT_RETRIES.secondaryRateLimit,
      ),
      ...pacing,
    },
    retry: {
      retries: options.serverErrorRetries ?? DEFAULT_RETRIES.serverErrors,
      retryAfterBaseValue: scale,
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451],
    },
  });
  client.hook.error("request", (error, request) => {
    const status = (error as { status?: number }).status;
    if (status === undefined || status >= 500 || status === 429)
      logger.debug?.(`GitHub answered ${status ?? "no response"} to ${request.method} ${request.url}.`);
    throw error;
  });
  return client;
}

/** Client options an action takes from its runner environment (`GITHUB_API_URL`, {@link TIME_SCALE_ENV}). */
export function clientOptionsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): Pick<GitHubClientOptions, "baseUrl" | "timeScaleMs"> {
  const scale = Number(env[TIME_SCALE_ENV]);
  return {
    ...(env["GITHUB_API_URL"] ? { baseUrl: env["GITHUB_API_URL"] } : {}),
    ...(Number.isFinite(scale) && scale > 0 ? { timeScaleMs: scale } : {}),
  };
}
