/**
 * The whole check of a trade, from the rotation data at two revisions: what changes (in plain words),
 * who is affected, and what is wrong. The invariants themselves are not re-implemented here: the
 * loader already ran the schema, the cross-file rules (unknown people) and `checkSchedule` (gaps,
 * overlaps, both layers, new hires before day 60, after an end date) on each side; this adds only
 * what needs both sides, changes to time that has already passed, and keeps problems the base
 * already had apart, so a trade is not blamed for them.
 */
import type { DateTime } from "luxon";
import { NEEDED_ROTATION_KINDS, type Finding, type Organisation, type Problem } from "../model/index.js";
import { affectedPeople, diffCoverage, type TradeChange, type TradeSide } from "./diff.js";
import { pastChangeFindings } from "./past.js";
import { tradeSummary } from "./summary.js";

/** One revision as loaded: the data, which fixed files were valid, and every problem found. */
export interface LoadedSide {
  org: Pick<Organisation, "shifts" | "overrides" | "people" | "rotation">;
  /** Kinds of fixed files that were present and valid (`people`, `rotation`, `schedule`, ...). */
  present: ReadonlySet<string>;
  problems: readonly Problem[];
}

export interface TradeCheckInput {
  before: LoadedSide;
  after: LoadedSide;
  /** Places a core finding about the after side (file, line, column). */
  position(finding: Finding): Problem;
  /** Changes before this instant alter history. */
  now: DateTime;
}

export interface TradeCheck {
  changes: TradeChange[];
  /** Newly published time (no consent needed). */
  published: TradeChange[];
  affected: string[];
  /** Errors the trade brings; any of them fails the check. */
  problems: Problem[];
  /** Warnings the trade brings (first-timers paired, ...). */
  warnings: Problem[];
  /** Errors the base revision already had, left out of `problems`. */
  existing: Problem[];
  summary: string;
  /** The two sides, for views that need the coverage (before/after tables). */
  before: TradeSide;
  after: TradeSide;
}

const key = (p: Problem) => `${p.file}\n${p.rule}\n${p.message}`;
const sideOf = (s: LoadedSide): TradeSide => ({
  shifts: s.org.shifts,
  overrides: s.org.overrides,
  people: s.org.people,
  config: s.org.rotation,
});

/** Checks a trade; see the module comment. */
export function checkTrade(input: TradeCheckInput): TradeCheck {
  const { before, after } = input;
  const readable = (s: LoadedSide) => NEEDED_ROTATION_KINDS.every((k) => s.present.has(k));
  const baseKeys = new Set(before.problems.filter((p) => p.severity === "error").map(key));
  const afterErrors = after.problems.filter((p) => p.severity === "error");
  const problems = afterErrors.filter((p) => !baseKeys.has(key(p)));
  const existing = afterErrors.filter((p) => baseKeys.has(key(p)));
  const baseWarnings = new Set(before.problems.filter((p) => p.severity === "warning").map(key));
  const warnings = after.problems.filter((p) => p.severity === "warning" && !baseWarnings.has(key(p)));
  const result = { problems, warnings, existing, before: sideOf(before), after: sideOf(after) };

  if (!readable(after)) {
    return {
      ...result,
      changes: [],
      published: [],
      affected: [],
      summary: "the rotation files of this change cannot be read; fix the problems listed",
    };
  }
  if (!readable(before)) {
    return {
      ...result,
      changes: [],
      published: [],
      affected: [],
      summary: "the base revision's rotation files cannot be read, so there is nothing to compare with",
    };
  }
  const { changes, published } = diffCoverage(result.before, result.after);
  const past = pastChangeFindings(changes, result.after, input.now).map(input.position);
  return {
    ...result,
    problems: [...past, ...problems],
    changes,
    published,
    affected: affectedPeople(changes),
    summary: tradeSummary(changes, published, before.org.shifts, after.org.rotation.timezone),
  };
}
