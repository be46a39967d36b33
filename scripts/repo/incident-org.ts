/**
 * Loading what an incident event needs from the checked-out on-call repository, once per run and only
 * the files an incident needs (see {@link incidentOrgFile}); the questions asked afterwards are
 * answered in memory by core's incident view (scripts/core/incident/org-view.ts). Also reads where
 * ordinary bugs go: the issue chooser's bug link in `.github/ISSUE_TEMPLATE/config.yml`.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DateTime } from "luxon";
import { parse } from "yaml";
import { FIXED_FILES, ROTATIONS_DIR, type Organisation } from "../core/model/index.js";
import { incidentOrgView, type IncidentDeadline, type IncidentOrgView } from "../core/incident/index.js";
import { loadHolidayCalendar } from "./holidays.js";
import { loadRepository } from "./load-repository.js";

export interface IncidentOrg extends Omit<IncidentOrgView, "deadline"> {
  /** The acknowledgement deadline of a report at `reportedAt`; null (with a warning) when it cannot be computed. */
  deadline(reportedAt: DateTime): Promise<IncidentDeadline | null>;
  /** The issue chooser's link for ordinary bugs, when the repository has one. */
  bugRouteUrl?: string;
  /** The roster and rotation settings (regions, zones, holidays), for the postmortem draft's due date. */
  roster: Pick<Organisation, "people" | "rotation">;
}

/**
 * Whether an incident event reads `path`: the rotation folder (roster, config, schedule, overrides), the
 * policy, the playbooks, and the postmortem of this incident (its file name carries the number, which
 * validation enforces). Never the other incident records or postmortems, which grow with the team's
 * history: an event costs the same in the first month and after twenty thousand incidents.
 */
export function incidentOrgFile(issue: number): (path: string) => boolean {
  const postmortem = new RegExp(`^postmortems/\\d{4}/INC-${issue}-`);
  return (p) =>
    p.startsWith(ROTATIONS_DIR) || p.startsWith("playbooks/") || p === FIXED_FILES.policy || postmortem.test(p);
}

/**
 * Loads what incident `issue` needs from the repository at `dir` (see {@link incidentOrgFile}); `at` is
 * the instant date-dependent checks use. The holiday tables are loaded only when a deadline is asked.
 */
export async function loadIncidentOrg(dir: string, at: DateTime, issue: number): Promise<IncidentOrg> {
  // Links and placeholders in Markdown are the validate workflow's to report, not an incident's.
  const { org, problems } = await loadRepository(dir, { now: at, only: incidentOrgFile(issue), markdownRules: false });
  const view = incidentOrgView(org, problems);
  const bugRouteUrl = await bugRoute(dir);
  return {
    ...view,
    async deadline(reportedAt) {
      try {
        return view.deadline(reportedAt, await loadHolidayCalendar());
      } catch (error) {
        view.warnings.push(`The acknowledgement deadline could not be computed (${(error as Error).message}).`);
        return null;
      }
    },
    ...(bugRouteUrl ? { bugRouteUrl } : {}),
    roster: { people: org.people, rotation: org.rotation },
  };
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
    const link = (config?.contact_links ?? []).find(
      (l) =>
        typeof l.name === "string" && /\bbug/i.test(l.name) && typeof l.url === "string" && /^https:\/\//.test(l.url),
    );
    return typeof link?.url === "string" ? link.url : undefined;
  } catch {
    return undefined;
  }
}
