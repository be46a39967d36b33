/**
 * A content-addressed object store for one fake repository: blobs, trees, commits and refs, enough
 * for the contents API, the git data API and pull-request file lists to agree with each other.
 *
 * Blob ids are real git blob hashes; tree and commit ids are SHA-1 hashes of a stable serialization
 * (not byte-compatible with git, but 40 hex digits, unique and deterministic). Refs are stored
 * without the `refs/` prefix (`heads/main`).
 */
import { createHash } from "node:crypto";

/** One entry of a pull request's file list. */
export interface ChangedFile {
  filename: string;
  status: "added" | "removed" | "modified" | "renamed";
  sha: string | null;
  additions: number;
  deletions: number;
}

export const FILE_MODE = "100644";
const TREE_MODE = "040000";

export interface TreeEntry {
  name: string;
  mode: string;
  type: "blob" | "tree";
  sha: string;
}

export interface GitPerson {
  name: string;
  email: string;
  /** ISO-8601. */
  date: string;
}

export interface CommitRecord {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: GitPerson;
  committer: GitPerson;
}

/** A file in a flattened tree, keyed elsewhere by its full path. */
export interface FlatFile {
  mode: string;
  sha: string;
}

/** What a path names inside a commit's tree. */
export type PathLookup =
  | { kind: "blob"; path: string; sha: string; mode: string; content: Buffer }
  | { kind: "tree"; path: string; sha: string; entries: TreeEntry[] };

function sha1(text: string | Buffer): string {
  return createHash("sha1").update(text).digest("hex");
}

export class GitStore {
  readonly blobs = new Map<string, Buffer>();
  readonly trees = new Map<string, TreeEntry[]>();
  readonly commits = new Map<string, CommitRecord>();
  /** `heads/main` -> commit sha. */
  readonly refs = new Map<string, string>();

  /** Stores content (UTF-8 when a string) and returns its git blob id. */
  putBlob(content: Buffer | string): string {
    const buffer = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    const sha = sha1(Buffer.concat([Buffer.from(`blob ${buffer.length}\0`), buffer]));
    this.blobs.set(sha, buffer);
    return sha;
  }

  /** Stores the nested trees for a flat `path -> file` map and returns the root tree id. */
  putFlatTree(files: ReadonlyMap<string, FlatFile>): string {
    const here: TreeEntry[] = [];
    const subdirs = new Map<string, Map<string, FlatFile>>();
    for (const [path, file] of files) {
      const slash = path.indexOf("/");
      if (slash < 0) {
        here.push({ name: path, mode: file.mode, type: "blob", sha: file.sha });
        continue;
      }
      const dir = path.slice(0, slash);
      const inner = subdirs.get(dir) ?? new Map<string, FlatFile>();
      inner.set(path.slice(slash + 1), file);
      subdirs.set(dir, inner);
    }
    for (const [dir, inner] of subdirs)
      here.push({ name: dir, mode: TREE_MODE, type: "tree", sha: this.putFlatTree(inner) });
    here.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const sha = sha1(`tree\0${here.map((e) => `${e.mode} ${e.type} ${e.sha}\t${e.name}`).join("\n")}`);
    this.trees.set(sha, here);
    return sha;
  }

  /** Every file under a tree, keyed by full path (`prefix` is prepended). */
  flatten(treeSha: string, prefix = ""): Map<string, FlatFile> {
    const out = new Map<string, FlatFile>();
    for (const entry of this.trees.get(treeSha) ?? []) {
      const path = `${prefix}${entry.name}`;
      if (entry.type === "tree") for (const [p, f] of this.flatten(entry.sha, `${path}/`)) out.set(p, f);
      else out.set(path, { mode: entry.mode, sha: entry.sha });
    }
    return out;
  }

  putCommit(commit: Omit<CommitRecord, "sha">): string {
    const sha = sha1(JSON.stringify(commit));
    this.commits.set(sha, { sha, ...commit });
    return sha;
  }

