/**
 * Applying the effect vocabulary (scripts/core/model/effects.ts): validating a plan before any call
 * and describing each effect in one line for dry runs and errors. `applyEffects` carries a plan out
 * idempotently (a rerun of the same plan changes nothing).
 */
import { InvalidEffectError } from "./github-error.js";
import { assertMarkerKey } from "./markers.js";

import type { Effect, IssueTarget } from "../core/model/index.js";

export type { Effect, FileWrite, IssueTarget, LabelSpec, PullRequestSpec } from "../core/model/index.js";

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
      return effect.pullRequest
        ? `commit ${files} to branch ${effect.pullRequest.branch} and open or update its pull request`
        : `commit ${files} to ${effect.branch ?? "the default branch"}`;
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
        throw new InvalidEffectError(
          `${where} targets ${JSON.stringify(t)}, which is neither an issue number nor a create-issue key earlier in the plan`,
        );
      }
    }
    if (effect.kind === "upsert-comment") assertMarkerKey(effect.key);
    if (effect.kind === "create-issue") {
      assertMarkerKey(effect.key);
      if (created.has(effect.key))
        throw new InvalidEffectError(`${where} repeats the create-issue key "${effect.key}"`);
      created.add(effect.key);
    }
    if (effect.kind === "commit-file") {
      if (effect.files.length === 0) throw new InvalidEffectError(`${where} has no files`);
      const bad = effect.files.find(
        (f) =>
          f.path === "" || f.path.startsWith("/") || f.path.split("/").some((p) => p === "" || p === "." || p === ".."),
      );
      if (bad) throw new InvalidEffectError(`${where} has an invalid path ${JSON.stringify(bad.path)}`);
      if (new Set(effect.files.map((f) => f.path)).size !== effect.files.length)
        throw new InvalidEffectError(`${where} writes the same path twice`);
    }
  });
}
