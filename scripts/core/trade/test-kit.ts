/**
 * Builders shared by the trade tests: a small roster with managers, weekly shifts that remember their
 * place in a schedule file, and one side of a trade. Test-only; nothing in production imports it.
 */
import type { Override, Person, RotationConfig, Shift } from "../model/index.js";
import { at, person, rotation } from "../rotation/test-kit.js";
import type { TradeSide } from "./diff.js";

export { at, NY } from "../rotation/test-kit.js";

/** alice, bob, carol (managed by dana), erin (managed by frank), a new hire, and two managers. */
export const PEOPLE: Person[] = [
  person("alice", { manager: "dana" }),
  person("bob", { manager: "dana" }),
  person("carol", { manager: "dana" }),
  person("erin", { manager: "frank", timezone: "Europe/Berlin", region: "DE-BE" }),
  person("gwen", { manager: "frank", timezone: "Europe/Berlin", region: "DE-BE" }),
  person("newbie", { manager: "frank", start: "2026-11-01" }),
  person("dana", { oncall: false }),
  person("frank", { oncall: false, timezone: "Europe/Berlin", region: "DE-BE" }),
];

/** The default rotation without the holiday period, so December weeks stay plain. */
export const CONFIG: RotationConfig = (() => {
  const config = rotation({ start: "2026-11-30" });
  delete config.holidayPeriod;
  return config;
})();

/**
 * Weekly shifts of `layer` from `first` (a New York wall time), one per login, numbered from
 * `index` as items of rotations/schedule.yaml.
 */
export function weekly(layer: string, first: string, logins: readonly (string | null)[], index = 0): Shift[] {
  const start = at(first);
  return logins.map((login, i) => ({
    layer,
    start: start.plus({ weeks: i }),
    end: start.plus({ weeks: i + 1 }),
    login,
    src: { file: "rotations/schedule.yaml", path: ["shifts", index + i] },
  }));
}

/** rot-a from Mon 30 Nov 2026 and rot-b from Wed 2 Dec, six weeks each, items numbered a0 b0 a1 b1 ... */
export function baseShifts(
  a: readonly string[] = ["alice", "bob", "carol", "alice", "bob", "carol"],
  b: readonly string[] = ["erin", "gwen", "erin", "gwen", "erin", "gwen"],
): Shift[] {
  const ra = weekly("rot-a", "2026-11-30T11:00", a);
  const rb = weekly("rot-b", "2026-12-02T11:00", b);
  const out: Shift[] = [];
  for (let i = 0; i < Math.max(ra.length, rb.length); i++) {
    if (ra[i]) out.push({ ...ra[i]!, src: { file: "rotations/schedule.yaml", path: ["shifts", out.length] } });
    if (rb[i]) out.push({ ...rb[i]!, src: { file: "rotations/schedule.yaml", path: ["shifts", out.length] } });
  }
  return out;
}

/** An override of `layer` between two New York wall times. */
export function override(
  layer: string,
  start: string,
  end: string,
  by: string,
  index = 0,
  extra: Partial<Override> = {},
): Override {
  return {
    layer,
    start: at(start),
    end: at(end),
    by,
    src: { file: "rotations/overrides.yaml", path: ["overrides", index] },
    ...extra,
  };
}

/** One side of a trade. */
export function side(
  shifts: readonly Shift[],
  overrides: readonly Override[] = [],
  people: readonly Person[] = PEOPLE,
  config: RotationConfig = CONFIG,
): TradeSide {
  return { shifts, overrides, people, config };
}

/** `shifts` with the logins of two shifts (by login and start) exchanged. */
export function swapped(shifts: readonly Shift[], a: [string, string], b: [string, string]): Shift[] {
  const find = ([login, start]: [string, string]) => shifts.find((s) => s.login === login && s.start.equals(at(start)));
  const x = find(a);
  const y = find(b);
  if (!x || !y) throw new Error(`no shift for ${a.join("@")} or ${b.join("@")}`);
  return shifts.map((s) => (s === x ? { ...s, login: y.login } : s === y ? { ...s, login: x.login } : s));
}
