/**
 * `oncall trade swap|cover|check`: make a trade without hand-editing YAML, and check one the way the
 * pull request check does. Swap and cover check their own edit first and write nothing when it would
 * break an invariant or change history.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DateTime } from "luxon";
import { UsageError, UserError } from "../core/model/index.js";
import type { Organisation } from "../core/model/index.js";
import { parseInstant } from "../core/rotation/index.js";
import { checkTrade, type TradeCheck } from "../core/trade/index.js";
import { appendOverrideText, findShift, swapShifts, type ShiftPick } from "../core/trade/index.js";
import { problemJson, problemLine } from "../repo/problems-output.js";
import { editShifts } from "../repo/schedule-file.js";
import { editKeepingLineEndings } from "../repo/line-endings.js";
import { FIXED_FILES, NEEDED_ROTATION_KINDS, ROTATION_FILES } from "../core/model/index.js";
import { requireGitRepository } from "../repo/git-repository.js";
import { loadRotationsAt, loadRotationTexts, loadTradeRevisions, type RevisionData } from "../repo/revision.js";
import { AT, instantFlag, nowOrAt, parse, repoDir } from "./args.js";
import type { CommandIO } from "./command.js";
import { iso, table, when } from "./format.js";

export const usage = `oncall trade swap <login>@<date> <login>@<date> [--layer NAME] [--dry-run] [--at ISO] [--repo DIR] [--json]
oncall trade cover <login> --from ISO --to ISO [--layer NAME] [--reason TEXT] [--dry-run] [--at ISO] [--repo DIR] [--json]
oncall trade check --base REF [--head REF] [--at ISO] [--repo DIR] [--json]

swap gives each person the other's shift: the shifts of <login> that contain <date> (YYYY-MM-DD in the
rotation's zone, or an instant) are exchanged in rotations/schedule.yaml, a two-line change.
cover appends an override to rotations/overrides.yaml: <login> is on call for --layer (default: the
layer of their own shifts) from --from until --to, in the rotation's zone unless they carry an offset;
a date alone means the start of that day.
Both check the edit first and write nothing when it breaks a rule or changes a shift that has started.

check compares who is on call at REF (its merge base with the head, as a pull request diff does) with
--head (default: the working tree), re-validates every rule, and names the people who must approve.
Exit 1 when there are problems.`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "swap") return swap(rest, io);
  if (sub === "cover") return cover(rest, io);
  if (sub === "check") return check(rest, io);
  throw new UsageError(
    sub && !sub.startsWith("-")
      ? `unknown subcommand "trade ${sub}"; use swap, cover or check.`
      : `say "trade swap", "trade cover" or "trade check".`,
  );
}

const EDIT = { ...AT, layer: { type: "string" }, "dry-run": { type: "boolean" } } as const;

/** The working tree's rotation data, refusing to edit files that are broken already. */
async function current(dir: string): Promise<RevisionData> {
  const data = await loadRotationsAt(dir, null);
  const missing = NEEDED_ROTATION_KINDS.filter((k) => !data.present.has(k));
  if (missing.length)
    throw new UserError(
      `the rotation files in ${dir} cannot be read (${missing.join(", ")}); run "oncall validate" and fix them first.`,
    );
  return data;
}

/** `alice@2026-12-07` or `alice@2026-12-07T12:00`. */
function parsePick(arg: string, zone: string): ShiftPick {
  const at = arg.indexOf("@");
  if (at <= 0 || at === arg.length - 1)
    throw new UsageError(`"${arg}" should be <login>@<date>, such as alice@2026-12-07.`);
  const login = arg.slice(0, at);
  const text = arg.slice(at + 1);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { login, day: text };
  if (!DateTime.fromISO(text).isValid || !text.includes("T"))
    throw new UsageError(
      `"${arg}": after the @ comes a date (2026-12-07) or an instant (2026-12-07T12:00), not "${text}".`,
    );
  return { login, instant: parseInstant(text, zone, `"${arg}":`) };
}

/** `--from`/`--to`: required; an instant, or a date meaning the start of that day in the rotation zone. */
function requiredInstant(values: Record<string, unknown>, flag: string, zone: string): DateTime {
  const at = instantFlag(values, flag, zone);
  if (!at) throw new UsageError(`--${flag} is required.`);
  return at;
}

/** Checks an edited file against the working tree; writes it unless it brings problems or it is a dry run. */
async function applyEdit(
  io: CommandIO,
  dir: string,
  now: DateTime,
  before: RevisionData,
  file: string,
  text: string,
  json: boolean,
  dryRun: boolean,
): Promise<number> {
  const texts = new Map<string, string>();
  for (const p of ROTATION_FILES) {
    const t = p === file ? text : await readFile(join(dir, p), "utf8").catch(() => undefined);
    if (t !== undefined) texts.set(p, t);
  }
  const after = loadRotationTexts(texts, "the edited files");
  const result = checkTrade({ before, after, position: after.position, now });
  if (!result.changes.length && !result.problems.length)
    throw new UserError(`that changes nobody's time on call; ${file} is left as it was.`);
  const ok = result.problems.length === 0;
  if (ok && !dryRun) await writeFile(join(dir, file), text);
  if (json) io.out(JSON.stringify({ file, written: ok && !dryRun, ...checkJson(result, before.org) }, null, 2) + "\n");
  else {
    io.out(`${ok ? (dryRun ? "Would change" : "Changed") : "Did not change"} ${file}: ${result.summary}.\n`);
    if (ok)
      io.out(
        `Affected: ${result.affected.join(", ") || "nobody"}. Commit it and open a pull request (template: shift-trade); everyone affected approves it.\n`,
      );
    io.out(problemsText(result));
  }
  return ok ? 0 : 1;
}

