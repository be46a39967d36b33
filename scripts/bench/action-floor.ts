/**
 * The floor under benchmark 5 (row 5c): what any incident event costs before incident work starts.
 * The same runner context and GitHub client as the incident action (action-context.ts: @actions/core,
 * Octokit with throttling and retry), one API call (the issue's comments, the first call of every
 * incident run), one output and a line of job summary. Bundled to build/action-floor.mjs.
 */
import * as core from "@actions/core";
import { actionContext } from "../github/action-context.js";
import { runAction } from "../github/run-action.js";

runAction(async () => {
  const ctx = actionContext();
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
