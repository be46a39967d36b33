/**
 * The pure turn arithmetic of the importers (issue 15): wall-clock turns, turns before a virtual
 * start, stacking and splicing a rendered timeline into the rules.
 * Fails before issue 15 items 1-2: scripts/core/import did not exist.
 */
import { describe, expect, it } from "vitest";
import { ruleTurns, spliceRendered, stackLayers } from "./turns.js";
import type { Piece } from "./model.js";

const ms = (iso: string) => Date.parse(iso);
const show = (pieces: Piece[]) =>
  pieces.map((p) => `${new Date(p.startMs).toISOString().slice(5, 16)} ${p.who ?? "-"}`);

describe("import turns", () => {
  it("daily turns keep the wall-clock time across DST and count back before the first one for a virtual start", () => {
    const rule = {
      startMs: ms("2027-03-20T09:00:00+01:00"), // virtual start after the window's beginning: turns before it count back
      days: 1,
      zone: "Europe/Berlin",
      cycle: ["a", "b", "c"],
      activeFrom: -Infinity,
      activeTo: Infinity,
    };
    const turns = ruleTurns(rule, ms("2027-03-17T12:00:00Z"), ms("2027-03-30T00:00:00Z"));
    expect(show(turns).slice(0, 4)).toEqual(["03-17T12:00 a", "03-18T08:00 b", "03-19T08:00 c", "03-20T08:00 a"]);
    expect(show(turns).slice(-3)).toEqual(["03-27T08:00 b", "03-28T07:00 c", "03-29T07:00 a"]);
  });

  it("a higher layer wins where it has someone; holes are nobody", () => {
    const under: Piece[] = [{ startMs: 0, endMs: 100, who: "u" }];
    const over: Piece[] = [
      { startMs: 20, endMs: 40, who: "o" },
      { startMs: 40, endMs: 60, who: null },
    ];
    expect(stackLayers([over, under], 0, 120)).toEqual([
      { startMs: 0, endMs: 20, who: "u" },
      { startMs: 20, endMs: 40, who: "o" },
      { startMs: 40, endMs: 100, who: "u" },
      { startMs: 100, endMs: 120, who: null },
    ]);
  });

  it("the rendered timeline wins inside its span, the rules outside it and where asked", () => {
    const rules: Piece[] = [
      { startMs: 0, endMs: 50, who: "r1" },
      { startMs: 50, endMs: 100, who: "r2" },
    ];
    const rendered: Piece[] = [{ startMs: 10, endMs: 30, who: "x" }];
    expect(
      spliceRendered(rules, rendered, [10, 40], 0, 100, (t) => t >= 20 && t < 25, [
        { startMs: 20, endMs: 25, who: "o" },
      ]),
    ).toEqual([
      { startMs: 0, endMs: 10, who: "r1" },
      { startMs: 10, endMs: 20, who: "x" },
      { startMs: 20, endMs: 25, who: "r1" },
      { startMs: 25, endMs: 30, who: "x" },
      { startMs: 30, endMs: 40, who: null },
      { startMs: 40, endMs: 50, who: "r1" },
      { startMs: 50, endMs: 100, who: "r2" },
    ]);
  });
});
