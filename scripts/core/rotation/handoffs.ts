/**
 * Handoff instants of a regular layer: a weekday and HH:MM on the rotation zone's wall clock, every
 * `shiftWeeks` weeks. Handoffs follow the wall clock across DST changes (11:00 New York is 16:00 UTC in
 * winter and 15:00 UTC in summer); a handoff time inside a DST gap moves forward by the gap and one that
 * occurs twice takes its first occurrence (see `wallClockMillis`).
 *
 * With `shiftWeeks > 1` the cadence needs a phase: handoffs fall on the handoff weekday on or after an
 * anchor date and every `shiftWeeks` weeks from there, in both directions. The generator passes the
 * rotation's `start` date; without one the fixed `DEFAULT_HANDOFF_ANCHOR` keeps the phase stable.
 * With weekly shifts the anchor makes no difference. `shiftDays` (whole days, for imported rotations)
 * replaces the weekly period the same way: handoffs every `shiftDays` days from that first handoff day.
 */
import type { DateTime } from "luxon";
import type { LayerConfig, Weekday } from "../model/index.js";
import { clockMinutes, dayNumber, inZone, localDay, wallClockMillis, weekdayOf } from "./wall-clock.js";

/** The part of a layer that fixes its handoffs. `shiftWeeks` defaults to 1. */
export type HandoffRule = Pick<LayerConfig, "handoffDay" | "handoffTime"> & { shiftWeeks?: number; shiftDays?: number };

/** Days between a layer's handoffs: `shiftDays` when given, otherwise 7 x `shiftWeeks` (default 1 week). */
export function shiftDaysOf(rule: Pick<HandoffRule, "shiftWeeks" | "shiftDays">): number {
  return rule.shiftDays ?? 7 * (rule.shiftWeeks ?? 1);
}

/** Anchor used when a rotation records no start date (a Monday, far enough in the past). */
export const DEFAULT_HANDOFF_ANCHOR = "2001-01-01";

/** ISO weekday numbers, Monday = 1. */
const WEEKDAY_NUMBER: Readonly<Record<Weekday, number>> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};

interface Cadence {
  /** Day number of one handoff day. */
  base: number;
  /** Days between handoffs. */
  period: number;
  /** Minutes after midnight. */
  minutes: number;
}

function cadence(rule: HandoffRule, anchor: string): Cadence {
  const a = dayNumber(anchor);
  const target = WEEKDAY_NUMBER[rule.handoffDay];
  return {
    base: a + ((target - weekdayOf(a) + 7) % 7),
    period: shiftDaysOf(rule),
    minutes: clockMinutes(rule.handoffTime),
  };
}

/**
 * First handoff (epoch ms) at or after `atMs` (`inclusive`) or strictly after it.
 * Allocation-free apart from parsing the rule; the generator calls it in its inner loop.
 */
export function handoffMillisAfter(
  rule: HandoffRule,
  zone: string,
  atMs: number,
  inclusive: boolean,
  anchor = DEFAULT_HANDOFF_ANCHOR,
): number {
  const { base, period, minutes } = cadence(rule, anchor);
  // Start one period early: a handoff can land on the previous local day's side of `atMs` only by
  // hours, so at most three candidates are ever tried.
  let k = Math.floor((localDay(atMs, zone) - base) / period) - 1;
  for (;;) {
    const ms = wallClockMillis(base + k * period, minutes, zone);
    if (inclusive ? ms >= atMs : ms > atMs) return ms;
    k += 1;
  }
}

/** Last handoff (epoch ms) at or before `atMs`. */
export function handoffMillisAtOrBefore(
  rule: HandoffRule,
  zone: string,
  atMs: number,
  anchor = DEFAULT_HANDOFF_ANCHOR,
): number {
  const { base, period, minutes } = cadence(rule, anchor);
  let k = Math.floor((localDay(atMs, zone) - base) / period) + 1;
  for (;;) {
    const ms = wallClockMillis(base + k * period, minutes, zone);
    if (ms <= atMs) return ms;
    k -= 1;
  }
}

/** The first handoff strictly after `after`, in `zone`. */
export function nextHandoff(
  rule: HandoffRule,
  zone: string,
  after: DateTime,
  anchor = DEFAULT_HANDOFF_ANCHOR,
): DateTime {
  return inZone(handoffMillisAfter(rule, zone, after.toMillis(), false, anchor), zone);
}

/** The first handoff at or after `at`, in `zone`. */
export function handoffOnOrAfter(
  rule: HandoffRule,
  zone: string,
  at: DateTime,
  anchor = DEFAULT_HANDOFF_ANCHOR,
): DateTime {
  return inZone(handoffMillisAfter(rule, zone, at.toMillis(), true, anchor), zone);
}

/** The last handoff at or before `at`, in `zone`: when the shift in progress at `at` began. */
export function previousHandoff(
  rule: HandoffRule,
  zone: string,
  at: DateTime,
  anchor = DEFAULT_HANDOFF_ANCHOR,
): DateTime {
  return inZone(handoffMillisAtOrBefore(rule, zone, at.toMillis(), anchor), zone);
}

/** Every handoff in [from, to), in order, in `zone`. */
export function handoffsBetween(
  rule: HandoffRule,
  zone: string,
  from: DateTime,
  to: DateTime,
  anchor = DEFAULT_HANDOFF_ANCHOR,
): DateTime[] {
  const out: DateTime[] = [];
  const end = to.toMillis();
  let ms = handoffMillisAfter(rule, zone, from.toMillis(), true, anchor);
  while (ms < end) {
    out.push(inZone(ms, zone));
    ms = handoffMillisAfter(rule, zone, ms, false, anchor);
  }
  return out;
}
