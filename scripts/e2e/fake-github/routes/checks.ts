/** Commit statuses and check runs. */
import {
  bodyOf,
  HttpError,
  notFound,
  paginate,
  repoOf,
  validationFailed,
  type HandlerContext,
  type HandlerTable,
} from "../handler.js";
import { checkRunShape, combinedStatusShape, statusShape } from "../shapes-checks.js";
import { pullMinimalShape, pullShas, type PullRecord } from "../shapes-pulls.js";
import type { CheckRunRecord, RepoRecord, StatusRecord } from "../model.js";

function commitOf(ctx: HandlerContext, repo: RepoRecord, param: string): string {
  const sha = repo.git.resolveCommit(ctx.params[param] ?? "");
  if (!sha) throw validationFailed("Commit", "invalid", param, `No commit found for SHA: ${ctx.params[param] ?? ""}`);
  return sha;
}

function runShape(ctx: HandlerContext, repo: RepoRecord, run: CheckRunRecord) {
  const pulls = [...repo.issues.values()].filter(
    (i): i is PullRecord => !!i.pull && i.state === "open" && pullShas(repo, i as PullRecord).head === run.headSha,
  );
  return checkRunShape(
    ctx,
    repo,
    run,
    pulls.map((p) => pullMinimalShape(ctx, repo, p)),
  );
}

interface CheckBody {
  name?: string;
  head_sha?: string;
  status?: CheckRunRecord["status"];
  conclusion?: NonNullable<CheckRunRecord["conclusion"]>;
  started_at?: string;
  completed_at?: string;
  details_url?: string;
  external_id?: string;
  output?: { title?: string; summary?: string; text?: string; annotations?: unknown[] };
}

function applyCheckBody(ctx: HandlerContext, run: CheckRunRecord, body: CheckBody): void {
  if (body.name !== undefined) run.name = body.name;
  if (body.details_url !== undefined) run.detailsUrl = body.details_url;
  if (body.external_id !== undefined) run.externalId = body.external_id;
  if (body.started_at !== undefined) run.startedAt = body.started_at;
  if (body.status !== undefined) run.status = body.status;
  // Back to queued or in progress (a new verdict pending): the old conclusion no longer stands.
  if (body.status !== undefined && body.status !== "completed" && body.conclusion === undefined) {
    run.conclusion = null;
    run.completedAt = null;
  }
  if (body.conclusion !== undefined) {
    run.conclusion = body.conclusion;
    run.status = "completed";
  }
  if (run.status === "completed") run.completedAt = body.completed_at ?? run.completedAt ?? ctx.store.timestamp();
  if (body.output) {
    run.output = {
      title: body.output.title ?? run.output.title,
      summary: body.output.summary ?? run.output.summary,
      text: body.output.text ?? run.output.text,
      annotationsCount: run.output.annotationsCount + (body.output.annotations?.length ?? 0),
    };
  }
}

export const checkHandlers: HandlerTable = {
  "repos/create-commit-status": (ctx) => {
    const repo = repoOf(ctx);
    const sha = commitOf(ctx, repo, "sha");
    const body = bodyOf<{
      state: StatusRecord["state"];
      target_url?: string | null;
      description?: string | null;
      context?: string;
    }>(ctx);
    const now = ctx.store.timestamp();
    const status: StatusRecord = {
      id: ctx.store.nextId(),
      sha,
      state: body.state,
      context: body.context ?? "default",
      description: body.description ?? null,
      targetUrl: body.target_url ?? null,
      creator: ctx.actor,
      createdAt: now,
      updatedAt: now,
    };
    repo.statuses.push(status);
    return { status: 201, body: statusShape(ctx, repo, status) };
  },

  "repos/get-combined-status-for-ref": (ctx) => {
    const repo = repoOf(ctx);
    const sha = repo.git.resolveCommit(ctx.params["ref"] ?? "");
    if (!sha) throw notFound();
    return { status: 200, body: combinedStatusShape(ctx, repo, sha) };
  },

  "repos/list-commit-statuses-for-ref": (ctx) => {
    const repo = repoOf(ctx);
    const sha = repo.git.resolveCommit(ctx.params["ref"] ?? "");
    if (!sha) throw notFound();
    const statuses = repo.statuses.filter((s) => s.sha === sha).reverse();
    return paginate(ctx, statuses, (s) => statusShape(ctx, repo, s));
  },

  "checks/create": (ctx) => {
    const repo = repoOf(ctx);
    const body = bodyOf<CheckBody>(ctx);
    const headSha = repo.git.resolveCommit(body.head_sha ?? "");
    if (!headSha) throw validationFailed("CheckRun", "invalid", "head_sha", "No commit found for SHA");
    const run: CheckRunRecord = {
      id: ctx.store.nextId(),
      headSha,
      name: body.name ?? "",
      status: "queued",
      conclusion: null,
      startedAt: ctx.store.timestamp(),
      completedAt: null,
      externalId: null,
      detailsUrl: null,
      output: { title: null, summary: null, text: null, annotationsCount: 0 },
      creator: ctx.actor,
    };
    applyCheckBody(ctx, run, body);
    repo.checkRuns.set(run.id, run);
    return { status: 201, body: runShape(ctx, repo, run) };
  },

  "checks/update": (ctx) => {
    const repo = repoOf(ctx);
    const run = repo.checkRuns.get(Number(ctx.params["check_run_id"]));
    if (!run) throw notFound();
    // Only the App that created a check run may change it.
    if (run.creator !== undefined && run.creator.toLowerCase() !== ctx.actor.toLowerCase())
      throw new HttpError(
        403,
        "Invalid app_id `" + ctx.actor + "` - check run can only be modified by the GitHub App that created it.",
      );
    applyCheckBody(ctx, run, bodyOf<CheckBody>(ctx));
    return { status: 200, body: runShape(ctx, repo, run) };
  },

  "checks/get": (ctx) => {
    const repo = repoOf(ctx);
    const run = repo.checkRuns.get(Number(ctx.params["check_run_id"]));
    if (!run) throw notFound();
    return { status: 200, body: runShape(ctx, repo, run) };
  },

  "checks/list-for-ref": (ctx) => {
    const repo = repoOf(ctx);
    const sha = repo.git.resolveCommit(ctx.params["ref"] ?? "");
    if (!sha) throw notFound();
    const runs = [...repo.checkRuns.values()]
      .filter((r) => r.headSha === sha)
      .filter((r) => ctx.query["check_name"] === undefined || r.name === ctx.query["check_name"])
      .filter((r) => ctx.query["status"] === undefined || r.status === ctx.query["status"])
      .filter(
        (r) =>
          ctx.query["app_id"] === undefined ||
          (r.creator !== undefined && String(ctx.store.user(r.creator).id) === ctx.query["app_id"]),
      )
      .reverse();
    return paginate(
      ctx,
      runs,
      (r) => runShape(ctx, repo, r),
      (page, total) => ({ total_count: total, check_runs: page }),
    );
  },
};
