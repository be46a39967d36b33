import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { parse } from "yaml";
import { appendShifts, editShifts, shiftLine, SCHEDULE_HEADER } from "./schedule-file.js";
import { parseRepoFile } from "./parse-file.js";
import type { Shift } from "../core/model/index.js";

const zone = "America/New_York";
const at = (iso: string) => DateTime.fromISO(iso, { zone });
const shift = (login: string | null, start: string, end: string, extra: Partial<Shift> = {}): Shift => ({
  layer: "rot-a",
  start: at(start),
  end: at(end),
  login,
  ...extra,
});

describe("schedule file", () => {
  it("writes one shift per line with offsets in the rotation zone", () => {
    expect(shiftLine(shift("alice", "2026-03-02T11:00", "2026-03-09T11:00", { round: 4 }), zone)).toBe(
      "  - { layer: rot-a, start: 2026-03-02T11:00:00-05:00, end: 2026-03-09T11:00:00-04:00, login: alice, round: 4 }",
    );
    expect(shiftLine(shift(null, "2026-03-02T11:00", "2026-03-09T11:00", { fallback: "mgr" }), zone)).toContain(
      "login: null, fallback: mgr",
    );
  });

  it("quotes values YAML would misread", () => {
    expect(
      shiftLine(shift("true", "2026-03-02T11:00", "2026-03-09T11:00", { correction: "fix: typo" }), zone),
    ).toContain('login: "true"');
  });

  it("appends without touching existing text, and the result is a valid schedule", () => {
    const first = appendShifts(null, [shift("alice", "2026-03-02T11:00", "2026-03-09T11:00")], zone);
    const edited = first.replace("shifts:\n", "shifts:\n  # a comment a person wrote\n");
    const second = appendShifts(edited, [shift("bob", "2026-03-09T11:00", "2026-03-16T11:00")], zone);
    expect(second.startsWith(edited)).toBe(true);
    expect(parse(second).shifts.map((s: { login: string }) => s.login)).toEqual(["alice", "bob"]);
    expect(parseRepoFile("rotations/schedule.yaml", "schedule", second).problems).toEqual([]);
  });

  it("turns an empty flow list into a block list", () => {
    const text = appendShifts(
      SCHEDULE_HEADER.replace("shifts:\n", "shifts: []\n"),
      [shift("alice", "2026-03-02T11:00", "2026-03-09T11:00")],
      zone,
    );
    expect(parse(text).shifts).toHaveLength(1);
  });
});

describe("editing shifts in place", () => {
  it("rewrites only the edited lines, splitting one shift into two", () => {
    const text = appendShifts(
      null,
      [
        shift("alice", "2026-03-02T11:00", "2026-03-09T11:00"),
        shift("bob", "2026-03-09T11:00", "2026-03-16T11:00"),
        shift("carol", "2026-03-16T11:00", "2026-03-23T11:00"),
      ],
      zone,
    );
    const edited = editShifts(
      text,
      [
        {
          index: 1,
          replacement: [
            shift("bob", "2026-03-09T11:00", "2026-03-12T00:00"),
            shift(null, "2026-03-12T00:00", "2026-03-16T11:00", { fallback: "mgr" }),
          ],
        },
      ],
      zone,
    );
    const lines = edited.split("\n");
    const before = text.split("\n");
    expect(lines.filter((l) => !before.includes(l))).toEqual([
      "  - { layer: rot-a, start: 2026-03-09T11:00:00-04:00, end: 2026-03-12T00:00:00-04:00, login: bob }",
      "  - { layer: rot-a, start: 2026-03-12T00:00:00-04:00, end: 2026-03-16T11:00:00-04:00, login: null, fallback: mgr }",
    ]);
    expect(parse(edited).shifts.map((s: { login: string }) => s.login)).toEqual(["alice", "bob", null, "carol"]);
  });
});
