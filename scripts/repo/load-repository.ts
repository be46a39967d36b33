/**
 * Loading a repository in stages (read -> parse with positions -> schema -> normalize -> cross-file
 * rules), collecting every problem instead of stopping at the first. This is the IO edge: it reads the
 * disk; everything it calls is pure.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DateTime } from "luxon";
import type { Finding, Organisation } from "../core/model/index.js";
import { checkSchedule } from "../core/schedule/index.js";
import type { Problem } from "../core/model/index.js";
import { pointer, sortProblems } from "../core/model/index.js";
import { classify, CONTEXT_FILES, FIXED_FILES, REQUIRED_FILES } from "../core/model/index.js";
import { listRepositoryFiles } from "./repository-files.js";
import { parseFiles } from "./parallel-parse.js";
import type { FileKind } from "../core/model/index.js";
import { normalize } from "./normalize.js";
import { crossFileRules } from "./cross-rules.js";
import { parseYaml, type YamlSource } from "./yaml-source.js";
import { splitFrontMatter } from "./front-matter.js";
import { INCIDENT_FORM, ISSUE_CHOOSER, checkIssueForms } from "./issue-form.js";

export interface LoadOptions {
  /** The instant date-dependent warnings are computed for (horizon, stale playbooks); never affects errors. */
  now?: DateTime;
  /**
   * Validate only these repository paths (plus the roster, rotation and policy they refer to), for a
   * pull request that changed them, or the paths a predicate accepts (a reader that needs only some
   * kinds of file). Callers decide when a change needs the full run.
   */
  only?: ReadonlySet<string> | ((path: string) => boolean);
  /**
   * Check the schedule invariants (gaps, overlaps, people rules) even with `only`, for a command that
   * writes the schedule and must not build on a broken one. Default: only in a full run.
   */
  scheduleRules?: boolean;
  /** Run the Markdown link, anchor and placeholder checks (default true; see CrossRuleOptions.markdown). */
  markdownRules?: boolean;
}

export interface LoadResult {
  org: Organisation;
  problems: Problem[];
  /** Fixed files that were present and valid (people, rotation, schedule, overrides, policy). */
  present: Set<string>;
  /** Number of files read. */
  fileCount: number;
}

export async function loadRepository(dir: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const paths = await listRepositoryFiles(dir);
  const pathSet = new Set(paths);
  const only = opts.only;
  const selected = typeof only === "function" ? only : only ? (p: string) => only.has(p) : undefined;
  const wanted = selected ? paths.filter((p) => selected(p) || CONTEXT_FILES.includes(p)) : paths;
  const problems: Problem[] = [];

  const toParse: [string, FileKind][] = [];
  for (const file of wanted) {
    const c = classify(file);
    if (c.kind !== null) toParse.push([file, c.kind]);
    else if (c.message)
      problems.push({ file, line: 0, column: 0, message: c.message, severity: "error", rule: "file-name", path: "" });
  }
  const { parsed, texts } = await parseFiles(dir, toParse);
  for (const f of parsed) problems.push(...f.problems);
  if (!opts.only) {
    for (const req of REQUIRED_FILES) {
      if (!pathSet.has(req))
        problems.push({
          file: req,
          line: 0,
          column: 0,
          message: `${req} is missing; the repository needs it.`,
          severity: "error",
          rule: "missing-file",
          path: "",
        });
    }
  }

  const { org, present } = normalize(parsed);
  const findings: Finding[] = crossFileRules(org, {
    present,
    paths: pathSet,
    ...(opts.now && { now: opts.now }),
    ...(opts.markdownRules === false && { markdown: false }),
  });
  // Schedule invariants need the roster and a rotation with a real zone; without them they would only add noise (or throw).
  if (
    (!opts.only || opts.scheduleRules) &&
    present.has("schedule") &&
    present.has("people") &&
    present.has("rotation") &&
    !findings.some(
      (f) => f.rule === "unknown-timezone" && f.src?.file === FIXED_FILES.rotation && f.field === "timezone",
    )
  ) {
    findings.push(
      ...checkSchedule({
        shifts: org.shifts,
        overrides: org.overrides,
        people: org.people,
        config: org.rotation,
        ...(opts.now && { now: opts.now }),
      }),
    );
  }
  const sources = new Map(parsed.filter((f) => f.source).map((f) => [f.file, f.source!]));
  // Files parsed on the worker thread are read again only when a finding points into them.
  const textOf = { get: (file: string) => texts.get(file) ?? readTextIfPresent(join(dir, file)) };
  for (const f of findings) problems.push(toProblem(f, sources, textOf));
  // The GitHub forms copy the policy's catalogue and links; a partial run checks them when they changed.
  if (present.has("policy") && (!selected || selected(INCIDENT_FORM) || selected(ISSUE_CHOOSER))) {
    problems.push(...checkIssueForms(org.policy, (file) => readTextIfPresent(join(dir, file)) ?? null));
  }
  return { org, problems: sortProblems(problems), present, fileCount: wanted.length };
}

/** Turns a core finding into a positioned problem, re-parsing the file only when it was not kept. */
export function toProblem(
  f: Finding,
  sources: ReadonlyMap<string, YamlSource>,
  texts: Pick<ReadonlyMap<string, string>, "get">,
): Problem {
  const file = f.src?.file ?? "";
  const path = [...(f.src?.path ?? []), ...(f.field !== undefined ? [f.field] : [])];
  let line = f.line ?? 0;
  let column = f.column ?? 0;
  if (f.line === undefined && f.src) {
    let source = sources.get(file);
    const text = source ? undefined : texts.get(file);
    if (text !== undefined) {
      const fm = file.endsWith(".md") ? splitFrontMatter(text) : null;
      source = fm ? (fm.ok ? parseYaml(file, fm.yaml, fm.yamlLine) : undefined) : parseYaml(file, text);
    }
    if (source) ({ line, column } = source.locate(path, { key: false }));
  }
  return { file, line, column, message: f.message, severity: f.severity, rule: f.rule, path: pointer(path) };
}

function readTextIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
