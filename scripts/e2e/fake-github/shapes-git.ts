/** GitHub-shaped JSON for the git data API (refs, commits, trees, blobs) and the contents API. */
import { nodeId, repoApi, repoWeb, type ShapeContext } from "./shapes-common.js";
import type { CommitRecord, PathLookup, TreeEntry } from "./git-store.js";
import type { RepoRecord } from "./model.js";

/** `git-ref`; `name` is stored form (`heads/main`). */
export function refShape(ctx: ShapeContext, repo: RepoRecord, name: string, sha: string): Record<string, unknown> {
  return {
    ref: `refs/${name}`,
    node_id: nodeId("Ref", `${repo.id}:${name}`),
    url: `${repoApi(ctx, repo)}/git/refs/${name}`,
    object: { type: "commit", sha, url: `${repoApi(ctx, repo)}/git/commits/${sha}` },
  };
}

const UNSIGNED = { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null };

/** `git-commit`. */
export function gitCommitShape(ctx: ShapeContext, repo: RepoRecord, commit: CommitRecord): Record<string, unknown> {
  const api = repoApi(ctx, repo);
  return {
    sha: commit.sha,
    node_id: nodeId("Commit", commit.sha),
    url: `${api}/git/commits/${commit.sha}`,
    html_url: `${repoWeb(ctx, repo)}/commit/${commit.sha}`,
    author: commit.author,
    committer: commit.committer,
    tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
    message: commit.message,
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${api}/git/commits/${sha}`,
      html_url: `${repoWeb(ctx, repo)}/commit/${sha}`,
    })),
    verification: UNSIGNED,
  };
}

/** One entry of `git-tree.tree`; `path` is relative to the listed tree. */
function treeEntryShape(
  ctx: ShapeContext,
  repo: RepoRecord,
  path: string,
  entry: Pick<TreeEntry, "mode" | "type" | "sha">,
): Record<string, unknown> {
  const api = repoApi(ctx, repo);
  const size = entry.type === "blob" ? { size: repo.git.blobs.get(entry.sha)?.length ?? 0 } : {};
  return {
    path,
    mode: entry.mode,
    type: entry.type,
    sha: entry.sha,
    ...size,
    url: `${api}/git/${entry.type === "blob" ? "blobs" : "trees"}/${entry.sha}`,
  };
}

/** `git-tree` (non-recursive lists immediate entries; recursive lists every blob and subtree). */
export function treeShape(
  ctx: ShapeContext,
  repo: RepoRecord,
  sha: string,
  recursive: boolean,
): Record<string, unknown> {
  const rows: Record<string, unknown>[] = [];
  const walk = (treeSha: string, prefix: string) => {
    for (const entry of repo.git.trees.get(treeSha) ?? []) {
      rows.push(treeEntryShape(ctx, repo, `${prefix}${entry.name}`, entry));
      if (recursive && entry.type === "tree") walk(entry.sha, `${prefix}${entry.name}/`);
    }
  };
  walk(sha, "");
  return { sha, url: `${repoApi(ctx, repo)}/git/trees/${sha}`, tree: rows, truncated: false };
}

/** `blob` (content base64, wrapped at 60 characters as GitHub does). */
export function blobShape(ctx: ShapeContext, repo: RepoRecord, sha: string, content: Buffer): Record<string, unknown> {
  return {
    sha,
    node_id: nodeId("Blob", sha),
    url: `${repoApi(ctx, repo)}/git/blobs/${sha}`,
    size: content.length,
    content: wrapBase64(content),
    encoding: "base64",
  };
}

/** Base64 with a newline every 60 characters, the way the contents and blob APIs return it. */
function wrapBase64(content: Buffer): string {
  const text = content.toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += 60) lines.push(text.slice(i, i + 60));
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

function entryLinks(ctx: ShapeContext, repo: RepoRecord, path: string, type: "file" | "dir", sha: string, ref: string) {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  const self = `${repoApi(ctx, repo)}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
  const git = `${repoApi(ctx, repo)}/git/${type === "file" ? "blobs" : "trees"}/${sha}`;
  const html = `${repoWeb(ctx, repo)}/${type === "file" ? "blob" : "tree"}/${encodeURIComponent(ref)}/${encoded}`;
  const download =
    type === "file"
      ? `https://raw.githubusercontent.com/${repo.owner}/${repo.name}/${encodeURIComponent(ref)}/${encoded}`
      : null;
  return { url: self, git_url: git, html_url: html, download_url: download, _links: { self, git, html } };
}

/**
 * `content-file` for a blob or `content-directory` (an array) for a tree, as `GET /contents/{path}`
 * answers. `ref` is how the caller named the revision (links repeat it).
 */
export function contentShape(ctx: ShapeContext, repo: RepoRecord, found: PathLookup, ref: string): unknown {
  const name = (path: string) => path.split("/").pop() ?? path;
  if (found.kind === "blob") {
    return {
      type: "file",
      encoding: "base64",
      size: found.content.length,
      name: name(found.path),
      path: found.path,
      content: wrapBase64(found.content),
      sha: found.sha,
      ...entryLinks(ctx, repo, found.path, "file", found.sha, ref),
    };
  }
  return found.entries.map((entry) => {
    const path = found.path === "" ? entry.name : `${found.path}/${entry.name}`;
    const type = entry.type === "blob" ? "file" : "dir";
    const size = entry.type === "blob" ? (repo.git.blobs.get(entry.sha)?.length ?? 0) : 0;
    return { type, size, name: entry.name, path, sha: entry.sha, ...entryLinks(ctx, repo, path, type, entry.sha, ref) };
  });
}

/** `file-commit`: what `PUT /contents/{path}` returns. */
export function fileCommitShape(
  ctx: ShapeContext,
  repo: RepoRecord,
  commit: CommitRecord,
  path: string,
  branch: string,
): Record<string, unknown> {
  const found = repo.git.lookup(commit.sha, path);
  const content =
    found?.kind === "blob"
      ? {
          name: path.split("/").pop() ?? path,
          path,
          sha: found.sha,
          size: found.content.length,
          type: "file",
          ...entryLinks(ctx, repo, path, "file", found.sha, branch),
        }
      : null;
  return { content, commit: gitCommitShape(ctx, repo, commit) };
}

/** `commit` (the REST commit of `GET /commits`): the git commit plus links; no GitHub user is matched to its author. */
export function commitShape(ctx: ShapeContext, repo: RepoRecord, commit: CommitRecord): Record<string, unknown> {
  const api = repoApi(ctx, repo);
  const web = repoWeb(ctx, repo);
  return {
    url: `${api}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: nodeId("Commit", commit.sha),
    html_url: `${web}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: commit.author,
      committer: commit.committer,
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
      verification: UNSIGNED,
    },
    author: null,
    committer: null,
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${web}/commit/${sha}` })),
  };
}
