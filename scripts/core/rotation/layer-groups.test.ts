import { describe, expect, it } from "vitest";
import { assignLayers, isRostered } from "./layer-groups.js";
import { person, rotation } from "./test-kit.js";

const members = (r: ReturnType<typeof assignLayers>, layer: string): string[] => r.members.get(layer) ?? [];

describe("assignLayers", () => {
  it("puts US Eastern zones in rot-a and everyone else in rot-b", () => {
    const people = [
      person("ann"),
      person("ben", { timezone: "America/Toronto" }),
      person("cho", { timezone: "Europe/London" }),
      person("dev", { timezone: "Asia/Kolkata" }),
    ];
    const r = assignLayers(rotation(), people, "2026-06-01");
    expect(members(r, "rot-a")).toEqual(["ann", "ben"]);
    expect(members(r, "rot-b")).toEqual(["cho", "dev"]);
    expect(r.notes).toEqual([]);
  });

  it("counts only people who are on call and not past their end date; future starters count", () => {
    const people = [
      person("ann"),
      person("mgr", { oncall: false }),
      person("gone", { end: "2026-05-31" }),
      person("last", { end: "2026-06-01" }),
      person("soon", { start: "2026-09-01" }),
      person("lon", { timezone: "Europe/London" }),
    ];
    expect(members(assignLayers(rotation({ balanceTolerance: 10 }), people, "2026-06-01"), "rot-a")).toEqual([
      "ann",
      "last",
      "soon",
    ]);
    expect(isRostered(people[2]!, "2026-06-01")).toBe(false);
    expect(isRostered(people[3]!, "2026-06-01")).toBe(true);
  });

  it("moves the person closest to the rotation zone into the eastern layer when it is too small", () => {
    const people = [
      person("ann"),
      person("lon", { timezone: "Europe/London" }),
      person("ber", { timezone: "Europe/Berlin" }),
      person("sao", { timezone: "America/Sao_Paulo" }),
      person("lax", { timezone: "America/Los_Angeles" }),
      person("kol", { timezone: "Asia/Kolkata" }),
    ];
    const r = assignLayers(rotation(), people, "2026-06-01");
    // 1 vs 5 differs by 4 > 2: Sao Paulo (1-2 hours from New York) moves; 2 vs 4 is within tolerance.
    expect(members(r, "rot-a")).toEqual(["ann", "sao"]);
    expect(members(r, "rot-b")).toEqual(["ber", "kol", "lax", "lon"]);
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toMatch(/sao \(America\/Sao_Paulo\) moves to rot-a/);
  });

  it("moves the most recent eastern joiners out when the eastern layer is too large, ties by login", () => {
    const people = [
      person("a1", { start: "2019-01-01" }),
      person("a2", { start: "2024-05-01" }),
      person("a3", { start: "2024-05-01" }),
      person("a4", { start: "2018-01-01" }),
      person("a5", { start: "2017-01-01" }),
      person("b1", { timezone: "Europe/London" }),
    ];
    const r = assignLayers(rotation({ balanceTolerance: 0 }), people, "2026-06-01");
    // 5 vs 1 with tolerance 0: a2 then a3 (same start, login order) move; 3 vs 3.
    expect(members(r, "rot-a")).toEqual(["a1", "a4", "a5"]);
    expect(members(r, "rot-b")).toEqual(["a2", "a3", "b1"]);
  });

  it("never leaves a layer empty while the other has two people, whatever the tolerance", () => {
    const people = [person("x", { timezone: "Europe/Berlin" }), person("y", { timezone: "Asia/Tokyo" })];
    const r = assignLayers(rotation({ balanceTolerance: 5 }), people, "2026-06-01");
    expect(members(r, "rot-a")).toHaveLength(1);
    expect(members(r, "rot-b")).toHaveLength(1);
  });

  it("is deterministic whatever the order of the roster", () => {
    const people = Array.from({ length: 12 }, (_, i) =>
      person(`p${i}`, {
        timezone: i % 4 === 0 ? "America/New_York" : "Europe/Berlin",
        start: `2020-0${(i % 9) + 1}-01`,
      }),
    );
    const a = assignLayers(rotation(), people, "2026-06-01");
    const b = assignLayers(rotation(), [...people].reverse(), "2026-06-01");
    expect([...b.members]).toEqual([...a.members]);
    expect(b.notes).toEqual(a.notes);
  });

  it("gives explicit members to their layer and groups only the rest", () => {
    const config = rotation({
      layers: [
        { name: "rot-a", handoffDay: "monday", handoffTime: "11:00", shiftWeeks: 1, members: ["cho", "ghost"] },
        { name: "rot-b", handoffDay: "wednesday", handoffTime: "11:00", shiftWeeks: 1, group: "others" },
      ],
    });
    const people = [
      person("ann"),
      person("cho", { timezone: "Europe/London" }),
      person("dev", { timezone: "Asia/Kolkata" }),
    ];
    const r = assignLayers(config, people, "2026-06-01");
    expect(members(r, "rot-a")).toEqual(["cho"]);
    // Only one grouped layer: it takes everyone not listed, eastern or not.
    expect(members(r, "rot-b")).toEqual(["ann", "dev"]);
  });
});
