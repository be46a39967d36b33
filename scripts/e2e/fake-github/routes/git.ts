/** The git data API: refs, blobs, trees and commits, enough to build a branch with a commit. */
import { bodyOf, HttpError, notFound, repoOf, type HandlerContext, type HandlerTable } from "../handler.js";
import { blobShape, gitCommitShape, refShape, treeShape } from "../shapes-git.js";
import { FILE_MODE, type FlatFile, type GitPerson } from "../git-store.js";
import type { RepoRecord } from "../model.js";

const refName = (ctx: HandlerContext) => (ctx.params["ref"] ?? "").replace(/^refs\//, "");

function existingRef(ctx: HandlerContext, repo: RepoRecord): { name: string; sha: string } {
  const name = refName(ctx);
  const sha = repo.git.refs.get(name);
  if (!sha) throw new HttpError(422, "Reference does not exist");
  return { name, sha };
}

function commitOrFail(repo: RepoRecord, sha: string): string {
  if (!repo.git.commits.has(sha)) throw new HttpError(422, "Object does not exist");
  return sha;
}

interface TreeItem {
  path?: string;
  mode?: string;
  type?: "blob" | "tree" | "commit";
  sha?: string | null;
  content?: string;
}

/** Applies `POST /git/trees` entries (nested paths allowed) to a flat file map. */
function applyTreeItems(repo: RepoRecord, files: Map<string, FlatFile>, items: readonly TreeItem[]): void {
  for (const item of items) {
    const path = (item.path ?? "").replace(/^\/+/, "");
    const under = (p: string) => p === path || p.startsWith(`${path}/`);
    if (item.sha === null) {
      for (const p of [...files.keys()]) if (under(p)) files.delete(p);
    } else if (item.content !== undefined) {
      files.set(path, { mode: item.mode ?? FILE_MODE, sha: repo.git.putBlob(item.content) });
    } else if (item.type === "tree" && item.sha) {
      if (!repo.git.trees.has(item.sha)) throw new HttpError(422, `tree.sha ${item.sha} is not a valid tree`);
      for (const p of [...files.keys()]) if (under(p)) files.delete(p);
      for (const [p, f] of repo.git.flatten(item.sha, `${path}/`)) files.set(p, f);
    } else if (item.sha) {
      if (!repo.git.blobs.has(item.sha)) throw new HttpError(422, `tree.sha ${item.sha} is not a valid blob`);
      files.set(path, { mode: item.mode ?? FILE_MODE, sha: item.sha });
    }
  }
}

export const gitHandlers: HandlerTable = {
  "git/get-ref": (ctx) => {
    const repo = repoOf(ctx);
    const sha = repo.git.refs.get(refName(ctx));
    if (!sha) throw notFound();
    return { status: 200, body: refShape(ctx, repo, refName(ctx), sha) };
  },

  "git/create-ref": (ctx) => {
    const repo = repoOf(ctx);
    const body = bodyOf<{ ref: string; sha: string }>(ctx);
    if (!/^refs\/[^/]+\/.+/.test(body.ref))
      throw new HttpError(422, "Reference name must start with 'refs/' and have at least two slashes.");
    const name = body.ref.replace(/^refs\//, "");
    if (repo.git.refs.has(name)) throw new HttpError(422, "Reference already exists");
    repo.git.refs.set(name, commitOrFail(repo, body.sha));
    return { status: 201, body: refShape(ctx, repo, name, body.sha) };
  },

  "git/update-ref": (ctx) => {
    const repo = repoOf(ctx);
    const { name, sha: old } = existingRef(ctx, repo);
    const body = bodyOf<{ sha: string; force?: boolean }>(ctx);
    commitOrFail(repo, body.sha);
    if (!body.force && !repo.git.ancestors(body.sha).has(old)) throw new HttpError(422, "Update is not a fast forward");
    repo.git.refs.set(name, body.sha);
    return { status: 200, body: refShape(ctx, repo, name, body.sha) };
  },

  "git/delete-ref": (ctx) => {
    const repo = repoOf(ctx);
    repo.git.refs.delete(existingRef(ctx, repo).name);
    return { status: 204 };
  },

  "git/create-blob": (ctx) => {
    const repo = repoOf(ctx);
    const body = bodyOf<{ content: string; encoding?: string }>(ctx);
    const sha = repo.git.putBlob(body.encoding === "base64" ? Buffer.from(body.content, "base64") : body.content);
    return { status: 201, body: { sha, url: `${ctx.api}/repos/${repo.owner}/${repo.name}/git/blobs/${sha}` } };
  },

  "git/get-blob": (ctx) => {
    const repo = repoOf(ctx);
    const sha = ctx.params["file_sha"] ?? "";
    const content = repo.git.blobs.get(sha);
    if (!content) throw notFound();
    return { status: 200, body: blobShape(ctx, repo, sha, content) };
  },

  "git/create-tree": (ctx) => {
    const repo = repoOf(ctx);
    const body = bodyOf<{ tree: TreeItem[]; base_tree?: string }>(ctx);
    if (body.base_tree !== undefined && !repo.git.trees.has(body.base_tree))
      throw new HttpError(422, "base_tree is not a valid tree");
    const files = body.base_tree ? repo.git.flatten(body.base_tree) : new Map<string, FlatFile>();
    applyTreeItems(repo, files, body.tree);
    return { status: 201, body: treeShape(ctx, repo, repo.git.putFlatTree(files), false) };
  },

  "git/get-tree": (ctx) => {
    const repo = repoOf(ctx);
    const given = ctx.params["tree_sha"] ?? "";
    const commit = repo.git.resolveCommit(given);
    const sha = repo.git.trees.has(given) ? given : commit ? repo.git.commits.get(commit)?.tree : undefined;
    if (!sha) throw notFound();
    const recursive =
      ctx.query["recursive"] !== undefined && ctx.query["recursive"] !== "0" && ctx.query["recursive"] !== "false";
    return { status: 200, body: treeShape(ctx, repo, sha, recursive) };
  },

  "git/create-commit": (ctx) => {
    const repo = repoOf(ctx);
    const body = bodyOf<{
      message: string;
      tree: string;
      parents?: string[];
      author?: Partial<GitPerson>;
      committer?: Partial<GitPerson>;
    }>(ctx);
    if (!repo.git.trees.has(body.tree)) throw new HttpError(422, "Tree SHA does not exist");
    const parents = (body.parents ?? []).map((p) => commitOrFail(repo, p));
    const fallback = ctx.store.gitPerson(ctx.actor);
    const who = (p: Partial<GitPerson> | undefined): GitPerson => ({
      name: p?.name ?? fallback.name,
      email: p?.email ?? fallback.email,
      date: p?.date ?? fallback.date,
    });
    const author = who(body.author);
    const sha = repo.git.putCommit({
      tree: body.tree,
      parents,
      message: body.message,
      author,
      committer: body.committer ? who(body.committer) : author,
    });
    const commit = repo.git.commits.get(sha);
    if (!commit) throw new Error("commit vanished");
    return { status: 201, body: gitCommitShape(ctx, repo, commit) };
  },

  "git/get-commit": (ctx) => {
    const repo = repoOf(ctx);
    const commit = repo.git.commits.get(ctx.params["commit_sha"] ?? "");
    if (!commit) throw notFound();
    return { status: 200, body: gitCommitShape(ctx, repo, commit) };
  },
};
