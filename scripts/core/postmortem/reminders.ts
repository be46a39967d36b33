/**
 * Reminders of the daily postmortem run, on the incident issue:
 * - a draft past its due date: its authors, at most once a day, decided from the reminders already on
 *   the issue (their markers and creation times), never from when the run happens to start: a late or
 *   skipped scheduled run neither doubles nor drops one;
 * - a postmortem with no review date: the people on call, once.
 */
import type { DateTime } from "luxon";
import type { Effect } from "../model/index.js";
import { blobUrl } from "../model/index.js";
import { mentions, type MarkedComment, type PostmortemFacts } from "./daily-input.js";

/**
 * Hours that must pass after a reminder before the next one. Below 24 so that a daily run that starts
 * a little earlier than yesterday's still reminds: "at most one a day" means no two within this gap.
 */
export const REMINDER_GAP_HOURS = 20;

/** Marker key prefix of a postmortem's overdue reminders; one key per UTC date. */
export const overdueKeyPrefix = (incident: number) => `postmortem-overdue:INC-${incident}:`;

/** Marker key of the one reminder to book a review. */
export const unscheduledKey = (incident: number) => `postmortem-unscheduled:INC-${incident}`;

export interface ReminderInput {
  now: DateTime;
  postmortems: readonly PostmortemFacts[];
  /** Earlier bot comments with markers on each incident issue (read for {@link remindable} postmortems). */
  marked: ReadonlyMap<number, readonly MarkedComment[]>;
  /** Who is on call at `now`: the owners of booking a review. */
  oncall: readonly string[];
  repoUrl: string;
}

/** Whether a postmortem is a draft whose due date (a whole day, UTC) has passed at `now`. */
export function isOverdue(pm: Pick<PostmortemFacts, "status" | "due">, now: DateTime): boolean {
  return pm.status === "draft" && pm.due < (now.toUTC().toISODate() ?? "");
}

/** Whether a postmortem still needs a review meeting booked. */
export function needsReviewDate(pm: Pick<PostmortemFacts, "status" | "review">): boolean {
  return pm.status !== "final" && !pm.review;
}

/** Whether the run must read the incident issue's comments to decide on reminders. */
export function remindable(pm: PostmortemFacts, now: DateTime): boolean {
  return isOverdue(pm, now) || needsReviewDate(pm);
}

/** The reminder comments due at `now` (see the module comment). */
export function planReminders(input: ReminderInput): Effect[] {
  const { now, repoUrl } = input;
  const effects: Effect[] = [];
  const today = now.toUTC().toISODate() ?? "";
  for (const pm of input.postmortems) {
    const link = `[${pm.path}](${blobUrl(repoUrl, pm.path)})`;
    if (isOverdue(pm, now)) {
      const prefix = overdueKeyPrefix(pm.incident);
      const earlier = (input.marked.get(pm.incident) ?? []).filter((c) => c.key.startsWith(prefix));
      const last = earlier.reduce<DateTime | null>((a, c) => (a === null || c.createdAt > a ? c.createdAt : a), null);
      if (last === null || now.diff(last, "hours").hours >= REMINDER_GAP_HOURS)
        effects.push({
          kind: "upsert-comment",
          issue: pm.incident,
          key: `${prefix}${today}`,
          body: [
            `${mentions(pm.authors)}: the postmortem draft ${link} was due on ${pm.due} and is still a draft.`,
            "",
            "Please finish the draft (timeline, impact, root causes, action items) and move it to `in-review` " +
              "when it is ready for its review meeting. This reminder comes at most once a day while the draft is overdue.",
          ].join("\n"),
        });
    }
    const asked = (input.marked.get(pm.incident) ?? []).some((c) => c.key === unscheduledKey(pm.incident));
    if (needsReviewDate(pm) && !asked) {
      const who = input.oncall.length ? mentions(input.oncall) : "On-call engineers";
      effects.push({
        kind: "upsert-comment",
        issue: pm.incident,
        key: unscheduledKey(pm.incident),
        body: [
          `${who}: the postmortem ${link} has no review meeting yet.`,
          "",
          "Please book one: set `review: YYYY-MM-DD` in its front matter (the daily postmortem workflow then " +
            "lists it on that meeting's agenda).",
        ].join("\n"),
      });
    }
  }
  return effects;
}
