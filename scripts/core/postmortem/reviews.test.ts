// Fails before issue 13 item 2: there was no review cadence in the policy and no booking of reviews.
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import type { ReviewCadence } from "../model/index.js";
import { bookReview, reviewMeetings } from "./reviews.js";

const weekly: ReviewCadence = {
  every: "1w",
  weekday: "thursday",
  time: "15:00",
  zone: "Europe/London",
  from: "2026-10-01",
  maxPerMeeting: 4,
  agendaDays: 2,
};
const fortnightly: ReviewCadence = { ...weekly, every: "2w", from: "2026-09-28" };

describe("reviewMeetings (issue 13 item 2)", () => {
  it("keeps the wall-clock time across a DST change", () => {
    const from = DateTime.fromISO("2026-10-10T00:00:00Z", { zone: "UTC" });
    const to = DateTime.fromISO("2026-11-06T00:00:00Z", { zone: "UTC" });
    const meetings = reviewMeetings(weekly, from, to);
    expect(meetings.map((m) => m.toISO({ suppressMilliseconds: true }))).toEqual([
      "2026-10-15T15:00:00+01:00",
      "2026-10-22T15:00:00+01:00",
      "2026-10-29T15:00:00+00:00",
      "2026-11-05T15:00:00+00:00",
    ]);
  });

  it("counts fortnights from the first meeting on or after `from`", () => {
    const from = DateTime.fromISO("2026-09-01T00:00:00Z", { zone: "UTC" });
    const to = DateTime.fromISO("2026-11-01T00:00:00Z", { zone: "UTC" });
    expect(reviewMeetings(fortnightly, from, to).map((m) => m.toISODate())).toEqual([
      "2026-10-01",
      "2026-10-15",
      "2026-10-29",
    ]);
  });

  it("excludes a meeting that already started and includes one starting at `from`", () => {
    const at = DateTime.fromISO("2026-10-15T15:00:00", { zone: "Europe/London" });
    expect(reviewMeetings(weekly, at, at.plus({ days: 1 })).length).toBe(1);
    expect(reviewMeetings(weekly, at.plus({ minutes: 1 }), at.plus({ days: 1 }))).toEqual([]);
  });
});

describe("bookReview (issue 13 item 2)", () => {
  it("books the first meeting on or after the due date", () => {
    expect(bookReview(weekly, "2026-10-13", [])).toBe("2026-10-15");
    expect(bookReview(weekly, "2026-10-15", [])).toBe("2026-10-15");
    expect(bookReview(weekly, "2026-09-02", [])).toBe("2026-10-01");
    expect(bookReview(fortnightly, "2026-10-16", [])).toBe("2026-10-29");
  });

  it("moves on past a full meeting (maxPerMeeting, default 4)", () => {
    const four = Array(4).fill("2026-10-15");
    expect(bookReview(weekly, "2026-10-13", four.slice(0, 3))).toBe("2026-10-15");
    expect(bookReview(weekly, "2026-10-13", four)).toBe("2026-10-22");
    expect(bookReview(weekly, "2026-10-13", [...four, ...Array(4).fill("2026-10-22")])).toBe("2026-10-29");
    expect(bookReview({ ...weekly, maxPerMeeting: 1 }, "2026-10-13", ["2026-10-15"])).toBe("2026-10-22");
    // Bookings of other meetings do not count.
    expect(bookReview(weekly, "2026-10-13", Array(9).fill("2026-10-08"))).toBe("2026-10-15");
  });
});
