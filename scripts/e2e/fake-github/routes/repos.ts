/** The repository itself, its commit history and collaborator permissions. */
import { HttpError, paginate, repoOf, type HandlerTable } from "../handler.js";
import { repoShape, userShape } from "../shapes-common.js";
import { commitShape } from "../shapes-git.js";
import type { Permission } from "../model.js";

/** The legacy `permission` field folds maintain into write and triage into read. */
const LEGACY: Record<Permission, string> = {
  admin: "admin",
  maintain: "write",
  write: "write",
  triage: "read",
  read: "read",
  none: "none",
};

const RANK: Permission[] = ["none", "read", "triage", "write", "maintain", "admin"];

export const repoHandlers: HandlerTable = {
  /**
   * `GET /commits`: the commits reachable from `sha` (default: the default branch), newest committer
   * date first, filtered by `since`/`until` (committer date) and `path`. Simpler than git's history
   * simplification: with `path`, a commit is listed when what the path names differs from every parent
   * (so a merge that only brings a branch's change is left out and the branch's commit is listed).
   */
  "repos/list-commits": (ctx) => {
    const repo = repoOf(ctx);
    const start = ctx.query["sha"] ?? repo.defaultBranch;
    const tip = repo.git.resolveCommit(start);
    if (!tip) throw new HttpError(404, `No commit found for SHA: ${start}`);
    const path = (ctx.query["path"] ?? "").replace(/^\/+|\/+$/g, "");
    const since = ctx.query["since"] ? Date.parse(ctx.query["since"]) : -Infinity;
    const until = ctx.query["until"] ? Date.parse(ctx.query["until"]) : Infinity;
    const at = (sha: string) => repo.git.lookup(sha, path)?.sha;
    const items = [...repo.git.ancestors(tip)]
      .map((sha) => repo.git.commits.get(sha)!)
      .filter((c) => {
        const date = Date.parse(c.committer.date);
        if (date < since || date > until) return false;
        if (!path) return true;
        const here = at(c.sha);
        return c.parents.length === 0 ? here !== undefined : c.parents.every((p) => at(p) !== here);
      })
      .sort((a, b) => Date.parse(b.committer.date) - Date.parse(a.committer.date) || (a.sha < b.sha ? -1 : 1));
    return paginate(ctx, items, (c) => commitShape(ctx, repo, c));
  },

  "repos/get": (ctx) => ({ status: 200, body: repoShape(ctx, repoOf(ctx)) }),

  "repos/get-collaborator-permission-level": (ctx) => {
    const repo = repoOf(ctx);
    const login = ctx.params["username"] ?? "";
    const permission = ctx.store.permissionOf(repo, login);
    if (permission === undefined) throw new HttpError(404, `${login} is not a user`);
    const rank = RANK.indexOf(permission);
    const at = (p: Permission) => rank >= RANK.indexOf(p);
    return {
      status: 200,
      body: {
        permission: LEGACY[permission],
        role_name: permission === "none" ? "" : permission,
        user: {
          ...userShape(ctx, login),
          permissions: {
            pull: at("read"),
            triage: at("triage"),
            push: at("write"),
            maintain: at("maintain"),
            admin: at("admin"),
          },
          role_name: permission === "none" ? "" : permission,
        },
      },
    };
  },
};
