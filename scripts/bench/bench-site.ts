/**
 * Benchmark 8 (issue 14), the dashboard: `oncall site` (every page, the charts and the calendar feeds)
 * on the synthetic organisation against `oncall status` on it, both at the same --at inside the
 * published schedule and run interleaved; and the size of the largest page written (HTML, CSV, the
 * stylesheet and script; the calendar feeds under calendars/ left out).
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { duration, ratio, type Row } from "./figures-table.js";
import { cpuNote, expectSuccess, median, timeInterleaved } from "./measure.js";
import type { OrgSize } from "./org-size.js";
import type { RepoPaths } from "./repo-paths.js";
import { ROTATION_START } from "./synthetic-roster.js";

export interface SiteBenchInput {
  paths: RepoPaths;
  orgDir: string;
  size: OrgSize;
  work: string;
  reps: number;
  log: (line: string) => void;
}

/** Largest file below `dir` outside its calendars/ folder, in bytes, with its path. */
function largestPage(dir: string): { path: string; bytes: number } {
  let best = { path: "", bytes: 0 };
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (relative(dir, p) !== "calendars") walk(p);
      } else {
        const bytes = statSync(p).size;
        if (bytes > best.bytes) best = { path: relative(dir, p), bytes };
      }
    }
  };
  walk(dir);
  return best;
}

export function benchSite(input: SiteBenchInput): { rows: Row[]; notes: string[] } {
  const { paths, orgDir, size } = input;
  // Halfway through the published years, so every page has a full calendar and history.
  const at = `${Number(ROTATION_START.slice(0, 4)) + Math.floor(size.years / 2)}-06-15T12:00`;
  const out = join(input.work, "site");
  input.log(`8: oncall site vs oncall status on the synthetic organisation at ${at} (${input.reps} rounds)...`);
  const result = timeInterleaved(
    [
      {
        name: "site",
        args: [paths.oncall, "site", "--repo", orgDir, "--at", at, "--out", out],
        check: expectSuccess("oncall site on the synthetic organisation"),
      },
      {
        name: "status",
        args: [paths.oncall, "status", "--repo", orgDir, "--at", at],
        check: expectSuccess("oncall status on the synthetic organisation"),
      },
    ],
    input.reps,
  );
  const siteMs = median(result.times.get("site")!);
  const statusMs = median(result.times.get("status")!);
  const largest = largestPage(out);
  const notes = [
    cpuNote("8a", result, "site", "status") ?? "8a: no CPU times on this platform",
    `8b: largest page ${largest.path}, ${(largest.bytes / 1024).toFixed(0)} KB (calendar feeds left out)`,
  ];
  return {
    rows: [
      {
        id: "8a",
        what: "oncall site vs oncall status (synthetic org)",
        figure: duration(siteMs),
        baseline: duration(statusMs),
        ratio: ratio(siteMs / statusMs),
        target: "<= 2.0x",
        met: siteMs <= 2 * statusMs,
      },
      {
        id: "8b",
        what: `largest site page (${largest.path}, no feeds)`,
        figure: `${(largest.bytes / 1024).toFixed(0)} KB`,
        baseline: "-",
        ratio: "-",
        target: "<= 300 KB",
        met: largest.bytes <= 300 * 1024,
      },
    ],
    notes,
  };
}
