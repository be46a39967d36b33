/**
 * Which handoff phases a run of the `handoff` workflow has to post. Every handoff `h` of a layer has two
 * phases: the reminder ("upcoming", due at `h - reminderHours`) and the summary ("at-handoff", due at
 * `h`). The workflow runs every two hours and GitHub runs it late or not at all, so a run never asks
 * "what is due in this slot" (cron arithmetic) but "what fell due since the last run and is not done
 * yet": each posted phase leaves a marker in its issue body, the run reads those markers once, and this
 * module compares them with the handoff instants. Phases that fell due more than `catchUpDays` ago are
 * not posted one by one (a week without runs would open a dozen issues): they come back as `stale`,
 * to be mentioned on one catch-up line and marked done.
 *
 * Pure: the handoff instants, `now` and the markers found come in, the phases come out, oldest first.
 */
import type { DateTime } from "luxon";
import { markerKeysIn } from "../model/index.js";

/** The two phases of a handoff, in the order they fall due. */
export type HandoffPhaseKind = "upcoming" | "at-handoff";

/** One handoff of one layer (the instant of `at` is what counts; its zone is kept for display). */
export interface HandoffInstant {
  layer: string;
  at: DateTime;
}

/** One phase of one handoff that is due and not done yet. */
export interface DuePhase {
  layer: string;
  /** The handoff instant `h`. */
  handoff: DateTime;
  kind: HandoffPhaseKind;
  /** When the phase fell due: `h - reminderHours` for the reminder, `h` for the summary. */
  dueAt: DateTime;
  /** The marker key recording that the phase is done ({@link phaseKey}). */
  key: string;
}

/** What a run has to do about phases, oldest first in both lists. */
export interface PhasePlan {
  /** Phases to post one by one (due within the last `catchUpDays`). */
  due: DuePhase[];
  /** Phases older than `catchUpDays` and not done: one catch-up line for all of them, then marked done. */
  stale: DuePhase[];
}

export interface PhaseInput {
  /** Handoff instants of every layer that may have a phase due (any order; duplicates are ignored). */
  handoffs: readonly HandoffInstant[];
  now: DateTime;
  /** Hours before the handoff that the reminder falls due (default 24; 0 posts both at the handoff). */
  reminderHours?: number;
  /** Days after which a missed phase is only caught up on one line (default 3). */
  catchUpDays?: number;
  /** Marker keys already found in handoff issue bodies. */
  done: ReadonlySet<string>;
}

/** Default lead time of the reminder, hours. */
const DEFAULT_REMINDER_HOURS = 24;
/** Default age, days, past which missed phases are caught up on one line. */
const DEFAULT_CATCH_UP_DAYS = 3;

const HOUR_MS = 3_600_000;

/**
 * The marker-safe stamp of a handoff instant: UTC, minutes precision, `20261207T1600Z`.
 */
function handoffStamp(at: DateTime): string {
  return at.toUTC().toFormat("yyyyLLdd'T'HHmm'Z'");
}

/**
 * Marker key of one handoff's issue: `handoff/rot.a/20261207T1600Z`. Hyphens in the layer name become
 * dots (layer names have no dots, so the mapping is one to one), because a marker lives in an HTML
 * comment and must never contain `--`.
 */
export function handoffKey(layer: string, at: DateTime): string {
  return `handoff/${layer.replace(/-/g, ".")}/${handoffStamp(at)}`;
}

/** Marker key recording that one phase of a handoff is done: {@link handoffKey} plus `/upcoming` or `/at-handoff`. */
export function phaseKey(layer: string, at: DateTime, kind: HandoffPhaseKind): string {
  return `${handoffKey(layer, at)}/${kind}`;
}

/**
 * The phases due at `now` and not in `done`, oldest first (by due instant, then layer, the reminder
 * before the summary of the same handoff). A phase is due once `now` has reached its due instant; it is
 * stale when it fell due more than `catchUpDays` before `now`. When a handoff's summary is done, its
 * reminder is treated as done too: reminding someone of a shift that has begun helps nobody.
 */
