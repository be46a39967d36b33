/**
 * The Now page (index.html): who is on call in each layer with their local time, until when, the next
 * handoff, and the fallback where a shift has no one. Each person on call now is one element carrying
 * `data-oncall-login` and `data-layer` (the layer that supplied them, as `oncall who --json` says);
 * no other element of the page has these attributes, so tools and tests can read the page.
 */
import type { CoverageSource } from "../model/index.js";
import { badge, esc, personLink, shell, table, time } from "./html.js";
import type { SiteFacts } from "./model.js";

/** Words for why someone covers a slot; the badge class is the source. */
export const SOURCE_LABEL: Record<CoverageSource, string> = {
  schedule: "scheduled",
  override: "override",
  holiday: "holiday volunteer",
  fallback: "fallback for an unfilled shift",
  preview: "preview, not published",
};

export function nowPage(f: SiteFacts): string {
  const path = "index.html";
  const { status, zone, people } = f;
  const cards = f.input.org.rotation.layers.map((layer) => {
    const now = status.oncall.find((o) => o.slot === layer.name);
    const next = status.nextHandoffs.find((h) => h.slot === layer.name);
    const lines: string[] = [];
    if (now) {
      const p = people.get(now.login);
      const local = f.input.at.setZone(now.timezone);
      lines.push(
        `<p class="person-now" data-oncall-login="${esc(now.login)}" data-layer="${esc(now.layer)}">` +
          personLink(path, now.login, p?.name) +
          `${now.source === "schedule" ? "" : badge(now.source, SOURCE_LABEL[now.source])}</p>`,
        `<p>Their local time: <strong>${esc(local.toFormat("ccc HH:mm"))}</strong> ` +
          `<span class="muted">(${esc(now.timezone)})</span></p>`,
        `<p>On call until ${time(now.until, zone)}` +
          `${now.layer !== now.slot ? ` <span class="muted">via ${esc(now.layer)}</span>` : ""}</p>`,
      );
      if (now.source === "fallback")
        lines.push(
          `<p>${badge("unfilled", "unfilled")} This shift has no one; ` +
            `${esc(p?.name ?? now.login)} covers it as the fallback.</p>`,
        );
    } else
      lines.push(
        `<p>${badge("unfilled", "nobody")} No one is on call in this layer now, and there is no fallback.</p>`,
      );
    if (next)
      lines.push(
        `<p>Next handoff: ${time(next.at, zone)} to ${esc(people.get(next.to)?.name ?? next.to)}` +
          `${next.source === "schedule" ? "" : badge(next.source, SOURCE_LABEL[next.source])}</p>`,
      );
    else lines.push(`<p class="muted">No later handoff is known.</p>`);
    return `<li class="card"><h2>Layer ${esc(layer.name)}</h2>\n${lines.join("\n")}</li>`;
  });
  const unfilled = status.unfilled.slice(0, 10);
  const open = status.openIncidents.length;
  const body = [
    `<p>As of ${time(f.input.at, zone)}.</p>`,
    ...status.notes.map((n) => `<p class="note">${esc(n)}</p>`),
    `<ul class="cards" aria-label="Layers">\n${cards.join("\n")}\n</ul>`,
    `<h2>Coming up</h2>`,
    unfilled.length
      ? table(
          "Unfilled shifts ahead",
          ["Layer", "From", "To", "Covered by"],
          unfilled.map((u) => [
            esc(u.layer),
            time(u.start, zone),
            time(u.end, zone),
            u.fallback
              ? `${esc(people.get(u.fallback)?.name ?? u.fallback)} ${badge("fallback", "fallback")}`
              : badge("unfilled", "nobody"),
          ]),
        )
      : `<p>No unfilled shifts ahead.</p>`,
    `<p>${open ? `<strong>${open}</strong> open incident${open === 1 ? "" : "s"}` : "No open incidents"}: see
<a href="incidents.html">Incidents</a>. The next eight weeks are on <a href="calendar.html">Coming weeks</a>.</p>`,
  ];
  return shell({ path, title: "Who is on call now", body: body.join("\n"), at: f.input.at, zone });
}
