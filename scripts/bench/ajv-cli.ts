/**
 * The ajv-cli baseline: the same files validated by `ajv validate` (one process per schema, as a CI
 * job would call it). ajv-cli reads YAML with js-yaml and cannot read Markdown, so the front matter of
 * postmortems and playbooks is first extracted to .yaml files in a temp folder (not timed); the YAML
 * files are validated where they are. A second variant runs ajv-cli on JSON copies of every file
 * (written from the data the files were generated from, not timed): js-yaml 3 (the version ajv-cli
 * bundles) reads unquoted dates and instants as Date objects, so on the YAML files nearly every record
 * fails `type: string` and ajv-cli stops at that first error; on JSON it checks everything.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { yamlPart } from "./floor.js";
import type { Timed } from "./measure.js";
import type { SyntheticOrg } from "./synthetic-org.js";

/** Schema per kind, with the glob of its files relative to a data root; Markdown kinds are marked. */
const KINDS: readonly { schema: string; glob: string; markdown?: true }[] = [
  { schema: "people", glob: "rotations/people.EXT" },
  { schema: "rotation", glob: "rotations/config.EXT" },
  { schema: "schedule", glob: "rotations/schedule.EXT" },
  { schema: "overrides", glob: "rotations/overrides.EXT" },
  { schema: "policy", glob: "incidents/policy.EXT" },
  { schema: "incident", glob: "incidents/*/INC-*.EXT" },
  { schema: "postmortem", glob: "postmortems/*/INC-*.EXT", markdown: true },
  { schema: "playbook", glob: "playbooks/*.EXT", markdown: true },
];

/** Where ajv-cli finds its inputs: YAML files in place, front matter and JSON copies in `work`. */
export interface AjvInputs {
  frontMatterRoot: string;
  jsonRoot: string;
}

async function writeAll(entries: readonly [string, string][]): Promise<void> {
  for (const d of new Set(entries.map(([p]) => dirname(p)))) await mkdir(d, { recursive: true });
  const BATCH = 128;
  for (let i = 0; i < entries.length; i += BATCH)
    await Promise.all(entries.slice(i, i + BATCH).map(([p, text]) => writeFile(p, text)));
}

/** Extracts Markdown front matter to .yaml files and writes JSON copies of every file, below `work`. */
export async function prepareAjvInputs(org: SyntheticOrg, work: string): Promise<AjvInputs> {
  const frontMatterRoot = join(work, "front-matter");
  const jsonRoot = join(work, "json");
  const entries: [string, string][] = [];
  for (const file of org.files) {
    const base = file.replace(/\.(md|yaml)$/, "");
    entries.push([join(jsonRoot, `${base}.json`), JSON.stringify(org.data.get(file))]);
    if (file.endsWith(".md"))
      entries.push([
        join(frontMatterRoot, `${base}.yaml`),
        yamlPart(file, await readFile(join(org.dir, file), "utf8")),
      ]);
  }
  await writeAll(entries);
  return { frontMatterRoot, jsonRoot };
}

function command(
  ajv: string,
  schemasDir: string,
  kind: (typeof KINDS)[number],
  root: string,
  ext: string,
  tag: string,
): Timed {
  const data = join(root, kind.glob.replace("EXT", ext));
  return {
    name: `${tag}:${kind.schema}`,
    args: [
      ajv,
      "validate",
      "--spec=draft2020",
      "-c",
      "ajv-formats",
      "-s",
      join(schemasDir, `${kind.schema}.schema.json`),
      "-r",
      join(schemasDir, "common.schema.json"),
      "-d",
      data,
    ],
  };
}

/** One ajv-cli invocation per schema on the YAML files (front matter extracted for Markdown). */
export function ajvYamlCommands(ajv: string, schemasDir: string, org: SyntheticOrg, inputs: AjvInputs): Timed[] {
  return KINDS.map((k) => command(ajv, schemasDir, k, k.markdown ? inputs.frontMatterRoot : org.dir, "yaml", "yaml"));
}

/** One ajv-cli invocation per schema on the JSON copies. */
export function ajvJsonCommands(ajv: string, schemasDir: string, inputs: AjvInputs): Timed[] {
  return KINDS.map((k) => command(ajv, schemasDir, k, inputs.jsonRoot, "json", "json"));
}

/** Counts of ajv-cli's per-file verdicts in its output ("<file> valid" / "<file> invalid"). */
export function verdicts(output: string): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (const line of output.split("\n")) {
    if (line.endsWith(" invalid")) invalid++;
    else if (line.endsWith(" valid")) valid++;
  }
  return { valid, invalid };
}
