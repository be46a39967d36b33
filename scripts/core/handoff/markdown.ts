/**
 * The summary posted at a handoff, as Markdown: who hands over to whom and when (the incoming person's
 * start in their own zone), the incidents of the outgoing shift, their SLO results, postmortems due,
 * open follow-ups, unfilled shifts ahead and off-hours time to reclaim. Untrusted text (titles,
 * timeline notes) is escaped; only the outgoing and incoming people are mentioned.
 */
import { DateTime } from "luxon";
import type { Organisation } from "../model/index.js";
import { safeCode, safeInline } from "../model/index.js";
import { capText } from "../incident/index.js";
import type { HandoffIncident, HandoffSummary } from "./model.js";
import { incidentLink, limitLines } from "./report.js";
import { duration, localLabel } from "./text.js";

/** Characters the summary may take (its part of a comment under GitHub's 65,536). */
export const SUMMARY_BUDGET = 30_000;

const mention = (login: string | null) => (login ? `@${login}` : "nobody");
const plain = (login: string) => `\`${safeCode(login, 39)}\``;

function incidentItem(i: HandoffIncident): string {
  const severity = i.severity ? `${i.severity} ` : "";
  const commander = i.commander ? `, commander ${plain(i.commander)}` : "";
  return `- ${incidentLink(i)} ${severity}${safeInline(i.title, 200)}: ${safeCode(i.status, 30)}${commander}`;
}

/** The handoff summary as Markdown, at most {@link SUMMARY_BUDGET} characters. */
export function handoffSummaryMarkdown(summary: HandoffSummary, org: Pick<Organisation, "rotation">): string {
  const zone = org.rotation.timezone;
  const at = DateTime.fromISO(summary.at, { zone: "UTC" });
  const start = DateTime.fromISO(summary.window.start, { zone: "UTC" });
  const numbers = new Map<string, HandoffIncident>();
  for (const i of [...summary.incidents.opened, ...summary.incidents.resolved, ...summary.incidents.active])
    numbers.set(i.id, i);
  const ref = (id: string) => {
    const i = numbers.get(id);
    return i ? incidentLink(i) : safeCode(id, 20);
  };
  const shift = summary.incomingNextShift;
  const lines = [
    `## ${summary.layer} handoff: ${mention(summary.outgoing)} → ${mention(summary.incoming)}`,
    "",
    `Handoff at ${localLabel(at, zone)}. Outgoing shift from ${localLabel(start, zone)}.`,
    ...(shift
      ? [
          `${mention(shift.login)} is on call from ${shift.startLocal} until ` +
            `${localLabel(DateTime.fromISO(shift.end, { setZone: true }), shift.timezone)}.`,
        ]
      : []),
    "",
    `### Incidents opened in the shift (${summary.incidents.opened.length})`,
    "",
    limitLines(summary.incidents.opened.map(incidentItem), "_None._"),
    "",
    `### Incidents resolved in the shift (${summary.incidents.resolved.length})`,
    "",
    limitLines(summary.incidents.resolved.map(incidentItem), "_None._"),
    "",
    `### Still active (${summary.incidents.active.length})`,
    "",
    limitLines(summary.incidents.active.map(incidentItem), "_None._"),
    "",
    "### Acknowledgement SLO",
    "",
    limitLines(
      summary.slo.map((s) => `- ${ref(s.id)}: **${s.outcome}**${s.deadline ? ` (deadline ${s.deadline})` : ""}`),
      "_No incidents in the shift._",
    ),
    "",
    "### Postmortems due",
    "",
    limitLines(
      summary.postmortemsDue.map(
        (p) =>
          `- ${safeCode(p.incident, 20)} \`${safeCode(p.path, 200)}\`: due ${p.due}` +
          `${p.overdue ? " (**overdue**)" : ""}, authors ${p.authors.map(plain).join(", ")}`,
      ),
      "_None._",
    ),
    "",
    "### Open follow-ups",
    "",
    limitLines(
      summary.followups.map((f) => `- #${f.issue} ${safeInline(f.title, 200)} (from ${safeCode(f.incident, 20)})`),
      "_None._",
    ),
    "",
    "### Unfilled shifts in the next 14 days",
    "",
    limitLines(
      summary.unfilled.map((u) => {
        const from = localLabel(DateTime.fromISO(u.start, { zone: "UTC" }), zone);
        const to = localLabel(DateTime.fromISO(u.end, { zone: "UTC" }), zone);
        const cover = u.fallback ? `covered by fallback ${plain(u.fallback)}` : "**nobody covers it**";
        return `- ${safeCode(u.layer, 40)} ${from} to ${to}: ${cover}`;
      }),
      "_None._",
    ),
    "",
    "### Off-hours response time to reclaim",
    "",
    limitLines(
      summary.offHours.map((o) => `- ${plain(o.login)}: ${duration(o.minutes)}`),
      "_None._",
    ),
    "",
  ];
  return capText(lines.join("\n"), SUMMARY_BUDGET);
}
