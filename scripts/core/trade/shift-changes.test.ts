/**
 * Issue 12 item 5, "Your shifts changed". Every test here fails before the issue item 5: the module
 * (movedShifts, planShiftChangeNotice) did not exist, so nobody was told when a merged change moved
 * their published shifts.
 */
import { describe, expect, it } from "vitest";
import { releaseLeaverShifts } from "../rotation/index.js";
import type { Shift } from "../model/index.js";
import {
  approversOf,
  movedShifts,
  planShiftChangeNotice,
  renderShiftChangeComment,
  SHIFT_CHANGE_LIMITS,
  SHIFT_CHANGES_KEY,
  type PersonShiftChange,
} from "./shift-changes.js";
import { at, baseShifts, override, PEOPLE, side, swapped, weekly } from "./test-kit.js";

/** Mon 30 Nov 2026 12:00 New York: the merge, while the first rot-a and rot-b shifts of baseShifts run. */
const MERGE = at("2026-11-30T12:00");

/** Logins and lines only, for readable expectations. */
const view = (people: readonly PersonShiftChange[]) =>
  Object.fromEntries(people.map((p) => [p.login, { zone: p.zone, before: p.before, after: p.after }]));

function apply(shifts: readonly Shift[], edits: ReturnType<typeof releaseLeaverShifts>): Shift[] {
  const out: Shift[] = [];
  shifts.forEach((s, i) => out.push(...(edits.find((e) => e.index === i)?.replacement ?? [s])));
  return out;
}

