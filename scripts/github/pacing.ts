/**
 * A minimal stand-in for the Bottleneck groups @octokit/plugin-throttling paces requests with, used
 * only when waits are scaled down (tests). The plugin's own groups space writes 1 s apart and
 * notification-triggering writes 3 s apart, process-wide; at test speed those pauses would dominate
 * every run. This pacer keeps the same shape (one job at a time, a minimum gap between starts) with
 * the gap scaled.
 */

/** The part of a Bottleneck group the throttling plugin calls. */
export interface PacingGroup {
  key(id?: string): PacingLimiter;
}

interface PacingLimiter {
  schedule<A extends unknown[], T>(options: unknown, job: (...args: A) => T | Promise<T>, ...args: A): Promise<T>;
}

/** Runs jobs one at a time, starting each at least `minTimeMs` after the previous one started. */
export function pacingGroup(minTimeMs: number): PacingGroup {
  let tail: Promise<unknown> = Promise.resolve();
  let nextStart = 0;
  const limiter: PacingLimiter = {
    schedule(_options, job, ...args) {
      const run = tail.then(async () => {
        const wait = nextStart - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        nextStart = Date.now() + minTimeMs;
        return job(...args);
      });
      tail = run.catch(() => undefined);
      return run;
    },
  };
  return { key: () => limiter };
}
