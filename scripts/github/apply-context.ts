/**
 * Shared state while one plan is applied: the client, the repository, and read caches so that an
 * issue, its comment list or the repository's labels are fetched at most once per plan and kept up
 * to date from the responses of our own writes.
 */
import type { Effect, IssueTarget } from "./effects.js";
import { callGitHub } from "./github-error.js";
import type { GitHubClient, GitHubLogger } from "./octokit.js";

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface ApplyOptions {
  logger?: GitHubLogger;
  /**
   * Logins whose comments and issues may be treated as ours when a marker is found in them. By
   * default any account of type `Bot` (the Actions token posts as `github-actions[bot]`), so a
   * human pasting a marker cannot make the bot edit their comment.
   */
  trustedAuthors?: string[];
  /**
   * Effects whose failure must not stop the plan (a courtesy reply, say, before a write that saves
   * state): a GitHub API failure of one is logged as a warning and reported with outcome `failed`,
   * and the plan goes on. Default: none, the first failure stops the plan.
   */
  optional?: (effect: Effect) => boolean;
  /** How often a write that hit a 409/422 conflict is re-read and retried (default 2). */
  conflictRetries?: number;
  /**
   * What the caller has already read in this run (an issue from the event payload, a comment list it
   * listed itself), used instead of reading it again: each one saves an API call. The caller vouches
   * that it is current enough; writes keep these copies up to date as usual.
   */
  known?: KnownState;
}

/** Snapshots a caller passes in through {@link ApplyOptions.known}. */
interface KnownState {
  issues?: readonly IssueSnapshot[];
  /** Every comment of an issue, by issue number, oldest first. */
  comments?: ReadonlyMap<number, readonly CommentSnapshot[]>;
  /** Reviewer state of pull requests (from the event payload and a review list), by number, for request-reviewers. */
  pulls?: ReadonlyMap<number, PullReviewers>;
}

/** Who wrote a pull request, who has been asked to review it and who has reviewed it. */
export interface PullReviewers {
  author: string;
  requested: readonly string[];
  reviewed: readonly string[];
  url?: string;
}

/** What the adapter needs to know about an issue or pull request. */
export interface IssueSnapshot {
  number: number;
  state: "open" | "closed";
  stateReason: string | null;
  title: string;
  body: string;
  /** Label names as GitHub spells them. */
  labels: string[];
  assignees: string[];
  url: string;
}

export interface CommentSnapshot {
  id: number;
  body: string;
  author: Author;
  url: string;
}

export type Author = { login: string; type?: string } | null | undefined;

interface IssueData {
  number: number;
  state: string;
  state_reason?: string | null;
  title: string;
  body?: string | null;
  labels: (string | { name?: string })[];
  assignees?: { login: string }[] | null;
  html_url: string;
}

/** Normalises an issue response. */
export function toIssueSnapshot(data: IssueData): IssueSnapshot {
  return {
    number: data.number,
    state: data.state === "closed" ? "closed" : "open",
    stateReason: data.state_reason ?? null,
    title: data.title,
    body: data.body ?? "",
    labels: data.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter((n) => n !== ""),
    assignees: (data.assignees ?? []).map((a) => a.login),
    url: data.html_url,
  };
}

/** Case-insensitive membership, as GitHub compares logins and label names. */
export function includesName(list: readonly string[], name: string): boolean {
  return list.some((item) => item.toLowerCase() === name.toLowerCase());
}

export class ApplyContext {
  readonly logger: GitHubLogger;
  readonly conflictRetries: number;
  private readonly issues = new Map<number, IssueSnapshot>();
  private readonly comments = new Map<number, CommentSnapshot[]>();
  private readonly pulls = new Map<number, PullReviewers & { requested: string[] }>();
  /** See {@link ApplyOptions.optional}. */
  readonly optional: (effect: Effect) => boolean;
  /** Issue numbers by create-issue key, filled as create-issue effects run. */
  readonly createdIssues = new Map<string, number>();
  private defaultBranchName?: string;

