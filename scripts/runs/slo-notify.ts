/**
 * The chat side of the SLO check, shared by the sweep (`slo`) and the per-incident watch
 * (`slo-watch`): an escalation's chat message is sent only by the run whose write created the
 * escalation comment, so whichever of the two posts it first also sends it, once.
 */
import * as core from "@actions/core";
import type { SloNotification } from "../core/slo/index.js";
import type { AppliedEffect } from "../github/effects.js";
import { clientOptionsFromEnv } from "../github/octokit.js";
import { postWebhook } from "../notify/webhook.js";

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
  if (!url || notifications.length === 0) return 0;
  const scale = clientOptionsFromEnv().timeScaleMs ?? 1000;
  let failed = 0;
  for (const n of notifications) {
    try {
      const result = await postWebhook(url, n.message, { retryDelayMs: scale, timeoutMs: 10_000 });
      core.info(`Chat message for #${n.incident} delivered (HTTP ${result.status}).`);
    } catch (error) {
      failed++;
      core.warning(`Chat message for #${n.incident} not delivered: ${(error as Error).message}`);
    }
  }
  return failed;
}
