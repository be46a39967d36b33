/**
 * The rotation data at a git revision, read with `git show REV:path` as data: nothing is checked out
 * and nothing from the revision is run, so it is safe on a pull request's head. Then the same stages
 * as the loader (parse with positions, schema, normalize, cross-file rules, schedule invariants),
 * collecting every problem. `null` as the revision reads the working tree instead, so a trade can be
 * checked before it is committed.
 *
 * This is the IO edge for trades: `git` and the disk here, everything it calls is pure.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { UserError } from "../core/model/index.js";
import type { Finding, Organisation } from "../core/model/index.js";
import { checkSchedule } from "../core/schedule/index.js";
import { crossFileRules } from "./cross-rules.js";
import { classify, FIXED_FILES, NEEDED_ROTATION_KINDS, ROTATION_FILES } from "../core/model/index.js";
import { toProblem } from "./load-repository.js";
import { normalize } from "./normalize.js";
import { parseRepoFile, type ParsedFile } from "./parse-file.js";
import { sortProblems, type Problem } from "../core/model/index.js";

const run = promisify(execFile);

/** A trade is about the rotation files only; everything else in the repository cannot change who is on call. */
const REQUIRED = NEEDED_ROTATION_KINDS.map((k) => FIXED_FILES[k]);

/** The rotation data of one revision, with every problem found and a way to place core findings. */
export interface RevisionData {
  /** What was asked for: a ref, or "the working tree". */
  label: string;
  /** The commit, when read from git. */
  sha?: string;
  org: Organisation;
  present: Set<string>;
  problems: Problem[];
  /** The rotation files' texts, by path (absent files left out). */
  texts: ReadonlyMap<string, string>;
  /** File, line and column of a finding about this revision's files. */
  position(finding: Finding): Problem;
}

async function git(dir: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run("git", args, { cwd: dir, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? "").trim();
    throw new UserError(`git ${args.join(" ")} failed in ${dir}: ${stderr || (err as Error).message}`);
  }
}

/** The commit a ref names; a clear error when it names none (not fetched, misspelt). */
export async function resolveCommit(dir: string, ref: string): Promise<string> {
  if (ref.startsWith("-")) throw new UserError(`"${ref}" is not a git revision.`);
  try {
    return (await git(dir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])).trim();
  } catch {
    throw new UserError(
      `"${ref}" is not a commit in ${dir}; fetch it first (a pull request's head: git fetch origin pull/<number>/head).`,
    );
  }
}

