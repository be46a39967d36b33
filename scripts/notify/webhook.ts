/**
 * Posting a JSON message to a chat webhook (Slack, or anything that accepts Slack's incoming-webhook
 * format). The URL is a secret: whoever has it can post to the channel, so it never appears in an
 * error message or a log line; failures name the status or the kind of network error only.
 *
 * One attempt plus one retry: a chat notification is best effort next to the GitHub comment that
 * already records the escalation, and a run must not hang on a slow chat service.
 */

/** What a delivery did. */
export interface WebhookResult {
  /** HTTP status of the last attempt. */
  status: number;
  attempts: number;
}

export interface WebhookOptions {
  /** Milliseconds before one attempt is abandoned (default 10,000). */
  timeoutMs?: number;
  /** Retries after a failed attempt (default 1). Only network errors, timeouts, 429 and 5xx are retried. */
  retries?: number;
  /** Milliseconds to wait before a retry (default 1,000; end-to-end tests scale it down). */
  retryDelayMs?: number;
  /** The fetch to use (default the global one). */
  fetch?: typeof fetch;
}

/** A delivery that failed; the message never contains the URL. */
export class WebhookError extends Error {
  override readonly name = "WebhookError";
  constructor(
    message: string,
    /** HTTP status of the last attempt, when there was an answer. */
    readonly status: number | undefined,
    readonly attempts: number,
  ) {
    super(message);
  }
}

/**
 * POSTs `payload` as JSON to `url`. Resolves on a 2xx answer; throws {@link WebhookError} otherwise.
 * @param url the secret webhook URL (`https:` or `http:`).
 */
export async function postWebhook(url: string, payload: unknown, options: WebhookOptions = {}): Promise<WebhookResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WebhookError("the webhook URL is not a valid URL", undefined, 0);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new WebhookError("the webhook URL must start with https://", undefined, 0);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const attempts = 1 + Math.max(0, options.retries ?? 1);
  const body = JSON.stringify(payload);
  let failure = "";
  let status: number | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await sleep(options.retryDelayMs ?? 1000);
    let retryable: boolean;
    try {
      const response = await doFetch(parsed, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: "error",
      });
      status = response.status;
      // Drain the body so the connection is released; its text is not shown (it may echo the URL).
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { status: response.status, attempts: attempt };
      failure = `the webhook answered HTTP ${response.status}`;
      retryable = response.status === 429 || response.status >= 500;
    } catch (error) {
      status = undefined;
      failure = describeNetworkError(error, timeoutMs);
      retryable = true;
    }
    if (!retryable) return fail(failure, status, attempt);
  }
  return fail(failure, status, attempts);
}

function fail(failure: string, status: number | undefined, attempts: number): never {
  throw new WebhookError(`${failure} (${attempts} attempt${attempts === 1 ? "" : "s"})`, status, attempts);
}

/** A network failure in words, from error names and codes only (messages can contain the URL). */
function describeNetworkError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown }).name;
  if (name === "TimeoutError" || name === "AbortError") return `the webhook did not answer within ${timeoutMs} ms`;
  const code = (error as { cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code;
  return typeof code === "string" && /^[A-Z_]+$/.test(code)
    ? `the webhook could not be reached (${code})`
    : "the webhook could not be reached";
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
