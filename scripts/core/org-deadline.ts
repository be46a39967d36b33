/**
 * The acknowledgement deadline of an incident reported at an instant, for a whole organisation: the
 * coverage of the following days (published schedule, or a preview past its end) fed to the SLO engine.
 */
import type { DateTime } from "luxon";
import type { Organisation } from "./model.js";
import { coverageWindow } from "./coverage-window.js";
import { ackDeadline, DEFAULT_DEADLINE_HORIZON_DAYS, type AckDeadline } from "./slo-deadline.js";
import type { HolidayCalendar } from "./work-calendar.js";

export interface OrgDeadline extends AckDeadline {
  /** True when who was on call came (partly) from an unpublished preview. */
  preview: boolean;
}

export function deadlineFor(org: Pick<Organisation, "rotation" | "people" | "shifts" | "overrides">, reportedAt: DateTime, calendar: HolidayCalendar): OrgDeadline {
  const window = coverageWindow({
    config: org.rotation,
    people: org.people,
    shifts: org.shifts,
    overrides: org.overrides,
    from: reportedAt,
    to: reportedAt.plus({ days: DEFAULT_DEADLINE_HORIZON_DAYS }),
  });
  const answer = ackDeadline({ reportedAt, coverage: window.segments, people: org.people, calendar, orgHolidays: org.rotation.orgHolidays });
  return { ...answer, preview: window.preview };
}
