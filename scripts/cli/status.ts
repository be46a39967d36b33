/** `oncall status [--at ISO] [--json]`: what `npm start` shows. */
import { statusReport, type StatusReport } from "../core/status/index.js";
import type { CoverageSource } from "../core/model/index.js";
import { parse, repoDir, AT, nowOrAt } from "./args.js";
import { loadForCommand } from "../repo/load-for-command.js";
import { iso, localTime, table, when } from "./format.js";
import type { CommandIO } from "./command.js";

export const usage = `oncall status [--at ISO] [--repo DIR] [--json]

Who is on call (at --at, default now), the next handoff of each layer, the effective schedule for the
rotation's horizon, unfilled shifts, open incidents, postmortems that are due and the next incident review
meeting (policy reviews).`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parse(argv, AT);
  const dir = repoDir(values);
  const at = await nowOrAt(values, io, dir);
  const { org, problems } = await loadForCommand(dir, at);
  const report = statusReport(org, at);
  if (values.json) {
    io.out(JSON.stringify(toJson(report), null, 2) + "\n");
    return 0;
  }
  io.out(render(report));
  const errors = problems.filter((p) => p.severity === "error").length;
  if (errors) io.out(`\n${errors} validation error(s) elsewhere in the repository: run "oncall validate".\n`);
  return 0;
}

function render(r: StatusReport): string {
  const z = r.zone;
  const out: string[] = [];
  out.push(`On call at ${when(r.at, z)}\n`);
  const first = r.nextHandoffs.length && r.nextHandoffs.every((h) => h.from === null);
  if (!r.oncall.length)
    out.push(
      first
        ? `Nobody is on call yet: the first handoff is ${when(
            r.nextHandoffs.map((h) => h.at).reduce((a, b) => (b < a ? b : a)),
            z,
          )}.\n`
        : "Nobody is on call: no layer covers this instant.\n",
    );
  else
    out.push(
      table(
        ["Layer", "Who", "Local time", "Until", "Why"],
        r.oncall.map((o) => [
          o.slot === o.layer ? o.slot : `${o.slot} (${o.layer})`,
          `${o.name} (@${o.login})`,
          localTime(r.at, o.timezone),
          when(o.until, z),
          SOURCE[o.source],
        ]),
      ),
    );
  if (r.nextHandoffs.length) {
    out.push("\nNext handoffs\n");
    out.push(
      table(
        ["Layer", "At", "Handoff"],
        r.nextHandoffs.map((h) => [
          h.slot,
          when(h.at, z),
          `${h.from ?? "nobody"} -> ${h.to}${h.source === "schedule" ? "" : ` (${SOURCE[h.source]})`}`,
        ]),
      ),
    );
  }
  out.push(`\nThe coming weeks (effective schedule)\n`);
  out.push(
    table(
      ["Layer", "From", "To", "Who", "Why"],
      [...r.coming]
        .sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.slot.localeCompare(b.slot))
        .map((s) => [s.layer, when(s.start, z), when(s.end, z), s.login, SOURCE[s.source]]),
    ),
  );
  if (r.unfilled.length) {
    out.push("\nUnfilled shifts\n");
    out.push(
      table(
        ["Layer", "From", "To", "Covered by", "Status"],
        r.unfilled.map((u) => [
          u.layer,
          when(u.start, z),
          when(u.end, z),
          u.fallback ? `${u.fallback} (fallback)` : "nobody",
          u.flagged ? "needs someone" : "volunteers welcome",
        ]),
      ),
    );
  }
  out.push(`\nOpen incidents:${r.openIncidents.length ? "" : " none"}\n`);
  if (r.openIncidents.length)
    out.push(
      table(
        ["Incident", "Severity", "Status", "Commander", "Title"],
        r.openIncidents.map((i) => [i.id, i.severity ?? "?", i.status, i.commander ?? "-", i.title]),
      ),
    );
  out.push(`\nPostmortems not final:${r.postmortems.length ? "" : " none"}\n`);
  if (r.postmortems.length)
    out.push(
      table(
        ["Incident", "Status", "Due", "Review", "File"],
        r.postmortems.map((p) => [
          p.incident,
          p.status,
          p.overdue ? `${p.due} OVERDUE` : p.due,
          p.review ?? "not scheduled",
          p.path,
        ]),
      ),
    );
  if (r.nextReview)
    out.push(
      `\nNext incident review: ${when(r.nextReview.at, r.nextReview.at.zoneName ?? z)}` +
        (r.nextReview.incidents.length
          ? `, reviewing ${r.nextReview.incidents.join(", ")}\n`
          : ", nothing booked yet\n"),
    );
  if (r.notes.length) out.push("\n" + r.notes.map((n) => `note: ${n}`).join("\n") + "\n");
  out.push('\nTo look at all of this in a browser: "oncall site --out DIR" writes it as a static site.\n');
  return out.join("");
}

const SOURCE: Record<CoverageSource, string> = {
  schedule: "scheduled",
  override: "override",
  holiday: "holiday volunteer",
  fallback: "fallback for an unfilled shift",
  preview: "preview (not published)",
};

function toJson(r: StatusReport) {
  const z = r.zone;
  return {
    at: iso(r.at, z),
    oncall: r.oncall.map((o) => ({
      layer: o.layer,
      slot: o.slot,
      login: o.login,
      name: o.name,
      timezone: o.timezone,
      source: o.source,
      until: iso(o.until, z),
    })),
    nextHandoffs: r.nextHandoffs.map((h) => ({
      layer: h.slot,
      at: iso(h.at, z),
      from: h.from,
      to: h.to,
      source: h.source,
    })),
    coming: r.coming.map((s) => ({
      layer: s.layer,
      slot: s.slot,
      start: iso(s.start, z),
      end: iso(s.end, z),
      login: s.login,
      source: s.source,
    })),
    unfilled: r.unfilled.map((u) => ({
      layer: u.layer,
      start: iso(u.start, z),
      end: iso(u.end, z),
      fallback: u.fallback,
      flagged: u.flagged,
    })),
    openIncidents: r.openIncidents,
    postmortems: r.postmortems,
    ...(r.nextReview && {
      nextReview: { at: iso(r.nextReview.at, r.nextReview.at.zoneName ?? z), incidents: r.nextReview.incidents },
    }),
    notes: r.notes,
  };
}
