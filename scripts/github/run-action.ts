/**
 * Runs an action's body and makes sure every failure reaches `core.setFailed`: user errors and GitHub
 * API failures (an outage or a missing permission is not a bug; their message names the call and
 * what was already done) with their message alone, anything else flagged as a bug, and unhandled
 * rejections too. Dates in everything the action writes are English (see text-locale.ts).
 */
import * as core from "@actions/core";
import { UserError } from "../core/model/index.js";
import { useEnglishDates } from "../core/model/index.js";
import { GitHubApiError } from "./github-error.js";

export function runAction(body: () => Promise<void>): void {
  const fail = (err: unknown) => {
    if (err instanceof UserError || err instanceof GitHubApiError) core.setFailed(err.message);
    else
      core.setFailed(
        `Internal error (a bug in oncall-as-code): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
  };
  process.on("unhandledRejection", fail);
  useEnglishDates();
  // Called inside an async function, so an entry whose argument list throws (a missing token, say)
  // fails the same way as one whose run rejects.
  (async () => body())().catch(fail);
}
