/**
 * Property tests of the rotation engine over random rosters (2-60 people in zones all around the world),
 * random start dates 2026-2035 and random seeds. Runs are kept modest so the file takes a few seconds.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Person, RotationConfig, Shift } from "../model/index.js";
import { firstShiftAllowedMillis, isExperienced, scheduleEpoch } from "./availability.js";
import { coveragePieces, effectiveCoverage } from "../schedule/index.js";
import { handoffMillisAtOrBefore } from "./handoffs.js";
import { holidayWindowsBetween } from "./holiday-period.js";
import { assignLayers } from "./layer-groups.js";
import { generateSchedule } from "./generate.js";
import { checkSchedule } from "../schedule/index.js";
import { at, lines, NY, person, rotation } from "./test-kit.js";
import { DAY_MS, isoDate } from "./wall-clock.js";

const ZONES = [
  "America/New_York",
  "America/Detroit",
  "America/Toronto",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Sydney",
  "Pacific/Auckland",
];
const FIRST_DAY = Math.floor(Date.parse("2026-01-01") / DAY_MS);
const LAST_DAY = Math.floor(Date.parse("2035-10-01") / DAY_MS);

interface Scenario {
  config: RotationConfig;
  people: Person[];
  startDay: number;
  weeks: number;
}

/** A roster: mostly people who joined long ago, some recent or future joiners; two managers as fallbacks. */
function scenarioArb(opts: { leavers: boolean; maxPeople?: number }): fc.Arbitrary<Scenario> {
  const member = fc.record({
    zone: fc.constantFrom(...ZONES),
    joined: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: -3000, max: -200 }) },
      { weight: 1, arbitrary: fc.integer({ min: -120, max: 150 }) },
    ),
    leaves: opts.leavers ? fc.option(fc.integer({ min: -30, max: 300 }), { freq: 5 }) : fc.constant(null),
  });
  return fc
    .record({
      members: fc.array(member, { minLength: 2, maxLength: opts.maxPeople ?? 60 }),
      startDay: fc.integer({ min: FIRST_DAY, max: LAST_DAY }),
      weeks: fc.integer({ min: 6, max: 40 }),
      seed: fc.nat({ max: 0xffffffff }),
      tolerance: fc.integer({ min: 0, max: 4 }),
    })
    .map(({ members, startDay, weeks, seed, tolerance }) => {
      const people = members.map((m, i) => {
        const p = person(`p${i}`, {
          timezone: m.zone,
          start: isoDate(startDay + m.joined),
          manager: i % 2 ? "mgr-a" : "mgr-b",
        });
        if (m.leaves !== null) p.end = isoDate(Math.max(startDay + m.leaves, startDay + m.joined));
        return p;
      });
      people.push(person("mgr-a", { oncall: false }), person("mgr-b", { oncall: false, timezone: "Europe/London" }));
      return {
        config: rotation({ start: isoDate(startDay), seed, balanceTolerance: tolerance }),
        people,
        startDay,
        weeks,
      };
    });
}

const untilOf = (s: Scenario) => at(`${isoDate(s.startDay + 7 * s.weeks)}T00:00`);
const generate = (s: Scenario, published: Shift[] = [], until = untilOf(s), people = s.people) =>
  generateSchedule({ config: s.config, people, published, until });
// PROPERTY_RUNS raises the number of runs for a deeper local search; CI keeps the default.
// PROPERTY_SEED and PROPERTY_PATH replay a failure that fast-check reported (its seed and path).
const RUNS = process.env.PROPERTY_SEED
  ? { seed: Number(process.env.PROPERTY_SEED), path: process.env.PROPERTY_PATH, endOnFailure: true }
  : { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) };

