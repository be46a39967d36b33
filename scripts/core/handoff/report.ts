/**
 * The outgoing engineer's on-call report, prefilled from the summary: what happened (one linked line
 * per incident), what is still open (status, commander, a next step to write), room for the
 * better-engineering work and for notes, and the incoming person's start-of-shift checklist. Given to
 * the outgoing person at the reminder so they can take notes during the rest of the shift.
 *
 * `handoff.reportTemplate` replaces the layout; its placeholders are filled with the same parts.
 */
import { DateTime } from "luxon";
import type { HandoffSettings } from "../model/index.js";
import { safeBlock, safeCode, safeInline } from "../model/index.js";
import { capText } from "../incident/index.js";
import type { HandoffIncident, HandoffSummary } from "./model.js";
import { localLabel } from "./text.js";

/** Characters the report may take (its part of an issue body under GitHub's 65,536). */
export const REPORT_BUDGET = 20_000;
/** Incidents listed per section before "and N more". */
const LIST_LIMIT = 40;

/** `[#12](url)` or `#12` (GitHub links it within the repository). */
export function incidentLink(i: Pick<HandoffIncident, "number" | "url">): string {
  return i.url && /^https:\/\/[^\s()<>]+$/.test(i.url) ? `[#${i.number}](${i.url})` : `#${i.number}`;
}

/** Lines of a list, at most {@link LIST_LIMIT}, the rest counted. */
export function limitLines(lines: readonly string[], empty: string): string {
  if (!lines.length) return empty;
  const shown = lines.slice(0, LIST_LIMIT);
  if (lines.length > LIST_LIMIT) shown.push(`- … and ${lines.length - LIST_LIMIT} more`);
  return shown.join("\n");
}

function incidentLine(i: HandoffIncident): string {
  const severity = i.severity ? `${i.severity} ` : "";
  return `- ${incidentLink(i)} ${severity}${safeInline(i.title, 200)} (${safeCode(i.status, 30)})`;
}

/** Every incident of the window once, in report order. */
function windowIncidents(summary: HandoffSummary): HandoffIncident[] {
  const seen = new Map<number, HandoffIncident>();
  const { opened, resolved, active } = summary.incidents;
  for (const i of [...opened, ...resolved, ...active]) if (!seen.has(i.number)) seen.set(i.number, i);
  return [...seen.values()].sort((a, b) => Date.parse(a.reportedAt) - Date.parse(b.reportedAt));
}

function stillOpenLines(summary: HandoffSummary): string[] {
  return summary.incidents.active
    .filter((i) => i.status !== "resolved")
    .map((i) => {
      const commander = i.commander ? `commander \`${safeCode(i.commander, 39)}\`` : "no commander";
      const latest = i.latest ? `; latest: ${safeInline(i.latest, 200)}` : "";
      return `${incidentLine(i)}: ${commander}${latest}. Next step: `;
    });
}

const who = (login: string | null) => (login ? `\`${safeCode(login, 39)}\`` : "nobody");

/** The prefilled report for `summary`'s outgoing person (Markdown, at most {@link REPORT_BUDGET} characters). */
export function onCallReport(summary: HandoffSummary, settings: HandoffSettings, zone: string): string {
  const start = DateTime.fromISO(summary.window.start, { zone: "UTC" });
  const end = DateTime.fromISO(summary.window.end, { zone: "UTC" });
  const parts = {
    layer: summary.layer,
    outgoing: who(summary.outgoing),
    incoming: who(summary.incoming),
    window: `${localLabel(start, zone)} to ${localLabel(end, zone)}`,
    whatHappened: limitLines(windowIncidents(summary).map(incidentLine), "_No incidents in this shift._"),
    stillOpen: limitLines(stillOpenLines(summary), "_Nothing is still open._"),
    checklist: limitLines(
      settings.checklist.map((item) => `- [ ] ${safeInline(item, 300)}`),
      "_No checklist configured._",
    ),
  };
  const text = settings.reportTemplate
    ? safeBlock(settings.reportTemplate).replace(/\{\{(\w+)\}\}/g, (whole, key: string) =>
        key in parts ? parts[key as keyof typeof parts] : whole,
      )
    : [
        `## On-call report: ${parts.layer}, ${parts.outgoing}`,
        "",
        `Shift: ${parts.window}. Handing over to ${parts.incoming}.`,
        "",
        "### What happened",
        "",
        parts.whatHappened,
        "",
        "### Still open",
        "",
        parts.stillOpen,
        "",
        "### Better-engineering work",
        "",
        "- ",
        "",
        "### Notes for the next shift",
        "",
        "- ",
        "",
        `### Start-of-shift checklist (for ${parts.incoming})`,
        "",
        parts.checklist,
        "",
      ].join("\n");
  return capText(text, REPORT_BUDGET);
}
