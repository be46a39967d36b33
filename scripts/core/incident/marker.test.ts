import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseStateMarker, serializeStateMarker, stripStateMarker } from "./marker.js";
import { applyCommand } from "./state.js";
import { freshState, utc } from "./test-kit.js";

const busyState = () => {
  let state = freshState({ links: ["https://grafana.example/d/x"], startedAt: utc("2026-10-22T15:00:00Z") });
  state = applyCommand(
    state,
    { name: "ack" },
    { author: "alice", at: utc("2026-10-22T15:34:00Z"), authorized: true, oncallNow: ["alice", "bob"], commentId: 1 },
  ).state;
  state = applyCommand(
    state,
    { name: "followup", text: "Ünïcødé & <b>html</b> --> done" },
    { author: "bob", at: utc("2026-10-22T15:40:00Z"), authorized: true, oncallNow: [], commentId: 2 },
  ).state;
  return state;
};

describe("incident state marker", () => {
  it("round-trips a state through a comment body", () => {
    const state = busyState();
    const marker = serializeStateMarker(state);
    expect(marker).toMatch(/^<!-- oncall:incident-state v1 [A-Za-z0-9+/=]+ -->$/);
    const body = `## Incident\n\nvisible text\n\n${marker}\n\n<!-- oncall:incident -->`;
    expect(parseStateMarker(body)).toEqual({ state, problem: null });
  });

  it("survives a person editing the visible part, or re-wrapping the block", () => {
    const state = busyState();
    const marker = serializeStateMarker(state);
    const edited = `I fixed a typo up here.\n\n- [x] ticked a box\n\n${marker.replace(/(.{60})/g, "$1\n")}`;
    expect(parseStateMarker(edited).state).toEqual(state);
    expect(stripStateMarker(edited)).toBe("I fixed a typo up here.\n\n- [x] ticked a box");
  });

  it("keeps a saved deadline, with or without a target", () => {
    for (const deadline of [
      { tier: "full" as const, targetMinutes: 10, at: "2026-10-22T15:40:00Z" },
      { tier: "limited" as const, targetMinutes: null, at: null },
    ]) {
      const state = { ...busyState(), deadline };
      expect(parseStateMarker(serializeStateMarker(state))).toEqual({ state, problem: null });
    }
  });

  it("also reads an uncompressed block", () => {
    const state = freshState();
    expect(
      parseStateMarker(`<!-- oncall:incident-state v1 ${Buffer.from(JSON.stringify(state)).toString("base64")} -->`)
        .state,
    ).toEqual(state);
  });

  it("reports no state and no problem when there is no block", () => {
    expect(parseStateMarker("just a comment")).toEqual({ state: null, problem: null });
    expect(parseStateMarker(null)).toEqual({ state: null, problem: null });
  });

  it.each([
    ["garbled base64", "<!-- oncall:incident-state v1 ####notbase64 -->", /could not be decoded/],
    [
      "not JSON",
      `<!-- oncall:incident-state v1 ${Buffer.from("{nope").toString("base64")} -->`,
      /could not be decoded/,
    ],
    ["a newer version", "<!-- oncall:incident-state v2 e30= -->", /format v2/],
    [
      "a truncated block",
      `<!-- oncall:incident-state v1 ${serializeStateMarker(freshState()).slice(32, 200)} -->`,
      /could not be decoded/,
    ],
    [
      "the wrong shape",
      `<!-- oncall:incident-state v1 ${Buffer.from(JSON.stringify({ v: 1, issue: "57" })).toString("base64")} -->`,
      /invalid \(field issue\)/,
    ],
    [
      "an unknown field",
      `<!-- oncall:incident-state v1 ${Buffer.from(JSON.stringify({ ...freshState(), extra: 1 })).toString("base64")} -->`,
      /unknown field extra/,
    ],
    [
      "a tampered status",
      `<!-- oncall:incident-state v1 ${Buffer.from(JSON.stringify({ ...freshState(), status: "done" })).toString("base64")} -->`,
      /field status/,
    ],
    [
      "a deadline without a tier",
      `<!-- oncall:incident-state v1 ${Buffer.from(JSON.stringify({ ...freshState(), deadline: { targetMinutes: 10, at: "2026-10-22T15:40:00Z" } })).toString("base64")} -->`,
      /field deadline/,
    ],
    [
      "a deadline that is not an instant",
      `<!-- oncall:incident-state v1 ${Buffer.from(JSON.stringify({ ...freshState(), deadline: { tier: "full", targetMinutes: 10, at: "soon" } })).toString("base64")} -->`,
      /field deadline/,
    ],
  ])("starts fresh with a reason on %s", (_name, body, problem) => {
    const parsed = parseStateMarker(body);
    expect(parsed.state).toBeNull();
    expect(parsed.problem).toMatch(problem);
  });

  it("round-trips any timeline text", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (text, title) => {
        const state = {
          ...freshState(),
          title,
          timeline: [{ at: "2026-10-22T15:30:00Z", author: "alice", kind: "note" as const, text }],
        };
        expect(parseStateMarker(`x ${serializeStateMarker(state)} y`).state).toEqual(state);
      }),
    );
  });
});
