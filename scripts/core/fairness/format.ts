/**
 * The fairness report as CSV (for payroll: one row per person) and as Markdown (for an issue or a wiki
 * page). JSON needs nothing: the report object is already its JSON.
 */
import type { FairnessPerson, FairnessReport } from "./report.js";

/** The CSV columns, in order: the person fields of the JSON report. */
const FAIRNESS_COLUMNS: readonly (keyof FairnessPerson)[] = [
  "login",
  "hours",
  "offHoursHours",
  "weekendHours",
  "holidayHours",
  "volunteerSlots",
  "acknowledged",
  "commanded",
  "offHoursResponseMinutes",
];

const HOUR_COLUMNS: ReadonlySet<string> = new Set(["hours", "offHoursHours", "weekendHours", "holidayHours"]);

/** One CSV field by RFC 4180: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * RFC 4180 CSV: a header line of {@link FAIRNESS_COLUMNS}, then one row per person; CRLF line ends,
 * hours always with two decimals (`12.50`) so spreadsheets and payroll imports read them alike.
 */
export function fairnessCsv(report: Pick<FairnessReport, "people">): string {
  const lines = [FAIRNESS_COLUMNS.join(",")];
  for (const person of report.people)
    lines.push(
      FAIRNESS_COLUMNS.map((c) => {
        const v = person[c];
        return csvField(typeof v === "number" && HOUR_COLUMNS.has(c) ? v.toFixed(2) : String(v));
      }).join(","),
    );
  return lines.map((l) => `${l}\r\n`).join("");
}

/** The report as Markdown: a table of people, then one table per layer with its balance score. */
export function fairnessMarkdown(report: FairnessReport): string {
  const out: string[] = [`# On-call fairness, ${report.from} to ${report.to} (end excluded)`, ""];
  if (report.people.length === 0) out.push("Nobody was on call in this window.", "");
  else {
    out.push(
      "| Person | Hours | Off-hours | Weekend | Holiday | Volunteer slots | Acknowledged | Commanded | " +
        "Off-hours response (min) |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const p of report.people)
      out.push(
        `| ${p.login} | ${p.hours.toFixed(2)} | ${p.offHoursHours.toFixed(2)} | ${p.weekendHours.toFixed(2)} | ` +
          `${p.holidayHours.toFixed(2)} | ${p.volunteerSlots} | ${p.acknowledged} | ${p.commanded} | ` +
          `${p.offHoursResponseMinutes} |`,
      );
    out.push("");
  }
  for (const layer of report.layers) {
    out.push(`## ${layer.layer}: balance ${layer.balance.toFixed(2)}`, "");
    if (layer.members.length === 0) {
      out.push("Nobody was on call in this layer in the window.", "");
      continue;
    }
    out.push("| Person | Hours | Share | Expected share |", "| --- | ---: | ---: | ---: |");
    for (const m of layer.members)
      out.push(`| ${m.login} | ${m.hours.toFixed(2)} | ${percent(m.share)} | ${percent(m.expectedShare)} |`);
    out.push("");
  }
  out.push(
    "Off-hours: outside 09:00-17:00 in the person's own zone on their workdays; weekends and public or " +
      "organisation holidays count whole. Balance: the mean over pairs of members of the smaller hours over " +
      "the larger (1 is even). Expected share: the member's time at the company and past the new-hire " +
      "period inside the window, over all members'.",
  );
  return out.join("\n") + "\n";
}

function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
