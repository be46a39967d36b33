/**
 * The fake's whole state: repositories (with their issues, comments, labels, git objects...), users,
 * one id sequence and the clock. Route handlers and the seeding API both go through it, so what a
 * test seeds is exactly what the API serves.
 */
import { GitStore } from "./git-store.js";
import type { IssueRecord, LabelRecord, Permission, PullData, RepoRecord, UserRecord } from "./model.js";

export interface StoreOptions {
  /** The fake's clock; every timestamp it writes comes from here. */
  now: () => Date;
  /** Role of users that were never given one explicitly (default `read`, like a public repo). */
  defaultPermission: Permission;
}

/** Colour GitHub gives a label created implicitly by attaching it to an issue. */
const IMPLICIT_LABEL_COLOR = "ededed";

export class FakeStore {
  readonly repos = new Map<string, RepoRecord>();
  readonly users = new Map<string, UserRecord>();
  /** Team members by `org/team-slug` (lower case), in order of joining. */
  readonly teams = new Map<string, string[]>();
  private lastId = 1000;

  constructor(readonly options: StoreOptions) {}

  /** A fresh id; ids are unique across every kind of object, as on GitHub. */
  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /** The clock as GitHub prints it: `2024-05-01T12:00:00Z`. */
  timestamp(): string {
    return this.options
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z");
  }

  /** The user record for a login, created on first mention (`[bot]` logins become bots). */
  user(login: string): UserRecord {
    const key = login.toLowerCase();
    let user = this.users.get(key);
    if (!user) {
      user = { login, id: this.nextId(), type: login.endsWith("[bot]") ? "Bot" : "User" };
      this.users.set(key, user);
    }
    return user;
  }

  findUser(login: string): UserRecord | undefined {
    return this.users.get(login.toLowerCase());
  }

  /** Creates a repository whose default branch holds one initial commit (so branches can fork off it). */
  addRepo(owner: string, name: string, options: { defaultBranch?: string; private?: boolean } = {}): RepoRecord {
    this.user(owner);
    const repo: RepoRecord = {
      owner,
      name,
      id: this.nextId(),
      defaultBranch: options.defaultBranch ?? "main",
      private: options.private ?? false,
      createdAt: this.timestamp(),
      issues: new Map(),
      comments: new Map(),
      labels: new Map(),
      permissions: new Map([[owner.toLowerCase(), "admin"]]),
      reviews: [],
      statuses: [],
      checkRuns: new Map(),
      git: new GitStore(),
      nextNumber: 1,
    };
    repo.git.commitFiles(repo.defaultBranch, { "README.md": `# ${name}\n` }, "Initial commit", this.gitPerson(owner));
    this.repos.set(`${owner}/${name}`.toLowerCase(), repo);
    return repo;
  }

  repo(owner: string, name: string): RepoRecord | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  /** Author/committer identity for commits made by a login, dated now. */
  gitPerson(login: string): { name: string; email: string; date: string } {
    const user = this.user(login);
    return { name: login, email: `${user.id}+${login}@users.noreply.github.com`, date: this.timestamp() };
  }

  /** A user's role on a repository; `undefined` for a login the fake has never heard of. */
  permissionOf(repo: RepoRecord, login: string): Permission | undefined {
    const explicit = repo.permissions.get(login.toLowerCase());
    if (explicit) return explicit;
    return this.findUser(login) ? this.options.defaultPermission : undefined;
  }

  /** Looks a label up by name, case-insensitively. */
  label(repo: RepoRecord, name: string): LabelRecord | undefined {
    return repo.labels.get(name.toLowerCase());
  }

  /** Creates a label (or returns the existing one of that name). */
  ensureLabel(
    repo: RepoRecord,
    name: string,
    color = IMPLICIT_LABEL_COLOR,
    description: string | null = null,
  ): LabelRecord {
    const existing = this.label(repo, name);
    if (existing) return existing;
    const label: LabelRecord = { id: this.nextId(), name, color, description, default: false };
    repo.labels.set(name.toLowerCase(), label);
    return label;
  }

  /** Attaches labels by name (creating unknown ones, as GitHub does) without duplicates. */
  attachLabels(repo: RepoRecord, issue: IssueRecord, names: readonly string[]): void {
    for (const name of names) {
      const label = this.ensureLabel(repo, name);
      if (!issue.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) issue.labels.push(label.name);
    }
  }

  /** Creates an issue (or, with `pull`, a pull request) with the next number. */
  createIssue(
    repo: RepoRecord,
    fields: {
      title: string;
      body?: string | null;
      user: string;
      labels?: readonly string[];
      assignees?: readonly string[];
      pull?: PullData;
    },
  ): IssueRecord {
    const now = this.timestamp();
    this.user(fields.user);
    const issue: IssueRecord = {
      id: this.nextId(),
      number: repo.nextNumber++,
      title: fields.title,
      body: fields.body ?? null,
      state: "open",
      stateReason: null,
      labels: [],
      assignees: [],
      user: fields.user,
      locked: false,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
      ...(fields.pull ? { pull: fields.pull } : {}),
    };
    this.attachLabels(repo, issue, fields.labels ?? []);
    for (const login of fields.assignees ?? [])
      if (!issue.assignees.includes(login)) issue.assignees.push(this.user(login).login);
    repo.issues.set(issue.number, issue);
    return issue;
  }

  /** Sets state, recording who closed it and when; reopening clears both. */
  setIssueState(
    issue: IssueRecord,
    state: "open" | "closed",
    actor: string,
    reason?: IssueRecord["stateReason"],
  ): void {
    if (issue.state !== state) {
      issue.state = state;
      issue.closedAt = state === "closed" ? this.timestamp() : null;
      issue.closedBy = state === "closed" ? actor : null;
      issue.stateReason = state === "closed" ? (reason ?? "completed") : "reopened";
    } else if (state === "closed" && reason) {
      issue.stateReason = reason;
    }
    this.touch(issue);
  }

  /** Bumps `updated_at`. */
  touch(issue: IssueRecord): void {
    issue.updatedAt = this.timestamp();
  }

  /** Comments on an issue, oldest first. */
  commentsOf(repo: RepoRecord, issueNumber: number) {
    return [...repo.comments.values()].filter((c) => c.issueNumber === issueNumber).sort((a, b) => a.id - b.id);
  }
}