describe("movedShifts", () => {
  it("a roster change: an end date moves the leaver's later shifts to their manager, and both are told", () => {
    const shifts = baseShifts();
    const leaving = PEOPLE.map((p) => (p.login === "bob" ? { ...p, end: "2026-12-31" } : p));
    const moved = movedShifts({
      before: side(shifts),
      after: side(shifts, [], leaving),
      at: MERGE,
      author: "frank",
      approvers: [],
    });
    expect(view(moved)).toEqual({
      // Bob's last shift runs past his last day: he keeps it until midnight after it, then dana takes over.
      bob: {
        zone: "America/New_York",
        before: ["rot-a Mon 28 Dec 2026 11:00 to Mon 4 Jan 2027 11:00 UTC-05:00"],
        after: ["rot-a Mon 28 Dec 2026 11:00 to Fri 1 Jan 2027 00:00 UTC-05:00"],
      },
      dana: {
        zone: "America/New_York",
        before: [],
        after: ["rot-a Fri 1 Jan 2027 00:00 to Mon 4 Jan 2027 11:00 UTC-05:00 (as fallback)"],
      },
    });
  });

  it("a leaver's shifts released in the schedule (login: null, fallback) tell the leaver and manager", () => {
    const shifts = baseShifts();
    const leaving = PEOPLE.map((p) => (p.login === "gwen" ? { ...p, end: "2026-12-20" } : p));
    const released = apply(shifts, releaseLeaverShifts(shifts, leaving, { timezone: "America/New_York" }));
    const moved = movedShifts({
      before: side(shifts),
      after: side(released, [], leaving),
      at: MERGE,
      author: "github-actions[bot]",
      approvers: [],
    });
    // gwen (Berlin) had rot-b 23-30 Dec and 6-13 Jan; frank, her manager, is also in Berlin.
    expect(view(moved)).toEqual({
      frank: {
        zone: "Europe/Berlin",
        before: [],
        after: [
          "rot-b Wed 23 Dec 2026 17:00 to Wed 30 Dec 2026 17:00 UTC+01:00 (as fallback)",
          "rot-b Wed 6 Jan 2027 17:00 to Wed 13 Jan 2027 17:00 UTC+01:00 (as fallback)",
        ],
      },
      gwen: {
        zone: "Europe/Berlin",
        before: [
          "rot-b Wed 23 Dec 2026 17:00 to Wed 30 Dec 2026 17:00 UTC+01:00",
          "rot-b Wed 6 Jan 2027 17:00 to Wed 13 Jan 2027 17:00 UTC+01:00",
        ],
        after: [],
      },
    });
  });

  it("an override cover tells the covered person (their shift in two parts) and the one who covers", () => {
    const shifts = baseShifts();
    const cover = override("rot-b", "2026-12-10T09:00", "2026-12-11T09:00", "erin");
    const moved = movedShifts({
      before: side(shifts),
      after: side(shifts, [cover]),
      at: MERGE,
      author: "dana",
      approvers: [],
    });
    expect(view(moved)).toEqual({
      erin: {
        zone: "Europe/Berlin",
        before: [],
        after: ["rot-b Thu 10 Dec 2026 15:00 to Fri 11 Dec 2026 15:00 UTC+01:00 (covering)"],
      },
      gwen: {
        zone: "Europe/Berlin",
        before: ["rot-b Wed 9 Dec 2026 17:00 to Wed 16 Dec 2026 17:00 UTC+01:00"],
        after: [
          "rot-b Wed 9 Dec 2026 17:00 to Thu 10 Dec 2026 15:00 UTC+01:00",
          "rot-b Fri 11 Dec 2026 15:00 to Wed 16 Dec 2026 17:00 UTC+01:00",
        ],
      },
    });
  });

  it("a person who approved is not told; a dismissed approval or a later change request does not count", () => {
    const before = baseShifts();
    const after = swapped(before, ["bob", "2026-12-07T11:00"], ["carol", "2026-12-14T11:00"]);
    const told = (reviews: Parameters<typeof approversOf>[0]) =>
      movedShifts({
        before: side(before),
        after: side(after),
        at: MERGE,
        author: "dana",
        approvers: approversOf(reviews),
      }).map((p) => p.login);
    expect(told([])).toEqual(["bob", "carol"]);
    // Bob approved (then only commented: still approved); GitHub spells logins in any case.
    expect(
      told([
        { login: "Bob", state: "APPROVED", submittedAt: "2026-11-29T10:00:00Z" },
        { login: "bob", state: "COMMENTED", submittedAt: "2026-11-29T11:00:00Z" },
      ]),
    ).toEqual(["carol"]);
    expect(
      told([
        { login: "bob", state: "APPROVED", submittedAt: "2026-11-29T10:00:00Z" },
        { login: "carol", state: "APPROVED", submittedAt: "2026-11-29T10:00:00Z" },
      ]),
    ).toEqual([]);
    expect(
      told([
        { login: "bob", state: "APPROVED", submittedAt: "2026-11-29T10:00:00Z" },
        { login: "bob", state: "DISMISSED", submittedAt: "2026-11-29T11:00:00Z" },
        { login: "carol", state: "APPROVED", submittedAt: "2026-11-29T10:00:00Z" },
        { login: "carol", state: "CHANGES_REQUESTED", submittedAt: "2026-11-29T12:00:00Z" },
      ]),
    ).toEqual(["bob", "carol"]);
    // A manager approving for bob is consent for the trade check, but bob himself has not seen it.
    expect(told([{ login: "dana", state: "APPROVED" }])).toEqual(["bob", "carol"]);
  });

  it("the author is not told", () => {
    const before = baseShifts();
    const after = swapped(before, ["bob", "2026-12-07T11:00"], ["carol", "2026-12-14T11:00"]);
    const moved = movedShifts({ before: side(before), after: side(after), at: MERGE, author: "BOB", approvers: [] });
    expect(moved.map((p) => p.login)).toEqual(["carol"]);
    expect(moved[0]).toMatchObject({
      before: ["rot-a Mon 14 Dec 2026 11:00 to Mon 21 Dec 2026 11:00 UTC-05:00"],
      after: ["rot-a Mon 7 Dec 2026 11:00 to Mon 14 Dec 2026 11:00 UTC-05:00"],
    });
  });

  it("shows each person's own zone across the EU and US DST changes (different weeks in 2026)", () => {
    // rot-a from Mon 19 Oct and rot-b from Wed 21 Oct 2026: Berlin leaves summer time on 25 Oct, New York on 1 Nov.
    const a = weekly("rot-a", "2026-10-19T11:00", ["alice", "bob", "carol"]);
    const b = weekly("rot-b", "2026-10-21T11:00", ["erin", "gwen", "gwen"]);
    const before = [...a, ...b];
    const after = swapped(
      swapped(before, ["alice", "2026-10-19T11:00"], ["bob", "2026-10-26T11:00"]),
      ["erin", "2026-10-21T11:00"],
      ["gwen", "2026-10-28T11:00"],
    );
    const moved = movedShifts({
      before: side(before),
      after: side(after),
      at: at("2026-10-19T09:00"),
      author: "dana",
      approvers: ["bob", "gwen"],
    });
    expect(view(moved)).toEqual({
      alice: {
        zone: "America/New_York",
        before: ["rot-a Mon 19 Oct 2026 11:00 to Mon 26 Oct 2026 11:00 UTC-04:00"],
        // Crosses the US change: each end shows its own offset.
        after: ["rot-a Mon 26 Oct 2026 11:00 UTC-04:00 to Mon 2 Nov 2026 11:00 UTC-05:00"],
      },
      erin: {
        zone: "Europe/Berlin",
        // Crosses the EU change: 11:00 in New York is 17:00 in Berlin before it and 16:00 after it.
        before: ["rot-b Wed 21 Oct 2026 17:00 UTC+02:00 to Wed 28 Oct 2026 16:00 UTC+01:00"],
        // Between the two changes, and after both: 16:00, then 17:00 again, in the same Berlin offset.
        after: ["rot-b Wed 28 Oct 2026 16:00 to Wed 4 Nov 2026 17:00 UTC+01:00"],
      },
    });
  });

  it("counts only time from `at` on: past changes and ongoing unchanged shifts tell nobody", () => {
    const shifts = baseShifts();
    // A correction of bob's past week (before the merge) moves nothing that is still to come.
    const past = override("rot-a", "2026-11-23T11:00", "2026-11-24T11:00", "carol");
    expect(
      movedShifts({ before: side(shifts), after: side(shifts, [past]), at: MERGE, author: "x", approvers: [] }),
    ).toEqual([]);
    // A cover of the rest of alice's shift under way: she is told, with her whole shift as it was.
    const rest = override("rot-a", "2026-12-01T11:00", "2026-12-07T11:00", "carol");
    const moved = movedShifts({
      before: side(shifts),
      after: side(shifts, [rest]),
      at: MERGE,
      author: "x",
      approvers: [],
    });
    expect(view(moved)["alice"]).toEqual({
      zone: "America/New_York",
      before: ["rot-a Mon 30 Nov 2026 11:00 to Mon 7 Dec 2026 11:00 UTC-05:00"],
      after: ["rot-a Mon 30 Nov 2026 11:00 to Tue 1 Dec 2026 11:00 UTC-05:00"],
    });
    // Merged after that shift ended: nobody.
    expect(
      movedShifts({
        before: side(shifts),
        after: side(shifts, [rest]),
        at: at("2026-12-07T11:00"),
        author: "x",
        approvers: [],
      }),
    ).toEqual([]);
  });

  it("newly published weeks move nobody's shifts", () => {
    const shifts = baseShifts();
    const more = [
      ...shifts,
      ...weekly("rot-a", "2027-01-11T11:00", ["alice"]),
      ...weekly("rot-b", "2027-01-13T11:00", ["erin"]),
    ];
    expect(movedShifts({ before: side(shifts), after: side(more), at: MERGE, author: "x", approvers: [] })).toEqual([]);
  });
});

