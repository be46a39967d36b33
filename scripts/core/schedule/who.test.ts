import { describe, expect, it } from "vitest";
import { effectiveCoverage } from "./effective.js";
import type { Person } from "../model/index.js";
import { generateSchedule } from "../rotation/index.js";
import { buildWhoIndex, previewCoverage, publishedUntil, whoAt } from "./who.js";
import { at, person, rotation, shift } from "../rotation/test-kit.js";

const people: Person[] = [
  person("ann"),
  person("bo"),
  person("cy"),
  person("dee", { timezone: "Europe/Berlin" }),
  person("ed", { timezone: "Asia/Kathmandu" }),
  person("flo", { timezone: "Pacific/Auckland" }),
];

describe("whoAt", () => {
  const shifts = [
    shift("rot-a", "2026-03-02T11:00", "2026-03-09T11:00", "ann"),
    shift("rot-a", "2026-03-09T11:00", "2026-03-16T11:00", "bo"),
    shift("rot-b", "2026-03-04T11:00", "2026-03-11T11:00", "dee"),
  ];
  const config = rotation();
  const index = buildWhoIndex(
    effectiveCoverage({
      shifts,
      overrides: [],
      people,
      config,
      from: at("2026-01-01T00:00"),
      to: at("2027-01-01T00:00"),
    }),
  );
  const who = (iso: string) => whoAt(index, at(iso).toMillis()).map((e) => `${e.slot}:${e.login}:${e.source}`);

  it("answers per slot with start inclusive and end exclusive", () => {
    expect(who("2026-03-02T10:59")).toEqual([]);
    expect(who("2026-03-02T11:00")).toEqual(["rot-a:ann:schedule"]);
    expect(who("2026-03-05T00:00")).toEqual(["rot-a:ann:schedule", "rot-b:dee:schedule"]);
    expect(who("2026-03-09T11:00")).toEqual(["rot-a:bo:schedule", "rot-b:dee:schedule"]);
    expect(who("2026-03-16T11:00")).toEqual([]);
  });

  it("tells where the published schedule ends per slot", () => {
    const until = publishedUntil(
      [...shifts, shift("holiday-b", "2026-12-23T11:00", "2026-12-25T11:00", null, { fallback: "dee" })],
      config,
    );
    expect(until.get("rot-a")?.toISO()).toBe("2026-03-16T11:00:00.000-04:00");
    expect(until.get("rot-b")?.toISO()).toBe("2026-12-25T11:00:00.000-05:00");
  });

  it("answers over a ten-year schedule exactly as a scan of the segments does", () => {
    // Speed is measured by `npm run bench`, not here; this checks the binary search on a large index.
    const cfg = rotation({ start: "2026-01-05" });
    const tenYears = generateSchedule({ config: cfg, people, published: [], until: at("2036-01-01T00:00") }).shifts;
    const segments = effectiveCoverage({
      shifts: tenYears,
      overrides: [],
      people,
      config: cfg,
      from: at("2026-01-01T00:00"),
      to: at("2036-01-01T00:00"),
    });
    const big = buildWhoIndex(segments);
    const from = at("2026-01-05T11:00").toMillis();
    const span = at("2035-12-01T00:00").toMillis() - from;
    for (let i = 0; i < 2_000; i++) {
      const t = Math.round(from + ((i * 7919) % 100_003) * (span / 100_003));
      const scan = segments
        .filter((s) => s.start.toMillis() <= t && t < s.end.toMillis())
        .map((s) => `${s.slot}:${s.login}`);
      expect(whoAt(big, t).map((e) => `${e.slot}:${e.login}`)).toEqual(scan);
    }
  });
});

describe("previewCoverage", () => {
  const config = rotation({ start: "2026-03-02" });
  const published = generateSchedule({ config, people, published: [], until: at("2026-04-01T00:00") }).shifts;

  it("answers from the published schedule inside its horizon", () => {
    const answer = previewCoverage({ config, people, shifts: published, overrides: [], at: at("2026-03-20T12:00") });
    expect(answer.preview).toBe(false);
    expect(answer.notes).toEqual([]);
    expect(answer.entries.map((e) => e.source)).toEqual(["schedule", "schedule"]);
  });

  it("answers past the published end from an unpublished preview, the same people generation would publish", () => {
    const when = at("2031-07-15T03:00");
    const answer = previewCoverage({ config, people, shifts: published, overrides: [], at: when });
    expect(answer.preview).toBe(true);
    expect(answer.entries.map((e) => e.source)).toEqual(["preview", "preview"]);
    expect(answer.notes[0]).toMatch(
      /rot-a: the published schedule ends 2026-04-06 11:00 UTC-04:00; answering from a preview/,
    );
    const real = generateSchedule({ config, people, published, until: when.plus({ days: 1 }) }).shifts;
    const onCall = real.filter((s) => s.start <= when && when < s.end).map((s) => s.login);
    expect(answer.entries.map((e) => e.login).sort()).toEqual(onCall.sort());
  });

  it("still applies overrides in the preview, and works with nothing published and no start date", () => {
    const when = at("2030-02-01T12:00");
    const answer = previewCoverage({
      config: rotation({ start: undefined }),
      people,
      shifts: [],
      overrides: [{ layer: "rot-b", start: when.minus({ hours: 1 }), end: when.plus({ hours: 1 }), by: "ann" }],
      at: when,
    });
    expect(answer.entries.map((e) => `${e.slot}:${e.source}`)).toEqual(["rot-a:preview", "rot-b:override"]);
    expect(answer.notes).toHaveLength(2);
  });
});
