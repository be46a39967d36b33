/**
 * Fairness (fairness.html, fairness.csv): the fairness report of the caller's window as a table, a
 * chart of hours per person for each layer with its balance score, and the report's CSV to download.
 * Hours per person and layer come from the effective schedule of the same window (the people with
 * hours in a layer are its members, as the report counts them).
 */
import type { DateTime } from "luxon";
import { fairnessReport, type FairnessReport } from "../fairness/index.js";
import { barChart } from "./charts.js";
import { esc, personLink, shell, table, time } from "./html.js";
import type { SiteFacts } from "./model.js";

/**
 * The window and report of the Fairness page: the `days` days before the start of `at`'s day in the
 * rotation zone (default 28), the same window `oncall report fairness --at` uses by default.
 */
export function siteFairness(f: SiteFacts): { report: FairnessReport; from: DateTime; to: DateTime } | null {
  const { holidays, org, at } = f.input;
  if (!holidays) return null;
  const to = at.setZone(f.zone).startOf("day");
  const from = to.minus({ days: f.input.fairnessDays ?? 28 });
  return { report: fairnessReport({ org, records: org.incidents, from, to, calendar: holidays }), from, to };
}

export function fairnessPage(f: SiteFacts, fair: ReturnType<typeof siteFairness>): string {
  const path = "fairness.html";
  const { zone, people } = f;
  if (!fair)
    return shell({
      path,
      title: "Fairness",
      body: `<p>This build has no fairness report.</p>`,
      at: f.input.at,
      zone,
    });
  const r = fair.report;
  const parts = [
    `<p>From ${time(fair.from, zone, "date")} to ${time(fair.to.minus({ days: 1 }), zone, "date")} (inclusive).
Off-hours are on-call hours outside the person's local 09:00-17:00 on their workdays (weekends and their
holidays count whole). <a href="fairness.csv" download>Download the CSV</a> (one row per person, for payroll).</p>`,
    `<h2>Balance per layer</h2>`,
    `<p>The balance score is the mean, over every pair of a layer's members, of the smaller hours divided by the
larger: 1 is perfectly even.</p>`,
  ];
  for (const { layer, balance, members } of r.layers) {
    const rows = [...members].sort((a, b) => b.hours - a.hours || a.login.localeCompare(b.login));
    parts.push(`<h3>Layer ${esc(layer)}: balance ${balance.toFixed(2)}</h3>`);
    if (!rows.length) {
      parts.push(`<p>No one was on call in this layer in the window.</p>`);
      continue;
    }
    parts.push(
      barChart({
        label: `Hours on call per person in layer ${layer}`,
        caption: `Hours on call per person in layer ${layer}; balance score ${balance.toFixed(2)}.`,
        yLabel: "Hours on call",
        horizontal: true,
        format: (v) => v.toFixed(0),
        bars: rows.map((m) => ({ group: m.login, value: m.hours })),
      }),
      table(
        `Members of layer ${layer}`,
        ["Person", "Hours", "Share", "Expected share"],
        rows.map((m) => [
          personLink(path, m.login, people.get(m.login)?.name),
          m.hours.toFixed(2),
          `${(m.share * 100).toFixed(1)}%`,
          `${(m.expectedShare * 100).toFixed(1)}%`,
        ]),
      ),
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
