/**
 * Seeding: puts a fake repository into the state a test needs, without going through HTTP (and so
 * without touching the request log). Every method works on the fake's main repository unless a
 * `repo: "owner/name"` option names another one.
 */
import type { FakeStore } from "./store.js";
import type {
  ChangedFile,
  CommentRecord,
  IssueRecord,
  Permission,
  RepoRecord,
  ReviewRecord,
  ReviewState,
  UserRecord,
} from "./model.js";
import { pullShas, type PullRecord } from "./shapes-pulls.js";

interface InRepo {
  /** `owner/name`; the fake's main repository when absent. */
  repo?: string;
}

export interface SeedIssue extends InRepo {
  title: string;
  body?: string | null;
  /** Author login (default: the repository owner). */
  user?: string;
  labels?: string[];
  assignees?: string[];
  state?: "open" | "closed";
  stateReason?: IssueRecord["stateReason"];
  /** ISO-8601; defaults to the fake's clock. */
  createdAt?: string;
  updatedAt?: string;
}

export interface SeedPull extends InRepo {
  title: string;
  /** Head branch; created from `base` when it does not exist. */
  head: string;
  /** Base branch (default: the repository's default branch). */
  base?: string;
  body?: string;
  user?: string;
  draft?: boolean;
  labels?: string[];
  /** Files to commit on the head branch (`null` deletes). */
  files?: Record<string, string | null>;
  /** Overrides the computed file list (for tests that do not care about git). */
  changedFiles?: ChangedFile[];
}

export class Seeder {
  constructor(
    private readonly store: FakeStore,
    private readonly mainRepo: () => RepoRecord,
  ) {}

  private target(options: InRepo | undefined): RepoRecord {
    if (!options?.repo) return this.mainRepo();
    const [owner = "", name = ""] = options.repo.split("/");
    const repo = this.store.repo(owner, name);
    if (!repo) throw new Error(`seed: no repository ${options.repo}; call seed.repo() first`);
    return repo;
  }

  /** Adds another repository (`owner/name`) with an initial commit on its default branch. */
  repo(fullName: string, options: { defaultBranch?: string; private?: boolean } = {}): RepoRecord {
    const [owner = "", name = ""] = fullName.split("/");
    return this.store.repo(owner, name) ?? this.store.addRepo(owner, name, options);
  }

  /** Makes a user known, with a role on the repository (default: the fake's default permission). */
  user(login: string, options: InRepo & { permission?: Permission; type?: UserRecord["type"] } = {}): UserRecord {
    const user = this.store.user(login);
    if (options.type) user.type = options.type;
    if (options.permission) this.target(options).permissions.set(login.toLowerCase(), options.permission);
    return user;
  }

  label(name: string, options: InRepo & { color?: string; description?: string } = {}) {
    return this.store.ensureLabel(this.target(options), name, options.color, options.description ?? null);
  }

  issue(spec: SeedIssue): IssueRecord {
    const repo = this.target(spec);
    const issue = this.store.createIssue(repo, {
      title: spec.title,
      body: spec.body ?? null,
      user: spec.user ?? repo.owner,
      labels: spec.labels ?? [],
      assignees: spec.assignees ?? [],
    });
    if (spec.state === "closed") this.store.setIssueState(issue, "closed", repo.owner, spec.stateReason ?? "completed");
    if (spec.createdAt) issue.createdAt = spec.createdAt;
    issue.updatedAt = spec.updatedAt ?? spec.createdAt ?? issue.updatedAt;
    return issue;
  }

  comment(issueNumber: number, spec: InRepo & { body: string; user?: string; createdAt?: string }): CommentRecord {
    const repo = this.target(spec);
    if (!repo.issues.has(issueNumber)) throw new Error(`seed: no issue #${issueNumber}`);
    const at = spec.createdAt ?? this.store.timestamp();
    const comment: CommentRecord = {
      id: this.store.nextId(),
      issueNumber,
      body: spec.body,
      user: this.store.user(spec.user ?? repo.owner).login,
      createdAt: at,
      updatedAt: at,
    };
    repo.comments.set(comment.id, comment);
    return comment;
  }

