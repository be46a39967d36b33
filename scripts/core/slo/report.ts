/**
 * Reports over incident records (SPEC section 6): acknowledgement SLO attainment per tier and month,
 * time to acknowledge (MTTA) and to resolve (MTTR) per severity, and who acknowledged.
 *
 * Everything comes from the records as written; the report never looks at the clock, so a `pending`
 * outcome stays pending here even if its deadline has passed (the SLO check settles it).
 */
import { DateTime } from "luxon";
import type { IncidentRecord } from "../model/generated/types.js";
import type { SupportTier } from "./support-tier.js";

type SeverityKey = NonNullable<IncidentRecord["severity"]> | "unset";

export interface SloReportInput {
  incidents: readonly IncidentRecord[];
  /** Only incidents reported at or after this instant. */
  since?: DateTime;
  /** Only incidents reported before this instant. */
  until?: DateTime;
  /** Zone whose calendar months bucket the attainment (default `UTC`). */
  zone?: string;
}

/** Outcome counts of one group. `attainment` is the percentage met of met + breached (pending left out), null when none is decided. */
interface AttainmentRow {
  /** `YYYY-MM`, or `all` for the total over the whole period. */
  month: string;
  tier: SupportTier;
  met: number;
  breached: number;
  pending: number;
  attainment: number | null;
}

/** Distribution of durations in minutes; median and p90 are null when `count` is 0. */
export interface DurationStats {
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

interface SeverityRow {
  severity: SeverityKey;
  /** reportedAt -> acknowledgedAt, over acknowledged incidents. */
  mtta: DurationStats;
  /** reportedAt -> resolvedAt, over resolved incidents (not those closed as not an incident). */
  mttr: DurationStats;
}

interface AcknowledgerRow {
  login: string;
  count: number;
  /** Median minutes from report to this person's acknowledgement. */
  medianMinutes: number | null;
}

export interface SloReport {
  /** Start of the period, ISO in UTC; null when open. */
  since: string | null;
  /** End of the period (exclusive), ISO in UTC; null when open. */
  until: string | null;
  zone: string;
  /** Incidents reported in the period. */
  incidents: number;
  /** Of those, incidents whose record has no SLO outcome (left out of attainment). */
  withoutSlo: number;
  /** One row per month and tier that had incidents, by month then tier (full, partial, limited). */
  attainment: AttainmentRow[];
  /** One row per tier that had incidents, over the whole period (`month: "all"`). */
  attainmentByTier: AttainmentRow[];
  /** One row per severity that had incidents, P1 first, `unset` last. */
  bySeverity: SeverityRow[];
  /** Everyone who acknowledged an incident, most acknowledgements first, then by login. */
  acknowledgements: AcknowledgerRow[];
}

const TIER_ORDER: readonly SupportTier[] = ["full", "partial", "limited"];
const SEVERITY_ORDER: readonly SeverityKey[] = ["P1", "P2", "P3", "P4", "P5", "unset"];

/**
 * The value at fraction `p` (0..1) of `values`, interpolating linearly between the two nearest ranks
 * (the common "type 7" definition: the median of an even count is the mean of the middle two). Null for
 * no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(rank);
  const low = sorted[lo] as number;
  const high = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return low + (high - low) * (rank - lo);
}

/** Count, median and 90th percentile of durations in minutes. */
export function durationStats(minutes: readonly number[]): DurationStats {
  return { count: minutes.length, medianMinutes: percentile(minutes, 0.5), p90Minutes: percentile(minutes, 0.9) };
}

/** Builds the report from incident records. Incidents closed as not an incident still count for the acknowledgement SLO. */
export function sloReport(input: SloReportInput): SloReport {
  const zone = input.zone ?? "UTC";
  const since = input.since?.toMillis() ?? Number.NEGATIVE_INFINITY;
  const until = input.until?.toMillis() ?? Number.POSITIVE_INFINITY;
  const inPeriod = input.incidents
    .map((incident) => ({ incident, reported: instant(incident, "reportedAt", incident.reportedAt) }))
    .filter(({ reported }) => reported.toMillis() >= since && reported.toMillis() < until);

  const attainment = new Map<string, AttainmentRow>();
  const totals = new Map<SupportTier, AttainmentRow>();
  const mtta = new Map<SeverityKey, number[]>();
  const mttr = new Map<SeverityKey, number[]>();
  const acks = new Map<string, number[]>();
  let withoutSlo = 0;

  for (const { incident, reported } of inPeriod) {
    if (incident.slo) {
      const month = reported.setZone(zone).toFormat("yyyy-MM");
      count(attainment, `${month}|${incident.slo.tier}`, month, incident.slo.tier, incident.slo.outcome);
      count(totals, incident.slo.tier, "all", incident.slo.tier, incident.slo.outcome);
    } else {
      withoutSlo++;
    }
    const severity: SeverityKey = incident.severity ?? "unset";
    if (incident.acknowledgedAt) {
      const minutes = minutesBetween(reported, instant(incident, "acknowledgedAt", incident.acknowledgedAt));
      push(mtta, severity, minutes);
      if (incident.acknowledgedBy) push(acks, incident.acknowledgedBy, minutes);
    }
    if (incident.status === "resolved" && incident.resolvedAt) {
      push(mttr, severity, minutesBetween(reported, instant(incident, "resolvedAt", incident.resolvedAt)));
    }
  }

  const byTier = (a: AttainmentRow, b: AttainmentRow) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier);
  return {
    since: input.since?.toUTC().toISO() ?? null,
    until: input.until?.toUTC().toISO() ?? null,
    zone,
    incidents: inPeriod.length,
    withoutSlo,
    attainment: [...attainment.values()].sort((a, b) =>
      a.month < b.month ? -1 : a.month > b.month ? 1 : byTier(a, b),
    ),
    attainmentByTier: [...totals.values()].sort(byTier),
    bySeverity: SEVERITY_ORDER.filter(
      (s) => mtta.has(s) || mttr.has(s) || inPeriod.some(({ incident }) => (incident.severity ?? "unset") === s),
    ).map((severity) => ({
      severity,
      mtta: durationStats(mtta.get(severity) ?? []),
      mttr: durationStats(mttr.get(severity) ?? []),
    })),
    acknowledgements: [...acks.entries()]
      .map(([login, minutes]) => ({ login, count: minutes.length, medianMinutes: percentile(minutes, 0.5) }))
      .sort((a, b) => b.count - a.count || (a.login < b.login ? -1 : a.login > b.login ? 1 : 0)),
  };
}

