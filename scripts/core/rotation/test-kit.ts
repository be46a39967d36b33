/**
 * Builders shared by the rotation engine's tests: people, configs and instants with explicit zones.
 * Test-only; nothing in production imports it.
 */
import { DateTime } from "luxon";
import type { Person, RotationConfig, Shift } from "../model/index.js";
import { DEFAULT_ROTATION } from "./config.js";

export const NY = "America/New_York";

/** A rostered person; defaults: New York, started 2020-01-02, on call. */
export function person(login: string, fields: Partial<Person> = {}): Person {
  return {
    login,
    name: login,
    timezone: NY,
    region: "US-NY",
    start: "2020-01-02",
    team: "core",
    oncall: true,
    ...fields,
  };
}

/** The default rotation with a start date and seed, plus any changes. */
export function rotation(fields: Partial<RotationConfig> = {}): RotationConfig {
  return { ...DEFAULT_ROTATION, start: "2026-01-05", seed: 417193, ...fields };
}

/** An instant from ISO text with an offset (kept as the zone), or a New York wall time without one. */
export function at(iso: string): DateTime {
  const dt = /[zZ]|[+-]\d\d:\d\d$/.test(iso)
    ? DateTime.fromISO(iso, { setZone: true })
    : DateTime.fromISO(iso, { zone: NY });
  if (!dt.isValid) throw new Error(`bad instant ${iso}`);
  return dt;
}

/** A shift in a compact form for tests. */
export function shift(
  layer: string,
  start: string,
  end: string,
  login: string | null,
  extra: Partial<Shift> = {},
): Shift {
  return { layer, start: at(start), end: at(end), login, ...extra };
}

/** `layer start..end login` lines for readable snapshots and failure messages. */
export function lines(shifts: readonly Shift[]): string[] {
  return shifts.map(
    (s) =>
      `${s.layer} ${s.start.setZone(NY).toFormat("yyyy-MM-dd HH:mm")} .. ${s.end.setZone(NY).toFormat("yyyy-MM-dd HH:mm")} ${s.login ?? "-"}` +
      `${s.fallback ? ` fb=${s.fallback}` : ""}${s.round !== undefined ? ` r${s.round}` : ""}`,
  );
}
