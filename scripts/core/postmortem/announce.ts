/**
 * Announcing a final postmortem of the top severity (the first severity of the policy) to everyone:
 * one issue labelled `announcement`, found again by its marker so it is opened once, and one chat
 * message sent by the run that opened it. Only postmortems whose review was recent count, so that
 * adopting the workflow does not announce years of history at once.
 */
import type { DateTime } from "luxon";
import type { Effect } from "../model/index.js";
import { safeInline } from "../model/index.js";
import { appendMarker, blobUrl } from "../model/index.js";
import { capBody, type PostmortemFacts } from "./daily-input.js";

/** Label of announcement issues. */
export const ANNOUNCEMENT_LABEL = "announcement";

/** Days after its review during which a final postmortem is still announced (default 30). */
export const ANNOUNCE_WITHIN_DAYS = 30;

export const announcementKey = (incident: number) => `postmortem-announcement:INC-${incident}`;

/** A chat message, sent only when the issue with `key` was created by this run. */
export interface Announcement {
  key: string;
  incident: number;
  message: { text: string };
}

export interface AnnounceInput {
  now: DateTime;
  /** The policy's most severe level (its first severity), `P1`. */
  topSeverity: string;
  postmortems: readonly PostmortemFacts[];
  repoUrl: string;
  withinDays?: number;
}

/** Issues to open (once) and the chat messages that go with them. */
export function planAnnouncements(input: AnnounceInput): { effects: Effect[]; announcements: Announcement[] } {
  const today = input.now.toUTC().toISODate() ?? "";
  const since =
    input.now
      .toUTC()
      .minus({ days: input.withinDays ?? ANNOUNCE_WITHIN_DAYS })
      .toISODate() ?? "";
  const effects: Effect[] = [];
  const announcements: Announcement[] = [];
  for (const pm of input.postmortems) {
    if (pm.status !== "final" || pm.severity !== input.topSeverity || !pm.review) continue;
    if (pm.review < since || pm.review > today) continue;
    const key = announcementKey(pm.incident);
    const link = blobUrl(input.repoUrl, pm.path);
    const title = `Postmortem of INC-${pm.incident}: ${safeInline(pm.title, 200)}`;
    const body = [
      `The postmortem of incident #${pm.incident} (${pm.severity}) is final after its review on ${pm.review}.`,
      "",
      `**Summary:** ${safeInline(pm.summary, 2000)}`,
      "",
      `Read it here: [${pm.path}](${link}). Action items are tracked as follow-up issues linked from it.`,
    ].join("\n");
    effects.push({
      kind: "create-issue",
      key,
      title,
      body: appendMarker(capBody(body), key),
      labels: [ANNOUNCEMENT_LABEL],
    });
    announcements.push({
      key,
      incident: pm.incident,
      message: {
        text: `Postmortem of INC-${pm.incident} (${pm.severity}) is final: ${safeInline(pm.title, 200)}. ${safeInline(pm.summary, 500)} ${link}`,
      },
    });
  }
  return { effects, announcements };
}
