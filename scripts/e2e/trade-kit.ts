/**
 * A trade pull request for end-to-end tests of the bundled trade action, on the small test roster
 * (`scripts/fixtures/minimal`): a git workspace laid out like the workflow's (base checked out, head
 * commits present only as objects), the same pull request in the fake GitHub with every commit
 * registered under its git id, pushes (new heads, rebases, force-pushes), reviews at the current
 * head, and the events GitHub would send. Test-only.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildEvent, userObject } from "./event-payloads.js";
import type { FakeGitHub, ReviewState } from "./fake-github/index.js";
import type { PullRecord } from "./fake-github/shapes-pulls.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TRADE_ENTRY = join(ROOT, ".github/actions/trade/dist/index.mjs");
const FIXTURE = join(ROOT, "scripts/fixtures/minimal");
export const SCHEDULE = "rotations/schedule.yaml";
export const PEOPLE_FILE = "rotations/people.yaml";
/** Everyone in the fixture roster (dana manages the others). */
const ROSTER = ["dana", "alice", "bob", "lena", "raj", "sam-lee"];

export function git(dir: string, ...args: string[]): string {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "t",
    GIT_AUTHOR_EMAIL: "t@example.com",
    GIT_COMMITTER_NAME: "t",
    GIT_COMMITTER_EMAIL: "t@example.com",
  };
  return execFileSync("git", args, { cwd: dir, encoding: "utf8", env }).trim();
}

/** The schedule with the logins of the shifts of `layer` starting on two dates (YYYY-MM-DD) exchanged. */
export function swap(text: string, layer: string, a: string, b: string): string {
  const line = (day: string) => new RegExp(`^.*layer: ${layer}, start: ${day}T[^\\n]*$`, "m");
  const la = line(a).exec(text)?.[0];
  const lb = line(b).exec(text)?.[0];
  const login = (l: string) => /login: ([\w-]+),/.exec(l)![1]!;
  if (!la || !lb) throw new Error(`no ${layer} shift on ${a} or ${b}`);
  return text
    .replace(la, la.replace(`login: ${login(la)},`, `login: ${login(lb)},`))
    .replace(lb, lb.replace(`login: ${login(lb)},`, `login: ${login(la)},`));
}

/** people.yaml with `login`'s manager set to `manager`. */
export function setManager(text: string, login: string, manager: string): string {
  return text.replace(new RegExp(`(- login: ${login}\\n(?:\\s{4}.*\\n)*?\\s{4}manager: )[\\w-]+`), `$1${manager}`);
}

export type Files = Record<string, string>;

export interface TradePr {
  dir: string;
  /** The base branch's commit the pull request started from. */
  base: string;
  /** The current head commit. */
  head: string;
  number: number;
  author: string;
  pull: PullRecord;
  fake: FakeGitHub;
  read(file: string, rev?: string): string;
}

const made: string[] = [];

/** Removes the workspaces made since the last call (call it in afterEach). */
export function cleanTradeWorkspaces(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Registers a git commit in the fake under its git id, as the tip of `ref` (`heads/main`). */
function register(fake: FakeGitHub, sha: string, ref: string): void {
  const store = fake.repo().git;
  const current = store.resolveCommit(ref) ?? store.resolveCommit(`heads/${fake.repo().defaultBranch}`)!;
  store.commits.set(sha, { ...store.commits.get(current)!, sha });
  store.refs.set(ref, sha);
}

function commitFiles(dir: string, files: Files, message: string): string {
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  git(dir, "add", "--", ...Object.keys(files));
  git(dir, "commit", "-q", "-m", message);
  return git(dir, "rev-parse", "HEAD");
}

/** Opens a trade by `author` whose head changes the files `change` returns (given the base's texts). */
export function openTradePr(
  fake: FakeGitHub,
  author: string,
  change: (read: (file: string) => string) => Files,
): TradePr {
  const dir = mkdtempSync(join(tmpdir(), "oncall-trade-kit-"));
  made.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "base");
  const base = git(dir, "rev-parse", "HEAD");
  const read = (file: string, rev?: string) =>
    rev ? git(dir, "show", `${rev}:${file}`) + "\n" : readFileSync(join(dir, file), "utf8");
  const files = change(read);
  git(dir, "checkout", "-q", "-b", "trade");
  const head = commitFiles(dir, files, "trade");
  git(dir, "checkout", "-q", "main");

  for (const login of ROSTER) fake.seed.user(login, { permission: "write" });
  fake.seed.files(Object.fromEntries(Object.keys(files).map((p) => [p, read(p)])));
  const pull = fake.seed.pull({ title: "Shift trade", head: "trade", user: author, files });
  register(fake, base, "heads/main");
  register(fake, head, "heads/trade");
  return { dir, base, head, number: pull.number, author, pull, fake, read };
}

