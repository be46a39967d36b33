/**
 * Sending chat messages to the optional webhook (the `ONCALL_CHAT_WEBHOOK_URL` secret), the one way
 * every run does it: one POST per message with the adapter's time scale for retries, each outcome
 * logged without the URL, and a failure counted rather than thrown, so the GitHub writes already made
 * stand and the run can end failed with a count.
 */
import * as core from "@actions/core";
import { clientOptionsFromEnv } from "../github/octokit.js";
import { postWebhook } from "../notify/webhook.js";

/** One message: what the log calls it (`#12`, `the rot-a handoff`) and the Slack-compatible payload. */
export interface ChatMessage {
  about: string;
  payload: unknown;
}

/** Sends each message in order; returns how many could not be delivered. */
export async function sendChatMessages(url: string, messages: readonly ChatMessage[]): Promise<number> {
  if (!url || messages.length === 0) return 0;
  const scale = clientOptionsFromEnv().timeScaleMs ?? 1000;
  let failed = 0;
  for (const m of messages) {
    try {
      const result = await postWebhook(url, m.payload, { retryDelayMs: scale, timeoutMs: 10_000 });
      core.info(`Chat message for ${m.about} delivered (HTTP ${result.status}).`);
    } catch (error) {
      failed++;
      core.warning(`Chat message for ${m.about} not delivered: ${(error as Error).message}`);
    }
  }
  return failed;
}
