/**
 * Loading the repository for commands that answer questions (who, status, schedule, ...). They need
 * the roster and rotation to be valid; problems elsewhere are mentioned but do not stop the answer.
 */
import type { DateTime } from "luxon";
import { UserError } from "../core/model/index.js";
import type { Organisation } from "../core/model/index.js";
import { loadRepository } from "./load-repository.js";
import type { Problem } from "./problem.js";
import { formatText } from "./problems-output.js";

/** The files a schedule question depends on; loading only these keeps `oncall who` fast. */
const ROTATION_FILES: ReadonlySet<string> = new Set(["rotations/people.yaml", "rotations/config.yaml", "rotations/schedule.yaml", "rotations/overrides.yaml"]);

const NEEDED = ["people", "rotation", "schedule"] as const;
const FILE_OF: Record<(typeof NEEDED)[number], string> = { people: "rotations/people.yaml", rotation: "rotations/config.yaml", schedule: "rotations/schedule.yaml" };

export interface Loaded {
  org: Organisation;
  problems: Problem[];
}

/**
 * Schedule errors that publishing itself resolves, so they must not stop it: a leaver's published
 * shift past their end date (publication releases it) and an override ahead of the published schedule
 * (publication extends the schedule under it).
 */
const FIXED_BY_PUBLISHING: ReadonlySet<string> = new Set(["after-end-date", "override-outside-schedule"]);
const OVERRIDES = "rotations/overrides.yaml";

/**
 * Loads `dir` (everything, or only the rotation files) and fails with the problems listed when the
 * files the answer depends on are broken.
 *
 * `firstPublication` is for the commands that publish (`schedule generate`, the schedule workflow):
 * rotations/schedule.yaml may be missing, and the schedule invariants are checked too, so nothing is
 * appended to a schedule that has overlaps, gaps or other errors (leavers' shifts excepted: publishing
 * releases them).
 */
export async function loadForCommand(dir: string, now: DateTime, scope: "all" | "rotations" = "all", options: { firstPublication?: boolean } = {}): Promise<Loaded> {
  const publishing = options.firstPublication === true;
  const result = await loadRepository(dir, {
    now,
    ...(scope === "rotations" && { only: ROTATION_FILES }),
    ...(publishing && { scheduleRules: true }),
  });
  // The very first `schedule generate` runs before rotations/schedule.yaml exists.
  const needed = publishing ? NEEDED.filter((k) => k !== "schedule") : NEEDED;
  const missing = needed.filter((k) => !result.present.has(k));
  const blocking = result.problems.filter(
    (p) =>
      p.severity === "error" &&
      p.file.startsWith("rotations/") &&
      !(publishing && p.rule === "missing-file" && p.file === "rotations/schedule.yaml") &&
      !(publishing && FIXED_BY_PUBLISHING.has(p.rule) && !(p.rule === "after-end-date" && p.file === OVERRIDES)),
  );
  if (missing.length || blocking.length) {
    const shown = blocking.length ? blocking : result.problems.filter((p) => p.severity === "error");
    const absent = missing.filter((k) => !shown.some((p) => p.file === FILE_OF[k])).map((k) => `${FILE_OF[k]}: missing or unreadable\n`);
    throw new UserError(`the repository at ${dir} cannot be used until these are fixed (run "oncall validate" for everything):\n${absent.join("")}${shown.length ? formatText(shown.slice(0, 20), result.fileCount) : ""}`.trimEnd());
  }
  return { org: result.org, problems: result.problems };
}