async function swap(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(argv, EDIT, true);
  if (positionals.length !== 2)
    throw new UsageError("swap needs two shifts: oncall trade swap alice@2026-12-07 bob@2027-01-04");
  const dir = repoDir(values);
  const now = await nowOrAt(values, io, dir);
  const before = await current(dir);
  const zone = before.org.rotation.timezone;
  const layer = typeof values.layer === "string" ? values.layer : undefined;
  const a = findShift(before.org.shifts, parsePick(positionals[0]!, zone), zone, layer);
  const b = findShift(before.org.shifts, parsePick(positionals[1]!, zone), zone, layer);
  const path = join(dir, FIXED_FILES.schedule);
  const swapped = swapShifts(a, b);
  const text = editKeepingLineEndings(await readFile(path, "utf8"), (lf) => editShifts(lf!, swapped, zone));
  return applyEdit(io, dir, now, before, FIXED_FILES.schedule, text, Boolean(values.json), Boolean(values["dry-run"]));
}

async function cover(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { ...EDIT, from: { type: "string" }, to: { type: "string" }, reason: { type: "string" } },
    true,
  );
  if (positionals.length !== 1)
    throw new UsageError(
      "cover needs one login: oncall trade cover alice --from 2026-12-08T09:00 --to 2026-12-09T09:00",
    );
  const login = positionals[0]!;
  const dir = repoDir(values);
  const now = await nowOrAt(values, io, dir);
  const before = await current(dir);
  const { rotation, people } = before.org;
  const zone = rotation.timezone;
  if (!people.some((p) => p.login === login)) throw new UserError(`${login} is not in rotations/people.yaml.`);
  const start = requiredInstant(values, "from", zone);
  const end = requiredInstant(values, "to", zone);
  if (end <= start) throw new UsageError("--to must be after --from.");
  const layer = typeof values.layer === "string" ? values.layer : ownLayer(before.org, login);
  const known = [...rotation.layers.map((l) => l.name), ...(rotation.holidayPeriod?.layers.map((l) => l.name) ?? [])];
  if (!known.includes(layer)) throw new UsageError(`--layer must be one of ${known.join(", ")}, not "${layer}".`);
  const path = join(dir, FIXED_FILES.overrides);
  const old = await readFile(path, "utf8").catch(() => null);
  const reason = typeof values.reason === "string" ? values.reason : undefined;
  const override = { layer, start, end, by: login, ...(reason && { reason }) };
  const text = editKeepingLineEndings(old, (lf) => appendOverrideText(lf, override, zone));
  return applyEdit(io, dir, now, before, FIXED_FILES.overrides, text, Boolean(values.json), Boolean(values["dry-run"]));
}

/** The regular layer a person's own shifts are in, when there is exactly one. */
function ownLayer(org: Organisation, login: string): string {
  const regular = new Set(org.rotation.layers.map((l) => l.name));
  const layers = [...new Set(org.shifts.filter((s) => s.login === login && regular.has(s.layer)).map((s) => s.layer))];
  if (layers.length === 1) return layers[0]!;
  throw new UsageError(
    `say which layer ${login} covers with --layer (${org.rotation.layers.map((l) => l.name).join(" or ")}).`,
  );
}

async function check(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parse(argv, { ...AT, base: { type: "string" }, head: { type: "string" } });
  if (typeof values.base !== "string")
    throw new UsageError("--base REF is required (the branch the trade goes into, such as origin/main).");
  const dir = repoDir(values);
  const now = await nowOrAt(values, io, dir);
  requireGitRepository(dir, "trade check");
  const { base, head } = await loadTradeRevisions(
    dir,
    values.base,
    typeof values.head === "string" ? values.head : null,
  );
  const result = checkTrade({ before: base, after: head, position: head.position, now });
  if (values.json) io.out(JSON.stringify(checkJson(result, head.org), null, 2) + "\n");
  else io.out(checkText(result));
  return result.problems.length ? 1 : 0;
}

/** The JSON of `trade check` (and of swap/cover): changes, affected, problems, summary. */
function checkJson(r: TradeCheck, org: Pick<Organisation, "rotation">) {
  const zone = org.rotation.timezone;
  const change = (c: TradeCheck["changes"][number]) => ({
    layer: c.layer,
    start: iso(c.start, zone),
    end: iso(c.end, zone),
    from: c.from,
    to: c.to,
  });
  return {
    changes: r.changes.map(change),
    affected: r.affected,
    problems: r.problems.map(problemJson),
    summary: r.summary,
    warnings: r.warnings.map(problemJson),
    published: r.published.map(change),
  };
}

function problemsText(r: TradeCheck): string {
  // The headings say the severity, so the lines leave it out.
  const line = (p: TradeCheck["problems"][number]) => `${problemLine(p, { severity: false })}\n`;
  let out = "";
  if (r.problems.length) out += `\n${r.problems.length} problem(s):\n${r.problems.map(line).join("")}`;
  if (r.warnings.length) out += `\n${r.warnings.length} warning(s):\n${r.warnings.map(line).join("")}`;
  if (r.existing.length) out += `\n(${r.existing.length} problem(s) already on the base are not counted.)\n`;
  return out;
}

function checkText(r: TradeCheck): string {
  const zone = r.after.config.timezone;
  let out = `${r.summary}.\n`;
  if (r.changes.length) {
    out += `\n${table(
      ["Layer", "From", "Until", "Was", "Now"],
      r.changes.map((c) => [c.layer, when(c.start, zone), when(c.end, zone), c.from ?? "nobody", c.to ?? "nobody"]),
    )}`;
    out += `\nAffected: ${r.affected.join(", ")}. Each approves the pull request (the author counts; a manager may approve for their report).\n`;
  }
  out += problemsText(r);
  if (!r.problems.length) out += "\nNo problems.\n";
  return out;
}