  constructor(
    readonly octokit: GitHubClient,
    readonly repo: RepoRef,
    private readonly options: ApplyOptions = {},
  ) {
    this.logger = options.logger ?? { info() {}, warn() {} };
    this.conflictRetries = options.conflictRetries ?? 2;
    this.optional = options.optional ?? (() => false);
    // Copies: the caches are updated in place as effects write, the caller's lists stay as they were.
    for (const issue of options.known?.issues ?? [])
      this.issues.set(issue.number, { ...issue, labels: [...issue.labels], assignees: [...issue.assignees] });
    for (const [number, list] of options.known?.comments ?? [])
      this.comments.set(
        number,
        list.map((c) => ({ ...c })),
      );
    for (const [number, pull] of options.known?.pulls ?? [])
      this.pulls.set(number, { ...pull, requested: [...pull.requested], reviewed: [...pull.reviewed] });
  }

  /** Runs one API call; failures become GitHubApiError labelled with `purpose`. */
  call<T>(purpose: string, fn: () => Promise<T>): Promise<T> {
    return callGitHub(purpose, fn);
  }

  /** The issue number a target names (create-issue keys must have run already). */
  resolve(target: IssueTarget): number {
    if (typeof target === "number") return target;
    const number = this.createdIssues.get(target.createdBy);
    if (number === undefined)
      throw new Error(`create-issue "${target.createdBy}" has not run yet (validateEffects should have caught this)`);
    return number;
  }

  /** The issue, fetched on first use. */
  async issue(number: number): Promise<IssueSnapshot> {
    const cached = this.issues.get(number);
    if (cached) return cached;
    const { data } = await this.call(`read issue #${number}`, () =>
      this.octokit.rest.issues.get({ ...this.repo, issue_number: number }),
    );
    return this.remember(toIssueSnapshot(data));
  }

  /** Stores a fresh snapshot (from the response of a write) and returns it. */
  remember(snapshot: IssueSnapshot): IssueSnapshot {
    this.issues.set(snapshot.number, snapshot);
    return snapshot;
  }

  /** Every comment of an issue, listed once (100 per page). */
  async commentsOf(number: number): Promise<CommentSnapshot[]> {
    const cached = this.comments.get(number);
    if (cached) return cached;
    const list = await this.call(`list comments of #${number}`, () =>
      this.octokit.paginate(this.octokit.rest.issues.listComments, {
        ...this.repo,
        issue_number: number,
        per_page: 100,
      }),
    );
    const snapshots = list.map((c) => ({ id: c.id, body: c.body ?? "", author: c.user, url: c.html_url }));
    this.comments.set(number, snapshots);
    return snapshots;
  }

  /** Author, requested reviewers and reviewers of a pull request: given in the options, else read once. */
  async pullReviewers(number: number): Promise<PullReviewers & { requested: string[] }> {
    const cached = this.pulls.get(number);
    if (cached) return cached;
    const { data: pull } = await this.call(`read pull request #${number}`, () =>
      this.octokit.rest.pulls.get({ ...this.repo, pull_number: number }),
    );
    const reviews = await this.call(`list reviews of #${number}`, () =>
      this.octokit.paginate(this.octokit.rest.pulls.listReviews, { ...this.repo, pull_number: number, per_page: 100 }),
    );
    const known = {
      author: pull.user.login,
      requested: (pull.requested_reviewers ?? []).map((u) => u.login),
      reviewed: reviews.flatMap((r) => (r.user ? [r.user.login] : [])),
      url: pull.html_url,
    };
    this.pulls.set(number, known);
    return known;
  }

  /** The repository's default branch, read once. */
  async defaultBranch(): Promise<string> {
    if (!this.defaultBranchName) {
      const { data } = await this.call("read the repository", () => this.octokit.rest.repos.get({ ...this.repo }));
      this.defaultBranchName = data.default_branch;
    }
    return this.defaultBranchName;
  }

  /** Whether something written by `author` may be adopted as the bot's own. */
  isTrusted(author: Author): boolean {
    if (!author) return false;
    const trusted = this.options.trustedAuthors;
    if (trusted && trusted.length > 0) return includesName(trusted, author.login);
    return author.type === "Bot";
  }
}
