/**
 * What the incident action needs from the checked-out on-call repository: who is on call at an
 * instant (published schedule, or a preview past its end), the acknowledgement deadline of a report,
 * the roster (people on it may run commands), the policy, the playbooks by service, an existing
 * postmortem, and where ordinary bugs go (the issue chooser's bug link). Read from disk once per run,
 * only the files an incident needs; every question after that is answered in memory.
 *
 * A repository with problems still handles incidents: whatever could be read is used, and the
 * problems are reported (validation has its own workflow).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DateTime } from "luxon";
import { parse } from "yaml";
import type { PlaybookRef } from "../core/incident/index.js";
import type { IncidentDeadline } from "../core/incident/index.js";
import type { Organisation } from "../core/model/index.js";
import { deadlineFor } from "../core/slo/index.js";
import { previewCoverage } from "../core/schedule/index.js";
import { loadHolidayCalendar } from "../repo/holidays.js";
import { loadRepository } from "../repo/load-repository.js";

/** Someone on call, with the layer they cover. */
interface OncallEntry {
  login: string;
  layer: string;
}

export interface IncidentOrg {
  policy: Organisation["policy"];
  playbooks: PlaybookRef[];
  /** Who is on call at `at` (memoized by instant). Empty, with a warning, when the rotation cannot say. */
  oncallAt(at: DateTime): OncallEntry[];
  /** The acknowledgement deadline of a report at `reportedAt`; null (with a warning) when it cannot be computed. */
  deadline(reportedAt: DateTime): Promise<IncidentDeadline | null>;
  /** Whether `login` is on the roster and has not left by `at`. */
  inRoster(login: string, at: DateTime): boolean;
  /** Repository path of the postmortem of INC-`issue`, when one exists. */
  postmortemFor(issue: number): string | undefined;
  /** The issue chooser's link for ordinary bugs, when the repository has one. */
  bugRouteUrl?: string;
  /** Error-level problems found while loading, in plain words (the first few, then a count). */
  problems: string[];
  /** Things that went wrong while answering (who is on call, the deadline). */
  warnings: string[];
  /** Things worth knowing (who is on call came from a preview past the published schedule). */
  notes: string[];
}

/**
 * Whether an incident event reads `path`: the rotation folder (roster, config, schedule, overrides), the
 * policy, the playbooks, and the postmortem of this incident (its file name carries the number, which
 * validation enforces). Never the other incident records or postmortems, which grow with the team's
 * history: an event costs the same in the first month and after twenty thousand incidents.
 */
export function incidentOrgFile(issue: number): (path: string) => boolean {
  const postmortem = new RegExp(`^postmortems/\\d{4}/INC-${issue}-`);
  return (p) => p.startsWith("rotations/") || p.startsWith("playbooks/") || p === "incidents/policy.yaml" || postmortem.test(p);
}

/**
 * Loads what incident `issue` needs from the repository at `dir` (see {@link incidentOrgFile}); `at` is
 * the instant date-dependent checks use.
 */
export async function loadIncidentOrg(dir: string, at: DateTime, issue: number): Promise<IncidentOrg> {
  const { org, problems } = await loadRepository(dir, { now: at, only: incidentOrgFile(issue) });
  const warnings: string[] = [];
  const notes: string[] = [];
  const cache = new Map<number, OncallEntry[]>();
  const oncallAt = (instant: DateTime): OncallEntry[] => {
    const key = instant.toMillis();
    let entries = cache.get(key);
    if (!entries) {
      try {
        const answer = previewCoverage({ config: org.rotation, people: org.people, shifts: org.shifts, overrides: org.overrides, at: instant });
        entries = answer.entries.map((e) => ({ login: e.login, layer: e.layer }));
        for (const note of answer.notes) if (!notes.includes(note)) notes.push(note);
      } catch (error) {
        entries = [];
        warnings.push(`Who is on call at ${instant.toISO()} could not be worked out (${(error as Error).message}); nobody is assigned automatically.`);
      }
      cache.set(key, entries);
    }
    return entries;
  };
  const postmortems = new Map(org.postmortems.map((p) => [p.frontMatter.incident, p.path]));
  const bugRouteUrl = await bugRoute(dir);
  return {
    policy: org.policy,
    playbooks: org.playbooks.map((p) => ({ path: p.path, title: p.frontMatter.title, services: p.frontMatter.services })),
    oncallAt,
    inRoster(login, instant) {
      const day = instant.toUTC().toISODate() ?? "";
      return org.people.some((p) => p.login.toLowerCase() === login.toLowerCase() && (!p.end || p.end >= day));
    },
    postmortemFor: (issue) => postmortems.get(`INC-${issue}`),
    deadline: (reportedAt) => incidentDeadline(org, reportedAt, warnings),
    ...(bugRouteUrl ? { bugRouteUrl } : {}),
    problems: summarizeProblems(problems.filter((p) => p.severity === "error").map((p) => `${p.file}${p.line > 0 ? `:${p.line}` : ""}: ${p.message}`)),
    warnings,
    notes,
  };
}

/** At most {@link MAX_PROBLEMS} problems and a pointer to the rest: every incident event would repeat them. */
const MAX_PROBLEMS = 5;
function summarizeProblems(list: string[]): string[] {
  if (list.length <= MAX_PROBLEMS) return list;
  return [...list.slice(0, MAX_PROBLEMS), `${list.length - MAX_PROBLEMS} more problem(s) in the on-call data; run \`oncall validate\` to see them all.`];
}

/** The acknowledgement deadline of a report at `reportedAt`; null (with a warning) when it cannot be computed. */
async function incidentDeadline(org: Pick<Organisation, "rotation" | "people" | "shifts" | "overrides">, reportedAt: DateTime, warnings: string[] = []): Promise<IncidentDeadline | null> {
  try {
    const answer = deadlineFor(org, reportedAt, await loadHolidayCalendar());
    return { tier: answer.tier, targetMinutes: answer.targetMinutes, deadline: answer.deadline };
  } catch (error) {
    warnings.push(`The acknowledgement deadline could not be computed (${(error as Error).message}).`);
    return null;
  }
}

/** The first contact link of `.github/ISSUE_TEMPLATE/config.yml` that is about bugs. */
async function bugRoute(dir: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, ".github", "ISSUE_TEMPLATE", "config.yml"), "utf8");
  } catch {
    return undefined;
  }
  try {
    const config = parse(text) as { contact_links?: { name?: unknown; url?: unknown }[] } | null;
    const link = (config?.contact_links ?? []).find((l) => typeof l.name === "string" && /\bbug/i.test(l.name) && typeof l.url === "string" && /^https:\/\//.test(l.url));
    return typeof link?.url === "string" ? link.url : undefined;
  } catch {
    return undefined;
  }
}
