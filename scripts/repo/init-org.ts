/**
 * `oncall init` as a plan and its application: the example organisation replaced by a team's roster in
 * one step. Everything is built first, written into a temporary copy of the repository's data and
 * checked there by the repository loader, exactly as `oncall validate` would check the result; only
 * then is anything written to the repository. A CSV mistake is reported at the CSV's line and column,
 * even when the loader is the one that finds it (an unknown holiday region, say).
 */
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, rmdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { DateTime } from "luxon";
import { UserError } from "../core/model/index.js";
import type { Shift } from "../core/model/index.js";
import { planScheduleUpdate } from "../core/schedule/index.js";
import { classify, FIXED_FILES, ROTATION_FILES } from "../core/model/index.js";
import { INCIDENT_FORM, ISSUE_CHOOSER, rewriteIssueForms } from "./issue-form.js";
import { loadRepository } from "./load-repository.js";
import { cellOf, parsePeopleCsv, type CsvPerson } from "./people-csv.js";
import type { Problem } from "../core/model/index.js";
import { listRepositoryFiles } from "./repository-files.js";
import { appendShifts, SCHEDULE_HEADER } from "./schedule-file.js";
import { EMPTY_OVERRIDES, firstStartDate, rosterOrigin, rosterText, rotationText, seedFor } from "./init-texts.js";

const PEOPLE = FIXED_FILES.people;
const SCHEDULE = FIXED_FILES.schedule;

export interface InitInput {
  /** The repository folder. */
  dir: string;
  /** The CSV's text, and its name as the user gave it (for messages). */
  csv: string;
  csvName: string;
  /** The rotation zone (an IANA name the caller has checked). */
  zone: string;
  /** The instant the schedule starts after (its first handoff is the next one). */
  at: DateTime;
  /** Replace a roster that is not the untouched example. */
  force: boolean;
}

export interface InitPlan {
  /** Repository path -> text to write. */
  writes: Map<string, string>;
  /** Repository paths to delete (example incidents, postmortems, playbooks). */
  deletes: string[];
  people: CsvPerson[];
  /** The rotation's start date and the published shifts. */
  start: string;
  shifts: Shift[];
  /** Warnings the loader gives on the result (the schedule horizon and such), and notes. */
  warnings: Problem[];
  notes: string[];
  /** The kept policy's service names and contact link addresses (still the template's until edited). */
  services: string[];
  links: string[];
}