describe("the comment", () => {
  const before = baseShifts();
  const after = swapped(before, ["bob", "2026-12-07T11:00"], ["carol", "2026-12-14T11:00"]);
  const input = { before: side(before), after: side(after), at: MERGE, author: "dana", approvers: [], pull: 7 };

  it("mentions each person once, with before and after, as one comment on the pull request", () => {
    const plan = planShiftChangeNotice({ ...input, posted: false });
    expect(plan.effects).toHaveLength(1);
    const effect = plan.effects[0]!;
    expect(effect).toMatchObject({ kind: "upsert-comment", issue: 7, key: SHIFT_CHANGES_KEY });
    const body = effect.kind === "upsert-comment" ? effect.body : "";
    expect(body.match(/@bob\b/g)).toHaveLength(1);
    expect(body.match(/@carol\b/g)).toHaveLength(1);
    expect(body).toContain("- Before:\n  - rot-a Mon 7 Dec 2026 11:00 to Mon 14 Dec 2026 11:00 UTC-05:00");
    expect(body).not.toContain("@dana");
  });

  it("posts nothing when an earlier run's comment exists, or when nobody is to be told", () => {
    expect(planShiftChangeNotice({ ...input, posted: true }).effects).toEqual([]);
    expect(planShiftChangeNotice({ ...input, approvers: ["bob", "carol"], posted: false })).toEqual({
      people: [],
      effects: [],
    });
  });

  it("stays under GitHub's 65,536 characters and still mentions everyone, however many people moved", () => {
    const line = "rot-a Mon 7 Dec 2026 11:00 to Mon 14 Dec 2026 11:00 UTC-05:00 (as fallback)";
    const people: PersonShiftChange[] = Array.from({ length: 1200 }, (_, i) => ({
      login: `person-${String(i).padStart(4, "0")}-with-a-long-login-name`.slice(0, 39),
      zone: "America/Argentina/ComodRivadavia",
      before: Array.from({ length: 60 }, () => line),
      after: [],
    }));
    const body = renderShiftChangeComment(people, MERGE);
    expect(body.length).toBeLessThanOrEqual(SHIFT_CHANGE_LIMITS.body);
    for (const p of people) expect(body).toContain(`@${p.login}`);
    expect(body).toContain("… and 40 more");
    expect(body).toContain("Also moved");
  });
});
