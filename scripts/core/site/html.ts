/**
 * The shared frame of every dashboard page: escaping, the page shell (skip link, header, site navigation,
 * main, footer), times that the page script can show in another zone, and small table helpers.
 * Everything here returns strings; nothing reads the clock.
 */
import type { DateTime } from "luxon";

/** One file of the static site, path relative to its root (`people/ann.html`). */
export interface SitePage {
  path: string;
  content: string;
}

/** Text made safe for HTML text and attribute values (`&`, `<`, `>`, quotes as numeric references). */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The pages of the site navigation, in order: file name and label. */
const NAV: readonly { path: string; label: string }[] = [
  { path: "index.html", label: "Now" },
  { path: "calendar.html", label: "Coming weeks" },
  { path: "incidents.html", label: "Incidents" },
  { path: "slo.html", label: "SLO" },
  { path: "fairness.html", label: "Fairness" },
  { path: "people/index.html", label: "People" },
];

export interface ShellInput {
  /** Path of this page, to mark it current and to reach the assets relatively (works from file://). */
  path: string;
  title: string;
  /** Inner HTML of `<main>`, starting after its `<h1>`. */
  body: string;
  /** The instant the site answers for, shown in the footer. */
  at: DateTime;
  zone: string;
}

/** `../` repeated for the depth of `path`, so links work from file:// and from any Pages prefix. */
function rootOf(path: string): string {
  return "../".repeat(path.split("/").length - 1);
}

/** A whole page. The stylesheet and the small script are site files, never fetched from elsewhere. */
export function shell(input: ShellInput): string {
  const root = rootOf(input.path);
  const nav = NAV.map(
    (n) =>
      `<li><a href="${root}${n.path}"${n.path === input.path ? ' aria-current="page"' : ""}>${esc(n.label)}</a></li>`,
  ).join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(input.title)} · On call</title>
<link rel="stylesheet" href="${root}assets/site.css">
<script src="${root}assets/site.js" defer></script>
</head>
<body data-zone="${esc(input.zone)}">
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<p class="brand"><a href="${root}index.html">On call</a></p>
<nav aria-label="Site"><ul>${nav}</ul></nav>
</header>
<main id="main" tabindex="-1">
<h1>${esc(input.title)}</h1>
<p class="zone-note">Times are shown in <span class="zone-name">${esc(input.zone)} (the rotation's zone)</span>.
<span class="zone-switch"></span></p>
${input.body}
</main>
<footer>
<p>Built for ${time(input.at, input.zone)} from the repository's files; rebuilt on every change and daily.</p>
</footer>
</body>
</html>
`;
}

/**
 * An instant as a `<time>` element: the text is the rotation zone's wall clock (what readers without
 * JavaScript see), the `datetime` attribute the exact instant the page script reformats.
 * `style` short: `Mon 14 Dec 11:00`; date: `Mon 14 Dec`; clock: `11:00`.
 */
export function time(dt: DateTime, zone: string, style: "short" | "date" | "clock" = "short"): string {
  const local = dt.setZone(zone);
  const fmt = style === "date" ? "ccc d LLL" : style === "clock" ? "HH:mm" : "ccc d LLL HH:mm";
  const iso = local.toISO({ suppressMilliseconds: true }) ?? "";
  return `<time datetime="${esc(iso)}" data-style="${style}">${esc(local.toFormat(fmt))}</time>`;
}

/** A table with a caption and column headers; the first cell of each row is its row header. */
export function table(caption: string, head: readonly string[], rows: readonly string[][], cls = ""): string {
  const th = head.map((h) => `<th scope="col">${h}</th>`).join("");
  const tr = rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join("")}</tr>`)
    .join("\n");
  return `<div class="scroll" role="region" aria-label="${esc(caption)}" tabindex="0">
<table${cls ? ` class="${cls}"` : ""}><caption>${esc(caption)}</caption>
<thead><tr>${th}</tr></thead>
<tbody>
${tr}
</tbody></table></div>`;
}

/** A text badge: the word carries the meaning, the colour only repeats it. */
export function badge(kind: string, text: string): string {
  return `<span class="badge badge-${esc(kind)}">${esc(text)}</span>`;
}

/** Link to a person's page from a page at `from`. */
export function personLink(from: string, login: string, name?: string): string {
  const label = name && name !== login ? `${esc(name)} <span class="login">@${esc(login)}</span>` : `@${esc(login)}`;
  return `<a href="${rootOf(from)}people/${encodeURIComponent(login)}.html">${label}</a>`;
}

/** Path of a person's page inside the site. */
export function personPagePath(login: string): string {
  return `people/${encodeURIComponent(login)}.html`;
}

/** Minutes as `42 min`, `3 h 5 min`, `2 d 4 h`; `–` for none. */
export function duration(minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes)) return "–";
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (m < 48 * 60) return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ""}`;
  return `${Math.floor(m / 1440)} d${Math.floor((m % 1440) / 60) ? ` ${Math.floor((m % 1440) / 60)} h` : ""}`;
}
