/**
 * Brute force: walk every 30 minutes across DST changes (and across a whole year) and check that the
 * who-index agrees with the coverage segments, and that the segments agree with the raw shifts and
 * overrides they were folded from.
 */
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import type { Override, Person, RotationConfig, Shift } from "../model/index.js";
import { effectiveCoverage } from "./effective.js";
import { generateSchedule } from "../rotation/index.js";
import { buildWhoIndex, whoAt } from "./who.js";
import { person, rotation } from "../rotation/test-kit.js";

const HALF_HOUR = 30 * 60_000;
const people: Person[] = [
  person("ann"),
  person("bo", { timezone: "America/Toronto" }),
  person("cy", { timezone: "America/Detroit" }),
  person("dee", { timezone: "Europe/London" }),
  person("ed", { timezone: "Australia/Sydney" }),
  person("flo", { timezone: "America/Sao_Paulo" }),
  person("gus", { timezone: "Asia/Kathmandu", manager: "mgr" }),
  person("mgr", { oncall: false }),
];

interface Span {
  start: number;
  end: number;
}
type Raw<T> = Omit<T, "start" | "end"> & Span;
const span = <T extends { start: DateTime; end: DateTime }>(x: T): Raw<T> => ({
  ...x,
  start: x.start.toMillis(),
  end: x.end.toMillis(),
});
const covers = (x: Span, ms: number) => x.start <= ms && ms < x.end;

/** Who the raw data says is on call for `slot` at `ms`: override first, else holder, else fallback. */
function expected(
  shifts: Raw<Shift>[],
  overrides: Raw<Override>[],
  config: RotationConfig,
  slot: string,
  ms: number,
): string | undefined {
  const holiday = config.holidayPeriod?.layers.find((h) => h.replaces === slot)?.name;
  const inSlot = (layer: string) => layer === slot || layer === holiday;
  const o = overrides.find((x) => inSlot(x.layer) && covers(x, ms));
  if (o) return o.by;
  const s = shifts.find((x) => inSlot(x.layer) && covers(x, ms));
  return s ? (s.login ?? s.fallback) : undefined;
}

function walk(config: RotationConfig, start: string, until: string, windows: [string, string][]): number {
  const zone = config.timezone;
  const { shifts } = generateSchedule({ config, people, published: [], until: DateTime.fromISO(until, { zone }) });
  // A partial override across each DST window, so that folding is exercised where offsets change.
  const overrides: Override[] = windows.map(([from], i) => {
    const begin = DateTime.fromISO(from, { zone }).plus({ days: 1, hours: 1, minutes: 30 });
    return { layer: config.layers[i % 2]!.name, start: begin, end: begin.plus({ hours: 30 }), by: "mgr" };
  });
  const segments = effectiveCoverage({
    shifts,
    overrides,
    people,
    config,
    from: DateTime.fromISO(start, { zone }),
    to: DateTime.fromISO(until, { zone }),
  });
  const index = buildWhoIndex(segments);
  const rawSegments = segments.map(span);
  const rawShifts = shifts.map(span);
  const rawOverrides = overrides.map(span);
  let checked = 0;
  for (const [from, to] of windows) {
    const end = DateTime.fromISO(to, { zone }).toMillis();
    for (let ms = DateTime.fromISO(from, { zone }).toMillis(); ms < end; ms += HALF_HOUR) {
      for (const t of [ms, ms + 1, ms - 1]) {
        const answer = whoAt(index, t);
        const linear = rawSegments.filter((g) => covers(g, t));
        expect(answer.map((e) => `${e.slot}:${e.login}:${e.source}`)).toEqual(
          linear.map((g) => `${g.slot}:${g.login}:${g.source}`),
        );
        for (const layer of config.layers) {
          expect(answer.find((e) => e.slot === layer.name)?.login).toBe(
            expected(rawShifts, rawOverrides, config, layer.name, t),
          );
        }
        checked += 1;
      }
    }
  }
  return checked;
}

describe("whoAt across DST changes (brute force every 30 minutes)", () => {
  it("New York rotation: both 2026 US changes and the whole of 2026", () => {
    const config = rotation({ start: "2025-12-29" });
    const n = walk(config, "2025-12-29T00:00", "2027-01-20T00:00", [
      ["2026-03-05T00:00", "2026-03-12T00:00"],
      ["2026-10-29T00:00", "2026-11-05T00:00"],
      ["2026-01-01T00:00", "2027-01-10T00:00"],
    ]);
    expect(n).toBeGreaterThan(3 * 17_000);
  });

  it("rotations on Sydney and London wall clocks across their own changes", () => {
    const sydney = rotation({ start: "2026-03-02", timezone: "Australia/Sydney" });
    walk(sydney, "2026-03-02T00:00", "2026-10-20T00:00", [
      ["2026-04-02T00:00", "2026-04-08T00:00"],
      ["2026-10-01T00:00", "2026-10-07T00:00"],
    ]);
    const london = rotation({ start: "2026-03-02", timezone: "Europe/London" });
    walk(london, "2026-03-02T00:00", "2026-11-10T00:00", [
      ["2026-03-26T00:00", "2026-04-01T00:00"],
      ["2026-10-22T00:00", "2026-10-28T00:00"],
    ]);
  });
});
