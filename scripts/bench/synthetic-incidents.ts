/**
 * Incident records of the synthetic organisation, shaped like the ones the incident action writes
 * (incidents/2026/*.yaml of the example organisation): on-call engineers from the real schedule at the
 * report instant, services from the policy, a timeline of ack, roles, status changes, notes and
 * follow-ups, an SLO block, and a postmortem link for the incidents that have one.
 */
import type { IncidentRecord } from "../core/model/generated/types.js";
import { whoAt, type WhoIndex } from "../core/schedule/index.js";
import type { Random } from "./random.js";
import type { SyntheticRoster } from "./synthetic-roster.js";
import { capital, observation, slugOf, wordsFor } from "./synthetic-text.js";

type Severity = "P1" | "P2" | "P3" | "P4" | "P5";
type TimelineEntry = IncidentRecord["timeline"][number];

const MINUTE_MS = 60_000;
/** Notes in the timeline per severity: bigger incidents have longer records. */
const NOTES: Record<Severity, number> = { P1: 7, P2: 5, P3: 3, P4: 1, P5: 0 };

export interface IncidentPlan {
  count: number;
  postmortems: number;
  /** Reports are spread evenly (with jitter) over [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  services: readonly string[];
}

export interface SyntheticIncident {
  record: IncidentRecord;
  /** Repository path of the record. */
  path: string;
}

/** Instant without milliseconds, as the records write them: 2026-09-26T13:20:00Z. */
export function utcIso(ms: number): string {
  return new Date(Math.floor(ms / MINUTE_MS) * MINUTE_MS).toISOString().replace(".000Z", "Z");
}

function severityOf(random: Random): Severity {
  const x = random.next();
  return x < 0.05 ? "P1" : x < 0.17 ? "P2" : x < 0.45 ? "P3" : x < 0.82 ? "P4" : "P5";
}

/** All incidents, by increasing issue number and report time. */
export function syntheticIncidents(
  plan: IncidentPlan,
  roster: SyntheticRoster,
  who: WhoIndex,
  random: Random,
): SyntheticIncident[] {
  const severities = Array.from({ length: plan.count }, () => severityOf(random));
  // The last few are still open; one in fifty turns out not to be an incident.
  const openFrom = plan.count - Math.max(1, Math.floor(plan.count / 2000));
  const notIncident = (i: number) => i % 50 === 7 && i < openFrom;
  // Postmortems go to resolved P1 and P2 incidents first, then P3, oldest first.
  const withPostmortem = new Set<number>();
  for (const wanted of [["P1", "P2"], ["P3"]]) {
    for (let i = 0; i < openFrom && withPostmortem.size < plan.postmortems; i++)
      if (wanted.includes(severities[i]!) && !notIncident(i)) withPostmortem.add(i);
  }
  if (withPostmortem.size < plan.postmortems)
    throw new Error(`only ${withPostmortem.size} incidents can have a postmortem, ${plan.postmortems} wanted`);

  const logins = roster.people.map((p) => p.login);
  const span = (plan.toMs - plan.fromMs) / plan.count;
  const out: SyntheticIncident[] = [];
  for (let i = 0; i < plan.count; i++) {
    const reportedMs = Math.floor(plan.fromMs + (i + random.next() * 0.9) * span);
    const issue = 7 + 3 * i;
    const severity = severities[i]!;
    const services = random.sample(plan.services, random.chance(0.3) ? 2 : 1);
    const oncall = [...new Set(whoAt(who, reportedMs).map((e) => e.login))];
    if (oncall.length === 0)
      throw new Error(`nobody on call at ${utcIso(reportedMs)}: the schedule does not cover the incident window`);
    const status =
      i >= openFrom
        ? random.pick(["investigating", "identified", "monitoring"] as const)
        : notIncident(i)
          ? "not-incident"
          : "resolved";
    const record = incidentRecord({
      random,
      issue,
      severity,
      services,
      oncall,
      reportedMs,
      status,
      logins,
      postmortem: withPostmortem.has(i),
    });
    out.push({ record, path: `incidents/${record.reportedAt.slice(0, 4)}/INC-${issue}.yaml` });
  }
  return out;
}

interface IncidentFacts {
  random: Random;
  issue: number;
  severity: Severity;
  services: string[];
  oncall: string[];
  reportedMs: number;
  status: IncidentRecord["status"];
  logins: string[];
  postmortem: boolean;
}

