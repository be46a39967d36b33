/**
 * The calendar feeds as a small static site, for GitHub Pages: one iCalendar feed for everyone, one per
 * layer and one per person, plus an index page that says how to subscribe. The schedule action writes
 * it on every run and the schedule workflow deploys it, so subscribed calendars follow trades,
 * overrides and new publications. Feeds cover the effective schedule (overrides, volunteers and
 * fallbacks folded in) from a few weeks back to the end of the published schedule; never a preview.
 *
 * Feed paths are part of the product: people subscribe to them once.
 *   calendars/all.ics               everyone
 *   calendars/layers/<layer>.ics    one regular layer (its holiday volunteers included)
 *   calendars/people/<login>.ics    one person (shifts, overrides taken, fallback cover)
 */
import type { DateTime } from "luxon";
import { calendarFeed } from "./feed.js";
import { effectiveCoverage } from "../schedule/index.js";
import type { Organisation } from "../model/index.js";
import { publishedUntil } from "../schedule/index.js";

/** One file of the site, path relative to its root. */
export interface SiteFile {
  path: string;
  content: string;
}

export interface FeedSiteInput {
  org: Pick<Organisation, "people" | "rotation" | "shifts" | "overrides">;
  now: DateTime;
  /** Weeks of past shifts kept in the feeds (default 8, as `oncall ics`). */
  historyWeeks?: number;
  /** Absolute URL the site is served from (`https://acme.github.io/oncall/`), for copyable links. */
  baseUrl?: string;
}

/** Path of a person's feed inside the site. */
export function personFeedPath(login: string): string {
  return `calendars/people/${encodeURIComponent(login)}.ics`;
}

/** Path of a layer's feed inside the site. */
function layerFeedPath(layer: string): string {
  return `calendars/layers/${encodeURIComponent(layer)}.ics`;
}

const ALL_FEED_PATH = "calendars/all.ics";

/** `base` joined with a site path (`base` with or without its trailing slash). */
export function siteUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Every file of the site, in a stable order; the same data always gives the same bytes. */
export function calendarFeedSite(input: FeedSiteInput): SiteFile[] {
  const { people, rotation: config, shifts, overrides } = input.org;
  const zone = config.timezone;
  const reach = [...publishedUntil(shifts, config).values()];
  const from = input.now.minus({ weeks: input.historyWeeks ?? 8 });
  const to = reach.reduce((a, b) => (b > a ? b : a), input.now);
  const segments = to > from ? effectiveCoverage({ shifts, overrides, people, config, from, to }) : [];
  const feed = (name: string, keep: (s: (typeof segments)[number]) => boolean) =>
    calendarFeed(segments.filter(keep), { name, zone, people });

  const entries: { path: string; label: string; content: string }[] = [
    { path: ALL_FEED_PATH, label: "Everyone", content: feed("On call", () => true) },
  ];
  for (const layer of config.layers)
    entries.push({
      path: layerFeedPath(layer.name),
      label: `Layer ${layer.name}`,
      content: feed(`On call: ${layer.name}`, (s) => s.slot === layer.name),
    });
  for (const p of [...people].sort((a, b) => a.login.localeCompare(b.login))) {
    entries.push({
      path: personFeedPath(p.login),
      label: `${p.name} (@${p.login})`,
      content: feed(`On call: ${p.login}`, (s) => s.login === p.login),
    });
  }
  return [
    { path: "index.html", content: indexPage(entries, input.baseUrl) },
    ...entries.map(({ path, content }) => ({ path, content })),
  ];
}

function indexPage(entries: readonly { path: string; label: string }[], baseUrl: string | undefined): string {
  const item = ({ path, label }: { path: string; label: string }) => {
    const https = baseUrl ? siteUrl(baseUrl, path) : path;
    const webcal = baseUrl ? ` · <a href="${escapeHtml(https.replace(/^https?:/, "webcal:"))}">subscribe</a>` : "";
    return `    <li>${escapeHtml(label)}: <a href="${escapeHtml(https)}"><code>${escapeHtml(https)}</code></a>${webcal}</li>`;
  };
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>On-call calendars</title>
</head>
<body>
  <h1>On-call calendars</h1>
  <p>Subscribe to a feed by its address (do not download and import it: an imported copy never updates).
  Google Calendar: Other calendars, From URL. Outlook: Add calendar, Subscribe from web. Apple Calendar:
  File, New Calendar Subscription. Calendars refresh on their own schedule, from every few minutes to a day.</p>
  <ul>
${entries.map(item).join("\n")}
  </ul>
</body>
</html>
`;
}
