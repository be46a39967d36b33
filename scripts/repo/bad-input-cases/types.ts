/**
 * The shape of a bad-input case: a small edit of the minimal fixture (scripts/fixtures/minimal) and
 * every problem a person should then see, with its exact position. Positions were worked out from the
 * fixture text, not copied from the loader's output.
 */
import type { Edit } from "../test-repo.js";

export interface ExpectedProblem {
  file: string;
  /** 1-based, or 0 for a whole-file problem. */
  line: number;
  column: number;
  rule: string;
  /** The message must contain this text (often it is the whole message). */
  message: string;
  /** The message must not contain this text. */
  excludes?: string;
  /** Default "error". */
  severity?: "error" | "warning";
}

export interface BadInputCase {
  name: string;
  edits: Edit[];
  /** Exactly the problems the loader must report (no others). */
  expect: ExpectedProblem[];
  /**
   * A known loader bug: `expect` is what a person needs, but not what the loader gives yet. With
   * `extra` (problems the bug adds, such as a misleading follow-on error) the case checks `expect` plus
   * `extra` exactly; with `absent` (nothing reported at all) it checks that loading does not throw;
   * otherwise (a wrong position or message) it checks only that each expected rule fires in the
   * expected file. In every case the exact check of `expect` alone runs as an expected
   * failure, which starts failing (as a reminder to remove `bug`) once the loader is fixed.
   */
  bug?: {
    note: string;
    extra?: ExpectedProblem[];
    /** The loader reports nothing yet; the case then only checks that loading does not throw. */
    absent?: true;
  };
}

export const PEOPLE = "rotations/people.yaml";
export const CONFIG = "rotations/config.yaml";
export const SCHEDULE = "rotations/schedule.yaml";
export const OVERRIDES = "rotations/overrides.yaml";
export const POLICY = "incidents/policy.yaml";
export const INCIDENT = "incidents/2026/INC-1.yaml";
export const POSTMORTEM = "postmortems/2026/INC-1-checkout-errors.md";
export const PLAYBOOK_CHECKOUT = "playbooks/checkout-errors.md";
export const PLAYBOOK_GATEWAY = "playbooks/api-gateway.md";

/** A single replacement in one file (the text must occur exactly once). */
export function replace(file: string, from: string, to: string): Edit {
  return { file, replace: from, with: to };
}

/**
 * An incident record that fails its schema contributes nothing, so its postmortem is told the record
 * does not exist, although the file is right there (and already has an error of its own).
 */
