/** GitHub-shaped JSON for commit statuses and check runs. */
import { nodeId, repoApi, repoShape, repoWeb, userShape, type ShapeContext } from "./shapes-common.js";
import type { CheckRunRecord, RepoRecord, StatusRecord } from "./model.js";

const STATUS_AVATAR = "https://avatars.githubusercontent.com/u/9919?v=4";

/** `status` (what creating a status returns). */
export function statusShape(ctx: ShapeContext, repo: RepoRecord, status: StatusRecord): Record<string, unknown> {
  return {
    url: `${repoApi(ctx, repo)}/statuses/${status.sha}`,
    avatar_url: STATUS_AVATAR,
    id: status.id,
    node_id: nodeId("StatusContext", status.id),
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.updatedAt,
    creator: userShape(ctx, status.creator),
  };
}

/** Latest status per context for a commit, newest first. */
function latestStatuses(repo: RepoRecord, sha: string): StatusRecord[] {
  const latest = new Map<string, StatusRecord>();
  for (const status of repo.statuses) if (status.sha === sha) latest.set(status.context, status);
  return [...latest.values()].sort((a, b) => b.id - a.id);
}

/**
 * `combined-commit-status`: failure if any context failed or errored, pending if any is pending (or
 * none exist), success otherwise.
 */
export function combinedStatusShape(ctx: ShapeContext, repo: RepoRecord, sha: string): Record<string, unknown> {
  const statuses = latestStatuses(repo, sha);
  const states = statuses.map((s) => s.state);
  const state = states.some((s) => s === "failure" || s === "error")
    ? "failure"
    : states.length === 0 || states.includes("pending")
      ? "pending"
      : "success";
  return {
    state,
    sha,
    total_count: statuses.length,
    statuses: statuses.map((s) => {
      const { creator: _creator, ...rest } = statusShape(ctx, repo, s);
      return rest;
    }),
    repository: repoShape(ctx, repo),
    commit_url: `${repoApi(ctx, repo)}/commits/${sha}`,
    url: `${repoApi(ctx, repo)}/commits/${sha}/status`,
  };
}

/**
 * `integration` for the App behind a bot login (`<slug>[bot]`, as an installation token acts), with an
 * id derived from the bot user's; null for people, who cannot create check runs on GitHub.
 */
function appShape(ctx: ShapeContext, repo: RepoRecord, login: string): Record<string, unknown> | null {
  const m = /^(.+)\[bot\]$/.exec(login);
  if (!m) return null;
  const slug = m[1]!;
  const id = ctx.store.user(login).id;
  const stamp = repo.createdAt;
  return {
    id,
    slug,
    node_id: nodeId("Integration", id),
    owner: userShape(ctx, repo.owner),
    name: slug,
    description: null,
    external_url: `${ctx.web}/apps/${slug}`,
    html_url: `${ctx.web}/apps/${slug}`,
    created_at: stamp,
    updated_at: stamp,
    permissions: { checks: "write", metadata: "read" },
    events: [],
  };
}

/** `check-run`; `pulls` are the open pull requests whose head is the run's commit. */
export function checkRunShape(
  ctx: ShapeContext,
  repo: RepoRecord,
  run: CheckRunRecord,
  pulls: Record<string, unknown>[],
): Record<string, unknown> {
  const api = `${repoApi(ctx, repo)}/check-runs/${run.id}`;
  return {
    id: run.id,
    node_id: nodeId("CheckRun", run.id),
    head_sha: run.headSha,
    external_id: run.externalId,
    url: api,
    html_url: `${repoWeb(ctx, repo)}/runs/${run.id}`,
    details_url: run.detailsUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.output.annotationsCount,
      annotations_url: `${api}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.id + 1_000_000 },
    app: run.creator ? appShape(ctx, repo, run.creator) : null,
    pull_requests: pulls,
  };
}
