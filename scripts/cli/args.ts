/**
 * Command-line parsing shared by every command: node:util parseArgs in strict mode, with its errors
 * turned into usage errors, plus the common flags (--repo, --at, --json).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { DateTime } from "luxon";
import { UsageError } from "../core/model/index.js";
import { parseInstant } from "../core/rotation/index.js";
import { instantInput } from "../repo/instant-input.js";

export type Options = NonNullable<ParseArgsConfig["options"]>;

/** Flags every command accepts. */
const COMMON: Options = {
  repo: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

/** `--at` for commands where time matters. */
export const AT: Options = { at: { type: "string" } };

export function parse<T extends Options>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options: { ...COMMON, ...options }, strict: true, allowPositionals });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^TypeError \[\w+\]: /, ""));
  }
}

/**
 * The repository folder: --repo or the current directory. A --repo that is not a folder is a usage
 * error (exit 2) rather than a list of missing files.
 */
export function repoDir(values: Record<string, unknown>): string {
  if (typeof values.repo !== "string") return resolve(process.cwd());
  const dir = resolve(values.repo);
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`--repo ${values.repo}: no such folder (${dir}).`);
  if (!stat.isDirectory()) throw new UsageError(`--repo ${values.repo} is a file, not a folder.`);
  return dir;
}

/**
 * An instant flag (`--from`, `--until`, ...) read by the one rule for instants (a value without offset
 * is wall-clock time in the rotation zone `zone`, a date alone the start of that day there), or
 * undefined when the flag is absent.
 */
export function instantFlag(values: Record<string, unknown>, flag: string, zone: string): DateTime | undefined {
  const value = values[flag];
  return typeof value === "string" ? parseInstant(value, zone, `--${flag}`) : undefined;
}

/**
 * The instant a command answers for: --at read in the rotation zone of the repository at `dir`, or the
 * clock that `main` handed in.
 */
export async function nowOrAt(
  values: Record<string, unknown>,
  io: { now(): DateTime },
  dir: string,
): Promise<DateTime> {
  return typeof values.at === "string" ? instantInput(dir, values.at, "--at") : io.now();
}

/** One of a fixed set of words. */
export function choice<T extends string>(flag: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}, not "${String(value)}".`);
}