/**
 * Pushes a new head. `onto` picks its parent: the current head (a plain push, the default), or a
 * commit (a rebase or a force-push onto the base); the branch in the workspace follows it.
 */
export function pushHead(t: TradePr, files: Files, onto: string = t.head): string {
  git(t.dir, "checkout", "-q", "-B", "trade", onto);
  const sha = commitFiles(t.dir, files, "push");
  git(t.dir, "checkout", "-q", "main");
  register(t.fake, sha, "heads/trade");
  t.head = sha;
  return sha;
}

/** Advances the base branch by a commit that leaves rotations/ alone; returns it. */
export function advanceBase(t: TradePr): string {
  const sha = commitFiles(
    t.dir,
    { "playbooks/api-gateway.md": `${t.read("playbooks/api-gateway.md")}\nOne more line.\n` },
    "unrelated",
  );
  register(t.fake, sha, "heads/main");
  return sha;
}

function pullFields(t: TradePr, baseSha = t.base) {
  return { number: t.number, user: t.author, head: "trade", headSha: t.head, base: "main", baseSha };
}

function stamp(t: TradePr, payload: Record<string, unknown>, at: string) {
  const pr = payload["pull_request"] as Record<string, unknown>;
  pr["updated_at"] = at;
  pr["requested_reviewers"] = t.pull.pull.requestedReviewers.map(userObject);
  return payload;
}

/** A `pull_request_target` event as the default branch's trade workflow receives it. */
export function pullTargetEvent(t: TradePr, action: "opened" | "synchronize", at: string, baseSha = t.base) {
  const { payload } = buildEvent(`pull_request.${action}`, {
    pullRequest: pullFields(t, baseSha),
    sender: t.author,
    apiUrl: t.fake.url,
  });
  return { eventName: "pull_request_target", payload: stamp(t, payload, at) };
}

/** Records a review at the current head in the fake and returns the `pull_request_review` event. */
export function reviewEvent(t: TradePr, user: string, state: ReviewState, at: string) {
  const record = t.fake.seed.review(t.number, { user, state });
  const { eventName, payload } = buildEvent("pull_request_review.submitted", {
    pullRequest: pullFields(t),
    review: { id: record.id, user, state: state.toLowerCase() as "approved", commit_id: t.head },
    sender: user,
    apiUrl: t.fake.url,
  });
  (payload["review"] as Record<string, unknown>)["submitted_at"] = at;
  return { eventName, payload: stamp(t, payload, at) };
}

/**
 * The `workflow_run` event that follows the review relay's run for a review at the current head
 * (`linked: false` leaves `pull_requests` empty, as GitHub does for a fork's pull request).
 */
export function relayEvent(t: TradePr, at: string, options: { linked?: boolean; pullRequests?: unknown[] } = {}) {
  const { payload } = buildEvent("workflow_run.completed", { apiUrl: t.fake.url });
  const run = payload["workflow_run"] as Record<string, unknown>;
  const repo = {
    id: 1,
    name: t.fake.repoName,
    full_name: `${t.fake.owner}/${t.fake.repoName}`,
    url: `${t.fake.url}/repos/${t.fake.owner}/${t.fake.repoName}`,
  };
  Object.assign(run, {
    name: "trade-review",
    event: "pull_request_review",
    head_sha: t.head,
    head_branch: "trade",
    head_repository: { ...repo, owner: { login: t.fake.owner } },
    created_at: at,
    pull_requests:
      options.pullRequests ??
      (options.linked === false
        ? []
        : [
            {
              id: t.pull.id,
              number: t.number,
              url: `${repo.url}/pulls/${t.number}`,
              head: { ref: "trade", sha: t.head, repo },
              base: { ref: "main", sha: t.base, repo },
            },
          ]),
  });
  return { eventName: "workflow_run", payload };
}