export function duePhases(input: PhaseInput): PhasePlan {
  const reminderMs = (input.reminderHours ?? DEFAULT_REMINDER_HOURS) * HOUR_MS;
  const horizon = input.now.toMillis() - (input.catchUpDays ?? DEFAULT_CATCH_UP_DAYS) * 24 * HOUR_MS;
  const nowMs = input.now.toMillis();
  const seen = new Set<string>();
  const all: DuePhase[] = [];
  for (const { layer, at } of input.handoffs) {
    const handoffMarker = handoffKey(layer, at);
    if (seen.has(handoffMarker)) continue;
    seen.add(handoffMarker);
    const summaryDone = input.done.has(phaseKey(layer, at, "at-handoff"));
    for (const kind of ["upcoming", "at-handoff"] as const) {
      const key = phaseKey(layer, at, kind);
      const dueAt = kind === "upcoming" ? at.minus(reminderMs) : at;
      if (dueAt.toMillis() > nowMs || input.done.has(key) || summaryDone) continue;
      all.push({ layer, handoff: at, kind, dueAt, key });
    }
  }
  all.sort(
    (a, b) =>
      a.dueAt.toMillis() - b.dueAt.toMillis() ||
      (a.layer < b.layer ? -1 : a.layer > b.layer ? 1 : 0) ||
      (a.kind === b.kind ? 0 : a.kind === "upcoming" ? -1 : 1),
  );
  return {
    due: all.filter((p) => p.dueAt.toMillis() >= horizon),
    stale: all.filter((p) => p.dueAt.toMillis() < horizon),
  };
}

/**
 * The layers' latest done handoff instants (epoch ms), read from done phase keys: a run looks for
 * missed phases only after these, so a repository's first run does not catch up on its whole history.
 */
export function latestDoneByLayer(done: Iterable<string>): Map<string, number> {
  const latest = new Map<string, number>();
  for (const key of done) {
    const m = /^handoff\/([a-z0-9.]+)\/(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)Z\/(?:upcoming|at-handoff)$/.exec(key);
    if (!m) continue;
    const layer = m[1]!.replace(/\./g, "-");
    const ms = Date.UTC(+m[2]!, +m[3]! - 1, +m[4]!, +m[5]!, +m[6]!);
    if (ms > (latest.get(layer) ?? -Infinity)) latest.set(layer, ms);
  }
  return latest;
}

/**
 * The phase markers in an issue body (`<!-- oncall:handoff/.../upcoming -->`), as keys. The caller
 * reads only bodies of issues the bot wrote.
 */
export function phaseMarkersIn(body: string | null | undefined): string[] {
  return markerKeysIn(body).filter((k) => /^handoff\/[a-z0-9.]+\/\d{8}T\d{4}Z\/(?:upcoming|at-handoff)$/.test(k));
}

/** How far back, days beyond `catchUpDays`, a run looks for missed phases at most (4 weeks). */
const MAX_CATCH_UP_LOOKBACK_DAYS = 28;

/**
 * Where a run starts looking for a layer's handoffs (inclusive): at the layer's latest handoff with a
 * done phase, but no earlier than `catchUpDays + 28` days ago; a layer with nothing done yet (a first
 * run) looks back `catchUpDays` only, so it posts what is recent and catches nothing up. Handoffs up to
 * `now + reminderHours` can have a reminder due.
 */
export function lookbackStart(latestDoneMs: number | undefined, now: DateTime, catchUpDays: number): DateTime {
  if (latestDoneMs === undefined) return now.minus({ days: catchUpDays });
  const floor = now.minus({ days: catchUpDays + MAX_CATCH_UP_LOOKBACK_DAYS });
  return latestDoneMs > floor.toMillis() ? now.minus(now.toMillis() - latestDoneMs) : floor;
}
