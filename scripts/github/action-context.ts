/**
 * What every action entry needs from the runner, read once: inputs, the event payload, the repository,
 * a throttled and retried GitHub client, the workspace and the clock. Entries stay thin: build the
 * context, load the repository, call a core planner, apply its effects, set outputs.
 */
import * as core from "@actions/core";
import { readFileSync } from "node:fs";
import { DateTime } from "luxon";
import { UserError } from "../core/model/index.js";
import { createGitHubClient, clientOptionsFromEnv, type GitHubClient, type GitHubLogger } from "./octokit.js";
import type { RepoRef } from "./apply-context.js";

export interface ActionContext {
  eventName: string;
  /** The webhook payload of the triggering event (`{}` when there is none). */
  payload: Record<string, unknown>;
  repo: RepoRef;
  /** The checked-out repository with the on-call data. */
  workspace: string;
  octokit: GitHubClient;
  logger: GitHubLogger;
  /** The clock, read here at the edge only. */
  now: DateTime;
  /** `true` when the `dry-run` input asks to print the plan instead of applying it. */
  dryRun: boolean;
  /** Login of the account that triggered the run. */
  actor: string;
}

/** Reads the runner environment; fails with a user error naming what is missing. */
export function actionContext(env: NodeJS.ProcessEnv = process.env): ActionContext {
  const repository = env.GITHUB_REPOSITORY;
  if (!repository || !repository.includes("/"))
    throw new UserError("GITHUB_REPOSITORY is not set: run this action inside a GitHub Actions workflow.");
  const [owner, repo] = repository.split("/") as [string, string];
  const token = core.getInput("github-token") || env.GITHUB_TOKEN;
  if (!token)
    throw new UserError(
      "No token: pass `github-token: ${{ secrets.GITHUB_TOKEN }}` (or set GITHUB_TOKEN) to the action.",
    );
  const logger: GitHubLogger = { info: (m) => core.info(m), warn: (m) => core.warning(m), debug: (m) => core.debug(m) };
  return {
    eventName: env.GITHUB_EVENT_NAME ?? "workflow_dispatch",
    payload: eventPayload(env),
    repo: { owner, repo },
    workspace: core.getInput("repo") || env.GITHUB_WORKSPACE || process.cwd(),
    octokit: createGitHubClient({ token, logger, ...clientOptionsFromEnv(env) }),
    logger,
    now: DateTime.utc(),
    dryRun: /^(true|yes|1)$/i.test(core.getInput("dry-run")),
    actor: env.GITHUB_ACTOR ?? "github-actions[bot]",
  };
}

/** The webhook payload of the triggering event (`{}` when the runner gives none). */
function eventPayload(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  } catch (err) {
    throw new UserError(`The event payload at ${path} could not be read: ${(err as Error).message}`);
  }
}

/**
 * The base commit of the pull request that triggered the run, if a pull request event did (the
 * payload is read only then). For actions that need no token, hence no {@link actionContext}.
 */
export function pullRequestBase(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!env.GITHUB_EVENT_PATH || !env.GITHUB_EVENT_NAME?.startsWith("pull_request")) return undefined;
  const pull = eventPayload(env)["pull_request"] as { base?: { sha?: string } } | undefined;
  return pull?.base?.sha;
}

/**
 * The repository's web address, `https://github.com/owner/repo`: from the payload, else from the
 * runner's server URL and the repository (GitHub Enterprise Server included), for links in what runs write.
 */
export function repositoryUrl(ctx: Pick<ActionContext, "payload" | "repo">): string {
  const repository = ctx.payload["repository"] as { html_url?: unknown } | undefined;
  if (typeof repository?.html_url === "string") return repository.html_url;
  const server = (process.env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, "");
  return `${server}/${ctx.repo.owner}/${ctx.repo.repo}`;
}
