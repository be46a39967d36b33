/**
 * `oncall handoff [--layer L] [--at ISO] [--json | --markdown]`: the latest handoff at or before --at of
 * each layer (or of L), with what the handoff workflow posts for it: who hands over to whom, the outgoing
 * shift's incidents, SLO results, postmortems due, follow-ups, unfilled shifts, off-hours time and the
 * prefilled report. Offline: incidents come from the records in incidents/ (the workflow adds GitHub's).
 */
import { DateTime } from "luxon";
import { handoffSummary, handoffSummaryMarkdown, latestHandoffs, type HandoffSummary } from "../core/handoff/index.js";
import { UsageError } from "../core/model/index.js";
import { publishedUntil } from "../core/schedule/index.js";
import { loadHolidayCalendar } from "../repo/holidays.js";
import { loadForCommand } from "../repo/load-for-command.js";
import { parse, repoDir, AT, nowOrAt } from "./args.js";
import { when } from "./format.js";
import type { CommandIO } from "./command.js";

export const usage = `oncall handoff [--layer LAYER] [--at ISO] [--json | --markdown] [--repo DIR]

The latest handoff at or before --at (default now) of each layer, or of --layer only (a volunteer
layer such as holiday-a means the layer it stands in for): outgoing and incoming people (overrides,
holiday volunteers and fallbacks included), the incidents opened, resolved and still active in the
outgoing shift, their acknowledgement SLO results, postmortems due, open follow-ups, unfilled shifts in
the next 14 days, off-hours response time per person to reclaim, and the outgoing engineer's report.
--markdown prints the summary and the report as the handoff workflow posts them; --json prints
{"handoffs": [...]}. Incidents come from the records in incidents/.`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parse(argv, { ...AT, layer: { type: "string" }, markdown: { type: "boolean" } });
  if (values.json && values.markdown) throw new UsageError("give --json or --markdown, not both.");
  const dir = repoDir(values);
  const at = await nowOrAt(values, io, dir);
  const { org, problems } = await loadForCommand(dir, at);
  const handoffs = latestHandoffs(org, at, values.layer);
  const calendar = await loadHolidayCalendar();
  const summaries = handoffs.map((h) =>
    handoffSummary({
      org,
      layer: h.layer,
      at: h.at,
      records: org.incidents,
      postmortems: org.postmortems,
      calendar,
    }),
  );
  if (values.json) {
    io.out(JSON.stringify({ handoffs: summaries }, null, 2) + "\n");
    return 0;
  }
  if (values.markdown) {
    io.out(summaries.map((s) => `${handoffSummaryMarkdown(s, org)}\n${s.report}`).join("\n---\n\n"));
    return 0;
  }
  io.out(summaries.map((s) => render(s, org.rotation.timezone)).join("\n"));
  const published = publishedUntil(org.shifts, org.rotation);
  for (const h of handoffs) {
    const end = published.get(h.layer);
    const reach = end ? `ends ${when(end, org.rotation.timezone)}` : "has no shifts";
    if (!end || end <= h.at.plus({ days: 14 }))
      io.out(
        `note: ${h.layer}: the published schedule ${reach}; ` +
          "later times come from a preview generated from the rotation config (not published).\n",
      );
  }
  const errors = problems.filter((p) => p.severity === "error").length;
  if (errors) io.out(`\n${errors} validation error(s) elsewhere in the repository: run "oncall validate".\n`);
  return 0;
}

function render(s: HandoffSummary, zone: string): string {
  const t = (iso: string) => when(DateTime.fromISO(iso, { zone: "UTC" }), zone);
  const list = <T>(items: readonly T[], show: (item: T) => string) =>
    items.length ? items.map(show).join(", ") : "none";
  const id = (i: { id: string }) => i.id;
  const shift = s.incomingNextShift;
  const lines = [
    `${s.layer}: handoff ${t(s.at)}, ${s.outgoing ?? "nobody"} -> ${s.incoming ?? "nobody"}`,
    `  outgoing shift  ${t(s.window.start)} to ${t(s.window.end)}`,
    ...(shift ? [`  ${shift.login} starts  ${shift.startLocal}`] : []),
    `  opened          ${list(s.incidents.opened, id)}`,
    `  resolved        ${list(s.incidents.resolved, id)}`,
    `  still active    ${list(s.incidents.active, id)}`,
    `  SLO             ${list(s.slo, (x) => `${x.id} ${x.outcome}`)}`,
    `  postmortems due ${list(s.postmortemsDue, (p) => `${p.incident} ${p.due}${p.overdue ? " OVERDUE" : ""}`)}`,
    `  follow-ups      ${list(s.followups, (f) => `#${f.issue}`)}`,
    `  unfilled (14 d) ${list(s.unfilled, (u) => `${u.layer} ${t(u.start)} (${u.fallback ?? "nobody"})`)}`,
    `  off-hours       ${list(s.offHours, (o) => `${o.login} ${o.minutes} min`)}`,
    `  (--markdown prints the summary and the outgoing engineer's report)`,
  ];
  return lines.join("\n") + "\n";
}
