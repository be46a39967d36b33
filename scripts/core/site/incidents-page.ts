/**
 * Incidents (incidents.html): the open incidents in triage order (most severe first, then the oldest
 * first; an unset severity after P5), and the recently closed ones with their time to acknowledge and
 * to resolve. Only incidents reported before `at` count, so a site built for a past instant does not
 * show what had not happened yet.
 */
import { DateTime } from "luxon";
import type { Incident } from "../model/index.js";
import { badge, duration, esc, personLink, shell, table, time } from "./html.js";
import type { SiteFacts } from "./model.js";

/** How many days back the "recent" list reaches (90), and how many of those it shows at most (100, newest first). */
const RECENT_DAYS = 90;
const RECENT_MAX = 100;
const SEVERITY_RANK: Record<string, number> = { P1: 1, P2: 2, P3: 3, P4: 4, P5: 5 };
const CLOSED = new Set(["resolved", "not-incident"]);

function instant(value: string | null | undefined): DateTime | null {
  if (!value) return null;
  const dt = DateTime.fromISO(value, { zone: "UTC" });
  return dt.isValid ? dt : null;
}

function minutes(from: DateTime, to: DateTime | null): number | null {
  return to ? (to.toMillis() - from.toMillis()) / 60_000 : null;
}

/** Open incidents reported before `at`, most urgent first: severity, then age (oldest first). */
export function triageOrder(incidents: readonly Incident[], at: DateTime): Incident[] {
  const rank = (i: Incident) => (i.severity ? SEVERITY_RANK[i.severity]! : 6);
  return incidents
    .filter((i) => !CLOSED.has(i.status) && (instant(i.reportedAt)?.toMillis() ?? Infinity) <= at.toMillis())
    .sort(
      (a, b) => rank(a) - rank(b) || Date.parse(a.reportedAt) - Date.parse(b.reportedAt) || a.id.localeCompare(b.id),
    );
}

export function incidentsPage(f: SiteFacts): string {
  const path = "incidents.html";
  const { zone, people } = f;
  const at = f.input.at;
  const who = (login: string | null | undefined) =>
    login ? personLink(path, login, people.get(login)?.name) : `<span class="muted">none</span>`;
  const sev = (s: string | null) => (s ? badge(s, s) : badge("unset", "not set"));
  const open = triageOrder(f.input.org.incidents, at);
  const openTable = open.length
    ? table(
        "Open incidents, most urgent first",
        ["Incident", "Severity", "Status", "Reported", "Age", "Commander", "Title"],
        open.map((i) => {
          const reported = instant(i.reportedAt)!;
          return [
            esc(i.id),
            sev(i.severity),
            esc(i.status),
            time(reported, zone),
            duration(minutes(reported, at)),
            who(i.roles.commander),
            esc(i.title),
          ];
        }),
      )
    : `<p>No open incidents.</p>`;
  const since = at.minus({ days: RECENT_DAYS });
  const recent = f.input.org.incidents
    .filter((i) => CLOSED.has(i.status))
    .map((i) => ({ i, reported: instant(i.reportedAt) }))
    .filter((x): x is { i: Incident; reported: DateTime } => !!x.reported && x.reported >= since && x.reported <= at)
    .sort((a, b) => b.reported.toMillis() - a.reported.toMillis());
  const more = recent.length - RECENT_MAX;
  recent.splice(RECENT_MAX);
  const recentTable = recent.length
    ? table(
        `Closed incidents reported in the last ${RECENT_DAYS} days, newest first` +
          (more > 0 ? ` (the latest ${RECENT_MAX}; ${more} more are in the incident records)` : ""),
        ["Incident", "Severity", "Reported", "Time to acknowledge", "Time to resolve", "SLO", "Title"],
        recent.map(({ i, reported }) => [
          esc(i.id),
          sev(i.severity),
          time(reported, zone),
          duration(minutes(reported, instant(i.acknowledgedAt))),
          i.status === "resolved" ? duration(minutes(reported, instant(i.resolvedAt))) : "not an incident",
          i.slo ? badge(i.slo.outcome, i.slo.outcome) : `<span class="muted">none</span>`,
          esc(i.title),
        ]),
      )
    : `<p>No incident was closed in the last ${RECENT_DAYS} days.</p>`;
  const body = [
    `<h2>Open</h2>`,
    `<p>Triage order: severity first (P1 is the most severe), then the oldest first.</p>`,
    openTable,
    `<h2>Recent</h2>`,
    recentTable,
    `<p>Medians and 90th percentiles over all records are on the <a href="slo.html">SLO</a> page.</p>`,
  ];
  return shell({ path, title: "Incidents", body: body.join("\n"), at, zone });
}
