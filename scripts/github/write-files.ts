/**
 * Writing whole files to a branch without surprises:
 * - one file goes through the contents API (read, then write with the blob sha we read); a 409
 *   (the file changed in between) is answered by reading again and retrying;
 * - several files go through the git data API as one commit (tree, commit, then a fast-forward ref
 *   update), so either all of them land or none does; a moved branch (422 not a fast forward) is
 *   answered by rebuilding on the new head.
 * Files whose content is already on the branch are not written; identical content means no commit.
 */
import { createHash } from "node:crypto";
import type { ApplyContext } from "./apply-context.js";
import type { FileWrite } from "./effects.js";
import { hasStatus } from "./github-error.js";

/** The git blob id of UTF-8 text: what GitHub reports as a file's `sha`. */
export function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** Writes the files on `branch`; returns the paths that changed (empty when all were up to date). */
export async function writeFiles(
  ctx: ApplyContext,
  branch: string,
  files: readonly FileWrite[],
  message: string,
): Promise<string[]> {
  const [only] = files;
  if (files.length === 1 && only) return (await writeOneFile(ctx, branch, only, message)) ? [only.path] : [];
  return writeTree(ctx, branch, files, message);
}

async function currentSha(ctx: ApplyContext, branch: string, path: string): Promise<string | undefined> {
  try {
    const { data } = await ctx.call(`read ${path} on ${branch}`, () =>
      ctx.octokit.rest.repos.getContent({ ...ctx.repo, path, ref: branch }),
    );
    return Array.isArray(data) ? undefined : data.sha;
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw error;
  }
}

async function writeOneFile(ctx: ApplyContext, branch: string, file: FileWrite, message: string): Promise<boolean> {
  const wanted = gitBlobSha(file.content);
  for (let attempt = 0; ; attempt++) {
    const sha = await currentSha(ctx, branch, file.path);
    if (sha === wanted) return false;
    try {
      await ctx.call(`write ${file.path} on ${branch}`, () =>
        ctx.octokit.rest.repos.createOrUpdateFileContents({
          ...ctx.repo,
          path: file.path,
          branch,
          message,
          content: Buffer.from(file.content, "utf8").toString("base64"),
          ...(sha ? { sha } : {}),
        }),
      );
      return true;
    } catch (error) {
      if (!hasStatus(error, 409) || attempt >= ctx.conflictRetries) throw error;
      ctx.logger.warn(
        `${file.path} changed on ${branch} while it was being written; reading it again (retry ${attempt + 1} of ${ctx.conflictRetries}).`,
      );
    }
  }
}

async function writeTree(
  ctx: ApplyContext,
  branch: string,
  files: readonly FileWrite[],
  message: string,
): Promise<string[]> {
  const ref = `heads/${branch}`;
  for (let attempt = 0; ; attempt++) {
    const { data: head } = await ctx.call(`read branch ${branch}`, () =>
      ctx.octokit.rest.git.getRef({ ...ctx.repo, ref }),
    );
    const parent = head.object.sha;
    const { data: tree } = await ctx.call(`read the tree of ${branch}`, () =>
      ctx.octokit.rest.git.getTree({ ...ctx.repo, tree_sha: parent, recursive: "1" }),
    );
    const known = new Map(tree.tree.filter((e) => e.type === "blob").map((e) => [e.path, e]));
    // A truncated listing (huge repositories) cannot prove a file unchanged: write them all.
    const changed = files.filter((f) => tree.truncated || known.get(f.path)?.sha !== gitBlobSha(f.content));
    if (changed.length === 0) return [];
    const entries = changed.map((f) => ({
      path: f.path,
      mode: known.get(f.path)?.mode === "100755" ? ("100755" as const) : ("100644" as const),
      type: "blob" as const,
      content: f.content,
    }));
    const { data: newTree } = await ctx.call(`build a tree for ${branch}`, () =>
      ctx.octokit.rest.git.createTree({ ...ctx.repo, base_tree: tree.sha, tree: entries }),
    );
    const { data: commit } = await ctx.call(`commit to ${branch}`, () =>
      ctx.octokit.rest.git.createCommit({ ...ctx.repo, message, tree: newTree.sha, parents: [parent] }),
    );
    try {
      await ctx.call(`move ${branch} to the new commit`, () =>
        ctx.octokit.rest.git.updateRef({ ...ctx.repo, ref, sha: commit.sha, force: false }),
      );
      return changed.map((f) => f.path);
    } catch (error) {
      if (!hasStatus(error, 409, 422) || attempt >= ctx.conflictRetries) throw error;
      ctx.logger.warn(
        `${branch} moved while committing; rebuilding on its new head (retry ${attempt + 1} of ${ctx.conflictRetries}).`,
      );
    }
  }
}
