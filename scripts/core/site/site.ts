/**
 * The dashboard as a static site (`oncall site`, and the schedule workflow's GitHub Pages): pure, the
 * organisation and an instant in, files out. No page makes a request elsewhere (no CDN, fonts or
 * remote scripts); links are relative, so the site works from file:// as well as under a Pages path.
 *
 *   index.html            Now: who is on call, their local time, next handoffs, fallbacks
 *   calendar.html         Coming weeks: eight weeks per layer
 *   incidents.html        open incidents in triage order, recent ones with MTTA/MTTR
 *   slo.html              attainment per tier and month, MTTA/MTTR per severity (charts and tables)
 *   fairness.html         the fairness report with a chart per layer; fairness.csv next to it
 *   people/index.html     everyone, and the calendar feeds
 *   people/<login>.html   a person's next shifts and calendar subscription
 *   assets/site.css, assets/site.js
 * The calendar feeds themselves (calendars/**) come from the calendar room; callers add them.
 */
import { SITE_CSS, SITE_JS } from "./assets.js";
import { calendarPage } from "./calendar-page.js";
import { fairnessCsv } from "../fairness/index.js";
import { fairnessPage, siteFairness } from "./fairness-page.js";
import type { SitePage } from "./html.js";
import { personPagePath } from "./html.js";
import { incidentsPage } from "./incidents-page.js";
import { siteFacts, type DashboardInput } from "./model.js";
import { nowPage } from "./now-page.js";
import { peopleIndexPage, personPage } from "./people-pages.js";
import { sloPage } from "./slo-page.js";

/** Every file of the dashboard, in a stable order. */
export function dashboardSite(input: DashboardInput): SitePage[] {
  const f = siteFacts(input);
  const fairness = siteFairness(f);
  const people = [...input.org.people].sort((a, b) => a.login.localeCompare(b.login));
  return [
    { path: "index.html", content: nowPage(f) },
    { path: "calendar.html", content: calendarPage(f) },
    { path: "incidents.html", content: incidentsPage(f) },
    { path: "slo.html", content: sloPage(f) },
    { path: "fairness.html", content: fairnessPage(f, fairness) },
    ...(fairness ? [{ path: "fairness.csv", content: fairnessCsv(fairness.report) }] : []),
    { path: "people/index.html", content: peopleIndexPage(f) },
    ...people.map((p) => ({ path: personPagePath(p.login), content: personPage(f, p) })),
    { path: "assets/site.css", content: SITE_CSS },
    { path: "assets/site.js", content: SITE_JS },
  ];
}