/** Builds and checks everything `oncall init` writes; throws a UserError (nothing written) on any problem. */
export async function planInit(input: InitInput): Promise<InitPlan> {
  const { dir, zone, at } = input;
  const roster = await readText(join(dir, PEOPLE));
  if (roster !== null && !input.force) {
    const origin = rosterOrigin(roster);
    if (origin !== "example") {
      const why =
        origin === "edited-example"
          ? "is the example roster with edits (its example marker no longer matches the file)"
          : "is not the example roster";
      throw new UserError(
        `${PEOPLE} ${why}, so it may be your team's: init would replace it, the rotation config and the ` +
          "published schedule, and remove incident records, postmortems and playbooks. Nothing was written. " +
          "Run again with --force to replace them anyway.",
      );
    }
  }

  const parsed = parsePeopleCsv(input.csv, input.csvName);
  if (parsed.problems.length)
    throw new UserError(`${input.csvName} cannot be used; nothing was written:\n${lines(parsed.problems)}`);
  const people = parsed.people;
  if (!people.some((p) => p.oncall))
    throw new UserError(`${input.csvName}: nobody takes shifts (every row has oncall false); nothing was written.`);

  const start = firstStartDate(at.toMillis(), zone);
  const writes = new Map<string, string>([
    [PEOPLE, rosterText(people, input.csvName)],
    [FIXED_FILES.rotation, rotationText(zone, seedFor(people), start)],
    [SCHEDULE, SCHEDULE_HEADER.replace(/shifts:\n$/, "shifts: []\n")],
    [FIXED_FILES.overrides, EMPTY_OVERRIDES],
  ]);

  const existing = await listRepositoryFiles(dir);
  const deletes = existing.filter(isExampleHistory);
  const kept = existing.filter((p) => !deletes.includes(p) && !(ROTATION_FILES as readonly string[]).includes(p));
  const tmp = await mkdtemp(join(tmpdir(), "oncall-init-"));
  try {
    for (const file of [...kept, INCIDENT_FORM, ISSUE_CHOOSER]) {
      const text = await readText(join(dir, file));
      if (text !== null) await put(tmp, file, text);
    }
    for (const [file, text] of writes) await put(tmp, file, text);

    // 1. The roster and config alone, so that a CSV mistake the loader finds is reported in the CSV.
    const first = await loadRepository(tmp, { now: at });
    // The forms still list the old catalogue's services; step 3 rewrites them.
    const firstErrors = first.problems.filter(
      (p) => p.severity === "error" && p.file !== INCIDENT_FORM && p.file !== ISSUE_CHOOSER,
    );
    if (firstErrors.length)
      throw new UserError(
        "the new organisation would not be valid; nothing was written:\n" +
          lines(firstErrors.map((p) => inCsv(p, people, input.csvName))),
      );

    // 2. The first publication: `schedule generate`'s plan on an empty schedule, to the horizon.
    const { org } = first;
    const plan = planScheduleUpdate({
      config: org.rotation,
      people: org.people,
      shifts: [],
      now: at,
      until: at.plus({ weeks: org.rotation.horizonWeeks }),
    });
    writes.set(SCHEDULE, appendShifts(writes.get(SCHEDULE)!, plan.added, org.rotation.timezone));
    await put(tmp, SCHEDULE, writes.get(SCHEDULE)!);

    // 3. The issue form's services and the chooser's links, from the kept policy.
    const notes: string[] = [];
    const forms = rewriteIssueForms(org.policy, (file) => readTextSync(tmp, file));
    const formMissing = forms.unfixable.some((p) => p.file === INCIDENT_FORM && p.rule === "missing-file");
    if (formMissing)
      notes.push(
        `${INCIDENT_FORM} is missing, so GitHub shows no incident form: ` +
          'copy it from the oncall-as-code template and run "oncall form".',
      );
    const unfixable = forms.unfixable.filter((p) => !(p.file === INCIDENT_FORM && p.rule === "missing-file"));
    if (unfixable.length)
      throw new UserError(`the issue form cannot be written; nothing was written:\n${lines(unfixable)}`);
    for (const [file, text] of forms.writes) {
      writes.set(file, text);
      await put(tmp, file, text);
    }

    // 4. The whole result, as `oncall validate` will see it.
    const final = await loadRepository(tmp, { now: at });
    const errors = final.problems.filter((p) => p.severity === "error");
    if (errors.length)
      throw new UserError(`the new organisation would not be valid; nothing was written:\n${lines(errors)}`);
    return {
      writes,
      deletes,
      people,
      start,
      shifts: plan.added,
      warnings: final.problems.filter((p) => p.severity === "warning"),
      notes: [...notes, ...plan.notes],
      services: org.policy.services.map((s) => s.name),
      links: (org.policy.contactLinks ?? []).map((l) => l.url),
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Writes the plan into the repository, deletes the example history, and removes folders left empty. */
export async function applyInit(dir: string, plan: InitPlan): Promise<void> {
  for (const [file, text] of plan.writes) await put(dir, file, text);
  for (const file of plan.deletes) await rm(join(dir, file), { force: true });
  const folders = [...new Set(plan.deletes.map((f) => dirname(f)))].sort((a, b) => b.length - a.length);
  for (const folder of folders) {
    // Only the year folders and the like; the data folders themselves stay.
    if (!folder.includes("/")) continue;
    if ((await readdir(join(dir, folder)).catch(() => ["?"])).length === 0)
      await rmdir(join(dir, folder)).catch(() => undefined);
  }
}

/** The example's history that init removes: incident records, postmortems (README files kept), playbooks. */
export function isExampleHistory(file: string): boolean {
  if (/(^|\/)readme\.md$/i.test(file)) return false;
  if (file.startsWith("postmortems/")) return true;
  const kind = classify(file).kind;
  return kind === "incident" || kind === "playbook";
}

/** A loader problem in the generated roster, moved to the CSV cell the value came from. */
function inCsv(p: Problem, people: readonly CsvPerson[], csvName: string): Problem {
  const m = p.file === PEOPLE ? /^\/people\/(\d+)(?:\/([^/]+))?/.exec(p.path ?? "") : null;
  if (!m) return p;
  const cell = cellOf(people, Number(m[1]), m[2]);
  return cell ? { ...p, file: csvName, line: cell.line, column: cell.column } : p;
}

function lines(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file}: ${p.message}`).join("\n");
}

/** Writes `file` under `root`, creating its folders (shared with import-org.ts). */
export async function put(root: string, file: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, file)), { recursive: true });
  await writeFile(join(root, file), text);
}

/** The text at `path`, or null when it cannot be read (shared with import-org.ts). */
export async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return null;
  }
}

function readTextSync(root: string, file: string): string | null {
  try {
    return readFileSync(join(root, file), "utf8");
  } catch {
    return null;
  }
}
