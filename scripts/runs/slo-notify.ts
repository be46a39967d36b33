/**
 * The chat side of the SLO check, shared by the sweep (`slo`) and the per-incident watch
 * (`slo-watch`): an escalation's chat message is sent only by the run whose write created the
 * escalation comment, so whichever of the two posts it first also sends it, once.
 */
import type { SloNotification } from "../core/slo/index.js";
import type { AppliedEffect } from "../github/effects.js";
import { sendChatMessages } from "./chat.js";

/** The notifications whose comment this run created: a rerun finds the comment and sends nothing. */
export function dueNotifications(
  notifications: readonly SloNotification[],
  applied: readonly AppliedEffect[],
): SloNotification[] {
  return notifications.filter((n) =>
    applied.some(
      (a) =>
        a.outcome === "created" &&
        a.effect.kind === "upsert-comment" &&
        a.effect.key === n.commentKey &&
        a.effect.issue === n.incident,
    ),
  );
}

/** Sends each message; returns how many failed (each is logged, without the URL). */
export async function notify(url: string, notifications: readonly SloNotification[]): Promise<number> {
  return sendChatMessages(
    url,
    notifications.map((n) => ({ about: `#${n.incident}`, payload: n.message })),
  );
}
