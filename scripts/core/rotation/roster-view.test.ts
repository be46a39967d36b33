import { describe, expect, it } from "vitest";
import { RosterView } from "./roster-view.js";
import { at, person, rotation } from "./test-kit.js";

describe("RosterView", () => {
  const people = [
    person("ann", { manager: "mia" }),
    person("bo", { manager: "mia" }),
    person("cy", { timezone: "Europe/Berlin", manager: "max", end: "2026-06-30" }),
    person("dee", { timezone: "Asia/Kolkata", manager: "max", start: "2026-05-01" }),
    person("mia", { oncall: false, end: "2026-04-30" }),
    person("max", { oncall: false }),
  ];

  it("answers availability, membership and managers, noting rebalancing once", () => {
    const roster = new RosterView(rotation(), people);
    expect(
      roster.canHold(roster.get("dee")!, at("2026-06-30T00:00").toMillis(), at("2026-07-07T00:00").toMillis()),
    ).toBe(true);
    expect(
      roster.canHold(roster.get("dee")!, at("2026-06-29T23:00").toMillis(), at("2026-07-07T00:00").toMillis()),
    ).toBe(false);
    expect(roster.membersAt("rot-b", at("2026-06-01T12:00").toMillis()).map((p) => p.login)).toEqual(["cy", "dee"]);
    expect(roster.membersAt("rot-b", at("2026-07-01T12:00").toMillis()).map((p) => p.login)).toEqual(["dee"]);
    expect(roster.membersAt("rot-b", at("2026-07-02T12:00").toMillis()).map((p) => p.login)).toEqual(["dee"]);
    expect(roster.balanceNotes()).toEqual([]);
    // mia has left by May, so the group's most common manager is max.
    expect(roster.commonManager(at("2026-04-01T00:00").toMillis())).toBe("max"); // 2 each: ties by login
    expect(roster.commonManager(at("2026-05-15T00:00").toMillis(), [people[0]!, people[1]!, people[2]!])).toBe("max");
    expect(roster.commonManager(at("2026-04-15T00:00").toMillis(), [people[0]!, people[1]!, people[2]!])).toBe("mia");
  });
});
