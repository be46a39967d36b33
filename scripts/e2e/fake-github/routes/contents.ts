/**
 * The contents API: read a file or directory at a ref; create, update or delete one file with a
 * commit. Writes check the blob sha like GitHub: missing for an existing file is 422, stale is 409.
 */
import { bodyOf, HttpError, notFound, repoOf, type HandlerContext, type HandlerTable } from "../handler.js";
import { contentShape, fileCommitShape } from "../shapes-git.js";
import type { GitPerson } from "../git-store.js";
import type { RepoRecord } from "../model.js";

interface WriteBody {
  message: string;
  content?: string;
  sha?: string;
  branch?: string;
  committer?: { name: string; email: string; date?: string };
  author?: { name: string; email: string; date?: string };
}

function person(ctx: HandlerContext, given: WriteBody["committer"]): GitPerson {
  const fallback = ctx.store.gitPerson(ctx.actor);
  return given ? { name: given.name, email: given.email, date: given.date ?? fallback.date } : fallback;
}

/** Resolves the target branch and checks the caller's idea of the file's current blob. */
function prepareWrite(ctx: HandlerContext, repo: RepoRecord, body: WriteBody, deleting: boolean) {
  const path = (ctx.params["path"] ?? "").replace(/^\/+|\/+$/g, "");
  const branch = body.branch ?? repo.defaultBranch;
  const parent = repo.git.resolveCommit(`heads/${branch}`);
  if (!parent) throw new HttpError(404, `Branch ${branch} not found`);
  const existing = repo.git.lookup(parent, path);
  if (existing?.kind === "tree") throw new HttpError(422, `${path} is a directory`);
  if (deleting && !existing) throw notFound();
  if (existing && body.sha === undefined) throw new HttpError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
  if (existing && body.sha !== existing.sha) throw new HttpError(409, `${path} does not match ${body.sha ?? ""}`);
  return { path, branch, existed: existing !== undefined };
}

export const contentHandlers: HandlerTable = {
  "repos/get-content": (ctx) => {
    const repo = repoOf(ctx);
    const ref = ctx.query["ref"] ?? repo.defaultBranch;
    const commit = repo.git.resolveCommit(ref);
    if (!commit) throw new HttpError(404, `No commit found for the ref ${ref}`);
    const found = repo.git.lookup(commit, ctx.params["path"] ?? "");
    if (!found) throw notFound();
    return { status: 200, body: contentShape(ctx, repo, found, ref) };
  },

  "repos/create-or-update-file-contents": (ctx) => {
    const repo = repoOf(ctx);
    const body = bodyOf<WriteBody>(ctx);
    const text = (body.content ?? "").replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new HttpError(422, "content is not valid Base64");
    const { path, branch, existed } = prepareWrite(ctx, repo, body, false);
    const committer = person(ctx, body.committer);
    const sha = repo.git.commitFiles(branch, { [path]: Buffer.from(text, "base64") }, body.message, committer);
    const commit = repo.git.commits.get(sha);
    if (!commit) throw new Error("commit vanished");
    return { status: existed ? 200 : 201, body: fileCommitShape(ctx, repo, commit, path, branch) };
  },

  "repos/delete-file": (ctx) => {
    const repo = repoOf(ctx);
    const body = bodyOf<WriteBody>(ctx);
    const { path, branch } = prepareWrite(ctx, repo, body, true);
    const sha = repo.git.commitFiles(branch, { [path]: null }, body.message, person(ctx, body.committer));
    const commit = repo.git.commits.get(sha);
    if (!commit) throw new Error("commit vanished");
    return { status: 200, body: fileCommitShape(ctx, repo, commit, path, branch) };
  },
};