function incidentRecord(f: IncidentFacts): IncidentRecord {
  const { random, severity, services, oncall, status } = f;
  const main = services[0]!;
  const w = wordsFor(main);
  const title = `[Incident] ${capital(random.pick(w.titles))}`;
  const reporter = random.pick(f.logins);
  const acker = random.pick(oncall);
  const comms = oncall.find((l) => l !== acker);
  const responders = random.sample(
    f.logins.filter((l) => !oncall.includes(l)),
    random.int(0, severity === "P1" ? 3 : 1),
  );
  const startedMs = f.reportedMs - random.int(3, 120) * MINUTE_MS;
  const ackMs = f.reportedMs + random.int(1, severity <= "P2" ? 25 : 45) * MINUTE_MS;
  const mitigatedMs = ackMs + random.int(10, 180) * MINUTE_MS;
  const resolvedMs = mitigatedMs + random.int(10, 240) * MINUTE_MS;
  const closed = status === "resolved" || status === "not-incident";

  let t = f.reportedMs;
  const step = (max: number): string => utcIso((t = Math.min(t + random.int(1, max) * MINUTE_MS, resolvedMs)));
  const timeline: TimelineEntry[] = [
    {
      at: utcIso(f.reportedMs),
      author: reporter,
      kind: "opened",
      text: `Opened as ${severity} on ${services.join(" and ")}. ${observation(random, main)}`,
    },
  ];
  t = ackMs;
  timeline.push({ at: utcIso(ackMs), author: acker, kind: "ack", text: "Acknowledged." });
  timeline.push({ at: utcIso(ackMs), author: acker, kind: "role", text: `${acker} is Incident Commander.` });
  if (comms)
    timeline.push({ at: utcIso(ackMs), author: acker, kind: "role", text: `${comms} is Communications Officer.` });
  timeline.push({ at: step(3), author: acker, kind: "status", text: "Status set to investigating." });
  const followups: IncidentRecord["followups"] = [];
  if (status !== "not-incident") {
    for (const r of responders)
      timeline.push({ at: step(10), author: acker, kind: "responder", text: `${r} added as responder.` });
    for (let n = 0; n < NOTES[severity]; n++)
      timeline.push({
        at: step(15),
        author: random.pick([acker, ...responders, ...(comms ? [comms] : [])]),
        kind: "note",
        text: observation(random, random.pick(services)),
      });
    if (status !== "investigating")
      timeline.push({ at: step(10), author: acker, kind: "status", text: "Status set to identified." });
    if (status === "resolved" || status === "monitoring") {
      timeline.push({
        at: utcIso((t = mitigatedMs)),
        author: acker,
        kind: "status",
        text: `Status set to mitigated. The team ${random.pick(w.fixes)}.`,
      });
      timeline.push({ at: step(20), author: acker, kind: "status", text: "Status set to monitoring." });
    }
    const count = severity <= "P2" ? random.int(1, 3) : random.int(0, 1);
    for (let k = 0; k < count && closed; k++) {
      const ftitle = `${capital(random.pick(w.fixes))} and alert before customers notice`;
      followups.push({ issue: f.issue + 1 + (k % 2), title: ftitle, closed: random.chance(0.7) });
      timeline.push({
        at: step(10),
        author: acker,
        kind: "followup",
        text: `Follow-up #${f.issue + 1 + (k % 2)}: ${ftitle}.`,
      });
    }
  }
  if (status === "resolved")
    timeline.push({
      at: utcIso(resolvedMs),
      author: acker,
      kind: "resolve",
      text: `Resolved. ${capital(random.pick(w.causes))}; the team ${random.pick(w.fixes)}.`,
    });
  if (status === "not-incident")
    timeline.push({
      at: utcIso(resolvedMs),
      author: acker,
      kind: "not-incident",
      text: "Closed as not an incident: this is an ordinary bug, tracked in the team's backlog.",
    });

  const target = severity <= "P2" ? 10 : 30;
  const deadlineMs = f.reportedMs + target * MINUTE_MS;
  const record: IncidentRecord = {
    id: `INC-${f.issue}`,
    issue: f.issue,
    title,
    status,
    severity,
    services,
    production: !random.chance(0.05),
    ...(closed && {
      summary: `${capital(random.pick(w.causes))}, so ${random.pick(w.symptoms)}. The team ${random.pick(w.fixes)}.`,
    }),
    impact: `${capital(random.pick(w.symptoms))}. ${random.pick(["About a tenth of customers were affected.", "Most customers were affected until the fix.", "Internal teams were blocked; customers saw no change."])}`,
    links: [
      `https://grafana.fernhill.example/d/${w.dashboard}/${main}?from=${startedMs}&to=${resolvedMs}`,
      ...(random.chance(0.5) ? [`https://fernhill.example/support/tickets/${80_000 + f.issue}`] : []),
    ],
    reportedBy: reporter,
    startedAt: utcIso(startedMs),
    reportedAt: utcIso(f.reportedMs),
    acknowledgedAt: utcIso(ackMs),
    acknowledgedBy: acker,
    ...((status === "resolved" || status === "monitoring") && { mitigatedAt: utcIso(mitigatedMs) }),
    ...(closed && { resolvedAt: utcIso(resolvedMs) }),
    roles: { commander: acker, ...(comms && { comms }) },
    oncall,
    responders,
    timeline,
    followups,
    ...(f.postmortem && { postmortem: postmortemPath(f.issue, utcIso(f.reportedMs), title) }),
    slo: {
      tier: target === 10 ? "full" : "partial",
      targetMinutes: target,
      deadline: utcIso(deadlineMs),
      outcome: ackMs <= deadlineMs ? "met" : "breached",
    },
  };
  return record;
}

/** postmortems/<year>/INC-<n>-<slug>.md, the slug taken from the title. */
function postmortemPath(issue: number, reportedAt: string, title: string): string {
  return `postmortems/${reportedAt.slice(0, 4)}/INC-${issue}-${slugOf(title.replace(/^\[Incident\]\s*/, ""))}.md`;
}
