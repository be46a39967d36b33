/**
 * One open issue per playbook that is due for review (core/playbook's `stalePlaybooks`), assigned to
 * its owners: found again by its marker and brought up to date, never opened twice; closed once the
 * playbook is reviewed (its `lastReviewed` moves on, so the issue's key no longer matches one that is
 * due). Pure: the open issues come in, effects go out.
 */
import type { Effect } from "../model/index.js";
import { blobUrl, markerKeysIn, markerText, safeInline } from "../model/index.js";

/** Label of playbook review issues: how the run finds the open ones (one listing call). */
export const PLAYBOOK_REVIEW_LABEL = "playbook-review";

/** A playbook due for review, as the planner needs it (a `StalePlaybook` fits). */
export interface DuePlaybook {
  path: string;
  title: string;
  owners: readonly string[];
  /** YYYY-MM-DD. */
  lastReviewed: string;
}

/** An open playbook review issue, with the marker key found in its body. */
export interface OpenReviewIssue {
  number: number;
  key: string;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/;

/** Marker key of the review issue of `path` reviewed last on `lastReviewed`; hashed when too long. */
export function playbookReviewKey(path: string, lastReviewed: string): string {
  const key = `playbook-review:${path}:${lastReviewed}`;
  if (KEY.test(key) && !key.includes("--")) return key;
  let hash = 0x811c9dc5;
  for (const ch of path) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return `playbook-review:${hash.toString(16).padStart(8, "0")}:${lastReviewed}`;
}

/** The marker key in an issue body written by {@link planPlaybookReviews}, or null. */
export function playbookReviewKeyIn(body: string | null | undefined): string | null {
  return markerKeysIn(body).find((k) => k.startsWith("playbook-review:")) ?? null;
}

export interface PlaybookReviewInput {
  due: readonly DuePlaybook[];
  open: readonly OpenReviewIssue[];
  /** Policy `playbookReviewDays`. */
  reviewDays: number;
  repoUrl: string;
}

/** Opens, updates and closes review issues (see the module comment). */
export function planPlaybookReviews(input: PlaybookReviewInput): Effect[] {
  const effects: Effect[] = [];
  const wanted = new Set<string>();
  for (const pb of input.due) {
    const key = playbookReviewKey(pb.path, pb.lastReviewed);
    wanted.add(key);
    const link = blobUrl(input.repoUrl, pb.path);
    const body = [
      `The playbook [${safeInline(pb.title, 200)}](${link}) was last reviewed on ${pb.lastReviewed}; ` +
        `playbooks are reviewed at least every ${input.reviewDays} days (\`playbookReviewDays\` in incidents/policy.yaml).`,
      "",
      `${pb.owners.map((o) => `@${o}`).join(", ")}: please check that it still matches how the service runs, ` +
        "fold in what recent incidents taught, and set `lastReviewed` to the day of the review. This issue closes " +
        "itself once that change is on the default branch.",
      "",
      markerText(key),
    ].join("\n");
    const title = `Review the playbook: ${safeInline(pb.title, 200)}`;
    effects.push({
      kind: "create-issue",
      key,
      title,
      body,
      labels: [PLAYBOOK_REVIEW_LABEL],
      assignees: [...pb.owners],
    });
    effects.push({ kind: "update-issue", issue: { createdBy: key }, title, body });
  }
  for (const issue of input.open)
    if (!wanted.has(issue.key)) effects.push({ kind: "close-issue", issue: issue.number, reason: "completed" });
  return effects;
}