describe("generated schedules (property)", () => {
  it("cover every slot with exactly one person at every instant, nobody on two slots, and pass every rule", () => {
    fc.assert(
      fc.property(scenarioArb({ leavers: true }), (s) => {
        const { shifts } = generate(s);
        const errors = checkSchedule({ shifts, overrides: [], people: s.people, config: s.config }).filter(
          (f) => f.severity === "error",
        );
        expect(errors).toEqual([]);
        const from = at(`${isoDate(s.startDay)}T00:00`);
        const segments = effectiveCoverage({
          shifts,
          overrides: [],
          people: s.people,
          config: s.config,
          from,
          to: untilOf(s),
        });
        for (const layer of s.config.layers) {
          const own = segments.filter((g) => g.slot === layer.name);
          for (let i = 1; i < own.length; i++) expect(own[i]!.start.toMillis()).toBe(own[i - 1]!.end.toMillis());
          expect(own.at(-1)!.end.toMillis()).toBe(untilOf(s).toMillis());
        }
        const holders = coveragePieces({
          shifts,
          overrides: [],
          people: s.people,
          config: s.config,
          from,
          to: untilOf(s),
        }).filter((p) => p.source !== "fallback");
        for (const a of holders)
          for (const b of holders)
            if (a.slot < b.slot && a.login === b.login) expect(a.startMs < b.endMs && b.startMs < a.endMs).toBe(false);
      }),
      RUNS,
    );
  });

  it("hand off at 11:00 New York wall time, Mondays for rot-a and Wednesdays for rot-b, DST weeks included", () => {
    fc.assert(
      fc.property(scenarioArb({ leavers: false, maxPeople: 12 }), (s) => {
        const { shifts } = generate(s);
        const windows = holidayWindowsBetween(
          s.config,
          shifts[0]!.start.toMillis(),
          untilOf(s).toMillis() + 30 * DAY_MS,
        );
        const edges = new Set(windows.flatMap((w) => [w.start.toMillis(), w.end.toMillis()]));
        for (const shift of shifts) {
          for (const edge of [shift.start, shift.end]) {
            const wall = edge.setZone(NY);
            expect([wall.hour, wall.minute, wall.second]).toEqual([11, 0, 0]);
            if (shift.layer.startsWith("rot-") && !edges.has(edge.toMillis()))
              expect(wall.weekday).toBe(shift.layer === "rot-a" ? 1 : 3);
          }
        }
      }),
      RUNS,
    );
  });

  it("put each member on at most once per round, every experienced member exactly once per complete round", () => {
    fc.assert(
      fc.property(scenarioArb({ leavers: false }), (s) => {
        const { shifts } = generate(s);
        const epoch = scheduleEpoch(shifts)!;
        for (const layer of s.config.layers) {
          const holiday = s.config.holidayPeriod?.layers.find((h) => h.replaces === layer.name)?.name;
          const turns = new Map<number, Map<string, Shift[]>>();
          for (const shift of shifts) {
            const who = shift.layer === layer.name ? shift.login : shift.layer === holiday ? shift.fallback : null;
            if (!who || shift.round === undefined) continue;
            const round = turns.get(shift.round) ?? new Map<string, Shift[]>();
            round.set(who, [...(round.get(who) ?? []), shift]);
            turns.set(shift.round, round);
          }
          const last = Math.max(...turns.keys());
          for (const [round, byLogin] of turns) {
            for (const pieces of byLogin.values()) {
              // All of a person's pieces in a round belong to one turn (the regular handoff before them).
              const turnsOf = new Set(
                pieces.map((p) =>
                  handoffMillisAtOrBefore(layer, s.config.timezone, p.start.toMillis(), s.config.start),
                ),
              );
              expect(turnsOf.size).toBe(1);
            }
            if (round === last) continue;
            const firstStart = Math.min(...[...byLogin.values()].flat().map((p) => p.start.toMillis()));
            const members = assignLayers(s.config, s.people, isoDate(Math.floor(firstStart / DAY_MS))).members.get(
              layer.name,
            )!;
            const experienced = members.filter((login) =>
              isExperienced(
                s.people.find((p) => p.login === login)!,
                s.config,
                epoch,
              ),
            );
            for (const login of experienced) expect(byLogin.has(login)).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it("respect the new-hire rule and never pair two first-timers when the roster allows it", () => {
    fc.assert(
      fc.property(scenarioArb({ leavers: false }), (s) => {
        const { shifts, notes } = generate(s);
        const byLogin = new Map(s.people.map((p) => [p.login, p]));
        for (const shift of shifts) {
          const holder = shift.login ?? (shift.round !== undefined ? shift.fallback : undefined);
          if (!holder) continue;
          expect(shift.start.toMillis()).toBeGreaterThanOrEqual(
            firstShiftAllowedMillis(byLogin.get(holder)!, s.config.newHireDays, s.config.timezone),
          );
        }
        const paired = checkSchedule({ shifts, overrides: [], people: s.people, config: s.config }).filter(
          (f) => f.rule === "first-timers-paired",
        );
        if (paired.length > 0) expect(notes.some((n) => n.includes("first-timer"))).toBe(true);
        // With at least two experienced members in every layer a pairing is always avoidable.
        const epoch = scheduleEpoch(shifts)!;
        const assignment = assignLayers(s.config, s.people, s.config.start!);
        const roomy = s.config.layers.every(
          (l) =>
            assignment.members.get(l.name)!.filter((login) => isExperienced(byLogin.get(login)!, s.config, epoch))
              .length >= 2,
        );
        if (roomy) expect(paired).toEqual([]);
      }),
      RUNS,
    );
  });

  it("generating twice equals generating once, and extending to X then to Y equals extending to Y", () => {
    fc.assert(
      fc.property(
        scenarioArb({ leavers: true, maxPeople: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (s, fraction) => {
          const full = generate(s).shifts;
          expect(generate(s, full).shifts).toEqual([]);
          const cut = at(`${isoDate(s.startDay)}T00:00`).plus({
            milliseconds: Math.floor(fraction * 7 * s.weeks * DAY_MS),
          });
          const first = generate(s, [], cut).shifts;
          const rest = generate(s, first).shifts;
          expect(lines([...first, ...rest])).toEqual(lines(full));
        },
      ),
      RUNS,
    );
  });

  it("adding, removing or retiring a person never changes a published shift", () => {
    const change = fc.constantFrom("add", "remove", "retire");
    fc.assert(
      fc.property(
        scenarioArb({ leavers: false, maxPeople: 30 }),
        change,
        fc.nat(),
        fc.integer({ min: 1, max: 5 }),
        (s, kind, pick, cutWeeks) => {
          const cut = at(`${isoDate(s.startDay + 7 * Math.min(cutWeeks, s.weeks - 1))}T00:00`);
          const published = generate(s, [], cut).shifts;
          const snapshot = lines(published);
          const staff = s.people.filter((p) => p.oncall);
          const target = staff[pick % staff.length]!;
          const people =
            kind === "add"
              ? [
                  ...s.people,
                  person("newbie", {
                    timezone: ZONES[pick % ZONES.length]!,
                    start: isoDate(s.startDay + (pick % 90)),
                    manager: "mgr-a",
                  }),
                ]
              : kind === "remove"
                ? s.people.filter((p) => p !== target)
                : s.people.map((p) => (p === target ? { ...p, end: isoDate(s.startDay + 7 * cutWeeks + 3) } : p));
          const { shifts } = generate(s, published, untilOf(s), people);
          expect(lines(published)).toEqual(snapshot);
          for (const layer of s.config.layers) {
            const slotEnd = Math.max(
              ...published
                .filter((x) => x.layer === layer.name || x.layer.endsWith(layer.name.slice(3)))
                .map((x) => x.end.toMillis()),
            );
            const firstNew = shifts.find((x) => x.layer === layer.name || x.layer.endsWith(layer.name.slice(3)));
            if (firstNew) expect(firstNew.start.toMillis()).toBe(slotEnd);
          }
          const errors = checkSchedule({
            shifts: [...published, ...shifts],
            overrides: [],
            people,
            config: s.config,
          }).filter((f) => f.severity === "error");
          // Only a retirement can invalidate already-published shifts (releaseLeaverShifts fixes those).
          for (const e of errors)
            expect(kind === "retire" && e.rule === "after-end-date" && e.message.includes(target.login)).toBe(true);
          expect(shifts.every((x) => kind !== "remove" || x.login !== target.login)).toBe(true);
        },
      ),
      RUNS,
    );
  });
});
