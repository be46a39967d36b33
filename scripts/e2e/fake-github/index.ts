/**
 * A fake GitHub REST API for end-to-end tests: a real HTTP server on 127.0.0.1 (random port) with
 * in-memory, stateful issues, comments, labels, pull requests, statuses, check runs, contents, git
 * data and issue search. Every request and response is checked against GitHub's OpenAPI
 * description; breaches are collected as violations that {@link FakeGitHub.assertNoViolations}
 * turns into a test failure. Faults (5xx, rate limits, conflicts) can be scripted.
 *
 * ```ts
 * const fake = await startFakeGitHub();
 * fake.seed.user("alice", { permission: "write" });
 * const octokit = new Octokit({ baseUrl: fake.url, auth: fake.token });
 * // ... exercise code, then:
 * await fake.close();
 * fake.assertNoViolations();
 * ```
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FaultQueue } from "./faults.js";
import type { HandlerTable } from "./handler.js";
import { loadOpenApi } from "./openapi-document.js";
import { OperationMatcher } from "./openapi-routes.js";
import { RequestLog, type Violation } from "./request-log.js";
import { checkHandlers } from "./routes/checks.js";
import { commentHandlers } from "./routes/comments.js";
import { contentHandlers } from "./routes/contents.js";
import { gitHandlers } from "./routes/git.js";
import { issueHandlers } from "./routes/issues.js";
import { labelHandlers } from "./routes/labels.js";
import { pullHandlers } from "./routes/pulls.js";
import { repoHandlers } from "./routes/repos.js";
import { searchHandlers } from "./routes/search.js";
import { teamHandlers } from "./routes/teams.js";
import { Seeder } from "./seed.js";
import { handleRequest } from "./server.js";
import { FakeStore } from "./store.js";
import type { CommentRecord, IssueRecord, Permission, RepoRecord } from "./model.js";

export type { FaultKind } from "./faults.js";
export { SECONDARY_RATE_LIMIT_MESSAGE } from "./faults.js";
export type { LoggedRequest, Violation } from "./request-log.js";
export type { IssueRecord, Permission, ReviewState } from "./model.js";
export { FaultQueue };

/** Every operation the fake answers, by OpenAPI operation id. */
export const HANDLERS: HandlerTable = {
  ...repoHandlers,
  ...issueHandlers,
  ...commentHandlers,
  ...labelHandlers,
  ...pullHandlers,
  ...checkHandlers,
  ...contentHandlers,
  ...gitHandlers,
  ...searchHandlers,
  ...teamHandlers,
};

export interface FakeGitHubOptions {
  /** Main repository as `owner/name` (default `acme/oncall`). */
  repository?: string;
  /** Default branch of the main repository (default `main`). */
  defaultBranch?: string;
  /** Login that any token authenticates as, when `tokens` is not given (default `github-actions[bot]`, with write access). */
  actor?: string;
  /** Accepted tokens and the login each belongs to; other tokens get 401 Bad credentials. */
  tokens?: Record<string, string>;
  /** Base of web URLs in responses (default `https://github.com`). */
  serverUrl?: string;
  /** Role of users without an explicit one (default `read`, as on a public repository). */
  defaultPermission?: Permission;
  /** The fake's clock (default: the real one). */
  now?: () => Date;
}

export interface FakeGitHub {
  /** API base URL (`http://127.0.0.1:<port>`), for `GITHUB_API_URL` / Octokit's `baseUrl`. */
  readonly url: string;
  /** Web base URL used in `html_url` fields. */
  readonly serverUrl: string;
  /** A token the fake accepts. */
  readonly token: string;
  readonly owner: string;
  readonly repoName: string;
  readonly store: FakeStore;
  readonly seed: Seeder;
  readonly faults: FaultQueue;
  readonly log: RequestLog;
  /** Contract breaches so far (see {@link assertNoViolations}). */
  readonly violations: Violation[];
  /** The main repository's record, or another by `owner/name`. */
  repo(fullName?: string): RepoRecord;
  issue(number: number): IssueRecord | undefined;
  /** Comments of an issue in the main repository, oldest first. */
  comments(issueNumber: number): CommentRecord[];
  /** UTF-8 text of a file at a ref (default: the default branch); `undefined` when absent. */
  readFile(path: string, ref?: string): string | undefined;
  /** Returns and forgets the violations recorded so far (for tests that provoke them on purpose). */
  takeViolations(): Violation[];
  /** Throws one error listing every violation, if there are any. */
  assertNoViolations(): void;
  /** Stops the server (open keep-alive connections are closed). */
  close(): Promise<void>;
}

/** One readable block per violation. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations
    .map(
      (v) =>
        `- ${v.kind}: ${v.method} ${v.path}${v.operationId ? ` (${v.operationId})` : ""}${v.status ? ` -> ${v.status}` : ""}\n${v.problems.map((p) => `    ${p}`).join("\n")}`,
    )
    .join("\n");
}

/** Starts a fake on a random local port. The OpenAPI description is loaded on the first start. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const [owner = "acme", repoName = "oncall"] = (options.repository ?? "acme/oncall").split("/");
  const now = options.now ?? (() => new Date());
  const store = new FakeStore({ now, defaultPermission: options.defaultPermission ?? "read" });
  const main = store.addRepo(owner, repoName, { defaultBranch: options.defaultBranch ?? "main" });
  const actor = options.actor ?? "github-actions[bot]";
  store.user(actor);
  main.permissions.set(actor.toLowerCase(), "write");
  for (const login of Object.values(options.tokens ?? {})) store.user(login);

  const faults = new FaultQueue();
  const log = new RequestLog();
  const violations: Violation[] = [];
  const matcher = new OperationMatcher(loadOpenApi().operations);
  const serverUrl = (options.serverUrl ?? "https://github.com").replace(/\/+$/, "");
  let api = "";
  const deps = {
    store,
    matcher,
    handlers: HANDLERS,
    faults,
    log,
    violations,
    api: () => api,
    web: serverUrl,
    ...(options.tokens ? { tokens: options.tokens } : {}),
    actor,
    used: new Map<string, number>(),
    resetAt: Math.floor(now().getTime() / 1000) + 3600,
  };
  // handleRequest answers every request itself; this only catches a client hanging up mid-body.
  const server = createServer((req, res) => void handleRequest(deps, req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const repo = (fullName?: string): RepoRecord => {
    if (!fullName) return main;
    const [o = "", n = ""] = fullName.split("/");
    const found = store.repo(o, n);
    if (!found) throw new Error(`fake GitHub has no repository ${fullName}`);
    return found;
  };

  return {
    url: api,
    serverUrl,
    token: Object.keys(options.tokens ?? {})[0] ?? "fake-token",
    owner,
    repoName,
    store,
    seed: new Seeder(store, () => main),
    faults,
    log,
    violations,
    repo,
    issue: (number) => main.issues.get(number),
    comments: (issueNumber) => store.commentsOf(main, issueNumber),
    readFile(path, ref) {
      const commit = main.git.resolveCommit(ref ?? main.defaultBranch);
      const found = commit ? main.git.lookup(commit, path) : undefined;
      return found?.kind === "blob" ? found.content.toString("utf8") : undefined;
    },
    takeViolations: () => violations.splice(0, violations.length),
    assertNoViolations() {
      if (violations.length > 0)
        throw new Error(`fake GitHub saw ${violations.length} contract violation(s):\n${formatViolations(violations)}`);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
