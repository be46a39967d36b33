/**
 * Fairness (fairness.html, fairness.csv): the fairness report of the caller's window as a table, a
 * chart of hours per person for each layer with its balance score, and the report's CSV to download.
 * Hours per person and layer come from the effective schedule of the same window (the people with
 * hours in a layer are its members, as the report counts them).
 */
import type { DateTime } from "luxon";
import type { Organisation } from "../model/index.js";
import { effectiveCoverage } from "../schedule/index.js";
import { barChart } from "./charts.js";
import { esc, personLink, shell, table, time } from "./html.js";
import type { SiteFacts } from "./model.js";

/** Hours per login for each regular layer over [from, to), most hours first. */
export function layerHours(org: Organisation, from: DateTime, to: DateTime): Map<string, [string, number][]> {
  const segs = effectiveCoverage({
    shifts: org.shifts,
    overrides: org.overrides,
    people: org.people,
    config: org.rotation,
    from,
    to,
  });
  const out = new Map<string, [string, number][]>();
  for (const layer of org.rotation.layers) {
    const byLogin = new Map<string, number>();
    for (const s of segs)
      if (s.slot === layer.name)
        byLogin.set(s.login, (byLogin.get(s.login) ?? 0) + (s.end.toMillis() - s.start.toMillis()) / 3_600_000);
    out.set(layer.name, [...byLogin].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  }
  return out;
}

export function fairnessPage(f: SiteFacts): string {
  const path = "fairness.html";
  const { zone, people } = f;
  const fair = f.input.fairness;
  if (!fair)
    return shell({
      path,
      title: "Fairness",
      body: `<p>This build has no fairness report.</p>`,
      at: f.input.at,
      zone,
    });
  const r = fair.report;
  const perLayer = layerHours(f.input.org, fair.from, fair.to);
  const parts = [
    `<p>From ${time(fair.from, zone, "date")} to ${time(fair.to.minus({ days: 1 }), zone, "date")} (inclusive).
Off-hours are on-call hours outside the person's local 09:00-17:00 on their workdays (weekends and their
holidays count whole). <a href="fairness.csv" download>Download the CSV</a> (one row per person, for payroll).</p>`,
    `<h2>Balance per layer</h2>`,
    `<p>The balance score is the mean, over every pair of a layer's members, of the smaller hours divided by the
larger: 1 is perfectly even.</p>`,
  ];
  for (const { layer, balance } of r.layers) {
    const rows = perLayer.get(layer) ?? [];
    parts.push(`<h3>Layer ${esc(layer)}: balance ${balance.toFixed(2)}</h3>`);
    parts.push(
      rows.length
        ? barChart({
            label: `Hours on call per person in layer ${layer}`,
            caption: `Hours on call per person in layer ${layer}; balance score ${balance.toFixed(2)}.`,
            yLabel: "Hours on call",
            horizontal: true,
            format: (v) => v.toFixed(0),
            bars: rows.map(([login, h]) => ({ group: login, value: h })),
          })
        : `<p>No one was on call in this layer in the window.</p>`,
    );
  }
  parts.push(`<h2>Per person</h2>`);
  parts.push(
    table(
      "Fairness per person (hours, counts and minutes)",
      [
        "Person",
        "Hours",
        "Off-hours",
        "Weekend",
        "Holiday",
        "Volunteer slots",
        "Acknowledged",
        "Commanded",
        "Off-hours response (min)",
      ],
      [...r.people]
        .sort((a, b) => b.hours - a.hours || a.login.localeCompare(b.login))
        .map((p) => [
          personLink(path, p.login, people.get(p.login)?.name),
          p.hours.toFixed(2),
          p.offHoursHours.toFixed(2),
          p.weekendHours.toFixed(2),
          p.holidayHours.toFixed(2),
          String(p.volunteerSlots),
          String(p.acknowledged),
          String(p.commanded),
          String(p.offHoursResponseMinutes),
        ]),
    ),
  );
  return shell({ path, title: "Fairness", body: parts.join("\n"), at: f.input.at, zone });
}
