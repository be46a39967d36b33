/**
 * Benchmark 2, `oncall validate`: (a) the full run on the synthetic organisation against the
 * parse-only floor, (b) against ajv-cli over the same files, (c) `--changed-since HEAD` after editing
 * one incident against ajv-cli's full run, (d) the example organisation against `node -e 0`.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ajvJsonCommands, ajvYamlCommands, prepareAjvInputs, verdicts } from "./ajv-cli.js";
import { duration, ratio, type Row } from "./figures-table.js";
import { cpuNote, expectSuccess, median, medianCpu, timeInterleaved, type Interleaved } from "./measure.js";
import { expectExit, summaryLine } from "./org-check.js";
import type { RepoPaths } from "./repo-paths.js";
import type { SyntheticOrg } from "./synthetic-org.js";

export interface ValidateBenchInput {
  paths: RepoPaths;
  org: SyntheticOrg;
  /** A temp folder of this run for ajv-cli's inputs. */
  work: string;
  /** Repetitions of the long (synthetic organisation) runs and of the short ones. */
  longReps: number;
  /** Rounds of the informational ajv-cli-on-JSON variant. */
  jsonReps: number;
  shortReps: number;
  log: (line: string) => void;
}

/** Per round, the sum over all commands of their wall or CPU times (rounds with a missing value are dropped). */
function roundSums(result: Interleaved, what: "times" | "cpu"): number[] {
  const lists = [...result[what].values()];
  const rounds = Math.min(...lists.map((l) => l.length));
  return Array.from({ length: rounds }, (_, i) => lists.reduce((sum, l) => sum + l[i]!, 0));
}

