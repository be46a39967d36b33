/**
 * Benchmark 6 (issue 10 item 12): what the incident job's checkout costs. A partial, sparse clone of
 * only what an incident event reads (`--filter=blob:none`, depth 1, then a non-cone sparse checkout:
 * `rotations/`, `incidents/policy.yaml`, `playbooks/`, this incident's postmortem, the incident action
 * and the issue chooser's config, as actions/checkout does with `filter` and `sparse-checkout`)
 * against a full depth-1 clone, both over `file://` from the synthetic organisation, so git runs the
 * real pack protocol (upload-pack) rather than hard-linking objects. The issue's wider set (all of
 * `postmortems/` and `.github/`) is measured too.
 *
 * The organisation is given the project's own `.github/` (workflows, actions and their bundles) in a
 * second commit of a bare copy, as a real repository made from this one has them; the synthetic
 * organisation's folder itself is left untouched. "Transferred" is the size of the pack files git
 * received (the clone's and the blob fetches of the sparse checkout); "on disk" adds the work tree.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { duration, ratio, type Row } from "./figures-table.js";
import { median, nowMs } from "./measure.js";

/** The incident job's checkout as issue 10 states it, as non-cone sparse-checkout patterns (one file of incidents/). */
const INCIDENT_JOB_PATTERNS = [
  "/rotations/",
  "/incidents/policy.yaml",
  "/playbooks/",
  "/postmortems/",
  "/.github/",
] as const;

/**
 * Only what an incident event reads (scripts/github/incident-org.ts): leaves out the incident records,
 * the other actions and the workflows. Besides this incident's own postmortem, the postmortems of this
 * year and the last are there: a draft written on resolution books the first review meeting with room,
 * so it reads the review dates of the others that can still be booked into a coming meeting. `issue` is
 * the incident's number, `year` the current year (the workflow's `years` step).
 */
export function incidentEventPatterns(issue: number, year: number): string[] {
  return [
    "/rotations/",
    "/incidents/policy.yaml",
    "/playbooks/",
    `/postmortems/*/INC-${issue}-*`,
    `/postmortems/${year - 1}/`,
    `/postmortems/${year}/`,
    "/.github/actions/incident/",
    "/.github/ISSUE_TEMPLATE/config.yml",
  ];
}

export interface CheckoutBenchOptions {
  /** The synthetic organisation, a git repository with its files committed. */
  orgDir: string;
  /** This project's root, whose `.github/` is added to the organisation. */
  projectRoot: string;
  /** A scratch folder of the run. */
  work: string;
  reps: number;
  /** An incident number of the organisation, for {@link incidentEventPatterns}. */
  issue: number;
  log(line: string): void;
}

const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_TERMINAL_PROMPT: "0" };

function git(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = GIT_ENV): string {
  const identity = [
    "-c",
    "user.name=oncall bench",
    "-c",
    "user.email=bench@example.invalid",
    "-c",
    "commit.gpgsign=false",
  ];
  return execFileSync("git", [...identity, ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env,
    maxBuffer: 1 << 28,
  });
}

/** Bytes of every file under `dir` (not following links), and how many files. */
function treeSize(dir: string, skip?: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === skip) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      const sub = treeSize(path);
      bytes += sub.bytes;
      files += sub.files;
    } else if (e.isFile()) {
      bytes += statSync(path).size;
      files++;
    }
  }
  return { bytes, files };
}

/** Bytes of the pack files a clone received. */
function packBytes(clone: string): number {
  const dir = join(clone, ".git", "objects", "pack");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".pack"))
    .reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

/** A bare copy of the organisation with `.github/` of the project added in a second commit, serving filters. */
function sourceRepo(o: CheckoutBenchOptions): string {
  const source = join(o.work, "checkout-source.git");
  git(o.work, ["clone", "-q", "--bare", "--no-local", o.orgDir, source]);
  const index = join(o.work, "checkout-source.index");
  const env = { ...GIT_ENV, GIT_INDEX_FILE: index, GIT_DIR: source, GIT_WORK_TREE: o.projectRoot };
  git(o.projectRoot, ["read-tree", "HEAD"], env);
  git(o.projectRoot, ["add", "--force", "--", ".github"], env);
  const tree = git(o.projectRoot, ["write-tree"], env).trim();
  const commit = git(o.projectRoot, ["commit-tree", tree, "-p", "HEAD", "-m", "workflows and actions"], env).trim();
  git(o.work, ["--git-dir", source, "update-ref", "HEAD", commit]);
  git(o.work, ["--git-dir", source, "config", "uploadpack.allowFilter", "true"]);
  git(o.work, ["--git-dir", source, "config", "uploadpack.allowAnySHA1InWant", "true"]);
  return source;
}

