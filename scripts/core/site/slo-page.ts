/**
 * SLO (slo.html): acknowledgement SLO attainment per support tier and month, and the time to
 * acknowledge (MTTA) and to resolve (MTTR) per severity as median and 90th percentile; each chart has
 * the same numbers in a table below it. Built from `sloReport` over incidents reported before `at`.
 */
import { sloReport } from "../slo/index.js";
import { barChart } from "./charts.js";
import { esc, shell, table } from "./html.js";
import type { SiteFacts } from "./model.js";

/** Months of attainment shown in the chart (default the last 12 with incidents). */
const CHART_MONTHS = 12;

const num = (v: number | null, digits = 1) => (v === null ? "–" : v.toFixed(digits));

export function sloPage(f: SiteFacts): string {
  const path = "slo.html";
  const { zone } = f;
  const r = sloReport({ incidents: f.input.org.incidents, zone, until: f.input.at });
  const months = [...new Set(r.attainment.map((a) => a.month))].slice(-CHART_MONTHS);
  const decided = r.attainment.filter((a) => months.includes(a.month) && a.attainment !== null);
  const parts: string[] = [
    `<p>${r.incidents} incident${r.incidents === 1 ? "" : "s"} reported before this build${
      r.withoutSlo ? ` (${r.withoutSlo} without an SLO outcome)` : ""
    }. Months are calendar months in ${esc(zone)}. Support tiers: full (workdays 09:00-17:00 local, 10 minutes),
partial (30 minutes), limited (no target).</p>`,
    `<h2>Attainment by tier and month</h2>`,
  ];
  if (decided.length) {
    parts.push(
      barChart({
        label: "Acknowledgement SLO attainment per month and support tier, in percent",
        caption: "Share of incidents acknowledged within their deadline, per month and tier (pending ones left out).",
        yLabel: "Attainment (%)",
        yMax: 100,
        format: (v) => `${Math.round(v)}%`,
        bars: decided.map((a) => ({ group: a.month, series: a.tier, value: a.attainment! })),
      }),
    );
  } else parts.push(`<p>No incident with a decided SLO outcome yet.</p>`);
  if (r.attainment.length)
    parts.push(
      table(
        "Attainment by month and tier",
        ["Month", "Tier", "Met", "Breached", "Pending", "Attainment"],
        [...r.attainment, ...r.attainmentByTier].map((a) => [
          a.month === "all" ? "All months" : esc(a.month),
          esc(a.tier),
          String(a.met),
          String(a.breached),
          String(a.pending),
          a.attainment === null ? "–" : `${a.attainment.toFixed(1)}%`,
        ]),
      ),
    );
  parts.push(`<h2>Time to acknowledge and to resolve by severity</h2>`);
  const sev = (s: string) => (s === "unset" ? "not set" : s);
  const mtta = r.bySeverity.flatMap((s) => [
    ...(s.mtta.medianMinutes === null
      ? []
      : [{ group: sev(s.severity), series: "median", value: s.mtta.medianMinutes }]),
    ...(s.mtta.p90Minutes === null ? [] : [{ group: sev(s.severity), series: "p90", value: s.mtta.p90Minutes }]),
  ]);
  const mttr = r.bySeverity.flatMap((s) => [
    ...(s.mttr.medianMinutes === null
      ? []
      : [{ group: sev(s.severity), series: "median", value: s.mttr.medianMinutes / 60 }]),
    ...(s.mttr.p90Minutes === null ? [] : [{ group: sev(s.severity), series: "p90", value: s.mttr.p90Minutes / 60 }]),
  ]);
  parts.push(`<h3>MTTA: report to first acknowledgement</h3>`);
  parts.push(
    mtta.length
      ? barChart({
          label: "Time to acknowledge per severity, median and 90th percentile, in minutes",
          caption: "Minutes from report to first acknowledgement: median and 90th percentile per severity.",
          yLabel: "Minutes",
          bars: mtta,
        })
      : `<p>No acknowledged incident yet.</p>`,
  );
  parts.push(`<h3>MTTR: report to resolution</h3>`);
  parts.push(
    mttr.length
      ? barChart({
          label: "Time to resolve per severity, median and 90th percentile, in hours",
          caption: "Hours from report to resolution: median and 90th percentile per severity.",
          yLabel: "Hours",
          bars: mttr,
        })
      : `<p>No resolved incident yet.</p>`,
  );
  if (r.bySeverity.length)
    parts.push(
      table(
        "MTTA and MTTR by severity, in minutes",
        ["Severity", "Acknowledged", "MTTA median", "MTTA p90", "Resolved", "MTTR median", "MTTR p90"],
        r.bySeverity.map((s) => [
          esc(sev(s.severity)),
          String(s.mtta.count),
          num(s.mtta.medianMinutes),
          num(s.mtta.p90Minutes),
          String(s.mttr.count),
          num(s.mttr.medianMinutes),
          num(s.mttr.p90Minutes),
        ]),
      ),
    );
  return shell({ path, title: "Acknowledgement SLO", body: parts.join("\n"), at: f.input.at, zone });
}
