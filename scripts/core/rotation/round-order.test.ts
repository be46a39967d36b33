import { describe, expect, it } from "vitest";
import { fnv1a, mulberry32, roundDraw, roundOrder } from "./round-order.js";

const member = (login: string, start = "2020-01-01") => ({ login, start });
const logins = (list: { login: string }[]) => list.map((p) => p.login);
const base = { seed: 417193, layer: "rot-a", round: 3, roundStart: "2026-06-01", newcomerDays: 120 };

describe("PRNG", () => {
  it("hashes with FNV-1a", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
  });

  it("mulberry32 is reproducible and stays in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it("draws differ by seed, layer, round and login", () => {
    const d = roundDraw(1, "rot-a", 0, "ann");
    expect(roundDraw(2, "rot-a", 0, "ann")).not.toBe(d);
    expect(roundDraw(1, "rot-b", 0, "ann")).not.toBe(d);
    expect(roundDraw(1, "rot-a", 1, "ann")).not.toBe(d);
    expect(roundDraw(1, "rot-a", 0, "bo")).not.toBe(d);
  });
});

describe("roundOrder", () => {
  const team = ["ann", "bo", "cy", "dee", "ed", "flo", "gus", "hal"].map((l) => member(l));

  it("is a reproducible permutation that changes from round to round", () => {
    const order = logins(roundOrder(team, base));
    expect([...order].sort()).toEqual(logins(team));
    expect(logins(roundOrder([...team].reverse(), base))).toEqual(order);
    const others = [0, 1, 2, 4, 5].map((round) => logins(roundOrder(team, { ...base, round })).join());
    expect(new Set([...others, order.join()]).size).toBeGreaterThan(4);
  });

  it("keeps everybody else's relative order when someone joins or leaves", () => {
    const order = logins(roundOrder(team, base));
    const without = logins(
      roundOrder(
        team.filter((p) => p.login !== "cy"),
        base,
      ),
    );
    expect(without).toEqual(order.filter((l) => l !== "cy"));
    const withNew = logins(roundOrder([...team, member("zed")], base));
    expect(withNew.filter((l) => l !== "zed")).toEqual(order);
  });

  it("puts newcomers at the end, newest last", () => {
    const people = [...team, member("new2", "2026-05-20"), member("new1", "2026-03-01"), member("old", "2026-01-31")];
    const order = logins(roundOrder(people, base));
    expect(order.slice(-2)).toEqual(["new1", "new2"]);
    expect(order.indexOf("old")).toBeLessThan(order.length - 2); // 121 days before the round: not a newcomer
  });

  it("spreads positions evenly over many rounds", () => {
    const trio = [member("x"), member("y"), member("z")];
    const counts = new Map<string, number>();
    for (let round = 0; round < 1200; round++) {
      const key = logins(roundOrder(trio, { ...base, round })).join();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const n of counts.values()) expect(n).toBeGreaterThan(140); // 200 expected each
  });
});

describe("roundOrder with the previous round", () => {
  it("puts members who did not serve in the previous round after those who did, before newcomers", () => {
    const people = [
      member("ann"),
      member("bo"),
      member("cy"),
      member("dee"),
      member("moved"),
      member("new", "2026-05-01"),
    ];
    const order = logins(roundOrder(people, { ...base, previous: new Set(["ann", "bo", "cy", "dee", "new"]) }));
    expect(order.slice(-2)).toEqual(["moved", "new"]);
    expect(logins(roundOrder(people, base)).slice(-1)).toEqual(["new"]);
  });
});
