/** The repository itself and collaborator permissions. */
import { HttpError, repoOf, type HandlerTable } from "../handler.js";
import { repoShape, userShape } from "../shapes-common.js";
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
