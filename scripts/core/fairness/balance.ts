/**
 * How evenly a layer's load was spread: the balance score, and the share each member could have been
 * expected to carry given the time they were at the company and past their new-hire period.
 */
import type { Person, RotationConfig } from "../model/index.js";
import { availableUntilMillis, firstShiftAllowedMillis } from "../rotation/index.js";

/**
 * The mean over every pair of members of min(hours) / max(hours): 1 when everyone carried the same,
 * towards 0 as the load concentrates. A pair of zeros counts 1 (two people who both did nothing were
 * treated alike); fewer than two members gives 1 (there is nobody to be unfair to).
 * Independent of the order of `hours`. Any unit works (ratios only).
 * @returns a number in [0, 1].
 */
export function balanceScore(hours: readonly number[]): number {
  const n = hours.length;
  if (n < 2) return 1;
  let sum = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const a = hours[i]!;
      const b = hours[j]!;
      const hi = Math.max(a, b);
      sum += hi === 0 ? 1 : Math.min(a, b) / hi;
    }
  return sum / ((n * (n - 1)) / 2);
}

/**
 * Milliseconds of [fromMs, toMs) during which `person` could be scheduled: from midnight of start date +
 * newHireDays (rotation zone) to midnight after their end date. People who are not on the rotation
 * (`oncall: false`, managers who only stand in as fallbacks) are never expected to carry a share: 0.
 */
export function availableMillis(
  person: Pick<Person, "start" | "end" | "oncall">,
  config: Pick<RotationConfig, "newHireDays" | "timezone">,
  fromMs: number,
  toMs: number,
): number {
  if (!person.oncall) return 0;
  const start = Math.max(fromMs, firstShiftAllowedMillis(person, config.newHireDays, config.timezone));
  const end = Math.min(toMs, availableUntilMillis(person, config.timezone));
  return Math.max(0, end - start);
}

/**
 * Each member's expected share of a layer: their available time over the sum of every member's, so a
 * person who joined (or left) halfway through the window is expected to carry half as much as someone
 * present throughout. Shares sum to 1 unless nobody was available (then all are 0).
 * @param available login -> available milliseconds (from {@link availableMillis}).
 */
export function expectedShares(available: ReadonlyMap<string, number>): Map<string, number> {
  let total = 0;
  for (const ms of available.values()) total += ms;
  return new Map([...available].map(([login, ms]) => [login, total > 0 ? ms / total : 0]));
}
