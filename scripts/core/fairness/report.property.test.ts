/**
 * Property tests of the fairness report (issue 14 item 1) over random schedules: contiguous shifts of
 * random lengths (some unfilled, covered by a fallback), random overrides, people in zones all around the
 * world (+05:30, +05:45, +12:45, both hemispheres' DST), some leaving with a manager to take over.
 * Fails before the item: there was no fairness report.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Override, Person, Shift } from "../model/index.js";
import { inZone } from "../rotation/index.js";
import { person, rotation } from "../rotation/test-kit.js";
import { fixedHolidayCalendar } from "../slo/index.js";
import { balanceScore, fairnessReport, fairnessTotals } from "./index.js";

const ZONES = [
  "America/New_York",
  "America/Los_Angeles",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Sydney",
  "Pacific/Chatham",
];
const HOUR = 3_600_000;
const FIRST = Date.parse("2026-01-01T00:00:00Z");
const NY = "America/New_York";
const calendar = fixedHolidayCalendar({ "US-NY": ["2026-07-03", "2026-12-25"], "IN-KA": ["2026-10-02"] });

const scenario = fc
  .record({
    people: fc.array(
      fc.record({
        zone: fc.constantFrom(...ZONES),
        region: fc.constantFrom("US-NY", "IN-KA", "none"),
        leaves: fc.option(fc.integer({ min: 0, max: 500 }), { freq: 4 }),
      }),
      { minLength: 2, maxLength: 6 },
    ),
    startHour: fc.integer({ min: 0, max: 365 * 24 }),
    windowHours: fc.integer({ min: 1, max: 40 * 24 }),
    shifts: fc.array(fc.record({ hours: fc.integer({ min: 1, max: 200 }), who: fc.nat(), empty: fc.boolean() }), {
      minLength: 1,
      maxLength: 12,
    }),
    overrides: fc.array(
      fc.record({
        at: fc.nat({ max: 1000 }),
        hours: fc.integer({ min: 1, max: 72 }),
        who: fc.nat(),
        volunteer: fc.boolean(),
      }),
      { maxLength: 4 },
    ),
    order: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
  })
  .map((s) => {
    const boss = person("boss", { oncall: false, timezone: "Europe/Berlin", region: "none" });
    const people: Person[] = [
      boss,
      ...s.people.map((p, i) => {
        const end = p.leaves === null ? undefined : new Date(FIRST + p.leaves * 24 * HOUR).toISOString().slice(0, 10);
        const leaves = end === undefined ? {} : { end };
        return person(`p${i}`, { timezone: p.zone, region: p.region, manager: "boss", ...leaves });
      }),
    ];
    const fromMs = FIRST + s.startHour * HOUR;
    const toMs = fromMs + s.windowHours * HOUR;
    const shifts: Shift[] = [];
    for (const layer of ["rot-a", "rot-b"]) {
      // Contiguous shifts from before the window to past it: every instant of the window is covered.
      let t = fromMs - 5 * HOUR;
      for (let i = 0; t < toMs + HOUR; i++) {
        const spec = s.shifts[i % s.shifts.length]!;
        const login = people[1 + (spec.who % s.people.length)]!.login;
        const end = t + spec.hours * HOUR;
        const base = { layer, start: inZone(t, NY), end: inZone(end, NY) };
        shifts.push(spec.empty ? { ...base, login: null, fallback: login } : { ...base, login });
        t = end;
      }
    }
    const overrides: Override[] = s.overrides.map((o, i) => {
      const start = fromMs + ((o.at * s.windowHours) / 1000) * HOUR;
      const layer = i % 2 === 0 ? (o.volunteer ? "holiday-a" : "rot-a") : o.volunteer ? "holiday-b" : "rot-b";
      return {
        layer,
        start: inZone(start, NY),
        end: inZone(start + o.hours * HOUR, NY),
        by: people[1 + (o.who % s.people.length)]!.login,
      };
    });
    return { people, shifts, overrides, fromMs, toMs, order: s.order };
  });

/** `list` in an order drawn from `keys` (a stable sort by key), so the shuffle is reproducible. */
function reorder<T>(list: readonly T[], keys: readonly number[]): T[] {
  return list
    .map((x, i) => ({ x, k: keys[i % keys.length]! * 31 + ((i * 7) % 13) }))
    .sort((a, b) => a.k - b.k)
    .map(({ x }) => x);
}

describe("fairness report properties (issue 14 item 1)", () => {
  it("hours per layer add up to the layer's covered time; balance in [0, 1]; people's order does not matter", () => {
    fc.assert(
      fc.property(scenario, ({ people, shifts, overrides, fromMs, toMs, order }) => {
        const config = rotation({ orgHolidays: ["2026-11-26"] });
        const input = {
          org: { people, rotation: config, shifts, overrides },
          records: [],
          from: inZone(fromMs, NY),
          to: inZone(toMs, NY),
          calendar,
        };
        const windowMinutes = (toMs - fromMs) / 60_000;

        // Exact, before rounding: each layer's people together carry every minute of the window, once.
        const totals = fairnessTotals(input);
        for (const [, members] of totals.bySlot) {
          let sum = 0;
          for (const kinds of members.values()) {
            sum += kinds.total;
            expect(kinds.weekend).toBeLessThanOrEqual(kinds.offHours + 1e-6);
            expect(kinds.offHours).toBeLessThanOrEqual(kinds.total + 1e-6);
            expect(kinds.weekend + kinds.holiday).toBeLessThanOrEqual(kinds.total + 1e-6);
          }
          expect(sum).toBeCloseTo(windowMinutes, 6);
        }

        const report = fairnessReport(input);
        for (const layer of report.layers) {
          expect(layer.hours).toBeCloseTo(windowMinutes / 60, 2);
          const sum = layer.members.reduce((a, m) => a + m.hours, 0);
          expect(Math.abs(sum - layer.hours)).toBeLessThanOrEqual(0.005 * (layer.members.length + 1) + 1e-9);
          expect(layer.balance).toBeGreaterThanOrEqual(0);
          expect(layer.balance).toBeLessThanOrEqual(1);
          const shares = layer.members.reduce((a, m) => a + m.expectedShare, 0);
          expect(shares === 0 || Math.abs(shares - 1) < 0.001 * layer.members.length).toBe(true);
        }
        const hours = report.layers.flatMap((l) => l.members.map((m) => m.hours));
        expect(balanceScore(reorder(hours, order))).toBeCloseTo(balanceScore(hours), 12);

        const shuffled = fairnessReport({ ...input, org: { ...input.org, people: reorder(people, order) } });
        expect(shuffled).toEqual(report);
      }),
      { numRuns: 60 },
    );
  });
});
