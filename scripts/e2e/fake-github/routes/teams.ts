/**
 * Team memberships (`PUT`/`DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}`), for the
 * handoff's "whoever is on call" team. A team exists once a test seeds it in `store.teams`; adding an
 * existing member changes nothing, removing someone who is not a member answers 204 as well (the fake
 * accepts the removal; GitHub answers 204 or 404 then, and the adapter treats both as done).
 */
import { HttpError, type HandlerContext, type HandlerTable } from "../handler.js";

function teamOf(ctx: HandlerContext): { key: string; members: string[] } {
  const key = `${ctx.params["org"] ?? ""}/${ctx.params["team_slug"] ?? ""}`.toLowerCase();
  const members = ctx.store.teams.get(key);
  if (!members) throw new HttpError(404, "Not Found");
  return { key, members };
}

export const teamHandlers: HandlerTable = {
  "teams/add-or-update-membership-for-user-in-org": (ctx) => {
    const { key, members } = teamOf(ctx);
    const username = ctx.params["username"] ?? "";
    ctx.store.user(username);
    if (!members.some((m) => m.toLowerCase() === username.toLowerCase())) members.push(username);
    const role = (ctx.body as { role?: string } | undefined)?.role === "maintainer" ? "maintainer" : "member";
    return {
      status: 200,
      body: {
        url: `${ctx.api}/orgs/${key.split("/")[0]}/teams/${key.split("/")[1]}/memberships/${username}`,
        role,
        state: "active",
      },
    };
  },

  "teams/remove-membership-for-user-in-org": (ctx) => {
    const { members } = teamOf(ctx);
    const username = (ctx.params["username"] ?? "").toLowerCase();
    const at = members.findIndex((m) => m.toLowerCase() === username);
    if (at >= 0) members.splice(at, 1);
    return { status: 204 };
  },
};
