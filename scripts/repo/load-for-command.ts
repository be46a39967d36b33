/**
 * Loading the repository for commands that answer questions (who, status, schedule, ...). They need
 * the roster and rotation to be valid; problems elsewhere are mentioned but do not stop the answer.
 */
import type { DateTime } from "luxon";
import { UserError } from "../core/model/index.js";
import type { Organisation } from "../core/model/index.js";
import { loadRepository } from "./load-repository.js";
import type { Problem } from "../core/model/index.js";
import { formatText } from "./problems-output.js";
import { FIXED_FILES, NEEDED_ROTATION_KINDS, ROTATION_FILES, ROTATIONS_DIR } from "../core/model/index.js";

/** The files a schedule question depends on; loading only these keeps `oncall who` fast. */
const ONLY_ROTATIONS: ReadonlySet<string> = new Set(ROTATION_FILES);

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
const OVERRIDES = FIXED_FILES.overrides;

/**
 * Loads `dir` (everything, or only the rotation files) and fails with the problems listed when the
 * files the answer depends on are broken.
 *
 * `firstPublication` is for the commands that publish (`schedule generate`, the schedule workflow):
 * rotations/schedule.yaml may be missing, and the schedule invariants are checked too, so nothing is
 * appended to a schedule that has overlaps, gaps or other errors (leavers' shifts excepted: publishing
 * releases them). `markdownRules: false` skips the Markdown link and placeholder checks (actions that
 * only read the organisation; the validate workflow reports those).
 */
export async function loadForCommand(
  dir: string,
  now: DateTime,
  scope: "all" | "rotations" = "all",
  options: { firstPublication?: boolean; markdownRules?: boolean } = {},
): Promise<Loaded> {
  const publishing = options.firstPublication === true;
  const result = await loadRepository(dir, {
    now,
    ...(scope === "rotations" && { only: ONLY_ROTATIONS }),
    ...(publishing && { scheduleRules: true }),
    ...(options.markdownRules === false && { markdownRules: false }),
  });
  // The very first `schedule generate` runs before rotations/schedule.yaml exists.
  const needed = publishing ? NEEDED_ROTATION_KINDS.filter((k) => k !== "schedule") : NEEDED_ROTATION_KINDS;
  const missing = needed.filter((k) => !result.present.has(k));
  const blocking = result.problems.filter(
    (p) =>
      p.severity === "error" &&
      p.file.startsWith(ROTATIONS_DIR) &&
      !(publishing && p.rule === "missing-file" && p.file === FIXED_FILES.schedule) &&
      !(publishing && FIXED_BY_PUBLISHING.has(p.rule) && !(p.rule === "after-end-date" && p.file === OVERRIDES)),
  );
  if (missing.length || blocking.length) {
    const shown = blocking.length ? blocking : result.problems.filter((p) => p.severity === "error");
    const absent = missing
      .filter((k) => !shown.some((p) => p.file === FIXED_FILES[k]))
      .map((k) => `${FIXED_FILES[k]}: missing or unreadable\n`);
    throw new UserError(
      `the repository at ${dir} cannot be used until these are fixed (run "oncall validate" for everything):\n${absent.join("")}${shown.length ? formatText(shown.slice(0, 20), result.fileCount) : ""}`.trimEnd(),
    );
  }
  return { org: result.org, problems: result.problems };
}
