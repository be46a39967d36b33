/**
 * Runs an action's body and makes sure every failure reaches `core.setFailed`: user errors with their
 * message alone, anything else flagged as a bug, and unhandled rejections too.
 */
import * as core from "@actions/core";
import { UserError } from "../core/errors.js";

export function runAction(body: () => Promise<void>): void {
  const fail = (err: unknown) => {
    if (err instanceof UserError) core.setFailed(err.message);
    else core.setFailed(`Internal error (a bug in oncall-as-code): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  };
  process.on("unhandledRejection", fail);
  body().catch(fail);
}