interface CloneResult {
  ms: number;
  packBytes: number;
  diskBytes: number;
  files: number;
}

function timedClone(target: string, steps: () => void): CloneResult {
  const start = nowMs();
  steps();
  const ms = nowMs() - start;
  const disk = treeSize(target);
  return { ms, packBytes: packBytes(target), diskBytes: disk.bytes, files: treeSize(target, ".git").files };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1)} MB`;

/** Median time and the last result of `reps` clones made by `clone(target)`. */
function repeat(
  o: CheckoutBenchOptions,
  name: string,
  clone: (target: string) => void,
): { ms: number; result: CloneResult; dir: string } {
  const results: CloneResult[] = [];
  let dir = "";
  for (let i = 0; i < o.reps; i++) {
    dir = join(o.work, `checkout-${name}-${i}`);
    const target = dir;
    results.push(timedClone(target, () => clone(target)));
  }
  return { ms: median(results.map((r) => r.ms)), result: results[results.length - 1]!, dir };
}

/** The latest year folder of the organisation's postmortems: "this year" for the event's patterns. */
export function latestPostmortemYear(orgDir: string): number {
  const years = readdirSync(join(orgDir, "postmortems"))
    .map(Number)
    .filter((y) => Number.isInteger(y));
  if (years.length === 0) throw new Error(`${orgDir} has no postmortems/<year>/ folder`);
  return Math.max(...years);
}

/** Runs benchmark 6: rows 6a (bytes, what an event reads), 6a' (bytes, the wider set) and 6b (time), and notes. */
export function benchCheckout(o: CheckoutBenchOptions): { rows: Row[]; notes: string[] } {
  o.log("6: cloning the synthetic organisation, full depth 1 against sparse partial (incident job)...");
  const url = `file://${sourceRepo(o)}`;
  const sparseClone = (patterns: readonly string[]) => (target: string) => {
    git(o.work, ["clone", "-q", "--depth", "1", "--single-branch", "--filter=blob:none", "--sparse", url, target]);
    git(target, ["sparse-checkout", "set", "--no-cone", ...patterns]);
  };
  const full = repeat(o, "full", (target) =>
    git(o.work, ["clone", "-q", "--depth", "1", "--single-branch", url, target]),
  );
  const job = repeat(o, "job", sparseClone(INCIDENT_JOB_PATTERNS));
  const event = repeat(o, "event", sparseClone(incidentEventPatterns(o.issue, latestPostmortemYear(o.orgDir))));
  const incidents = readdirSync(join(job.dir, "incidents"));
  if (incidents.join() !== "policy.yaml")
    throw new Error(`the sparse checkout has incidents/${incidents.join(", incidents/")}, not only policy.yaml`);
  const f = full.result;
  const less = f.packBytes / job.result.packBytes;
  const lessEvent = f.packBytes / event.result.packBytes;
  const rows: Row[] = [
    {
      id: "6a",
      what: "incident job checkout, bytes received: sparse partial clone vs full depth-1 clone",
      figure: mb(event.result.packBytes),
      baseline: mb(f.packBytes),
      ratio: `${ratio(lessEvent)} less`,
      target: ">= 10x less",
      met: lessEvent >= 10,
    },
    {
      id: "6a'",
      what: "the same with all of postmortems/ and .github/ checked out",
      figure: mb(job.result.packBytes),
      baseline: mb(f.packBytes),
      ratio: `${ratio(less)} less`,
      target: "info",
      met: null,
    },
    {
      id: "6b",
      what: "incident job checkout, wall time: sparse partial clone (6a) vs full depth-1",
      figure: duration(event.ms),
      baseline: duration(full.ms),
      ratio: ratio(event.ms / full.ms),
      target: "info",
      met: null,
    },
  ];
  const describe = (c: CloneResult) =>
    `${mb(c.packBytes)} of packs, ${mb(c.diskBytes)} on disk, ${c.files} files checked out`;
  const notes = [
    `6: file:// clones of the synthetic organisation plus this project's .github/, depth 1; full: ${describe(f)}; ` +
      `6a (--filter=blob:none --sparse, then sparse-checkout set --no-cone ${incidentEventPatterns(o.issue, latestPostmortemYear(o.orgDir)).join(" ")}): ${describe(event.result)}; ` +
      `6a' (${INCIDENT_JOB_PATTERNS.join(" ")}): ${describe(job.result)}; ` +
      `medians of ${o.reps} clone(s) each: full ${duration(full.ms)}, 6a ${duration(event.ms)}, 6a' ${duration(job.ms)}`,
  ];
  return { rows, notes };
}
