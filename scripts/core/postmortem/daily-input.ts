/**
 * What the daily postmortem run knows about each postmortem on the default branch, gathered by the
 * loader from the file and its incident's record, and the small helpers its planners share. Pure.
 */
import type { DateTime } from "luxon";
import { postmortemList } from "./list.js";
import type { Organisation } from "../model/index.js";

/** One postmortem as the daily planners see it. */
export interface PostmortemFacts {
  /** `postmortems/<year>/INC-<n>-<slug>.md`. */
  path: string;
  /** The incident's issue number (`INC-<n>`). */
  incident: number;
  title: string;
  severity: string;
  status: "draft" | "in-review" | "final";
  authors: readonly string[];
  /** YYYY-MM-DD the draft is due. */
  due: string;
  /** YYYY-MM-DD of the review meeting, once booked. */
  review?: string;
  /** The postmortem's written Summary, else the incident record's summary, else the title. */
  summary: string;
  /** The incident's commander, communications officer and responders, without duplicates. */
  responders: readonly string[];
  actionItems: readonly { title: string; owner: string; issue?: string }[];
}

/** An earlier bot comment with a hidden marker, as found on GitHub. */
export interface MarkedComment {
  key: string;
  createdAt: DateTime;
}

/** `@a, @b` for logins (the bot mentions only logins it read from the repository's own files). */
export function mentions(logins: readonly string[]): string {
  return [...new Set(logins)].map((l) => `@${l}`).join(", ");
}

/** GitHub rejects issue and comment bodies over 65,536 characters; the planners stay under this. */
export const BODY_LIMIT = 60_000;

/** `text`, cut with a note when it would pass {@link BODY_LIMIT}. */
export function capBody(text: string): string {
  return text.length <= BODY_LIMIT ? text : `${text.slice(0, BODY_LIMIT - 60)}\n\n_(cut: too long for one issue)_`;
}

/**
 * The facts of every postmortem in `org`, joined with its incident's record (summary and people) when
 * the record is there. (`postmortemList` is only asked for summaries: its date filter is not used.) Postmortems whose front matter names no valid incident are left out.
 */
export function postmortemFacts(
  org: Pick<Organisation, "postmortems" | "incidents">,
  now: DateTime,
): PostmortemFacts[] {
  const records = new Map(org.incidents.map((i) => [i.id, i]));
  // The Summary the authors wrote (placeholders left out), read the same way as `oncall postmortem list`.
  const written = new Map(
    postmortemList(org.postmortems, now).flatMap((e) => (e.summary ? [[e.path, e.summary]] : [])),
  );
  return org.postmortems.flatMap((pm) => {
    const fm = pm.frontMatter;
    const incident = Number(/^INC-(\d+)$/.exec(fm.incident ?? "")?.[1] ?? NaN);
    if (!Number.isInteger(incident) || incident < 1) return [];
    const record = records.get(fm.incident);
    const people = record ? [record.roles.commander, record.roles.comms, ...record.responders] : [];
    return [
      {
        path: pm.path,
        incident,
        title: fm.title,
        severity: fm.severity,
        status: fm.status,
        authors: [...fm.authors],
        due: fm.due,
        ...(fm.review ? { review: fm.review } : {}),
        summary: written.get(pm.path) ?? record?.summary ?? fm.title,
        responders: [...new Set(people.filter((l): l is string => !!l && l !== "ghost"))],
        actionItems: (fm.actionItems ?? []).map((a) => ({
          title: a.title,
          owner: a.owner,
          ...(a.issue ? { issue: a.issue } : {}),
        })),
      },
    ];
  });
}
