/**
 * Which postmortems are owed, overdue or up for a review meeting: `oncall postmortem list` and the
 * daily postmortem workflow read the same answer.
 */
import type { DateTime } from "luxon";
import type { Postmortem } from "../model/index.js";
import { sectionText } from "../playbook/index.js";

/**
 * `all`: every postmortem; `due`: every one not final yet (what is still owed); `overdue`: drafts whose
 * due date has passed; `review`: the ones booked into the review meeting of `date` (YYYY-MM-DD).
 */
export type PostmortemFilter =
  { kind: "all" } | { kind: "due" } | { kind: "overdue" } | { kind: "review"; date: string };

export interface PostmortemListEntry {
  path: string;
  incident: string;
  title: string;
  severity: string;
  status: "draft" | "in-review" | "final";
  authors: string[];
  /** YYYY-MM-DD. */
  due: string;
  /** YYYY-MM-DD of the review meeting, when booked. */
  review?: string;
  /** A draft past its due date. */
  overdue: boolean;
  /** Calendar days past due (0 when not overdue). */
  daysOverdue: number;
  /**
   * The text of the Summary section (placeholders and markup left out), at most 300 characters, for the
   * review agenda; absent while the section is only a placeholder.
   */
  summary?: string;
}

/** Longest summary kept, in characters (an agenda lists several). */
const SUMMARY_MAX = 300;

/** The Summary section's text, cut at {@link SUMMARY_MAX} characters. */
function postmortemSummary(body: string): string | undefined {
  const text = sectionText(body, "Summary");
  if (!text) return undefined;
  return text.length > SUMMARY_MAX ? `${text.slice(0, SUMMARY_MAX - 3).trimEnd()}...` : text;
}

const DAY_MS = 86_400_000;

/**
 * The postmortems the filter selects, ordered by due date then path. "Today" is `at`'s calendar day in
 * its own zone (the CLI passes the rotation zone).
 */
export function postmortemList(
  postmortems: readonly Postmortem[],
  at: DateTime,
  filter: PostmortemFilter = { kind: "all" },
): PostmortemListEntry[] {
  const today = at.toISODate()!;
  const entries = postmortems.map((p): PostmortemListEntry => {
    const fm = p.frontMatter;
    const overdue = fm.status === "draft" && fm.due < today;
    return {
      path: p.path,
      incident: fm.incident,
      title: fm.title,
      severity: fm.severity,
      status: fm.status,
      authors: [...fm.authors],
      due: fm.due,
      ...(fm.review && { review: fm.review }),
      overdue,
      daysOverdue: overdue ? Math.round((Date.parse(today) - Date.parse(fm.due)) / DAY_MS) : 0,
    };
  });
  const keep = (e: PostmortemListEntry): boolean => {
    switch (filter.kind) {
      case "due":
        return e.status !== "final";
      case "overdue":
        return e.overdue;
      case "review":
        return e.review === filter.date;
      default:
        return true;
    }
  };
  const bodies = new Map(postmortems.map((p) => [p.path, p.body]));
  return entries
    .filter(keep)
    .sort((a, b) => a.due.localeCompare(b.due) || a.path.localeCompare(b.path))
    .map((e) => {
      const summary = postmortemSummary(bodies.get(e.path) ?? "");
      return summary ? { ...e, summary } : e;
    });
}
