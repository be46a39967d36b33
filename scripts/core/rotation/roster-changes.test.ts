import { describe, expect, it } from "vitest";
import { joinSlot, releaseLeaverShifts } from "./roster-changes.js";
import { standIns } from "./availability.js";
import { at, lines, NY, person, rotation, shift } from "./test-kit.js";

const config = rotation();

describe("releaseLeaverShifts", () => {
  const people = [
    person("ann", { end: "2026-03-20", manager: "mgr" }),
    person("bo"),
    person("cy", { end: "2026-03-01" }),
  ];
  const shifts = [
    shift("rot-a", "2026-03-09T11:00", "2026-03-16T11:00", "ann"),
    shift("rot-a", "2026-03-16T11:00", "2026-03-23T11:00", "ann", { round: 2 }),
    shift("rot-a", "2026-03-23T11:00", "2026-03-30T11:00", "ann"),
    shift("rot-b", "2026-03-04T11:00", "2026-03-11T11:00", "cy"),
    shift("rot-b", "2026-03-11T11:00", "2026-03-18T11:00", "bo"),
  ];

  it("unfills shifts after the end date and splits the one running past it, the manager as fallback", () => {
    const edits = releaseLeaverShifts(shifts, people, config);
    expect(edits.map((e) => [e.index, lines(e.replacement)])).toEqual([
      [
        1,
        ["rot-a 2026-03-16 11:00 .. 2026-03-21 00:00 ann r2", "rot-a 2026-03-21 00:00 .. 2026-03-23 11:00 - fb=mgr r2"],
      ],
      [2, ["rot-a 2026-03-23 11:00 .. 2026-03-30 11:00 - fb=mgr"]],
      [3, ["rot-b 2026-03-04 11:00 .. 2026-03-11 11:00 -"]],
    ]);
    expect(lines(shifts)[1]).toBe("rot-a 2026-03-16 11:00 .. 2026-03-23 11:00 ann r2"); // input untouched
  });
});

describe("releaseLeaverShifts, when the manager has left too", () => {
  // Fails before issue 16 item 7: the released shift named the departed manager as its fallback.
  it("names the first manager up the chain still at the company", () => {
    const people = [
      person("ann", { end: "2026-03-20", manager: "mgr" }),
      person("mgr", { end: "2026-03-01", manager: "vp", oncall: false }),
      person("vp", { oncall: false }),
    ];
    const edits = releaseLeaverShifts([shift("rot-a", "2026-03-23T11:00", "2026-03-30T11:00", "ann")], people, config);
    expect(edits.map((e) => lines(e.replacement))).toEqual([["rot-a 2026-03-23 11:00 .. 2026-03-30 11:00 - fb=vp"]]);
  });
});

describe("standIns", () => {
  const byLogin = (list: ReturnType<typeof person>[]) => new Map(list.map((p) => [p.login, p]));
  const ms = (iso: string) => at(iso).toMillis();
  const show = (pieces: ReturnType<typeof standIns>) =>
    pieces.map((p) => {
      const start = at(new Date(p.startMs).toISOString()).setZone(NY).toFormat("MM-dd HH:mm");
      return `${p.login} ${start} via ${p.via.join(",") || "-"}`;
    });
  const week = (login: string, people: ReturnType<typeof byLogin>) =>
    show(standIns(login, ms("2026-03-02T11:00"), ms("2026-03-09T11:00"), people, NY));

  // Fails before issue 16 item 7 (standIns did not exist; coverage kept the departed fallback).
  it("moves up the chain at each end date, and keeps the last person when the chain runs out or loops", () => {
    const chain = byLogin([
      person("a", { end: "2026-03-03", manager: "b" }),
      person("b", { end: "2026-03-05", manager: "c" }),
      person("c"),
    ]);
    expect(week("a", chain)).toEqual(["a 03-02 11:00 via -", "b 03-04 00:00 via a", "c 03-06 00:00 via a,b"]);
    const loop = byLogin([
      person("a", { end: "2026-03-03", manager: "b" }),
      person("b", { end: "2026-03-01", manager: "a" }),
    ]);
    expect(week("a", loop)).toEqual(["a 03-02 11:00 via -", "b 03-04 00:00 via a"]);
    expect(week("x", chain)).toEqual(["x 03-02 11:00 via -"]);
  });
});

describe("joinSlot", () => {
  const shifts = [
    shift("rot-a", "2026-03-02T11:00", "2026-03-09T11:00", null, { fallback: "mgr" }),
    shift("rot-a", "2026-05-04T11:00", "2026-05-11T11:00", null, { fallback: "mgr" }),
    shift("holiday-a", "2026-12-23T11:00", "2026-12-25T11:00", null, { fallback: "bo" }),
    shift("rot-b", "2026-05-06T11:00", "2026-05-13T11:00", "nia"),
    shift("rot-a", "2026-05-18T11:00", "2026-05-25T11:00", null, { fallback: "mgr" }),
  ];

  it("takes the first unfilled regular shift more than newHireDays after the start that does not clash", () => {
    const nia = person("nia", { start: "2026-02-01" });
    expect(joinSlot(shifts, nia, config, at("2026-02-01T00:00"))?.start.toISODate()).toBe("2026-05-18");
    expect(joinSlot(shifts, person("old"), config, at("2026-03-01T00:00"))?.start.toISODate()).toBe("2026-03-02");
    expect(joinSlot(shifts, person("late", { start: "2026-12-01" }), config, at("2026-01-01T00:00"))).toBeUndefined();
  });
});
