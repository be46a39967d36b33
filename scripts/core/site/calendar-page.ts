/**
 * Coming weeks (calendar.html): per layer, an eight-week grid (rows are weeks, columns the days of the
 * rotation's zone) and the list of its shifts. Trades, overrides, holiday volunteers, fallbacks, gaps
 * and previews are marked with words; today's cell is highlighted and says so. Every shift of the list
 * is a row carrying its slot, layer, login, start and end as data attributes (ISO instants), which
 * the browser tests compare with `oncall schedule show --effective --json`.
 */
import type { DateTime } from "luxon";
import { badge, esc, personLink, shell, table, time } from "./html.js";
import type { Gap, MarkedSegment, SiteFacts } from "./model.js";
import { SOURCE_LABEL } from "./now-page.js";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Badges of a segment: why the person covers it, and whether it was traded. */
export function segmentBadges(s: MarkedSegment): string {
  const b: string[] = [];
  if (s.source === "fallback") b.push(badge("unfilled", "unfilled"), badge("fallback", "fallback"));
  else if (s.source !== "schedule") b.push(badge(s.source, SOURCE_LABEL[s.source]));
  if (s.traded) b.push(badge("trade", "trade"));
  return b.join("");
}

function iso(dt: DateTime): string {
  return dt.toUTC().toISO({ suppressMilliseconds: true }) ?? "";
}

export function calendarPage(f: SiteFacts): string {
  const path = "calendar.html";
  const { zone, people } = f;
  const today = f.input.at.setZone(zone).toISODate();
  const clock = (dt: DateTime) => time(dt, zone, "clock");
  const sections = f.input.org.rotation.layers.map((layer) => {
    const segs = f.segments.filter((s) => s.slot === layer.name);
    const gaps = f.gaps.filter((g) => g.slot === layer.name);
    const weeks: string[][] = [];
    for (let w = 0; w < Math.round(f.to.diff(f.from, "weeks").weeks); w++) {
      const monday = f.from.plus({ weeks: w });
      const row = [`Week of ${time(monday, zone, "date")}`];
      for (let d = 0; d < 7; d++) {
        const day = monday.plus({ days: d });
        const end = day.plus({ days: 1 });
        const items = [
          ...segs
            .filter((s) => s.start < end && s.end > day)
            .map((s) => {
              const from = s.start >= day && s.start > f.from ? ` from ${clock(s.start)}` : "";
              return `<li>${esc(people.get(s.login)?.name ?? s.login)}${from}${segmentBadges(s)}</li>`;
            }),
          ...gaps
            .filter((g) => g.start < end && g.end > day)
            .map((g) => {
              const from = g.start >= day && g.start > f.from ? ` from ${clock(g.start)}` : "";
              return `<li>${badge("unfilled", "nobody")}${from}</li>`;
            }),
        ];
        const isToday = day.toISODate() === today;
        const mark = isToday ? badge("today", "today") : "";
        row.push(`${isToday ? '<span class="today-cell"></span>' : ""}${mark}<ul>${items.join("")}</ul>`);
      }
      weeks.push(row);
    }
    const grid = table(`Layer ${layer.name}: eight weeks by day`, ["Week", ...WEEKDAYS], weeks, "week").replace(
      /<td><span class="today-cell"><\/span>/,
      '<td class="today" aria-current="date">',
    );
    const rows = [
      ...segs.map((s) => ({ start: s.start, html: shiftRow(path, f, s) })),
      ...gaps.map((g) => ({ start: g.start, html: gapRow(g, zone) })),
    ].sort((a, b) => a.start.toMillis() - b.start.toMillis());
    return `<section aria-labelledby="layer-${esc(layer.name)}">
<h2 id="layer-${esc(layer.name)}">Layer ${esc(layer.name)}</h2>
${grid}
<h3>Shifts of layer ${esc(layer.name)}</h3>
<div class="scroll" role="region" aria-label="Shifts of layer ${esc(layer.name)}" tabindex="0">
<table class="shifts"><caption>Shifts of layer ${esc(layer.name)}, effective (overrides and fallbacks applied)</caption>
<thead><tr>${["Who", "From", "To", "Notes"].map((h) => `<th scope="col">${h}</th>`).join("")}</tr></thead>
<tbody>
${rows.map((r) => r.html).join("\n")}
</tbody></table></div>
</section>`;
  });
  const legend = `<p>Marks: ${badge("override", "override")} someone else covers part of a shift;
${badge("trade", "trade")} names were swapped since publication;
${badge("holiday", "holiday volunteer")} a holiday-period slot;
${badge("unfilled", "unfilled")} ${badge("fallback", "fallback")} no one holds the shift and the fallback covers it;
${badge("unfilled", "nobody")} no one at all;
${badge("preview", "preview, not published")} beyond the published schedule.
Days are the rotation zone's calendar days.</p>`;
  const body = [
    `<div id="calendar" data-from="${esc(iso(f.from))}" data-to="${esc(iso(f.to))}">`,
    `<p>From ${time(f.from, zone, "date")} to ${time(f.to.minus({ days: 1 }), zone, "date")}.</p>`,
    ...f.notes.map((n) => `<p class="note">${esc(n)}</p>`),
    legend,
    ...sections,
    `</div>`,
  ];
  return shell({ path, title: "Coming weeks", body: body.join("\n"), at: f.input.at, zone });
}

function shiftRow(path: string, f: SiteFacts, s: MarkedSegment): string {
  const attrs =
    `data-slot="${esc(s.slot)}" data-shift-layer="${esc(s.layer)}" data-login="${esc(s.login)}" ` +
    `data-start="${esc(iso(s.start))}" data-end="${esc(iso(s.end))}" data-source="${esc(s.source)}"`;
  const notes = [segmentBadges(s), s.layer !== s.slot ? `via ${esc(s.layer)}` : "", s.reason ? esc(s.reason) : ""]
    .filter(Boolean)
    .join(" ");
  const who = personLink(path, s.login, f.people.get(s.login)?.name);
  return (
    `<tr class="shift" ${attrs}><th scope="row">${who}</th>` +
    `<td>${time(s.start, f.zone)}</td><td>${time(s.end, f.zone)}</td><td>${notes}</td></tr>`
  );
}

function gapRow(g: Gap, zone: string): string {
  return (
    `<tr class="gap"><th scope="row">${badge("unfilled", "nobody")}</th>` +
    `<td>${time(g.start, zone)}</td><td>${time(g.end, zone)}</td>` +
    `<td>No one holds this time and there is no fallback.</td></tr>`
  );
}
