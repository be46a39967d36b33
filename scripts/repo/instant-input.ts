/**
 * Reading an instant a person typed (a command's `--at`, an action's `at` input) by the one rule of
 * {@link parseInstant}, with the repository's rotation zone. Commands need the instant before they
 * load the repository (date-dependent warnings use it), so the zone is read on its own here: one
 * small YAML file.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DateTime } from "luxon";
import { parse } from "yaml";
import { FIXED_FILES } from "../core/model/index.js";
import { isKnownZone, parseInstant } from "../core/rotation/index.js";

/**
 * The rotation zone in `dir`'s rotations/config.yaml; "UTC" when the file or its `timezone` cannot be
 * read (the load that follows reports why, and an instant with an offset does not depend on it).
 */
async function rotationZone(dir: string): Promise<string> {
  try {
    const config: unknown = parse(await readFile(join(dir, FIXED_FILES.rotation), "utf8"));
    const zone = (config as { timezone?: unknown } | null)?.timezone;
    return typeof zone === "string" && isKnownZone(zone) ? zone : "UTC";
  } catch {
    return "UTC";
  }
}

/**
 * `text` read as an instant in the rotation zone of the repository at `dir`: what every command flag
 * and every action input that names an instant goes through. `what` names it in messages (`--at`,
 * `Input "at"`); a mistake is a UsageError (a UserError) with the accepted forms, or the DST gap.
 */
export async function instantInput(dir: string, text: string, what: string): Promise<DateTime> {
  return parseInstant(text, await rotationZone(dir), what);
}
