/**
 * The open incidents the SLO check has to look at, in one issue search: the labels, creation time and
 * assignees come with each result, so the check never reads an incident on its own.
 *
 * The query leaves out what the check could never act on (acknowledged, closed as not an incident,
 * already escalated), so GitHub filters them server-side and the reply stays one page (100 results)
 * however many incidents are open, unless more than 100 are live at once.
 *
 * GitHub's search index can lag a few seconds behind writes. Nothing here depends on it being fresh:
 * every comment is found again by its marker before it is written, and on an `issues` event the
 * caller adds the event's own copy of the issue (see {@link withEventIssue}), which is current.
 */
import type { IncidentIssue } from "../core/slo/index.js";
import { isSloCandidate, SLO_LABELS } from "../core/slo/index.js";
import { DEFAULT_BOT_LOGIN, readIncidentThread } from "./incident-thread.js";
import { toIssueSnapshot, type IssueSnapshot, type RepoRef } from "./apply-context.js";
import { callGitHub } from "./github-error.js";
import type { GitHubClient } from "./octokit.js";

/** The search query (exported for tests and dry runs). */
export function openIncidentQuery(repo: RepoRef): string {
  const without = [SLO_LABELS.acknowledged, SLO_LABELS.notIncident, SLO_LABELS.escalated, SLO_LABELS.triage].map(
    (l) => `-label:"${l}"`,
  );
  return [`repo:${repo.owner}/${repo.repo}`, "is:issue", "is:open", `label:"${SLO_LABELS.incident}"`, ...without].join(
    " ",
  );
}

/** The fields read from a search result or an event's issue (both have them all). */
interface IssueLike {
  number: number;
  created_at: string;
  state: string;
  state_reason?: string | null;
  title: string;
  body?: string | null;
  html_url: string;
  labels: (string | { name?: string })[];
  assignees?: { login: string }[] | null;
}

/** The incidents for the planner, and the same issues as the adapter's snapshots (saving it a read each). */
export interface OpenIncidents {
  incidents: IncidentIssue[];
  snapshots: IssueSnapshot[];
}

/** An issue from a REST or webhook response, as the SLO planner takes it. */
export function toIncidentIssue(data: IssueLike): IncidentIssue {
  return {
    number: data.number,
    createdAt: data.created_at,
    labels: data.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter((n) => n !== ""),
    assignees: (data.assignees ?? []).map((a) => a.login),
    title: data.title,
    url: data.html_url,
    state: data.state === "closed" ? "closed" : "open",
  };
}

/** Every live open incident: one search request per 100 results (normally exactly one). */
export async function listOpenIncidents(octokit: GitHubClient, repo: RepoRef): Promise<OpenIncidents> {
  const q = openIncidentQuery(repo);
  const items = await callGitHub("search open incidents", () =>
    octokit.paginate(octokit.rest.search.issuesAndPullRequests, { q, per_page: 100 }),
  );
  return both(items);
}

/**
 * {@link listOpenIncidents} with the issue of an `issues` event payload added last: it is fresher than
 * the search index, so it wins over the listed copy. Other payloads change nothing.
 */
export function withEventIssue(listed: OpenIncidents, payload: Record<string, unknown>): OpenIncidents {
  const issue = payload["issue"] as Partial<IssueLike> | undefined;
  const complete =
    issue &&
    typeof issue.number === "number" &&
    typeof issue.created_at === "string" &&
    typeof issue.state === "string" &&
    typeof issue.title === "string" &&
    typeof issue.html_url === "string" &&
    Array.isArray(issue.labels);
  if (!complete) return listed;
  const fresh = both([issue as IssueLike]);
  return {
    incidents: [...listed.incidents, ...fresh.incidents],
    snapshots: [...listed.snapshots.filter((s) => s.number !== issue.number), ...fresh.snapshots],
  };
}

function both(items: readonly IssueLike[]): OpenIncidents {
  return { incidents: items.map(toIncidentIssue), snapshots: items.map(toIssueSnapshot) };
}

/**
 * Adds the confirmation instant to each incident the check will look at that was confirmed from triage
 * (label `triaged`), read from the state saved in its bot comment: one comment listing per such
 * incident, and only while it is open and unacknowledged, which for a confirmed incident is minutes.
 * Every other incident costs nothing more: its clock starts at `created_at`, which the search returns.
 * When the state cannot be read, the incident keeps `created_at` (an early warning rather than none)
 * and `warnings` says so.
 */
export async function withConfirmations(
  octokit: GitHubClient,
  repo: RepoRef,
  open: OpenIncidents,
  warnings: string[] = [],
  botLogin: string = DEFAULT_BOT_LOGIN,
): Promise<OpenIncidents> {
  const incidents: IncidentIssue[] = [];
  // The event's own copy of an issue may follow its listed copy: read each thread once.
  const read = new Map<number, Promise<string | undefined>>();
  for (const issue of open.incidents) {
    const triaged = issue.labels.some((l) => l.toLowerCase() === SLO_LABELS.triaged);
    if (!triaged || !isSloCandidate(issue)) {
      incidents.push(issue);
      continue;
    }
    if (!read.has(issue.number))
      read.set(
        issue.number,
        readIncidentThread(octokit, repo, issue.number, botLogin).then((t) => t.priorState?.confirmedAt),
      );
    const confirmedAt = await read.get(issue.number);
    if (confirmedAt) incidents.push({ ...issue, confirmedAt });
    else {
      warnings.push(
        `#${issue.number} is labelled ${SLO_LABELS.triaged} but its confirmation time could not be read; its deadline counts from the report.`,
      );
      incidents.push(issue);
    }
  }
  return { ...open, incidents };
}