/** The merge base of two commits, as GitHub's pull request diff uses; undefined when unrelated. */
export async function mergeBase(dir: string, a: string, b: string): Promise<string | undefined> {
  try {
    return (await git(dir, ["merge-base", a, b])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A file's text at a commit; undefined when the commit does not have it. With `token`, a blob missing
 * from a partial clone (`filter: blob:none`) is fetched with it, passed in git's environment.
 */
async function showFile(dir: string, sha: string, path: string, token?: string): Promise<string | undefined> {
  try {
    const { stdout } = await run("git", ["show", `${sha}:${path}`], {
      cwd: dir,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      ...(token && { env: { ...process.env, GIT_TERMINAL_PROMPT: "0", ...credentialEnv(token) } }),
    });
    return stdout;
  } catch {
    return undefined;
  }
}

/**
 * The loader's stages over given texts (path -> text, absent files left out). Pure. Schedule
 * invariants run without a clock, so the answer never depends on the day it is asked.
 */
export function loadRotationTexts(texts: ReadonlyMap<string, string>, label: string): RevisionData {
  const problems: Problem[] = [];
  const parsed: ParsedFile[] = [];
  for (const [file, text] of texts) {
    const c = classify(file);
    if (c.kind === null) continue;
    const f = parseRepoFile(file, c.kind, text);
    parsed.push(f);
    problems.push(...f.problems);
  }
  for (const file of REQUIRED) {
    if (!texts.has(file))
      problems.push({
        file,
        line: 0,
        column: 0,
        message: `${file} is missing in ${label}.`,
        severity: "error",
        rule: "missing-file",
        path: "",
      });
  }
  const { org, present } = normalize(parsed);
  const findings = crossFileRules(org, { present });
  const zoneBroken = findings.some(
    (f) => f.rule === "unknown-timezone" && f.src?.file === FIXED_FILES.rotation && f.field === "timezone",
  );
  if (present.has("schedule") && present.has("people") && present.has("rotation") && !zoneBroken) {
    findings.push(
      ...checkSchedule({ shifts: org.shifts, overrides: org.overrides, people: org.people, config: org.rotation }),
    );
  }
  const sources = new Map(parsed.filter((f) => f.source).map((f) => [f.file, f.source!]));
  const position = (f: Finding) => toProblem(f, sources, texts);
  problems.push(...findings.map(position));
  return { label, org, present, problems: sortProblems(problems), texts, position };
}

/**
 * The rotation data at `ref` (a branch, tag or sha), or in the working tree when `ref` is null.
 * `options.token` fetches blobs a partial clone lacks (see {@link showFile}).
 */
export async function loadRotationsAt(
  dir: string,
  ref: string | null,
  options: { token?: string } = {},
): Promise<RevisionData> {
  const sha = ref === null ? undefined : await resolveCommit(dir, ref);
  const read = await Promise.all(
    ROTATION_FILES.map((p) =>
      sha === undefined ? readFile(join(dir, p), "utf8").catch(() => undefined) : showFile(dir, sha, p, options.token),
    ),
  );
  const texts = new Map<string, string>();
  ROTATION_FILES.forEach((p, i) => {
    const text = read[i];
    if (text !== undefined) texts.set(p, text);
  });
  const data = loadRotationTexts(texts, ref ?? "the working tree");
  return sha === undefined ? data : { ...data, sha };
}

/** Both sides of a trade. `base` is read at the merge base, so later commits on the base branch are not mistaken for the trade's. */
export interface TradeRevisions {
  base: RevisionData;
  head: RevisionData;
  /** Rotation files whose text differs between the two. */
  changed: string[];
}

/**
 * Loads the base side at the merge base of `baseRef` and the head (`headRef`, or HEAD when the head
 * is the working tree; `baseRef` itself when they share no history), and the head side at `headRef`
 * or from the working tree.
 */
export async function loadTradeRevisions(
  dir: string,
  baseRef: string,
  headRef: string | null,
): Promise<TradeRevisions> {
  const baseSha = await resolveCommit(dir, baseRef);
  const headSha = headRef === null ? undefined : await resolveCommit(dir, headRef);
  const point = (await mergeBase(dir, baseSha, headSha ?? "HEAD")) ?? baseSha;
  const [base, head] = await Promise.all([loadRotationsAt(dir, point), loadRotationsAt(dir, headSha ?? null)]);
  const changed = ROTATION_FILES.filter((p) => base.texts.get(p) !== head.texts.get(p));
  return { base: { ...base, label: baseRef }, head: headRef === null ? head : { ...head, label: headRef }, changed };
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i;

/**
 * The parent ids of commit `sha` as its object records them (first parent first), read from the local
 * repository without the network; also right in a shallow clone, where git itself shows the commit as
 * parentless. Empty when the commit is not there.
 */
export async function recordedParents(dir: string, sha: string): Promise<string[]> {
  if (!SHA.test(sha)) return [];
  try {
    const { stdout } = await run("git", ["cat-file", "commit", sha], { cwd: dir, encoding: "utf8" });
    const header = stdout.split("\n\n")[0] ?? "";
    return header
      .split("\n")
      .filter((line) => line.startsWith("parent "))
      .map((line) => line.slice("parent ".length).trim());
  } catch {
    return [];
  }
}

/** Whether the repository has the commit `sha` (a full hex id) as an object. */
async function hasCommit(dir: string, sha: string): Promise<boolean> {
  if (!SHA.test(sha)) return false;
  try {
    await run("git", ["cat-file", "-e", `${sha}^{commit}`], { cwd: dir });
    return true;
  } catch {
    return false;
  }
}

/**
 * Git configuration that sends `token` as an HTTP header, passed through the environment
 * (`GIT_CONFIG_COUNT` / `GIT_CONFIG_KEY_n` / `GIT_CONFIG_VALUE_n`, git 2.31+): a token on git's
 * command line (`git -c http.extraheader=...`) is visible to every process on the runner that lists
 * command lines, and can end up in logs of failed commands.
 */
export function credentialEnv(token: string): Record<string, string> {
  const basic = Buffer.from(`x-access-token:${token}`, "utf8").toString("base64");
  return {
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: "http.extraheader",
    GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`,
  };
}

/** How {@link fetchCommits} runs git: the arguments (never a secret) and extra environment. */
export function fetchInvocation(
  remote: string,
  shas: readonly string[],
  token?: string,
): { args: string[]; env: Record<string, string> } {
  const args = ["fetch", "--no-tags", "--no-recurse-submodules", "--quiet", "--", remote, ...shas];
  return { args, env: token ? credentialEnv(token) : {} };
}

/**
 * Makes the commits `shas` present, fetching the missing ones by id from `remote` (GitHub serves any
 * commit reachable from the repository's refs, pull request heads included, by id). Nothing is
 * checked out. Returns the commits present afterwards; one that cannot be fetched (force-pushed away
 * and collected, or no such remote) is simply absent, and the caller says so.
 */
export async function fetchCommits(
  dir: string,
  shas: readonly string[],
  options: { remote?: string; token?: string } = {},
): Promise<Set<string>> {
  const wanted = [...new Set(shas.filter((s) => SHA.test(s)))];
  const present = new Set<string>();
  const missing: string[] = [];
  for (const sha of wanted) {
    if (await hasCommit(dir, sha)) present.add(sha);
    else missing.push(sha);
  }
  if (missing.length === 0) return present;
  const { args, env } = fetchInvocation(options.remote ?? "origin", missing, options.token);
  try {
    await run("git", args, { cwd: dir, env: { ...process.env, GIT_TERMINAL_PROMPT: "0", ...env }, timeout: 120_000 });
  } catch {
    // Fetching several ids fails as a whole when one is gone: try them one by one.
    for (const sha of missing) {
      const one = fetchInvocation(options.remote ?? "origin", [sha], options.token);
      await run("git", one.args, {
        cwd: dir,
        env: { ...process.env, GIT_TERMINAL_PROMPT: "0", ...one.env },
        timeout: 60_000,
      }).catch(() => undefined);
    }
  }
  for (const sha of missing) if (await hasCommit(dir, sha)) present.add(sha);
  return present;
}
