/**
 * Incident review meetings (`reviews` of incidents/policy.yaml) and booking a postmortem into one:
 * the first meeting on or after its due date that has fewer than `maxPerMeeting` postmortems booked.
 */
import { DateTime } from "luxon";
import type { ReviewCadence, Weekday } from "../model/index.js";

const WEEKDAYS: readonly Weekday[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** Meetings looked at by one booking at most: ten years of weekly meetings. */
const MAX_MEETINGS = 520;

/** Date `YYYY-MM-DD` of the first meeting: the first `weekday` on or after `from`. */
function firstMeetingDate(reviews: ReviewCadence): DateTime {
  const from = DateTime.fromISO(reviews.from, { zone: "UTC" });
  const want = WEEKDAYS.indexOf(reviews.weekday) + 1;
  return from.plus({ days: (want - from.weekday + 7) % 7 });
}

/** The meeting on the given calendar date (UTC-zoned date), at its wall-clock time in the meeting zone. */
function meetingOn(reviews: ReviewCadence, date: DateTime): DateTime {
  const [hour, minute] = reviews.time.split(":").map(Number) as [number, number];
  const { year, month, day } = date;
  return DateTime.fromObject({ year, month, day, hour, minute }, { zone: reviews.zone });
}

function stepDays(reviews: ReviewCadence): number {
  return reviews.every === "2w" ? 14 : 7;
}

/**
 * The meetings that start in `[from, to)`, in order, each a DateTime in the meeting zone (the same
 * wall-clock time across DST changes). Empty when `to` is not after `from`.
 */
export function reviewMeetings(reviews: ReviewCadence, from: DateTime, to: DateTime): DateTime[] {
  const step = stepDays(reviews);
  const first = firstMeetingDate(reviews);
  // Skip whole cadence steps up to a day before `from`, so a search far from `reviews.from` is cheap.
  const fromDay = DateTime.fromISO(from.setZone(reviews.zone).toISODate()!, { zone: "UTC" });
  const skip = Math.max(0, Math.floor((fromDay.diff(first, "days").days - 1) / step));
  const out: DateTime[] = [];
  for (let date = first.plus({ days: skip * step }); ; date = date.plus({ days: step })) {
    const meeting = meetingOn(reviews, date);
    if (meeting.toMillis() >= to.toMillis()) break;
    if (meeting.toMillis() >= from.toMillis()) out.push(meeting);
  }
  return out;
}

/**
 * The review date `YYYY-MM-DD` for a postmortem due on `due`: the first meeting on or after that date
 * (dates in the meeting zone) that has fewer than `maxPerMeeting` of the `booked` review dates.
 * @param booked the `review` dates of the postmortems already booked (one entry per postmortem).
 */
export function bookReview(reviews: ReviewCadence, due: string, booked: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const d of booked) counts.set(d, (counts.get(d) ?? 0) + 1);
  const step = stepDays(reviews);
  const first = firstMeetingDate(reviews);
  const dueDay = DateTime.fromISO(due, { zone: "UTC" });
  const skip = Math.max(0, Math.ceil(dueDay.diff(first, "days").days / step));
  let date = first.plus({ days: skip * step });
  for (let i = 0; i < MAX_MEETINGS && (counts.get(date.toISODate()!) ?? 0) >= reviews.maxPerMeeting; i++)
    date = date.plus({ days: step });
  return date.toISODate()!;
}
