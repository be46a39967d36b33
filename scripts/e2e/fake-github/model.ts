/**
 * The fake's in-memory records. They hold only what the fake needs to answer like GitHub; the
 * response shapes (URLs, node ids, nested repositories) are derived from them in `shapes-*.ts`.
 * Times are ISO-8601 strings in UTC without milliseconds, as GitHub prints them.
 */
import type { ChangedFile, GitStore } from "./git-store.js";

export type { ChangedFile } from "./git-store.js";

/** Repository role, as `role_name` reports it. `none` means no access at all. */
export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export interface UserRecord {
  login: string;
  id: number;
  type: "User" | "Bot" | "Organization";
}

export interface LabelRecord {
  id: number;
  name: string;
  /** Six hex digits, no `#`. */
  color: string;
  description: string | null;
  default: boolean;
}

/** Pull-request part of an issue record (GitHub numbers issues and pull requests together). */
export interface PullData {
  headRef: string;
  baseRef: string;
  /** Head commit when last seen; used once the head branch is deleted. */
  headSha: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  maintainerCanModify: boolean;
  requestedReviewers: string[];
  /** Explicit changed files, for tests that do not build git history; otherwise computed from git. */
  files?: ChangedFile[];
}

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "reopened" | "duplicate" | null;
  /** Label names as attached, in order of attachment. */
  labels: string[];
  assignees: string[];
  user: string;
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  pull?: PullData;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface ReviewRecord {
  id: number;
  pullNumber: number;
  user: string;
  state: ReviewState;
  body: string;
  commitId: string | null;
  submittedAt: string;
}

type StatusState = "error" | "failure" | "pending" | "success";

export interface StatusRecord {
  id: number;
  sha: string;
  state: StatusState;
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: string;
  createdAt: string;
  updatedAt: string;
}

export interface CheckRunRecord {
  id: number;
  headSha: string;
  name: string;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  conclusion: "success" | "failure" | "neutral" | "cancelled" | "skipped" | "timed_out" | "action_required" | null;
  startedAt: string | null;
  completedAt: string | null;
  externalId: string | null;
  detailsUrl: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotationsCount: number };
  /** Login that created the run; for a `<slug>[bot]` the run belongs to the GitHub App `<slug>`. */
  creator?: string;
}

export interface RepoRecord {
  owner: string;
  name: string;
  id: number;
  defaultBranch: string;
  private: boolean;
  createdAt: string;
  issues: Map<number, IssueRecord>;
  comments: Map<number, CommentRecord>;
  /** Keyed by lower-cased name: GitHub label names are case-insensitive. */
  labels: Map<string, LabelRecord>;
  /** Explicit repository roles; users not listed fall back to the fake's default permission. */
  permissions: Map<string, Permission>;
  reviews: ReviewRecord[];
  statuses: StatusRecord[];
  checkRuns: Map<number, CheckRunRecord>;
  git: GitStore;
  nextNumber: number;
}

/** `owner/name` of a repository record. */
export function fullName(repo: Pick<RepoRecord, "owner" | "name">): string {
  return `${repo.owner}/${repo.name}`;
}
