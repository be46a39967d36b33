/**
 * The life cycle of a postmortem, `draft -> in-review -> final`, as rules on one file:
 * - authors and action item owners are on the roster;
 * - in-review and final need the review date (`review`);
 * - final needs the review to have taken place (its date is `at`'s day or earlier), no placeholder left, at least one
 *   root cause, and an issue link on every action item.
 * Findings name the front matter field or, for placeholders, the body line and column; the loader
 * turns them into problems with file, line and column.
 */
import type { DateTime } from "luxon";
import type { Finding, Postmortem, SourceRef } from "../model/index.js";
import type { OutlineSource } from "../playbook/index.js";
import { findPlaceholders } from "./placeholders.js";

export interface PostmortemCheckContext {
  /** Whether a login is on the roster (always true when the roster is not loaded). */
  knownLogin(login: string): boolean;
  /** The instant of the check: a final postmortem's review must not be after its day. Without it, not checked. */
  at?: DateTime;
  /** The parsed body (or a function that parses it once), when the caller shares it with other checks. */
  outline?: OutlineSource;
}

const at = (src: SourceRef | undefined, ...path: (string | number)[]): SourceRef | undefined =>
  src && { file: src.file, path: [...src.path, ...path] };

function finding(rule: string, message: string, src: SourceRef | undefined, field?: string | number): Finding {
  return { severity: "error", rule, message, ...(src && { src }), ...(field !== undefined && { field }) };
}

/** Every life-cycle finding of one postmortem. */
export function checkPostmortem(pm: Postmortem, ctx: PostmortemCheckContext): Finding[] {
  const out: Finding[] = [];
  const fm = pm.frontMatter;
  const unknown = (l: string, what: string) => `${what} "${l}" is not in rotations/people.yaml.`;
  fm.authors.forEach((a, i) => {
    if (!ctx.knownLogin(a)) out.push(finding("unknown-login", unknown(a, "Author"), at(pm.src, "authors"), i));
  });
  (fm.actionItems ?? []).forEach((item, i) => {
    if (!ctx.knownLogin(item.owner))
      out.push(
        finding("unknown-login", unknown(item.owner, "Action item owner"), at(pm.src, "actionItems", i), "owner"),
      );
  });
  if (fm.impact && fm.impact.end < fm.impact.start)
    out.push(finding("postmortem-impact", "The impact window ends before it starts.", at(pm.src, "impact"), "end"));
  if (fm.status === "draft") return out;

  if (!fm.review)
    out.push(
      finding(
        "postmortem-review",
        fm.status === "final"
          ? "A final postmortem needs the date of its review."
          : "A postmortem in review needs the date of its review meeting (review).",
        pm.src,
        "status",
      ),
    );
  const final = fm.status === "final";
  const today = ctx.at?.toISODate();
  if (final && fm.review && today && fm.review > today)
    out.push(
      finding(
        "postmortem-review-date",
        `A postmortem becomes final after its review, and the review is on ${fm.review}, after today ` +
          `(${today}); keep it in-review until then.`,
        pm.src,
        "review",
      ),
    );
  for (const p of findPlaceholders(pm.body, ctx.outline))
    out.push({
      severity: final ? "error" : "warning",
      rule: "postmortem-placeholder",
      message:
        `A placeholder is left${p.text ? ` ("${p.text.length > 80 ? p.text.slice(0, 77) + "..." : p.text}")` : ""}; ` +
        (final ? "a final postmortem has none: write the part or remove the marker." : "write it before the review."),
      ...(pm.src && { src: pm.src }),
      line: pm.bodyLine + p.line - 1,
      column: p.column,
    });
  if (final && (fm.rootCause ?? []).length === 0)
    out.push(
      finding(
        "postmortem-root-cause",
        "A final postmortem names at least one root cause category (rootCause).",
        pm.src,
        fm.rootCause ? "rootCause" : "status",
      ),
    );
  if (final)
    (fm.actionItems ?? []).forEach((item, i) => {
      if (!item.issue)
        out.push(
          finding(
            "postmortem-action-issue",
            `The action item "${item.title.length > 60 ? item.title.slice(0, 57) + "..." : item.title}" has no issue ` +
              "link; a final postmortem links every action item to the issue that tracks it.",
            at(pm.src, "actionItems", i),
            "title",
          ),
        );
    });
  return out;
}
