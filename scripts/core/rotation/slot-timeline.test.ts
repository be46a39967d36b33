import { describe, expect, it } from "vitest";
import { SlotTimeline } from "./slot-timeline.js";
import { at, shift } from "./test-kit.js";

describe("SlotTimeline", () => {
  const shifts = [
    shift("rot-a", "2026-12-21T11:00", "2026-12-23T11:00", "ann", { round: 4 }),
    shift("rot-a", "2026-12-14T11:00", "2026-12-21T11:00", "bo", { round: 4 }),
    shift("holiday-a", "2026-12-23T11:00", "2026-12-25T11:00", "vol", { fallback: "ann", round: 4 }),
    shift("holiday-a", "2026-12-25T11:00", "2026-12-27T11:00", null, { fallback: "mgr" }),
    shift("rot-a", "2026-12-07T11:00", "2026-12-14T11:00", "cy", { round: 3 }),
  ];
  const timeline = new SlotTimeline("rot-a", "holiday-a", shifts);

  it("sorts by start and finds the last piece", () => {
    expect(timeline.pieces.map((p) => p.shift.login)).toEqual(["cy", "bo", "ann", "vol", null]);
    expect(timeline.last()?.shift.fallback).toBe("mgr");
  });

  it("reads the round in progress from the recorded rounds", () => {
    const state = timeline.roundState();
    expect(state.round).toBe(4);
    expect([...state.served].sort()).toEqual(["ann", "bo"]);
    expect(state.startMs).toBe(at("2026-12-14T11:00").toMillis());
    expect(new SlotTimeline("rot-a", undefined, []).roundState()).toEqual({
      round: 0,
      served: new Set(),
      startMs: undefined,
    });
  });

  it("lists overlapping pieces and the person before an instant", () => {
    const hits = [...timeline.overlapping(at("2026-12-20T00:00").toMillis(), at("2026-12-24T00:00").toMillis())].map(
      (p) => p.shift.login,
    );
    expect(hits).toEqual(["vol", "ann", "bo"]);
    expect(timeline.personBefore(at("2026-12-25T11:00").toMillis())).toBe("ann");
    expect(timeline.personBefore(at("2026-12-27T11:00").toMillis())).toBeUndefined();
    expect(timeline.lastHolder(at("2026-12-27T11:00").toMillis())).toBe("vol");
  });
});
