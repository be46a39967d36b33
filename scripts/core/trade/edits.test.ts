import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { UserError } from "../model/index.js";
import { appendOverrideText, findShift, swapShifts } from "./edits.js";
import { at, baseShifts, NY } from "./test-kit.js";

describe("findShift", () => {
  const shifts = baseShifts();

  it("finds the shift of a person on a day, the incoming one on a handoff day", () => {
    expect(findShift(shifts, { login: "bob", day: "2026-12-10" }, NY).start.toISO()).toBe(
      "2026-12-07T11:00:00.000-05:00",
    );
    // alice's shift ends on Mon 7 Dec and bob's starts: for alice the 7th still finds hers.
    expect(findShift(shifts, { login: "alice", day: "2026-12-07" }, NY).start.toISODate()).toBe("2026-11-30");
    expect(findShift(shifts, { login: "bob", day: "2026-12-07" }, NY).start.toISODate()).toBe("2026-12-07");
  });

  it("finds by instant and by layer", () => {
    expect(findShift(shifts, { login: "erin", instant: at("2026-12-03T09:00") }, NY).layer).toBe("rot-b");
    expect(() => findShift(shifts, { login: "erin", day: "2026-12-03" }, NY, "rot-a")).toThrow(
      /erin has no published shift in rot-a on 2026-12-03/,
    );
  });

  it("says plainly when there is no such shift, or more than one", () => {
    expect(() => findShift(shifts, { login: "alice", day: "2026-12-10" }, NY)).toThrow(UserError);
    expect(() => findShift(shifts, { login: "alice", day: "2026-12-10" }, NY)).toThrow(
      /latest shifts:\n {2}rot-a 2026-11-30 11:00 UTC-05:00/,
    );
    // Two shifts starting on one day (an invalid schedule, but the message must still help).
    const twice = [
      ...shifts,
      { ...shifts[1]!, login: "alice", start: at("2026-12-10T00:00"), end: at("2026-12-10T06:00") },
      { ...shifts[0]!, login: "alice", start: at("2026-12-10T12:00"), end: at("2026-12-10T18:00") },
    ];
    expect(() => findShift(twice, { login: "alice", day: "2026-12-10" }, NY)).toThrow(
      /has 2 shifts on 2026-12-10; name an instant/,
    );
    expect(findShift(twice, { login: "alice", instant: at("2026-12-10T13:00") }, NY).layer).toBe("rot-a");
  });
});

describe("swapShifts", () => {
  it("exchanges the logins and keeps everything else", () => {
    const shifts = baseShifts();
    const [a, b] = swapShifts(shifts[0]!, shifts[2]!);
    expect(a).toEqual({ index: 0, replacement: [{ ...shifts[0], login: "bob" }] });
    expect(b).toEqual({ index: 2, replacement: [{ ...shifts[2], login: "alice" }] });
    expect(() => swapShifts(shifts[0]!, shifts[0]!)).toThrow(/two different people/);
  });
});

describe("appendOverrideText", () => {
  const entry = {
    layer: "rot-b",
    start: at("2026-12-08T09:00"),
    end: at("2026-12-09T09:00"),
    by: "gwen",
    reason: 'Erin\'s "flight"',
  };

  it("appends an entry in the file's indentation, keeping comments and earlier entries byte for byte", () => {
    const text =
      "# comment\n\noverrides:\n    - layer: rot-a\n      start: 2026-12-01T09:00:00-05:00\n      end: 2026-12-02T09:00:00-05:00\n      by: alice # trailing\n";
    const out = appendOverrideText(text, entry, NY);
    expect(out.startsWith(text)).toBe(true);
    expect(out.slice(text.length)).toBe(
      '\n    - layer: rot-b\n      start: 2026-12-08T09:00:00-05:00\n      end: 2026-12-09T09:00:00-05:00\n      by: gwen\n      reason: "Erin\'s \\"flight\\""\n',
    );
    const data = parseDocument(out).toJS() as { overrides: { by: string; reason?: string }[] };
    expect(data.overrides.map((o) => o.by)).toEqual(["alice", "gwen"]);
    expect(data.overrides[1]!.reason).toBe('Erin\'s "flight"');
  });

  it("starts a list from an empty one, and a file from nothing", () => {
    const empty = appendOverrideText("# none yet\noverrides: []\n", entry, NY);
    expect(empty).toMatch(/^# none yet\noverrides:\n {2}- layer: rot-b\n/);
    const fresh = appendOverrideText(null, { ...entry, reason: undefined }, NY);
    expect((parseDocument(fresh).toJS() as { overrides: unknown[] }).overrides).toHaveLength(1);
    expect(fresh).not.toContain("reason");
  });
});
