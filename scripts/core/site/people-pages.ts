/**
 * People (people/index.html and people/<login>.html): everyone with their team, zone and next shift,
 * the calendar feeds to subscribe to, and a page per person with their next shifts and the address of
 * their own feed (relative, so it works from file://, and absolute with a webcal link when the site's
 * address is known).
 */
import { personFeedPath, siteUrl } from "../calendar/index.js";
import type { Person } from "../model/index.js";
import { badge, esc, personLink, personPagePath, shell, table, time } from "./html.js";
import type { SiteFacts } from "./model.js";
import { segmentBadges } from "./calendar-page.js";

/** Next shifts listed on a person's page (default 10). */
const NEXT_SHIFTS = 10;

function feedLinks(f: SiteFacts, path: string, label: string): string {
  const base = f.input.baseUrl;
  const rel = `../${path}`;
  if (!base) return `<a href="${esc(rel)}">${esc(label)}</a> <span class="muted">(<code>${esc(path)}</code>)</span>`;
  const https = siteUrl(base, path);
  return `<a href="${esc(https)}">${esc(label)}</a> <code>${esc(https)}</code> ·
<a href="${esc(https.replace(/^https?:/, "webcal:"))}">subscribe to ${esc(label)}</a>`;
}

function upcoming(f: SiteFacts, login: string) {
  const atMs = f.input.at.toMillis();
  return f.segments.filter((s) => s.login === login && s.end.toMillis() > atMs);
}

export function peopleIndexPage(f: SiteFacts): string {
  const path = "people/index.html";
  const people = [...f.input.org.people].sort((a, b) => a.name.localeCompare(b.name) || a.login.localeCompare(b.login));
  const rows = people.map((p) => {
    const next = upcoming(f, p.login)[0];
    return [
      personLink(path, p.login, p.name),
      esc(p.team),
      esc(p.timezone),
      next
        ? `${time(next.start, f.zone)} <span class="muted">${esc(next.slot)}</span>`
        : `<span class="muted">none in view</span>`,
    ];
  });
  const layers = f.input.org.rotation.layers.map(
    (l) => `<li>${feedLinks(f, `calendars/layers/${encodeURIComponent(l.name)}.ics`, `layer ${l.name}`)}</li>`,
  );
  const body = [
    table("People", ["Person", "Team", "Time zone", "Next shift (next eight weeks)"], rows),
    `<h2>Calendar feeds</h2>`,
    `<p>Subscribe by address (an imported copy never updates). Each person's own feed is on their page.</p>`,
    `<ul><li>${feedLinks(f, "calendars/all.ics", "everyone")}</li>${layers.join("")}</ul>`,
  ];
  return shell({ path, title: "People", body: body.join("\n"), at: f.input.at, zone: f.zone });
}

export function personPage(f: SiteFacts, p: Person): string {
  const path = personPagePath(p.login);
  const next = upcoming(f, p.login).slice(0, NEXT_SHIFTS);
  const manager = p.manager
    ? personLink(path, p.manager, f.people.get(p.manager)?.name)
    : `<span class="muted">none</span>`;
  const facts = [
    ["Login", `<code>@${esc(p.login)}</code>`],
    ["Team", esc(p.team)],
    ["Time zone", esc(p.timezone)],
    ["Holiday region", esc(p.region)],
    ["Manager", manager],
    ["Started", esc(p.start)],
    ...(p.end ? [["Leaves", esc(p.end)]] : []),
    ["On the rotation", p.oncall ? "yes" : "no (fallback only)"],
  ];
  const body = [
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>`,
    `<h2>Next shifts</h2>`,
    next.length
      ? table(
          `Next shifts of ${p.name}`,
          ["Layer", "From", "To", "Notes"],
          next.map((s) => [
            esc(s.slot),
            time(s.start, f.zone),
            time(s.end, f.zone),
            segmentBadges(s) || badge("schedule", "scheduled"),
          ]),
        )
      : `<p>No shift in the next eight weeks.</p>`,
    `<h2>Calendar</h2>`,
    `<p>Subscribe to ${esc(p.name)}'s shifts: ${feedLinks(f, personFeedPath(p.login), "calendar feed")}.
Google Calendar: Other calendars, From URL. Outlook: Add calendar, Subscribe from web. Apple Calendar: File,
New Calendar Subscription.</p>`,
  ];
  return shell({ path, title: p.name, body: body.join("\n"), at: f.input.at, zone: f.zone });
}