type Outcome = NonNullable<IncidentRecord["slo"]>["outcome"];

function count(
  rows: Map<string, AttainmentRow>,
  key: string,
  month: string,
  tier: SupportTier,
  outcome: Outcome,
): void {
  let row = rows.get(key);
  if (!row) rows.set(key, (row = { month, tier, met: 0, breached: 0, pending: 0, attainment: null }));
  row[outcome]++;
  const decided = row.met + row.breached;
  row.attainment = decided === 0 ? null : (100 * row.met) / decided;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function instant(incident: IncidentRecord, field: string, value: string): DateTime {
  // Records carry offsets; a time without one is read as UTC rather than as the machine's zone.
  const parsed = DateTime.fromISO(value, { zone: "UTC" });
  if (!parsed.isValid) throw new RangeError(`${incident.id}: ${field} is not a date-time: ${value}`);
  return parsed;
}

function minutesBetween(from: DateTime, to: DateTime): number {
  return (to.toMillis() - from.toMillis()) / 60_000;
}

/**
 * The report as Markdown: a summary line and three tables. Logins are shown in code spans so that
 * posting the report to GitHub notifies nobody. Minutes have one decimal; `–` marks no data.
 */
export function renderSloReportMarkdown(report: SloReport): string {
  const period =
    report.since || report.until
      ? `from ${report.since ?? "the first record"} until ${report.until ?? "the last record"}`
      : "in all records";
  const lines = [
    "# Acknowledgement SLO report",
    "",
    `${plural(report.incidents, "incident")} reported ${period}` +
      (report.withoutSlo > 0 ? ` (${report.withoutSlo} without an SLO outcome).` : ".") +
      ` Months are calendar months in ${report.zone}.`,
    "",
    "## Attainment by month and tier",
    "",
  ];
  if (report.attainment.length === 0) lines.push("No incidents with an SLO outcome.");
  else {
    const row = (r: AttainmentRow, month: string) => [
      month,
      r.tier,
      `${r.met}`,
      `${r.breached}`,
      `${r.pending}`,
      r.attainment === null ? "–" : `${r.attainment.toFixed(1)}%`,
    ];
    lines.push(
      ...table(
        ["Month", "Tier", "Met", "Breached", "Pending", "Attainment"],
        [...report.attainment.map((r) => row(r, r.month)), ...report.attainmentByTier.map((r) => row(r, "**All**"))],
        [false, false, true, true, true, true],
      ),
    );
  }
  lines.push(
    "",
    "## Time to acknowledge and to resolve by severity",
    "",
    "MTTA runs from report to first acknowledgement, MTTR from report to resolution; in minutes.",
    "",
  );
  if (report.bySeverity.length === 0) lines.push("No incidents.");
  else {
    lines.push(
      ...table(
        ["Severity", "Acknowledged", "MTTA median", "MTTA p90", "Resolved", "MTTR median", "MTTR p90"],
        report.bySeverity.map((s) => [
          s.severity === "unset" ? "not set" : s.severity,
          `${s.mtta.count}`,
          minutes(s.mtta.medianMinutes),
          minutes(s.mtta.p90Minutes),
          `${s.mttr.count}`,
          minutes(s.mttr.medianMinutes),
          minutes(s.mttr.p90Minutes),
        ]),
        [false, true, true, true, true, true, true],
      ),
    );
  }
  lines.push("", "## Acknowledgements by person", "");
  if (report.acknowledgements.length === 0) lines.push("No acknowledgements.");
  else
    lines.push(
      ...table(
        ["Person", "Acknowledged", "Median minutes"],
        report.acknowledgements.map((a) => [`\`${a.login}\``, `${a.count}`, minutes(a.medianMinutes)]),
        [false, true, true],
      ),
    );
  return `${lines.join("\n")}\n`;
}

function table(header: string[], rows: string[][], right: boolean[]): string[] {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  return [
    `| ${header.map(cell).join(" | ")} |`,
    `| ${right.map((r) => (r ? "---:" : "---")).join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ];
}

function minutes(value: number | null): string {
  return value === null ? "–" : value.toFixed(1);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
