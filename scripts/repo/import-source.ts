/**
 * Reading what an import starts from: the saved API response bodies in `--from DIR`, and the mapping
 * file from source users to GitHub logins. Also writing `users-template.csv` when people are missing
 * from the mapping. Every problem is a UserError naming the file.
 */
import { readFile, readdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { UserError } from "../core/model/index.js";
import { keyOf } from "../core/import/index.js";
import type { OpsgenieSource, PagerDutySource, SourceUser } from "../core/import/index.js";
import { parseCsvRows } from "./people-csv.js";

/** Which tool, and the column of its mapping file that holds the source's user key. */
export type ImportTool = "opsgenie" | "pagerduty";
export const KEY_COLUMN: Record<ImportTool, string> = { opsgenie: "username", pagerduty: "email" };

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

async function readJson(dir: string, file: string, optional = false): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(join(dir, file), "utf8");
  } catch (err) {
    if (optional && (err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    throw new UserError(`cannot read ${join(dir, file)}: ${why}.`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new UserError(
      `${join(dir, file)} is not JSON (${(err as Error).message}); save the response body as it came.`,
    );
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The value under `key` of a response envelope (`{data: ...}`, `{schedule: ...}`), or the value itself. */
function unwrap(body: unknown, key: string, file: string, want: "object" | "array"): unknown {
  const inner = isObject(body) && key in body ? body[key] : body;
  const ok = want === "array" ? Array.isArray(inner) : isObject(inner);
  if (!ok) throw new UserError(`${file}: expected ${want === "array" ? "a list" : "an object"} under "${key}".`);
  return inner;
}

/**
 * The users of every saved page: users.json, then users-2.json, users-3.json... in number order, for lists
 * longer than one page (each file one response body as saved).
 */
async function readUserPages(dir: string, key: string): Promise<unknown[]> {
  const names = (await readdir(dir).catch(() => [] as string[]))
    .map((n) => ({ n, m: /^users(?:-(\d+))?\.json$/.exec(n) }))
    .filter((x) => x.m)
    .sort((a, b) => Number(a.m![1] ?? 1) - Number(b.m![1] ?? 1))
    .map((x) => x.n);
  if (!names.includes("users.json")) names.unshift("users.json"); // reported as missing by readJson
  const out: unknown[] = [];
  for (const name of names) out.push(...(unwrap(await readJson(dir, name), key, name, "array") as unknown[]));
  return out;
}

/** The saved Opsgenie responses: schedule.json, overrides.json, users.json and optionally timeline.json. */
export async function readOpsgenieDir(dir: string): Promise<OpsgenieSource> {
  const schedule = unwrap(await readJson(dir, "schedule.json"), "data", "schedule.json", "object");
  const overrides = unwrap(await readJson(dir, "overrides.json"), "data", "overrides.json", "array");
  const users = await readUserPages(dir, "data");
  const tl = await readJson(dir, "timeline.json", true);
  const timeline = tl === undefined ? undefined : unwrap(tl, "data", "timeline.json", "object");
  const schedObj = schedule as OpsgenieSource["schedule"];
  if (!Array.isArray(schedObj.rotations))
    throw new UserError("schedule.json has no rotations: save it with ?expand=rotation.");
  return {
    schedule: schedObj,
    overrides: overrides as OpsgenieSource["overrides"],
    users: users as OpsgenieSource["users"],
    ...(timeline !== undefined && { timeline: timeline as NonNullable<OpsgenieSource["timeline"]> }),
  };
}

/** The saved PagerDuty responses: schedule.json, overrides.json and users.json. */
export async function readPagerDutyDir(dir: string): Promise<PagerDutySource> {
  const schedule = unwrap(await readJson(dir, "schedule.json"), "schedule", "schedule.json", "object");
  const overrides = unwrap(await readJson(dir, "overrides.json"), "overrides", "overrides.json", "array");
  const users = await readUserPages(dir, "users");
  return {
    schedule: schedule as PagerDutySource["schedule"],
    overrides: overrides as PagerDutySource["overrides"],
    users: users as PagerDutySource["users"],
  };
}

/**
 * The mapping file: a header row naming the key column (`username` for Opsgenie, `email` for
 * PagerDuty) and `login`, in any order, other columns ignored; rows with an empty login are skipped
 * (a filled-in template may leave some). Keys are compared without case.
 */
export async function readMapping(path: string, tool: ImportTool): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    throw new UserError(`cannot read --users ${path}: ${why}.`);
  }
  const { rows, problems } = parseCsvRows(text, path);
  if (problems.length)
    throw new UserError(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join("\n"));
  const keyName = KEY_COLUMN[tool];
  const header = rows[0]?.map((c) => c.value.trim().toLowerCase()) ?? [];
  const k = header.indexOf(keyName);
  const l = header.indexOf("login");
  if (k < 0 || l < 0)
    throw new UserError(
      `${path}:1:1: the first row must name the columns ${keyName} and login (found: ${header.join(", ")}).`,
    );
  const out = new Map<string, string>();
  const errors: string[] = [];
  for (const row of rows.slice(1)) {
    const key = row[k]?.value.trim() ?? "";
    const cell = row[l];
    const login = cell?.value.trim() ?? "";
    if (!key || !login) continue;
    if (!LOGIN.test(login)) errors.push(`${path}:${cell!.line}:${cell!.column}: "${login}" is not a GitHub login.`);
    else if (out.has(keyOf(key)) && out.get(keyOf(key)) !== login)
      errors.push(`${path}:${cell!.line}:${cell!.column}: ${key} is mapped twice.`);
    else out.set(keyOf(key), login);
  }
  if (errors.length) throw new UserError(errors.join("\n"));
  return out;
}

const csvField = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Writes `users-template.csv` listing the unmapped users (key, an empty login, the name to recognise
 * them by) next to the mapping file, or in `fromDir` without one. Returns its path.
 */
export async function writeUsersTemplate(
  unmapped: readonly SourceUser[],
  tool: ImportTool,
  mappingPath: string | undefined,
  fromDir: string,
): Promise<string> {
  const path = join(mappingPath ? dirname(mappingPath) : fromDir, "users-template.csv");
  const rows = [`${KEY_COLUMN[tool]},login,name`, ...unmapped.map((u) => `${csvField(u.key)},,${csvField(u.name)}`)];
  await writeFile(path, rows.join("\n") + "\n");
  return path;
}
