/**
 * An import as a plan and its application, like `oncall init` (init-org.ts): the converted source is
 * turned into the four rotation files, written into a temporary copy of the repository's data and
 * loaded there exactly as `oncall validate` loads a repository; the result's `oncall who` answers are
 * compared with the source at every handoff. Only when all of it passes are the files replaced (each
 * written beside its target and renamed over it). Any failure leaves the repository byte-identical.
 */
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { DateTime } from "luxon";
import { UserError, UsageError, FIXED_FILES, ROTATION_FILES } from "../core/model/index.js";
import type { Problem } from "../core/model/index.js";
import { buildImport, gapLines, verifyImport, verifyTable } from "../core/import/index.js";
import type { Gap, ImportPlan, SourceModel, SourceUser, VerifyRow } from "../core/import/index.js";
import { DEFAULT_ROTATION, inZone } from "../core/rotation/index.js";
import { effectiveCoverage } from "../core/schedule/index.js";
import { loadRepository } from "./load-repository.js";
import { listRepositoryFiles } from "./repository-files.js";
import { isExampleHistory, put, readText } from "./init-org.js";
import {
  IMPORT_MARKER,
  importedConfigText,
  importedOverridesText,
  importedRosterText,
  importedScheduleText,
} from "./import-texts.js";
import { rosterOrigin } from "./init-texts.js";

export interface ImportInput {
  /** The repository folder. */
  dir: string;
  model: SourceModel;
  /** Source key (lower case) -> GitHub login. */
  mapping: ReadonlyMap<string, string>;
  fallback?: string;
  /** Import what can be imported and list what was dropped, instead of stopping. */
  lossy: boolean;
  /** Replace a roster that is neither the example nor an earlier import. */
  force: boolean;
  /** For the loader's date-dependent warnings only. */
  at: DateTime;
}

export interface ImportOutcome {
  plan: ImportPlan;
  writes: Map<string, string>;
  deletes: string[];
  rows: VerifyRow[];
  /** What --lossy dropped. */
  dropped: Gap[];
  warnings: Problem[];
  /** Every file already held exactly what the import would write. */
  unchanged: boolean;
}

/** The import stopped because people are missing from the mapping file. */
export class UnmappedUsersError extends UserError {
  constructor(
    message: string,
    readonly unmapped: SourceUser[],
  ) {
    super(message);
    this.name = "UnmappedUsersError";
  }
}

/** Builds, writes to a temporary copy, validates and verifies; throws a UserError (nothing written) on any problem. */
export async function planImport(input: ImportInput): Promise<ImportOutcome> {
  const { dir, model } = input;
  if (model.gaps.length && !input.lossy)
    throw new UserError(
      `${model.tool} schedule "${model.scheduleName}" has ${model.gaps.length} thing(s) ` +
        "this import cannot carry over; " +
        "nothing was written:\n" +
        gapLines(model.gaps).join("\n") +
        "\nRun again with --lossy to import the rest and list what was dropped.",
    );
  if (!model.layers.length)
    throw new UserError(
      `${model.tool} schedule "${model.scheduleName}": nothing is left to import; nothing was written.`,
    );
  const plan = buildImport(model, {
    mapping: input.mapping,
    ...(input.fallback !== undefined && { fallback: input.fallback }),
    newHireDays: DEFAULT_ROTATION.newHireDays,
  });
  if (plan.unmapped.length)
    throw new UnmappedUsersError(
      `${plan.unmapped.length} ${model.tool} user(s) in the imported rotations or overrides ` +
        "have no GitHub login in the " +
        `mapping: ${plan.unmapped.map((u) => u.key).join(", ")}. Nothing was written.`,
      plan.unmapped,
    );
  if (plan.needsFallback)
    throw new UsageError(
      "some imported turns have nobody on call (a none participant or a hole in the schedule); say who covers them " +
        "with --fallback LOGIN. Nothing was written.",
    );

  const roster = await readText(join(dir, FIXED_FILES.people));
  if (roster !== null && !input.force && rosterOrigin(roster) === "own" && !roster.includes(IMPORT_MARKER))
    throw new UserError(
      `${FIXED_FILES.people} is not the example roster nor an earlier import, so it may be your team's: the import ` +
        "would replace it, the rotation config, the schedule and the overrides. Nothing was written. " +
        "Run again with --force to replace them anyway.",
    );
  const source = `${model.tool} schedule "${model.scheduleName}"`;
  const writes = new Map<string, string>([
    [FIXED_FILES.people, importedRosterText(plan, source)],
    [FIXED_FILES.rotation, importedConfigText(plan, source)],
    [FIXED_FILES.schedule, importedScheduleText(plan)],
    [FIXED_FILES.overrides, importedOverridesText(plan)],
  ]);
  const existing = await listRepositoryFiles(dir);
  const deletes = roster !== null && rosterOrigin(roster) === "example" ? existing.filter(isExampleHistory) : [];
  const kept = existing.filter((p) => !deletes.includes(p) && !(ROTATION_FILES as readonly string[]).includes(p));

  const tmp = await mkdtemp(join(tmpdir(), "oncall-import-"));
  try {
    for (const file of kept) {
      const text = await readText(join(dir, file));
      if (text !== null) await put(tmp, file, text);
    }
    for (const [file, text] of writes) await put(tmp, file, text);
    const loaded = await loadRepository(tmp, { now: input.at });
    const errors = loaded.problems.filter((p) => p.severity === "error");
    if (errors.length)
      throw new UserError(
        `the imported repository would not be valid; nothing was written:\n${errors
          .map((p) => `${p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file}: ${p.message}`)
          .join("\n")}`,
      );
    const { org } = loaded;
    const zone = org.rotation.timezone;
    const segments = effectiveCoverage({
      shifts: org.shifts,
      overrides: org.overrides,
      people: org.people,
      config: org.rotation,
      from: inZone(model.verifyFrom, zone),
      to: inZone(model.verifyTo, zone),
    });
    const rows = verifyImport(plan.expected, segments, model.verifyFrom, model.verifyTo);
    const differ = rows.filter((r) => !r.ok);
    if (differ.length)
      throw new UserError(
        `the imported schedule differs from ${model.tool}'s (${model.expectedFrom}) at ${differ.length} handoff(s); ` +
          `nothing was written:\n${verifyTable(differ, zone, model.tool)}`,
      );
    let unchanged = deletes.length === 0;
    for (const [file, text] of writes) if ((await readText(join(dir, file))) !== text) unchanged = false;
    return {
      plan,
      writes,
      deletes,
      rows,
      dropped: input.lossy ? model.gaps : [],
      warnings: loaded.problems.filter((p) => p.severity === "warning"),
      unchanged,
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Replaces the files (each written beside its target, then renamed over it) and removes the example history. */
export async function applyImport(dir: string, outcome: ImportOutcome): Promise<void> {
  if (outcome.unchanged) return;
  for (const [file, text] of outcome.writes) {
    const target = join(dir, file);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.oncall-import-${process.pid}.tmp`;
    await writeFile(temp, text);
    await rename(temp, target);
  }
  for (const file of outcome.deletes) await rm(join(dir, file), { force: true });
}
