/**
 * The effect vocabulary: what the domain decides should happen on GitHub, as data. Core planners
 * return lists of these; the GitHub adapter (scripts/github/) validates, describes and applies them
 * idempotently, and a dry run prints them instead.
 */

/**
 * An issue or pull request by number, or the issue that the `create-issue` effect with this key
 * (earlier in the same plan) created or found.
 */
export type IssueTarget = number | { createdBy: string };

export interface LabelSpec {
  name: string;
  /** Six hex digits, without `#`. */
  color: string;
  description?: string;
}

type CommitState = "pending" | "success" | "failure" | "error";

/** One UTF-8 text file to write in full. */
export interface FileWrite {
  /** Repository-relative, `/`-separated, no leading slash. */
  path: string;
  content: string;
}

/** Route a commit through a pull request on `branch` instead of committing to the base directly. */
export interface PullRequestSpec {
  /** Head branch; the pull request is found again by this name. */
  branch: string;
  title: string;
  body: string;
  /** Base branch (default: the effect's `branch`, else the repository's default branch). */
  base?: string;
  draft?: boolean;
  labels?: string[];
  reviewers?: string[];
}

export type Effect =
  /** Create missing repository labels and fix the colour/description of existing ones. */
  | { kind: "ensure-labels"; labels: LabelSpec[] }
  | { kind: "add-labels"; issue: IssueTarget; labels: string[] }
  | { kind: "remove-labels"; issue: IssueTarget; labels: string[] }
  /** Make the assignees exactly these logins. */
  | { kind: "set-assignees"; issue: IssueTarget; assignees: string[] }
  | { kind: "add-assignees"; issue: IssueTarget; assignees: string[] }
  /** One comment per (issue, key): created the first time, edited when the body changes. */
  | { kind: "upsert-comment"; issue: IssueTarget; key: string; body: string }
  /** One issue per key: created the first time, left alone afterwards (use update-issue to edit). */
  | { kind: "create-issue"; key: string; title: string; body: string; labels?: string[]; assignees?: string[] }
  | { kind: "update-issue"; issue: IssueTarget; title?: string; body?: string }
  | { kind: "close-issue"; issue: IssueTarget; reason?: "completed" | "not_planned" }
  | { kind: "reopen-issue"; issue: IssueTarget }
  | { kind: "request-reviewers"; pull: number; reviewers: string[] }
  /** A commit status for `context`, posted only when state, description or link changed. */
  | {
      kind: "set-commit-status";
      sha: string;
      context: string;
      state: CommitState;
      description: string;
      targetUrl?: string;
    }
  /**
   * A check run `name` on `sha`, owned by the GitHub App `app` (its slug; runs of other apps with the
   * same name are left alone): the app's latest run there is updated in place, created when there is
   * none, and left untouched when nothing changed. `pending` is an `in_progress` run.
   */
  | {
      kind: "set-check-run";
      sha: string;
      name: string;
      app: string;
      state: "pending" | "success" | "failure";
      title: string;
      summary: string;
    }
  /**
   * Write files on `branch` (default: the default branch) in one commit, or, with `pullRequest`,
   * on that pull request's branch, opening or updating the pull request.
   */
  | { kind: "commit-file"; files: FileWrite[]; message: string; branch?: string; pullRequest?: PullRequestSpec };
