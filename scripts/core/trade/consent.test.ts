import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { changeKeys, evaluateConsent, latestDecisions, type ReviewInput } from "./consent.js";
import { PEOPLE } from "./test-kit.js";

const review = (login: string, state: string, minute: number): ReviewInput => ({
  login,
  state,
  submittedAt: `2026-11-23T12:${String(minute).padStart(2, "0")}:00Z`,
  id: minute,
});
const consent = (affected: string[], author: string, reviews: ReviewInput[]) =>
  evaluateConsent({ affected, author, reviews, people: PEOPLE });

describe("evaluateConsent", () => {
  it("counts the author, and waits for the others", () => {
    const c = consent(["alice", "bob"], "alice", []);
    expect(c.complete).toBe(false);
    expect(c.missing).toEqual(["bob"]);
    expect(c.entries[0]).toMatchObject({ login: "alice", approved: true, by: "alice", how: "author" });
    expect(c.entries[1]).toMatchObject({ login: "bob", approved: false, manager: "dana" });
  });

  it("is complete when everyone approved, and when nobody is affected", () => {
    expect(consent(["alice", "bob"], "alice", [review("bob", "APPROVED", 1)]).complete).toBe(true);
    expect(consent([], "carol", [])).toEqual({ entries: [], complete: true, missing: [] });
  });

  it("needs both people when a third person edits their shifts", () => {
    const c = consent(["alice", "bob"], "carol", [review("alice", "APPROVED", 1)]);
    expect(c.missing).toEqual(["bob"]);
  });

  it("lets a manager approve for a report, also as the author", () => {
    const viaReview = consent(["alice", "erin"], "alice", [review("frank", "APPROVED", 1)]);
    expect(viaReview.complete).toBe(true);
    expect(viaReview.entries[1]).toMatchObject({ login: "erin", approved: true, by: "frank", how: "review" });
    expect(consent(["alice", "bob"], "dana", []).complete).toBe(true);
    // A manager of someone else does not count.
    expect(consent(["erin"], "alice", [review("dana", "APPROVED", 1)]).missing).toEqual(["erin"]);
  });

  it("takes each reviewer's latest decision: changes requested or a dismissal withdraws, a comment does not", () => {
    expect(
      consent(["bob"], "alice", [review("bob", "APPROVED", 1), review("bob", "CHANGES_REQUESTED", 2)]).entries[0],
    ).toMatchObject({ approved: false, withdrawn: "changes-requested" });
    expect(
      consent(["bob"], "alice", [review("bob", "APPROVED", 1), review("bob", "DISMISSED", 2)]).entries[0],
    ).toMatchObject({ approved: false, withdrawn: "dismissed" });
    expect(consent(["bob"], "alice", [review("bob", "APPROVED", 1), review("bob", "COMMENTED", 2)]).complete).toBe(
      true,
    );
    expect(
      consent(["bob"], "alice", [review("bob", "CHANGES_REQUESTED", 1), review("bob", "APPROVED", 2)]).complete,
    ).toBe(true);
    // Order by submission time, not by list order.
    expect(
      consent(["bob"], "alice", [review("bob", "CHANGES_REQUESTED", 5), review("bob", "APPROVED", 2)]).complete,
    ).toBe(false);
  });

  it("does not let a manager overrule a person's own objection, but does stand in after a dismissal", () => {
    expect(
      consent(["bob"], "alice", [review("bob", "CHANGES_REQUESTED", 1), review("dana", "APPROVED", 2)]).complete,
    ).toBe(false);
    expect(consent(["bob"], "alice", [review("bob", "DISMISSED", 1), review("dana", "APPROVED", 2)]).complete).toBe(
      true,
    );
  });

  it("compares logins case-insensitively and ignores pending reviews", () => {
    expect(consent(["bob"], "Alice", [review("BOB", "approved", 1)]).complete).toBe(true);
    expect(consent(["alice"], "ALICE", []).complete).toBe(true);
    expect(latestDecisions([review("bob", "PENDING", 1)]).size).toBe(0);
  });
});

describe("consent to a change, not to a pull request (issue 10 item 2)", () => {
  const HEAD = "h".repeat(40);
  const OLD = "0".repeat(40);
  const at = (r: ReviewInput, commitId: string | null): ReviewInput => ({ ...r, commitId });
  const judge = (reviews: ReviewInput[], reviewed: [string, "same" | "changed" | "unreadable"][] = []) =>
    evaluateConsent({
      affected: ["alice", "bob"],
      author: "alice",
      reviews,
      people: PEOPLE,
      head: { sha: HEAD, reviewed: new Map(reviewed) },
    });

  it("counts an approval of the head, or of a commit whose trade is the same", () => {
    expect(judge([at(review("bob", "APPROVED", 1), HEAD)]).complete).toBe(true);
    expect(judge([at(review("bob", "APPROVED", 1), OLD)], [[OLD, "same"]]).complete).toBe(true);
  });

  it("makes an approval of another change stale, and says who gave it on which commit", () => {
    const c = judge([at(review("bob", "APPROVED", 1), OLD)], [[OLD, "changed"]]);
    expect(c.missing).toEqual(["bob"]);
    expect(c.entries[1]).toMatchObject({ approved: false, stale: { login: "bob", commit: OLD, reason: "changed" } });
    expect(c.stale).toEqual([{ login: "bob", commit: OLD, reason: "changed" }]);
  });

  it("treats an approval of a commit it could not read (or none named) as withdrawn", () => {
    expect(judge([at(review("bob", "APPROVED", 1), OLD)]).entries[1]).toMatchObject({
      approved: false,
      stale: { reason: "unreadable" },
    });
    expect(judge([at(review("bob", "APPROVED", 1), null)]).entries[1]).toMatchObject({
      approved: false,
      stale: { commit: null, reason: "unreadable" },
    });
  });

  it("applies the same rule to a manager's approval, and never lets a stale approval overrule an objection", () => {
    const c = judge([at(review("dana", "APPROVED", 1), OLD)], [[OLD, "changed"]]);
    expect(c.entries[1]).toMatchObject({ approved: false, stale: { login: "dana" } });
    const objected = judge(
      [at(review("bob", "CHANGES_REQUESTED", 1), HEAD), at(review("dana", "APPROVED", 2), OLD)],
      [[OLD, "changed"]],
    );
    expect(objected.entries[1]).toMatchObject({ approved: false, withdrawn: "changes-requested" });
    expect(objected.stale).toBeUndefined();
  });

  it("keys changes by what they do, not by order or spelling", () => {
    const change = (from: string, to: string, day: number) => ({
      layer: "rot-a",
      slot: "rot-a",
      start: at0.plus({ days: day }),
      end: at0.plus({ days: day + 7 }),
      from,
      to,
    });
    const at0 = DateTime.fromISO("2026-12-07T11:00", { zone: "America/New_York" });
    const a = [change("bob", "carol", 0), change("carol", "bob", 7)];
    const b = [{ ...change("carol", "BOB", 7), start: a[1]!.start.toUTC() }, change("bob", "carol", 0)];
    expect(changeKeys(a)).toBe(changeKeys(b));
    expect(changeKeys(a)).not.toBe(changeKeys([change("bob", "carol", 0)]));
    expect(changeKeys(a)).not.toBe(changeKeys([change("bob", "dana", 0), change("carol", "bob", 7)]));
  });
});
