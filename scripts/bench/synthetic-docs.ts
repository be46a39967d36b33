/**
 * Postmortems and playbooks of the synthetic organisation: YAML front matter valid against their
 * schemas plus a Markdown body of realistic length, modelled on postmortems/2026/*.md and
 * playbooks/*.md of the example organisation. Playbooks link only to playbooks that exist.
 */
import { stringify } from "yaml";
import type { IncidentRecord, PlaybookFrontMatter, PostmortemFrontMatter } from "../core/model/generated/types.js";
import type { Random } from "./random.js";
import { capital, observation, wordsFor } from "./synthetic-text.js";

const DAY_MS = 86_400_000;

/** A Markdown file's text and its front matter as data. */
export interface MarkdownDoc {
  text: string;
  frontMatter: object;
}

function markdownFile(frontMatter: object, body: string): MarkdownDoc {
  return { text: `---\n${stringify(frontMatter, { lineWidth: 100 })}---\n\n${body}`, frontMatter };
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The postmortem of `incident` (which names its path). */
export function postmortemDoc(incident: IncidentRecord, random: Random, recentFrom: string): MarkdownDoc {
  const severity = incident.severity ?? "P3";
  const resolved = incident.resolvedAt ?? incident.reportedAt;
  const authors = [
    ...new Set([
      incident.roles.commander ?? incident.reportedBy,
      ...(incident.roles.comms ? [incident.roles.comms] : []),
    ]),
  ];
  const owners = [...authors, ...incident.responders];
  const recent = resolved >= recentFrom;
  const status = recent ? random.pick(["draft", "in-review"] as const) : "final";
  const due = addDays(resolved, 2);
  const w = wordsFor(incident.services[0]!);
  const items = Array.from({ length: random.int(2, 5) }, (_, k) => ({
    title: `${capital(random.pick(w.fixes))}, and add a check so it cannot happen silently again (${k + 1})`,
    owner: random.pick(owners),
    issue: `https://github.com/example-org/oncall/issues/${incident.issue + 1 + (k % 2)}`,
    done: !recent && random.chance(0.8),
  }));
  const fm: PostmortemFrontMatter = {
    incident: incident.id,
    title: incident.title.replace(/^\[Incident\]\s*/, ""),
    severity,
    status,
    authors: authors as [string, ...string[]],
    due,
    ...(status !== "draft" && { review: addDays(resolved, 6) }),
    impact: { start: incident.startedAt ?? incident.reportedAt, end: incident.mitigatedAt ?? resolved },
    detection: random.pick(["alert", "customer", "employee", "engineer"] as const),
    rootCause: random.sample(
      ["code-change", "config-change", "dependency", "capacity", "infrastructure", "third-party"] as const,
      random.int(1, 2),
    ),
    actionItems: items,
  };
  const timeline = incident.timeline
    .filter((e) => e.kind !== "role")
    .map((e) => `- **${e.at.slice(11, 16)}** ${e.text}`)
    .join("\n");
  const body = `# ${incident.id}: ${fm.title}

**Severity:** ${severity} · **Impact:** ${fm.impact!.start} to ${fm.impact!.end} ·
**Incident Commander:** @${incident.roles.commander ?? incident.reportedBy}

This review is blameless. It describes what our systems and our process allowed to happen, not who
should have done better.

## Summary

${incident.summary ?? observation(random, incident.services[0]!)}

${observation(random, incident.services[0]!)}

## Impact

- ${incident.impact ?? capital(random.pick(w.symptoms))}
- ${random.int(40, 4000)} support tickets and ${random.int(2, 90)} social media mentions during the window.
- No data was lost; ${random.pick(["every affected order was completed later", "affected customers were contacted", "the backlog was processed within the hour"])}.

## Timeline (UTC)

${timeline}

## Root cause

${capital(random.pick(w.causes))}. ${observation(random, incident.services[0]!)}

${observation(random, incident.services[incident.services.length - 1]!)}

## What went well

- The alert fired within minutes and the on-call engineers acknowledged quickly.
- Rolling back was a single command and needed no data migration.

## What went wrong

- ${capital(random.pick(w.symptoms))} before any alert fired.
- ${random.pick(["The runbook did not cover this failure.", "Two teams investigated the same lead for twenty minutes.", "The status page was updated late."])}

## Action items

${items.map((i) => `- [${i.done ? "x" : " "}] ${i.title} (@${i.owner}, ${i.issue})`).join("\n")}
`;
  return markdownFile(fm, body);
}

const TOPICS = [
  "errors",
  "latency",
  "outage",
  "backlog",
  "timeouts",
  "memory-pressure",
  "disk-full",
  "certificate-expiry",
  "deploy-rollback",
  "dependency-down",
  "rate-limiting",
  "data-loss",
  "replica-lag",
  "queue-growth",
  "cache-stampede",
  "dns-failure",
];

/** Playbook file names (without .md): `<service>-<topic>`, numbered once the combinations run out. */
export function playbookIds(services: readonly string[], count: number): string[] {
  const ids: string[] = [];
  for (let i = 0; ids.length < count; i++) {
    const service = services[i % services.length]!;
    const topic = TOPICS[Math.floor(i / services.length) % TOPICS.length]!;
    const round = Math.floor(i / (services.length * TOPICS.length));
    ids.push(`${service}-${topic}${round ? `-${round + 1}` : ""}`);
  }
  return ids;
}

/** One playbook; links point at other playbooks of `ids` only. */
export function playbookDoc(
  id: string,
  ids: readonly string[],
  services: readonly string[],
  owners: readonly string[],
  random: Random,
  lastReviewed: string,
): MarkdownDoc {
  const service = services.find((s) => id.startsWith(`${s}-`)) ?? services[0]!;
  const w = wordsFor(service);
  const topic = id
    .slice(service.length + 1)
    .replace(/-\d+$/, "")
    .replace(/-/g, " ");
  const title = `${service}: ${topic}`;
  const fm: PlaybookFrontMatter = {
    title,
    services: [...new Set([service, ...(random.chance(0.3) ? [random.pick(services)] : [])])] as [string, ...string[]],
    owners: random.sample(owners, random.int(1, 2)) as [string, ...string[]],
    lastReviewed,
    tags: [...new Set([topic.split(" ")[0]!, service.split("-")[0]!])],
  };
  const others = ids.filter((o) => o !== id);
  const link = (): string => {
    const target = random.pick(others);
    return `[${target.replace(/-/g, " ")} playbook](${target}.md)`;
  };
  const body = `# ${title}

${capital(random.pick(w.symptoms))}: start here. ${observation(random, service)}

## Symptoms

- ${capital(random.pick(w.symptoms))} for more than three minutes.
- ${capital(random.pick(w.symptoms))}.
- Synthetic checks for the affected pages fail together.

## Dashboards and logs

- Overview: https://grafana.fernhill.example/d/${w.dashboard}/${service}
- Logs: \`service:${service} level:error\`, grouped by \`route\` and \`pod\`.
- Cluster view: \`kubectl -n ${service} get pods -o wide\`

## Diagnosis

1. **Which symptom?** ${observation(random, service)} If an upstream is failing, open its playbook, for
   example the ${link()}.
2. **Recent changes.** \`deployctl history ${service} --limit 5\` and the config history. A change in the
   last hour is the first suspect; see the ${link()} for rolling back.
3. **Capacity.** Compare requests per second with the same time last week. ${capital(random.pick(w.causes))} is a known cause.
4. **Dependencies.** ${observation(random, random.pick(services))}

## Mitigation

- **Bad release:** \`deployctl rollback ${service} --to <previous release>\`.
- **Overload:** scale out by half, then look for the cause.
- **Known cause:** the responders ${random.pick(w.fixes)} last time; see also the ${link()}.

## Escalation

- The owners of this playbook, then the team's manager.
- Vendor support for third-party faults: the contract is in the vault under "${service} - support".
`;
  return markdownFile(fm, body);
}
