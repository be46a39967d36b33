import { describe, expect, it } from "vitest";
import { diffCoverage } from "./diff.js";
import { pastChangeFindings } from "./past.js";
import { at, baseShifts, override, side, swapped } from "./test-kit.js";

const findings = (before: ReturnType<typeof side>, after: ReturnType<typeof side>, now: string) =>
  pastChangeFindings(diffCoverage(before, after).changes, after, at(now));

describe("pastChangeFindings", () => {
  const before = baseShifts();
  const swap = swapped(before, ["alice", "2026-11-30T11:00"], ["bob", "2026-12-07T11:00"]);

  it("accepts changes that all lie ahead", () => {
    expect(findings(side(before), side(swap), "2026-11-30T10:59")).toEqual([]);
  });

  it("rejects a change to a shift that has started, pointing at the shift now holding that time", () => {
    const [f, ...rest] = findings(side(before), side(swap), "2026-11-30T12:00");
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: "error",
      rule: "trade-past-change",
      src: { file: "rotations/schedule.yaml", path: ["shifts", 0] },
      field: "login",
    });
    expect(f!.message).toContain("(alice -> bob)");
    expect(f!.message).toContain("published history never changes");
  });

  it("reports each shift once, and both shifts of a swap that lies wholly in the past", () => {
    expect(findings(side(before), side(swap), "2026-12-20T12:00").map((f) => f.src?.path)).toEqual([
      ["shifts", 0],
      ["shifts", 2],
    ]);
  });

  // Fails before issue 16 item 8: the message said "mark a genuine fix with correction:" and nothing
  // said where that goes or what it does.
  it("explains where a correction goes and what it does", () => {
    const [f] = findings(side(before), side(swap), "2026-11-30T12:00");
    expect(f!.message).toContain(
      'add correction: "why" (at least 3 characters) to that shift in the file, which accepts the change and keeps the reason',
    );
    const late = override("rot-b", "2026-12-02T12:00", "2026-12-04T09:00", "gwen", 3);
    const [o] = findings(side(before), side(before, [late]), "2026-12-03T00:00");
    expect(o!.message).toContain("to that override in the file");
  });

  it("allows an explicit correction", () => {
    const corrected = swap.map((s) =>
      s.start.equals(at("2026-11-30T11:00")) && s.layer === "rot-a"
        ? { ...s, correction: "alice was ill; bob took it" }
        : s,
    );
    expect(findings(side(before), side(corrected), "2026-11-30T12:00")).toEqual([]);
  });

  it("allows an override that starts later inside a shift already under way, not one reaching back", () => {
    expect(
      findings(
        side(before),
        side(before, [override("rot-b", "2026-12-03T09:00", "2026-12-04T09:00", "gwen")]),
        "2026-12-02T12:00",
      ),
    ).toEqual([]);
    const [f] = findings(
      side(before),
      side(before, [override("rot-b", "2026-12-02T12:00", "2026-12-04T09:00", "gwen", 3)]),
      "2026-12-03T00:00",
    );
    expect(f).toMatchObject({ src: { file: "rotations/overrides.yaml", path: ["overrides", 3] }, field: "by" });
  });

  it("names the schedule file when a past shift was deleted", () => {
    const gone = before.filter((s) => !(s.layer === "rot-a" && s.start.equals(at("2026-11-30T11:00"))));
    const [f] = findings(side(before), side(gone), "2026-12-01T00:00");
    expect(f).toMatchObject({ rule: "trade-past-change", src: { file: "rotations/schedule.yaml", path: [] } });
    expect(f!.field).toBeUndefined();
  });
});
