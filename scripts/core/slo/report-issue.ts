/**
 * The monthly SLO report as an issue: which month a run reports on, and the effects that open the
 * issue once per month (found again by its marker, so reruns and retries never open a second one).
 */
import { DateTime } from "luxon";
import type { Effect } from "../model/index.js";
import type { Incident } from "../model/index.js";
import { renderSloReportMarkdown, sloReport, type SloReport } from "./report.js";

/** Label on every monthly report issue (also how the adapter finds an earlier one). */
export const SLO_REPORT_LABEL = "slo-report";

/** A calendar month in a zone: [since, until). */
export interface ReportMonth {
  /** `YYYY-MM`. */
  month: string;
  since: DateTime;
  until: DateTime;
}

/**
 * The month to report on: `month` (`YYYY-MM`) when given, else the calendar month before the one
 * containing `now`, both in `zone`. Throws RangeError for a malformed month.
 */
export function reportMonth(now: DateTime, zone: string, month?: string): ReportMonth {
  let since: DateTime;
  if (month) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`month must look like 2026-11, not "${month}"`);
    since = DateTime.fromISO(`${month}-01`, { zone });
  } else {
    since = now.setZone(zone).startOf("month").minus({ months: 1 });
  }
  if (!since.isValid) throw new RangeError(`invalid zone or month: ${since.invalidExplanation ?? ""}`);
  return { month: since.toFormat("yyyy-LL"), since, until: since.plus({ months: 1 }) };
}

export interface SloReportIssuePlan {
  report: SloReport;
  /** The Markdown, also for the job summary. */
  markdown: string;
  title: string;
  effects: Effect[];
}

/** The report of one month and the effects that post it as an issue, once. */
export function planSloReportIssue(incidents: readonly Incident[], period: ReportMonth): SloReportIssuePlan {
  const report = sloReport({
    incidents,
    since: period.since,
    until: period.until,
    zone: period.since.zoneName ?? "UTC",
  });
  const markdown = renderSloReportMarkdown(report);
  const title = `Acknowledgement SLO report: ${period.since.toFormat("LLLL yyyy")}`;
  return {
    report,
    markdown,
    title,
    effects: [
      {
        kind: "ensure-labels",
        labels: [{ name: SLO_REPORT_LABEL, color: "0e8a16", description: "Monthly acknowledgement SLO report" }],
      },
      { kind: "create-issue", key: `slo-report:${period.month}`, title, body: markdown, labels: [SLO_REPORT_LABEL] },
    ],
  };
}