  /**
   * Resolves a branch name, `heads/x`, `refs/heads/x`, a tag ref or a full commit sha to a commit
   * sha; `undefined` when it names nothing.
   */
  resolveCommit(refish: string): string | undefined {
    const name = refish.replace(/^refs\//, "");
    const direct = this.refs.get(name) ?? this.refs.get(`heads/${name}`) ?? this.refs.get(`tags/${name}`);
    if (direct) return direct;
    return this.commits.has(refish) ? refish : undefined;
  }

  /** What `path` ("" for the root) names in the tree of `commitSha`. */
  lookup(commitSha: string, path: string): PathLookup | undefined {
    const commit = this.commits.get(commitSha);
    if (!commit) return undefined;
    const parts = path.split("/").filter((p) => p !== "");
    let entry: TreeEntry = { name: "", mode: TREE_MODE, type: "tree", sha: commit.tree };
    for (const part of parts) {
      if (entry.type !== "tree") return undefined;
      const next = (this.trees.get(entry.sha) ?? []).find((e) => e.name === part);
      if (!next) return undefined;
      entry = next;
    }
    const full = parts.join("/");
    if (entry.type === "tree")
      return { kind: "tree", path: full, sha: entry.sha, entries: this.trees.get(entry.sha) ?? [] };
    return {
      kind: "blob",
      path: full,
      sha: entry.sha,
      mode: entry.mode,
      content: this.blobs.get(entry.sha) ?? Buffer.alloc(0),
    };
  }

  /**
   * Commits changes (`path -> content`, `null` deletes) on top of a branch and moves the branch.
   * Creates the branch (from no parent) when it does not exist yet; `extraParents` makes a merge
   * commit. Returns the new commit sha.
   */
  commitFiles(
    branch: string,
    changes: Readonly<Record<string, string | Buffer | null>>,
    message: string,
    person: GitPerson,
    extraParents: readonly string[] = [],
  ): string {
    const parent = this.refs.get(`heads/${branch}`);
    const files = parent ? this.flatten(this.commits.get(parent)?.tree ?? "") : new Map<string, FlatFile>();
    for (const [path, content] of Object.entries(changes)) {
      if (content === null) files.delete(path);
      else files.set(path, { mode: FILE_MODE, sha: this.putBlob(content) });
    }
    const tree = this.putFlatTree(files);
    const sha = this.putCommit({
      tree,
      parents: [...(parent ? [parent] : []), ...extraParents],
      message,
      author: person,
      committer: person,
    });
    this.refs.set(`heads/${branch}`, sha);
    return sha;
  }

  /** All commits reachable from `sha`, itself included. */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const queue = [sha];
    while (queue.length > 0) {
      const next = queue.shift() as string;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(this.commits.get(next)?.parents ?? []));
    }
    return seen;
  }

  /** The nearest common ancestor of two commits (breadth-first from `head`). */
  mergeBase(base: string, head: string): string | undefined {
    const fromBase = this.ancestors(base);
    for (const sha of this.ancestors(head)) if (fromBase.has(sha)) return sha;
    return undefined;
  }

  /** Files that differ between two commits' trees, sorted by path, with rough line counts. */
  diff(fromCommit: string | undefined, toCommit: string): ChangedFile[] {
    const before = fromCommit ? this.flatten(this.commits.get(fromCommit)?.tree ?? "") : new Map<string, FlatFile>();
    const after = this.flatten(this.commits.get(toCommit)?.tree ?? "");
    const out: ChangedFile[] = [];
    for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const a = before.get(path);
      const b = after.get(path);
      if (a?.sha === b?.sha) continue;
      const [additions, deletions] = lineDelta(this.text(a?.sha), this.text(b?.sha));
      const status = !a ? "added" : !b ? "removed" : "modified";
      out.push({ filename: path, status, sha: b?.sha ?? a?.sha ?? null, additions, deletions });
    }
    return out;
  }

  private text(sha: string | undefined): string {
    return sha ? (this.blobs.get(sha)?.toString("utf8") ?? "") : "";
  }
}

/** Added and removed line counts, comparing the two texts as multisets of lines. */
function lineDelta(before: string, after: string): [number, number] {
  const split = (t: string) => (t === "" ? [] : t.replace(/\n$/, "").split("\n"));
  const pool = new Map<string, number>();
  for (const line of split(before)) pool.set(line, (pool.get(line) ?? 0) + 1);
  let additions = 0;
  for (const line of split(after)) {
    const left = pool.get(line) ?? 0;
    if (left > 0) pool.set(line, left - 1);
    else additions++;
  }
  const deletions = [...pool.values()].reduce((a, b) => a + b, 0);
  return [additions, deletions];
}
