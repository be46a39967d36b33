/**
 * The floor under the action cold-start benchmarks: what any action run costs before its own work
 * starts. The same runner context and GitHub client as the actions (action-context.ts: @actions/core,
 * Octokit with throttling and retry), one API call, one output and a line of job summary. Bundled to
 * build/action-floor.mjs.
 *
 * Which call is chosen by the `floor-request` input (`INPUT_FLOOR-REQUEST`), so each action is compared
 * with the floor of its own kind:
 * - empty (row 5c): the issue's comments, the first call of every incident run (paginated, 100 a page);
 * - `METHOD /path?query` (row 9, e.g. `GET /search/issues?q=...`): that one request, as the action's
 *   first call made it (GET only: the floor never writes);
 * - `none`: no client and no call, for an action that needs no token (validate): the runner context only.
 *   The client's modules are then never loaded (a lazily imported chunk).
 */
import * as core from "@actions/core";
import { readFileSync } from "node:fs";
import { runAction } from "../github/run-action.js";

runAction(async () => {
  const request = core.getInput("floor-request").trim();
  if (request === "none") {
    // The runner context an action without a token reads: the event payload and its inputs.
    const path = process.env.GITHUB_EVENT_PATH;
    const payload = path ? (JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>) : {};
    core.setOutput("keys", String(Object.keys(payload).length));
    await core.summary.addRaw(`The event has ${Object.keys(payload).length} keys.\n`).write();
    return;
  }
  const { actionContext } = await import("../github/action-context.js");
  const ctx = actionContext();
  if (request !== "") {
    const match = /^GET (\/\S*)$/.exec(request);
    if (!match) throw new Error(`floor-request must be "GET /path?query" or "none", not "${request}"`);
    const response = await ctx.octokit.request(`GET ${match[1]!}`);
    core.setOutput("status", String(response.status));
    await core.summary.addRaw(`GET ${match[1]!} answered ${response.status}.\n`).write();
    return;
  }
  const issue = (ctx.payload["issue"] as { number?: unknown } | undefined)?.number;
  if (typeof issue !== "number") throw new Error("the event payload has no issue number");
  const comments = await ctx.octokit.paginate(ctx.octokit.rest.issues.listComments, {
    ...ctx.repo,
    issue_number: issue,
    per_page: 100,
  });
  core.setOutput("comments", String(comments.length));
  await core.summary.addRaw(`#${issue} has ${comments.length} comments.\n`).write();
});
