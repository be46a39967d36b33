/**
 * What an incident run asks of the on-call data, answered in memory from the organisation loaded once
 * per run: who is on call at an instant (published schedule, or a preview past its end), the
 * acknowledgement deadline of a report, whether someone is on the roster, the policy, the playbooks
 * by service and an existing postmortem. Loading (which files, from where) is the loader's business
 * (scripts/repo/incident-org.ts); nothing here reads the disk or the clock.
 *
 * A repository with problems still handles incidents: whatever could be read is used, and the
 * problems are reported in plain words (validation has its own workflow).
 */
import type { DateTime } from "luxon";
import type { Organisation } from "../model/index.js";
import { previewCoverage } from "../schedule/index.js";
import { deadlineFor, type HolidayCalendar } from "../slo/index.js";
import type { PlaybookRef } from "./comment.js";
import type { IncidentDeadline } from "./record.js";

/** Someone on call, with the layer they cover. */
interface OncallEntry {
  login: string;
  layer: string;
}

/** A loading problem as far as an incident needs to tell it. */
interface LoadProblem {
  file: string;
  /** 1-based, or 0 for the whole file. */
  line: number;
  message: string;
  severity: "error" | "warning";
}

export interface IncidentOrgView {
  policy: Organisation["policy"];
  playbooks: PlaybookRef[];
  /** Who is on call at `at` (memoized by instant). Empty, with a warning, when the rotation cannot say. */
  oncallAt(at: DateTime): OncallEntry[];
  /** The acknowledgement deadline of a report at `reportedAt`; null (with a warning) when it cannot be computed. */
  deadline(reportedAt: DateTime, calendar: HolidayCalendar): IncidentDeadline | null;
  /** Whether `login` is on the roster and has not left by `at`. */
  inRoster(login: string, at: DateTime): boolean;
  /** Repository path of the postmortem of INC-`issue`, when one exists. */
  postmortemFor(issue: number): string | undefined;
  /** Error-level problems found while loading, in plain words (the first few, then a count). */
  problems: string[];
  /** Things that went wrong while answering (who is on call, the deadline). */
  warnings: string[];
  /** Things worth knowing (who is on call came from a preview past the published schedule). */
  notes: string[];
}

/** The answers an incident run needs from `org`, loaded with `problems`; see the module comment. */
export function incidentOrgView(org: Organisation, problems: readonly LoadProblem[]): IncidentOrgView {
  const warnings: string[] = [];
  const notes: string[] = [];
  const cache = new Map<number, OncallEntry[]>();
  const oncallAt = (instant: DateTime): OncallEntry[] => {
    const key = instant.toMillis();
    let entries = cache.get(key);
    if (!entries) {
      try {
        const answer = previewCoverage({
          config: org.rotation,
          people: org.people,
          shifts: org.shifts,
          overrides: org.overrides,
          at: instant,
        });
        entries = answer.entries.map((e) => ({ login: e.login, layer: e.layer }));
        for (const note of answer.notes) if (!notes.includes(note)) notes.push(note);
      } catch (error) {
        entries = [];
        warnings.push(
          `Who is on call at ${instant.toISO()} could not be worked out (${(error as Error).message}); nobody is assigned automatically.`,
        );
      }
      cache.set(key, entries);
    }
    return entries;
  };
  const postmortems = new Map(org.postmortems.map((p) => [p.frontMatter.incident, p.path]));
  return {
    policy: org.policy,
    playbooks: org.playbooks.map((p) => ({
      path: p.path,
      title: p.frontMatter.title,
      services: p.frontMatter.services,
    })),
    oncallAt,
    inRoster(login, instant) {
      const day = instant.toUTC().toISODate() ?? "";
      return org.people.some((p) => p.login.toLowerCase() === login.toLowerCase() && (!p.end || p.end >= day));
    },
    postmortemFor: (issue) => postmortems.get(`INC-${issue}`),
    deadline: (reportedAt, calendar) => incidentDeadline(org, reportedAt, calendar, warnings),
    problems: summarizeProblems(
      problems
        .filter((p) => p.severity === "error")
        .map((p) => `${p.file}${p.line > 0 ? `:${p.line}` : ""}: ${p.message}`),
    ),
    warnings,
    notes,
  };
}

/** At most {@link MAX_PROBLEMS} problems and a pointer to the rest: every incident event would repeat them. */
const MAX_PROBLEMS = 5;
function summarizeProblems(list: string[]): string[] {
  if (list.length <= MAX_PROBLEMS) return list;
  return [
    ...list.slice(0, MAX_PROBLEMS),
    `${list.length - MAX_PROBLEMS} more problem(s) in the on-call data; run \`oncall validate\` to see them all.`,
  ];
}

/** The acknowledgement deadline of a report at `reportedAt`; null (with a warning) when it cannot be computed. */
function incidentDeadline(
  org: Pick<Organisation, "rotation" | "people" | "shifts" | "overrides">,
  reportedAt: DateTime,
  calendar: HolidayCalendar,
  warnings: string[],
): IncidentDeadline | null {
  try {
    const answer = deadlineFor(org, reportedAt, calendar);
    return { tier: answer.tier, targetMinutes: answer.targetMinutes, deadline: answer.deadline };
  } catch (error) {
    warnings.push(`The acknowledgement deadline could not be computed (${(error as Error).message}).`);
    return null;
  }
}
