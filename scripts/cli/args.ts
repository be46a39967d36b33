/**
 * Command-line parsing shared by every command: node:util parseArgs in strict mode, with its errors
 * turned into usage errors, plus the common flags (--repo, --at, --json).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { resolve } from "node:path";
import { DateTime } from "luxon";
import { UsageError } from "../core/model/index.js";

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

/** The repository folder: --repo or the current directory. */
export function repoDir(values: Record<string, unknown>): string {
  return resolve(typeof values.repo === "string" ? values.repo : process.cwd());
}

/**
 * Parses an ISO-8601 instant given on the command line. A value without an offset is read in UTC so
 * the answer never depends on the machine's zone.
 */
export function parseInstant(flag: string, value: string): DateTime {
  const dt = DateTime.fromISO(value, { zone: "UTC", setZone: true });
  if (!dt.isValid) throw new UsageError(`--${flag} must be an ISO-8601 date or instant such as 2026-12-07T11:00:00-05:00, not "${value}".`);
  return dt;
}

/** The instant a command answers for: --at, or the clock that `main` handed in. */
export function nowOrAtFrom(values: Record<string, unknown>, io: { now(): DateTime }): DateTime {
  return typeof values.at === "string" ? parseInstant("at", values.at) : io.now();
}

/** One of a fixed set of words. */
export function choice<T extends string>(flag: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}, not "${String(value)}".`);
}