  /** Commits files (`null` deletes) on a branch (default: the default branch); returns the commit sha. */
  files(
    files: Record<string, string | null>,
    options: InRepo & { branch?: string; message?: string; user?: string } = {},
  ): string {
    const repo = this.target(options);
    const branch = options.branch ?? repo.defaultBranch;
    return repo.git.commitFiles(
      branch,
      files,
      options.message ?? "Seed files",
      this.store.gitPerson(options.user ?? repo.owner),
    );
  }

  /** Creates a branch at the head of `from` (default: the default branch); returns its sha. */
  branch(name: string, options: InRepo & { from?: string } = {}): string {
    const repo = this.target(options);
    const sha = repo.git.resolveCommit(`heads/${options.from ?? repo.defaultBranch}`);
    if (!sha) throw new Error(`seed: no branch ${options.from ?? repo.defaultBranch}`);
    repo.git.refs.set(`heads/${name}`, sha);
    return sha;
  }

  /** Opens a pull request, creating the head branch and committing `files` on it as needed. */
  pull(spec: SeedPull): PullRecord {
    const repo = this.target(spec);
    const base = spec.base ?? repo.defaultBranch;
    if (!repo.git.refs.has(`heads/${spec.head}`)) this.branch(spec.head, { ...spec, from: base });
    if (spec.files) this.files(spec.files, { ...spec, branch: spec.head, message: spec.title });
    const headSha = repo.git.resolveCommit(`heads/${spec.head}`) ?? "";
    const issue = this.store.createIssue(repo, {
      title: spec.title,
      body: spec.body ?? null,
      user: spec.user ?? repo.owner,
      labels: spec.labels ?? [],
      pull: {
        headRef: spec.head,
        baseRef: base,
        headSha,
        draft: spec.draft ?? false,
        merged: false,
        mergedAt: null,
        mergeCommitSha: null,
        maintainerCanModify: true,
        requestedReviewers: [],
        ...(spec.changedFiles ? { files: spec.changedFiles } : {}),
      },
    });
    return issue as PullRecord;
  }

  /** Records a submitted review on a pull request (at its current head). */
  review(pullNumber: number, spec: InRepo & { user: string; state: ReviewState; body?: string }): ReviewRecord {
    const repo = this.target(spec);
    const pull = repo.issues.get(pullNumber);
    if (!pull?.pull) throw new Error(`seed: no pull request #${pullNumber}`);
    const review: ReviewRecord = {
      id: this.store.nextId(),
      pullNumber,
      user: this.store.user(spec.user).login,
      state: spec.state,
      body: spec.body ?? "",
      commitId: pullShas(repo, pull as PullRecord).head,
      submittedAt: this.store.timestamp(),
    };
    repo.reviews.push(review);
    pull.pull.requestedReviewers = pull.pull.requestedReviewers.filter(
      (r) => r.toLowerCase() !== review.user.toLowerCase(),
    );
    return review;
  }

  /**
   * Merges a pull request the simple way: the head's changes since the merge base are applied on top
   * of the base branch in one merge commit (no conflict detection), and the pull request is closed.
   */
  merge(pullNumber: number, options: InRepo & { user?: string } = {}): string {
    const repo = this.target(options);
    const pull = repo.issues.get(pullNumber) as PullRecord | undefined;
    if (!pull?.pull || pull.state !== "open") throw new Error(`seed: #${pullNumber} is not an open pull request`);
    const { head, base } = pullShas(repo, pull);
    const changes: Record<string, string | Buffer | null> = {};
    for (const file of repo.git.diff(repo.git.mergeBase(base, head), head)) {
      const found = repo.git.lookup(head, file.filename);
      changes[file.filename] = found?.kind === "blob" ? found.content : null;
    }
    const user = options.user ?? repo.owner;
    const sha = repo.git.commitFiles(
      pull.pull.baseRef,
      changes,
      `Merge pull request #${pullNumber}`,
      this.store.gitPerson(user),
      [head],
    );
    pull.pull.merged = true;
    pull.pull.mergedAt = this.store.timestamp();
    pull.pull.mergeCommitSha = sha;
    this.store.setIssueState(pull, "closed", user);
    return sha;
  }
}
