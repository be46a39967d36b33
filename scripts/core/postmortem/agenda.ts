/**
 * The agenda issue of each incident review meeting: opened `agendaDays` before the meeting, titled
 * "Incident review YYYY-MM-DD", listing the postmortems booked into it (incident, link, summary, the
 * responders as speakers). Found again by its marker, so it is never opened twice, and edited when
 * more postmortems are booked. A run that starts late still opens it, up to the meeting's start.
 */
import type { DateTime } from "luxon";
import type { Effect } from "../model/index.js";
import { safeInline } from "../model/index.js";
import { appendMarker, blobUrl } from "../model/index.js";
import { capBody, mentions, type PostmortemFacts } from "./daily-input.js";

/** Label of agenda issues. */
export const AGENDA_LABEL = "incident-review";

/** Marker key of the agenda issue of the meeting on `date` (YYYY-MM-DD). */
export const agendaKey = (date: string) => `incident-review:${date}`;

export interface AgendaInput {
  now: DateTime;
  /** Start instants of the review meetings from `now` to at least `agendaDays` ahead (reviewMeetings). */
  meetings: readonly DateTime[];
  /** Days before a meeting its agenda issue is opened (policy `reviews.agendaDays`, default 2). */
  agendaDays: number;
  postmortems: readonly PostmortemFacts[];
  repoUrl: string;
}

/** The agenda issues to open or bring up to date at `now` (see the module comment). */
export function planAgendas(input: AgendaInput): Effect[] {
  const effects: Effect[] = [];
  for (const meeting of input.meetings) {
    if (!(meeting.minus({ days: input.agendaDays }) <= input.now && input.now < meeting)) continue;
    const date = meeting.toISODate() ?? "";
    const booked = input.postmortems.filter((p) => p.review === date).sort((a, b) => a.incident - b.incident);
    if (booked.length === 0) continue;
    const key = agendaKey(date);
    const body = appendMarker(capBody(agendaBody(meeting, booked, input.repoUrl)), key);
    const title = `Incident review ${date}`;
    effects.push({ kind: "create-issue", key, title, body, labels: [AGENDA_LABEL] });
    effects.push({ kind: "update-issue", issue: { createdBy: key }, title, body });
  }
  return effects;
}

function agendaBody(meeting: DateTime, booked: readonly PostmortemFacts[], repoUrl: string): string {
  const lines = [
    `The incident review on ${meeting.toFormat("cccc d LLLL yyyy, HH:mm")} (${meeting.zoneName}) goes through ` +
      `${booked.length === 1 ? "this postmortem" : `these ${booked.length} postmortems`}. Please read them before the meeting ` +
      "and comment on their pull requests or here.",
    "",
  ];
  for (const pm of booked) {
    lines.push(`### INC-${pm.incident}: ${safeInline(pm.title, 200)}`, "");
    lines.push(`- Incident: #${pm.incident} (${pm.severity})`);
    lines.push(`- Postmortem: [${pm.path}](${blobUrl(repoUrl, pm.path)}) (${pm.status})`);
    lines.push(`- Summary: ${safeInline(pm.summary, 1000)}`);
    lines.push(`- Speakers: ${pm.responders.length ? mentions(pm.responders) : mentions(pm.authors)}`, "");
  }
  return lines.join("\n");
}