export async function benchValidate(input: ValidateBenchInput): Promise<{ rows: Row[]; notes: string[] }> {
  const { paths, org, log } = input;
  const rows: Row[] = [];
  const notes: string[] = [];
  const dir = org.dir;

  // (a) full validate vs the floor
  log(`2a: oncall validate on the synthetic organisation vs the parse-only floor (${input.longReps} rounds)...`);
  const full = timeInterleaved(
    [
      {
        name: "validate",
        args: [paths.oncall, "validate", "--repo", dir],
        check: expectExit("oncall validate on the synthetic organisation", [0, 1]),
      },
      { name: "floor", args: [paths.bench, "--floor", dir], check: expectSuccess("the floor") },
    ],
    input.longReps,
    false, // the untimed check just read every file, so they are in the page cache already
  );
  const validateMs = median(full.times.get("validate")!);
  const floorMs = median(full.times.get("floor")!);
  notes.push(`floor: ${full.last.get("floor")!.stdout.trim()}`);
  notes.push(cpuNote("2a", full, "validate", "floor") ?? "2a: no CPU times on this platform");
  rows.push({
    id: "2a",
    what: "validate synthetic org vs parse-only floor",
    figure: duration(validateMs),
    baseline: duration(floorMs),
    ratio: ratio(validateMs / floorMs),
    target: "<= 1.0x",
    met: validateMs / floorMs <= 1.0,
  });

  // (b) vs ajv-cli
  log("2b: preparing ajv-cli inputs (front matter extracted, JSON copies; not timed)...");
  const dataFiles = org.files;
  const inputs = await prepareAjvInputs(org, join(input.work, "ajv"));
  org.data.clear(); // only the JSON copies needed it
  const schemas = join(paths.root, "schemas");
  const yamlCmds = ajvYamlCommands(paths.ajv, schemas, org, inputs);
  const jsonCmds = ajvJsonCommands(paths.ajv, schemas, inputs);
  log(
    `2b: ajv-cli, ${yamlCmds.length} invocations on YAML (${input.longReps} rounds) and ${jsonCmds.length} on JSON (${input.jsonReps} rounds)...`,
  );
  const ajvYaml = timeInterleaved(yamlCmds, input.longReps, false);
  const ajvJson = timeInterleaved(jsonCmds, input.jsonReps, false);
  const ajvYamlMs = median(roundSums(ajvYaml, "times"));
  const ajvJsonMs = median(roundSums(ajvJson, "times"));
  const ajvYamlCpu = roundSums(ajvYaml, "cpu");
  const ajvJsonCpu = roundSums(ajvJson, "cpu");
  const validateCpu = medianCpu(full, "validate");
  if (validateCpu !== undefined && ajvYamlCpu.length && ajvJsonCpu.length)
    notes.push(
      `2b CPU time (median): validate ${duration(validateCpu)} vs ajv-cli on YAML ${duration(median(ajvYamlCpu))} (${ratio(validateCpu / median(ajvYamlCpu))}), on JSON ${duration(median(ajvJsonCpu))} (${ratio(validateCpu / median(ajvJsonCpu))})`,
    );
  const ajv = { last: new Map([...ajvYaml.last, ...ajvJson.last]) };
  const count = (cmds: typeof yamlCmds) =>
    cmds.reduce(
      (acc, c) => {
        const run = ajv.last.get(c.name)!;
        const v = verdicts(run.stdout + "\n" + run.stderr);
        return { valid: acc.valid + v.valid, invalid: acc.invalid + v.invalid };
      },
      { valid: 0, invalid: 0 },
    );
  const yv = count(yamlCmds);
  const jv = count(jsonCmds);
  notes.push(
    `ajv-cli on YAML: ${yv.valid} valid, ${yv.invalid} invalid of ${dataFiles.length} files (js-yaml 3 reads unquoted dates as Date objects, so records with dates fail "must be string")`,
  );
  notes.push(`ajv-cli on JSON copies: ${jv.valid} valid, ${jv.invalid} invalid of ${dataFiles.length} files`);
  if (jv.invalid > 0) {
    const bad = jsonCmds.map((c) => ajv.last.get(c.name)!).find((r) => r.status !== 0);
    notes.push(`ajv-cli found schema errors in the JSON copies: ${(bad?.stderr ?? "").slice(0, 600)}`);
  }
  const perKind = yamlCmds.map((c) => `${c.name.slice(5)} ${duration(median(ajvYaml.times.get(c.name)!))}`).join(", ");
  notes.push(`ajv-cli on YAML per invocation (median): ${perKind}`);
  rows.push({
    id: "2b",
    what: "validate synthetic org vs ajv-cli (YAML, 8 runs summed)",
    figure: duration(validateMs),
    baseline: duration(ajvYamlMs),
    ratio: ratio(validateMs / ajvYamlMs),
    target: "report",
    met: null,
  });
  rows.push({
    id: "2b'",
    what: "validate synthetic org vs ajv-cli (JSON copies, 8 runs summed)",
    figure: duration(validateMs),
    baseline: duration(ajvJsonMs),
    ratio: ratio(validateMs / ajvJsonMs),
    target: "report",
    met: null,
  });

  // (c) --changed-since after editing one incident
  const target = join(dir, org.sampleIncident);
  const text = await readFile(target, "utf8");
  if (!text.includes("text: Acknowledged.")) throw new Error(`${org.sampleIncident} has no acknowledgement to edit`);
  await writeFile(target, text.replace("text: Acknowledged.", "text: Acknowledged by phone."));
  log(`2c: oncall validate --changed-since HEAD after editing ${org.sampleIncident} (${input.shortReps} rounds)...`);
  const changed = timeInterleaved(
    [
      {
        name: "changed",
        args: [paths.oncall, "validate", "--repo", dir, "--changed-since", "HEAD"],
        check: expectExit("oncall validate --changed-since HEAD", [0, 1]),
      },
    ],
    input.shortReps,
  );
  const changedMs = median(changed.times.get("changed")!);
  notes.push(`oncall validate --changed-since HEAD: ${summaryLine(changed.last.get("changed")!)}`);
  const changedCpu = medianCpu(changed, "changed");
  if (changedCpu !== undefined && ajvYamlCpu.length)
    notes.push(
      `2c CPU time (median): --changed-since ${duration(changedCpu)} vs ajv-cli full on YAML ${duration(median(ajvYamlCpu))} (${ratio(median(ajvYamlCpu) / changedCpu)} less)`,
    );
  const speedup = ajvYamlMs / changedMs;
  rows.push({
    id: "2c",
    what: "validate --changed-since HEAD (1 incident edited) vs ajv-cli full (YAML)",
    figure: duration(changedMs),
    baseline: duration(ajvYamlMs),
    ratio: `${ratio(speedup)} faster`,
    target: ">= 5x faster",
    met: speedup >= 5,
  });

  // (d) the example organisation vs node -e 0
  log(`2d: oncall validate --repo ${paths.root} vs node -e 0 (${input.shortReps} rounds)...`);
  const small = timeInterleaved(
    [
      {
        name: "validate",
        args: [paths.oncall, "validate", "--repo", paths.root],
        check: expectExit("oncall validate on the example organisation", [0, 1]),
      },
      { name: "node", args: ["-e", "0"], check: expectSuccess("node -e 0") },
    ],
    input.shortReps,
  );
  const exampleMs = median(small.times.get("validate")!);
  const nodeMs = median(small.times.get("node")!);
  notes.push(`oncall validate --repo ${paths.root}: ${summaryLine(small.last.get("validate")!)}`);
  notes.push(cpuNote("2d", small, "validate", "node") ?? "2d: no CPU times on this platform");
  rows.push({
    id: "2d",
    what: "validate example org vs node -e 0",
    figure: duration(exampleMs),
    baseline: duration(nodeMs),
    ratio: ratio(exampleMs / nodeMs),
    target: "<= 4x",
    met: exampleMs / nodeMs <= 4,
  });
  return { rows, notes };
}
