/**
 * Planned effects: what core modules decide should happen on GitHub, as data. Core returns a list;
 * `applyEffects` carries it out idempotently (a rerun of the same plan changes nothing), and a dry
 * run prints {@link describeEffect} instead.
 */
import { InvalidEffectError } from "./github-error.js";
import { assertMarkerKey } from "./markers.js";

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

export type CommitState = "pending" | "success" | "failure" | "error";

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
  | { kind: "set-commit-status"; sha: string; context: string; state: CommitState; description: string; targetUrl?: string }
  /**
   * A check run `name` on `sha`, owned by the GitHub App `app` (its slug; runs of other apps with the
   * same name are left alone): the app's latest run there is updated in place, created when there is
   * none, and left untouched when nothing changed. `pending` is an `in_progress` run.
   */
  | { kind: "set-check-run"; sha: string; name: string; app: string; state: "pending" | "success" | "failure"; title: string; summary: string }
  /**
   * Write files on `branch` (default: the default branch) in one commit, or, with `pullRequest`,
   * on that pull request's branch, opening or updating the pull request.
   */
  | { kind: "commit-file"; files: FileWrite[]; message: string; branch?: string; pullRequest?: PullRequestSpec };

export type EffectKind = Effect["kind"];

/** What applying one effect did. */
export interface AppliedEffect {
  effect: Effect;
  /** `failed` only for an effect the caller marked optional ({@link ApplyOptions.optional}). */
  outcome: "created" | "updated" | "unchanged" | "failed";
  /** One line for logs and step summaries. */
  summary: string;
  /** Issue or pull request number the effect created or touched. */
  number?: number;
  /** Web link to what was created or updated. */
  url?: string;
  /** Things GitHub silently declined (for example assignees without access). */
  warnings?: string[];
}

function target(issue: IssueTarget): string {
  return typeof issue === "number" ? `#${issue}` : `the issue "${issue.createdBy}"`;
}

/** One line describing an effect, for dry runs and error messages. */
export function describeEffect(effect: Effect): string {
  switch (effect.kind) {
    case "ensure-labels":
      return `ensure labels ${effect.labels.map((l) => l.name).join(", ")}`;
    case "add-labels":
      return `add labels ${effect.labels.join(", ")} to ${target(effect.issue)}`;
    case "remove-labels":
      return `remove labels ${effect.labels.join(", ")} from ${target(effect.issue)}`;
    case "set-assignees":
      return `set assignees of ${target(effect.issue)} to ${effect.assignees.join(", ") || "nobody"}`;
    case "add-assignees":
      return `assign ${effect.assignees.join(", ")} to ${target(effect.issue)}`;
    case "upsert-comment":
      return `write comment "${effect.key}" on ${target(effect.issue)}`;
    case "create-issue":
      return `open issue "${effect.title}" (${effect.key}) unless it exists`;
    case "update-issue":
      return `update ${[effect.title !== undefined ? "title" : "", effect.body !== undefined ? "body" : ""].filter(Boolean).join(" and ") || "nothing"} of ${target(effect.issue)}`;
    case "close-issue":
      return `close ${target(effect.issue)}${effect.reason ? ` as ${effect.reason}` : ""}`;
    case "reopen-issue":
      return `reopen ${target(effect.issue)}`;
    case "request-reviewers":
      return `request reviews from ${effect.reviewers.join(", ")} on #${effect.pull}`;
    case "set-commit-status":
      return `set status "${effect.context}" of ${effect.sha.slice(0, 7)} to ${effect.state}`;
    case "set-check-run":
      return `set check run "${effect.name}" of ${effect.sha.slice(0, 7)} to ${effect.state}`;
    case "commit-file": {
      const files = effect.files.map((f) => f.path).join(", ");
      return effect.pullRequest ? `commit ${files} to branch ${effect.pullRequest.branch} and open or update its pull request` : `commit ${files} to ${effect.branch ?? "the default branch"}`;
    }
  }
}

function issueTargets(effect: Effect): IssueTarget[] {
  return "issue" in effect ? [effect.issue] : [];
}

/**
 * Checks a plan before any call is made: marker keys are safe, `createdBy` references name a
 * `create-issue` earlier in the plan, keys are unique, file paths are relative. Throws
 * {@link InvalidEffectError}.
 */
export function validateEffects(effects: readonly Effect[]): void {
  const created = new Set<string>();
  effects.forEach((effect, index) => {
    const where = `effect ${index + 1} (${effect.kind})`;
    for (const t of issueTargets(effect)) {
      if (typeof t === "number" ? !Number.isInteger(t) || t < 1 : !created.has(t.createdBy)) {
        throw new InvalidEffectError(`${where} targets ${JSON.stringify(t)}, which is neither an issue number nor a create-issue key earlier in the plan`);
      }
    }
    if (effect.kind === "upsert-comment") assertMarkerKey(effect.key);
    if (effect.kind === "create-issue") {
      assertMarkerKey(effect.key);
      if (created.has(effect.key)) throw new InvalidEffectError(`${where} repeats the create-issue key "${effect.key}"`);
      created.add(effect.key);
    }
    if (effect.kind === "commit-file") {
      if (effect.files.length === 0) throw new InvalidEffectError(`${where} has no files`);
      const bad = effect.files.find((f) => f.path === "" || f.path.startsWith("/") || f.path.split("/").some((p) => p === "" || p === "." || p === ".."));
      if (bad) throw new InvalidEffectError(`${where} has an invalid path ${JSON.stringify(bad.path)}`);
      if (new Set(effect.files.map((f) => f.path)).size !== effect.files.length) throw new InvalidEffectError(`${where} writes the same path twice`);
    }
  });
}
