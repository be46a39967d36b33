/**
 * `oncall schedule generate [--until DATE] [--dry-run]`: extends the published schedule (append-only).
 * `oncall schedule show [--from ISO] [--to ISO] [--login L] [--effective]`: lists shifts.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DateTime } from "luxon";
import { UsageError } from "../core/model/index.js";
import type { Shift } from "../core/model/index.js";
import { planScheduleUpdate } from "../core/schedule/index.js";
import { effectiveCoverage } from "../core/schedule/index.js";
import { FIXED_FILES } from "../core/model/index.js";
import { appendShifts, editShifts } from "../repo/schedule-file.js";
import { editKeepingLineEndings } from "../repo/line-endings.js";
import { parse, repoDir, AT, instantFlag, nowOrAt } from "./args.js";
import { loadForCommand } from "../repo/load-for-command.js";
import { iso, table, when } from "./format.js";
import type { CommandIO } from "./command.js";

export const usage = `oncall schedule generate [--until DATE] [--dry-run] [--at ISO] [--repo DIR] [--json]
oncall schedule show [--from ISO] [--to ISO] [--login L] [--effective] [--at ISO] [--repo DIR] [--json]

generate appends shifts to rotations/schedule.yaml until the schedule reaches --until (default: the
rotation's horizonWeeks after --at or now). Published shifts never change. --dry-run prints the plan.
show lists published shifts between --from (default now) and --to (default horizonWeeks later);
--effective folds in overrides, holiday volunteers and fallbacks.`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "generate") return generate(rest, io);
  if (sub === "show") return show(rest, io);
  throw new UsageError(
    sub && !sub.startsWith("-")
      ? `unknown subcommand "schedule ${sub}"; use "schedule generate" or "schedule show".`
      : `say "schedule generate" or "schedule show".`,
  );
}

async function generate(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parse(argv, { ...AT, until: { type: "string" }, "dry-run": { type: "boolean" } });
  const dir = repoDir(values);
  const now = await nowOrAt(values, io, dir);
  const { org } = await loadForCommand(dir, now, "rotations", { firstPublication: true });
  const zone = org.rotation.timezone;
  const until = instantFlag(values, "until", zone) ?? now.plus({ weeks: org.rotation.horizonWeeks });
  const plan = planScheduleUpdate({ config: org.rotation, people: org.people, shifts: org.shifts, now, until });
  const { added, edits } = plan;
  if (!values["dry-run"] && (added.length || edits.length)) {
    const path = join(dir, FIXED_FILES.schedule);
    const text = await readFile(path, "utf8").catch(() => null);
    const edit = (lf: string | null) => appendShifts(lf === null ? null : editShifts(lf, edits, zone), added, zone);
    await writeFile(path, editKeepingLineEndings(text, edit));
  }
  if (values.json) {
    const edited = edits.map((e) => ({
      index: e.index,
      before: shiftJson(org.shifts[e.index]!, zone),
      after: e.replacement.map((s) => shiftJson(s, zone)),
    }));
    io.out(
      JSON.stringify(
        {
          until: iso(until, zone),
          dryRun: Boolean(values["dry-run"]),
          added: added.map((s) => shiftJson(s, zone)),
          edited,
          notes: plan.notes,
        },
        null,
        2,
      ) + "\n",
    );
    return 0;
  }
  const verb = values["dry-run"] ? "Would" : "Did";
  if (!added.length && !edits.length) {
    io.out(`The schedule already reaches ${when(until, zone)}; nothing to add.\n`);
    return 0;
  }
  if (edits.length) io.out(`${verb} change ${edits.length} published shift(s) for roster changes.\n`);
  if (added.length) {
    io.out(
      `${verb} add ${added.length} shift(s) to rotations/schedule.yaml, through ${when(
        added.reduce((a, s) => (s.end > a ? s.end : a), added[0]!.end),
        zone,
      )}:\n\n`,
    );
    io.out(byPerson(added, zone));
  }
  for (const n of plan.notes) io.out(`note: ${n}\n`);
  return 0;
}

/** New shifts grouped by person, the way the publishing pull request lists them. */
export function byPerson(shifts: readonly Shift[], zone: string): string {
  const groups = new Map<string, Shift[]>();
  for (const s of shifts) {
    const key = s.login ?? `no-one (fallback ${s.fallback ?? "none"})`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.keys()]
    .sort()
    .map(
      (k) =>
        `${k}\n${groups
          .get(k)!
          .map((s) => `  ${s.layer}  ${when(s.start, zone)} -> ${when(s.end, zone)}`)
          .join("\n")}\n`,
    )
    .join("");
}

async function show(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parse(argv, {
    ...AT,
    from: { type: "string" },
    to: { type: "string" },
    login: { type: "string" },
    effective: { type: "boolean" },
  });
  const dir = repoDir(values);
  const now = await nowOrAt(values, io, dir);
  const { org } = await loadForCommand(dir, now, "rotations");
  const zone = org.rotation.timezone;
  const from = instantFlag(values, "from", zone) ?? now;
  const to = instantFlag(values, "to", zone) ?? from.plus({ weeks: org.rotation.horizonWeeks });
  if (to <= from) throw new UsageError("--to must be after --from.");
  const login = typeof values.login === "string" ? values.login : undefined;
  let rows: {
    layer: string;
    start: DateTime;
    end: DateTime;
    login: string | null;
    fallback: string | null;
    source?: string;
  }[];
  if (values.effective) {
    rows = effectiveCoverage({
      shifts: org.shifts,
      overrides: org.overrides,
      people: org.people,
      config: org.rotation,
      from,
      to,
    }).map((s) => ({ layer: s.layer, start: s.start, end: s.end, login: s.login, fallback: null, source: s.source }));
  } else {
    rows = org.shifts
      .filter((s) => s.end > from && s.start < to)
      .map((s) => ({ layer: s.layer, start: s.start, end: s.end, login: s.login, fallback: s.fallback ?? null }));
  }
  rows = rows
    .filter((r) => !login || r.login === login || r.fallback === login)
    .sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.layer.localeCompare(b.layer));
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          shifts: rows.map((r) => ({
            layer: r.layer,
            start: iso(r.start, zone),
            end: iso(r.end, zone),
            login: r.login,
            fallback: r.fallback,
            ...(r.source && { source: r.source }),
          })),
        },
        null,
        2,
      ) + "\n",
    );
    return 0;
  }
  if (!rows.length) {
    io.out(`No shifts between ${when(from, zone)} and ${when(to, zone)}.\n`);
    return 0;
  }
  io.out(
    table(
      ["Layer", "Start", "End", "On call", values.effective ? "Source" : "Fallback"],
      rows.map((r) => [
        r.layer,
        when(r.start, zone),
        when(r.end, zone),
        r.login ?? "no-one",
        (values.effective ? r.source : r.fallback) ?? "",
      ]),
    ),
  );
  return 0;
}

function shiftJson(s: Shift, zone: string) {
  return {
    layer: s.layer,
    start: iso(s.start, zone),
    end: iso(s.end, zone),
    login: s.login,
    fallback: s.fallback ?? null,
    ...(s.round !== undefined && { round: s.round }),
  };
}
