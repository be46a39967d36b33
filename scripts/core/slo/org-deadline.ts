/**
 * The acknowledgement deadline of an incident reported at an instant, for a whole organisation: the
 * coverage of the following days (published schedule, or a preview past its end) fed to the SLO engine.
 *
 * Many reports (the SLO check over every open incident) share one {@link orgDeadlineFinder}: the
 * coverage of the span from the earliest report to the last report's horizon is built once, instead of
 * walking every published shift per incident.
 */
import type { DateTime } from "luxon";
import type { Organisation } from "../model/index.js";
import { coverageWindow } from "../schedule/index.js";
import { deadlineFinder, DEFAULT_DEADLINE_HORIZON_DAYS, type AckDeadline } from "./deadline.js";
import { DAY_MS } from "../rotation/index.js";
import { withRegionHolidays, type HolidayCalendar } from "./work-calendar.js";

export interface OrgDeadline extends AckDeadline {
  /** True when who was on call came (partly) from an unpublished preview. */
  preview: boolean;
}

type DeadlineOrg = Pick<Organisation, "rotation" | "people" | "shifts" | "overrides">;

/** Deadlines of reports made in [from, to] (inclusive); a report outside that span is a programming error. */
export interface OrgDeadlineFinder {
  deadline(reportedAt: DateTime): OrgDeadline;
}

export function orgDeadlineFinder(
  org: DeadlineOrg,
  calendar: HolidayCalendar,
  span: { from: DateTime; to: DateTime },
): OrgDeadlineFinder {
  for (const end of [span.from, span.to])
    if (!end.isValid) throw new RangeError(`invalid report instant: ${end.invalidExplanation ?? ""}`);
  const from = span.from.toMillis();
  const to = span.to.toMillis();
  const horizon = DEFAULT_DEADLINE_HORIZON_DAYS * DAY_MS;
  const window = coverageWindow({
    config: org.rotation,
    people: org.people,
    shifts: org.shifts,
    overrides: org.overrides,
    from: span.from,
    to: span.to.plus({ milliseconds: horizon }),
  });
  const previewed = window.previewed.map((s) => [s.start.toMillis(), s.end.toMillis()] as const);
  // The organisation's own region lists count wherever the library's holidays do.
  const holidays = withRegionHolidays(calendar, org.rotation.regionHolidays);
  const { orgHolidays } = org.rotation;
  const finder = deadlineFinder({ coverage: window.segments, people: org.people, calendar: holidays, orgHolidays });
  return {
    deadline(reportedAt) {
      const r = reportedAt.toMillis();
      if (!(r >= from && r <= to))
        throw new RangeError(`report instant ${reportedAt.toISO() ?? "(invalid)"} is outside the prepared span`);
      const answer = finder.deadline(reportedAt);
      return { ...answer, preview: previewed.some(([start, end]) => end > r && start < r + horizon) };
    },
  };
}

export function deadlineFor(org: DeadlineOrg, reportedAt: DateTime, calendar: HolidayCalendar): OrgDeadline {
  return orgDeadlineFinder(org, calendar, { from: reportedAt, to: reportedAt }).deadline(reportedAt);
}
