/**
 * Playbooks whose `lastReviewed` date is older than the policy's `playbookReviewDays`: what the daily
 * workflow opens an issue for and `oncall playbook stale` lists.
 */
import { DateTime } from "luxon";
import type { Playbook } from "../model/index.js";

export interface StalePlaybook {
  path: string;
  title: string;
  owners: string[];
  /** YYYY-MM-DD as written in the front matter. */
  lastReviewed: string;
  /** Whole days since the last review, counted from its UTC midnight. */
  age: number;
  /** Days past the allowed age (at least 1). */
  daysOver: number;
}

/**
 * The playbooks not reviewed within `reviewDays` days of `at`, most overdue first.
 * A playbook reviewed exactly `reviewDays` days ago is not stale yet.
 */
export function stalePlaybooks(playbooks: readonly Playbook[], at: DateTime, reviewDays: number): StalePlaybook[] {
  const out: StalePlaybook[] = [];
  for (const pb of playbooks) {
    const fm = pb.frontMatter;
    const age = Math.floor(at.diff(DateTime.fromISO(fm.lastReviewed, { zone: "UTC" }), "days").days);
    if (age > reviewDays)
      out.push({
        path: pb.path,
        title: fm.title,
        owners: [...fm.owners],
        lastReviewed: fm.lastReviewed,
        age,
        daysOver: age - reviewDays,
      });
  }
  return out.sort((a, b) => b.daysOver - a.daysOver || a.path.localeCompare(b.path));
}
