import { describe, expect, it } from "vitest";
import { diffCoverage } from "./diff.js";
import { dateRange, tradeSummary } from "./summary.js";
import { at, baseShifts, NY, override, PEOPLE, side, swapped, weekly } from "./test-kit.js";

const summarize = (before: ReturnType<typeof side>, after: ReturnType<typeof side>) => {
  const { changes, published } = diffCoverage(before, after);
  return tradeSummary(changes, published, before.shifts, NY);
};

describe("dateRange", () => {
  it("names days within a month, across months, and with times", () => {
    expect(dateRange(at("2026-12-07T11:00"), at("2026-12-14T11:00"), NY, false)).toBe("7-14 Dec");
    expect(dateRange(at("2026-12-28T11:00"), at("2027-01-04T11:00"), NY, false)).toBe("28 Dec-4 Jan");
    expect(dateRange(at("2026-12-01T09:00"), at("2026-12-02T09:00"), NY, true)).toBe("1 Dec 09:00-2 Dec 09:00");
    expect(dateRange(at("2026-12-01T09:00"), at("2026-12-01T17:30"), NY, true)).toBe("1 Dec 09:00-17:30");
  });
});

describe("tradeSummary", () => {
  it("says a swap the way people say it", () => {
    const before = baseShifts(["bob", "carol", "alice", "bob", "carol", "alice"]);
    const after = swapped(before, ["bob", "2026-11-30T11:00"], ["alice", "2026-12-14T11:00"]);
    expect(summarize(side(before), side(after))).toBe(
      "alice takes bob's rot-a shift 30 Nov-7 Dec; bob takes alice's 14-21 Dec",
    );
  });

  it("names the layer again when it changes", () => {
    const before = baseShifts();
    const after = before.map((s) =>
      s.layer === "rot-b" && s.start.equals(at("2026-12-09T11:00")) ? { ...s, login: "alice" } : s,
    );
    const withA = after.map((s) =>
      s.layer === "rot-a" && s.start.equals(at("2027-01-04T11:00")) ? { ...s, login: "gwen" } : s,
    );
    expect(summarize(side(before), side(withA))).toBe(
      "alice takes gwen's rot-b shift 9-16 Dec; gwen takes carol's rot-a shift 4-11 Jan",
    );
  });

  it("describes part of a shift with times, and fallbacks and gaps plainly", () => {
    const shifts = baseShifts();
    expect(
      summarize(side(shifts), side(shifts, [override("rot-b", "2026-12-03T09:00", "2026-12-04T09:00", "gwen")])),
    ).toBe("gwen covers erin on rot-b 3 Dec 09:00-4 Dec 09:00");
    const leaving = PEOPLE.map((p) => (p.login === "carol" ? { ...p, end: "2026-12-31" } : p));
    expect(summarize(side(shifts), side(shifts, [], leaving))).toBe("carol's rot-a shift 4-11 Jan falls back to dana");
    const unfilled = shifts.map((s, i) => (i === 0 ? { ...s, login: null, fallback: "dana" } : s));
    expect(summarize(side(unfilled), side(shifts))).toBe(
      "alice takes the unfilled rot-a shift 30 Nov-7 Dec from fallback dana",
    );
    const dropped = shifts.filter((s) => !s.start.equals(at("2027-01-04T11:00")));
    expect(summarize(side(shifts), side(dropped))).toBe("nobody is on call for rot-a 4-11 Jan (was carol)");
  });

  it("mentions newly published shifts, and says when nothing published changes", () => {
    const shifts = baseShifts();
    expect(summarize(side(shifts), side(shifts))).toBe("no published shift changes");
    const more = [...shifts, ...weekly("rot-a", "2027-01-11T11:00", ["alice"], 12)];
    expect(summarize(side(shifts), side(more))).toBe("publishes new shifts through 18 Jan 2027");
  });
});
