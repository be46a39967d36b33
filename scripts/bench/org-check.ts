/**
 * The untimed first `oncall validate` of the synthetic organisation: does it load, and with zero
 * errors? A crash (exit other than 0 or 1) is reported as a finding and the timed validation
 * benchmarks are skipped.
 */
import { childFdLimit, runNode, type ProcessRun } from "./measure.js";

/** The summary line `oncall validate` ends with ("0 errors, 3 warnings in 14 files checked."). */
export function summaryLine(run: ProcessRun): string {
  return run.stdout.trim().split("\n").pop() ?? "";
}

/** Exit status among `allowed` (validate exits 1 when it finds errors: a finding, not a crash). */
export function expectExit(what: string, allowed: readonly number[]): (run: ProcessRun) => void {
  return (run) => {
    if (run.status === null || !allowed.includes(run.status))
      throw new Error(`${what} exited with ${run.status}:\n${run.stderr.slice(-2000)}`);
  };
}

export interface OrgCheck {
  /** True when `oncall validate` crashed, so the timed benchmarks cannot run. */
  unusable: boolean;
  /** Zero errors reported. */
  zeroErrors: boolean;
  notes: string[];
}

function errorLines(run: ProcessRun): string {
  return run.stdout
    .split("\n")
    .filter((l) => l.includes(": error:"))
    .slice(0, 20)
    .join("\n");
}

export function checkOrg(oncall: string, dir: string, fileCount: number): OrgCheck {
  const run = runNode([oncall, "validate", "--repo", dir]);
  if (run.status !== 0 && run.status !== 1) {
    const emfile = /EMFILE/.test(run.stderr)
      ? ` (${fileCount} data files, open-files limit ${childFdLimit() ?? "?"})`
      : "";
    return {
      unusable: true,
      zeroErrors: false,
      notes: [
        `FINDING: oncall validate crashes on the synthetic organisation (exit ${run.status} after ${(run.ms / 1000).toFixed(1)} s)${emfile}:\n${run.stderr.slice(-1200)}`,
      ],
    };
  }
  const zeroErrors = run.status === 0 && /^0 errors/.test(summaryLine(run));
  const notes = [`oncall validate on the synthetic organisation: ${summaryLine(run)}`];
  if (!zeroErrors) notes.push(`ERRORS in the synthetic organisation (first 20):\n${errorLines(run)}`);
  return { unusable: false, zeroErrors, notes };
}
