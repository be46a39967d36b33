/**
 * The one bot comment on an incident issue, re-rendered from the state after every change: severity
 * and what it means, status, roles, who is on call, the acknowledgement deadline, playbooks for the
 * affected services, the raise / address / resolve checklist, the commands and the timeline. The state
 * itself rides along at the end as a hidden block (incident-marker.ts); the adapter appends the
 * comment's own marker (key `incident`) after it.
 *
 * Logins the bot knows (the roster, roles, validated command arguments) are mentioned on purpose; any
 * text people typed goes through incident-safe-text.ts. No line starts with `/`, so the bot's own
 * comment can never be read as commands.
 */
import { DateTime } from "luxon";
import { capList, capText } from "./bounds.js";
import { COMMAND_USAGE, type CommandName } from "./commands.js";
import { serializeStateMarker } from "./marker.js";
import type { IncidentDeadline } from "./record.js";
import { safeBlock, safeInline } from "../model/index.js";
import { isClosedStatus, type IncidentState, type TimelineEntry } from "./state.js";
import type { Policy } from "../model/index.js";

/** GitHub rejects comments over 65,536 characters; stay clear of it. */
const COMMENT_LIMIT = 60_000;

/** A playbook as the comment needs it. */
export interface PlaybookRef {
  /** Repository path, `playbooks/checkout-payments.md`. */
  path: string;
  title: string;
  services: readonly string[];
}

export interface IncidentCommentInput {
  state: IncidentState;
  policy: Pick<Policy, "severities">;
  /** People on call now, with their layer. */
  oncallNow: readonly { login: string; layer: string }[];
  /** The acknowledgement deadline (computed by slo-deadline.ts); omitted when not known. */
  deadline?: IncidentDeadline | null;
  playbooks: readonly PlaybookRef[];
  /** `https://github.com/owner/repo`; without it playbook links are relative to the issue page. */
  repoUrl?: string;
  /** Repository path of the incident's postmortem on the default branch, when there is one. */
  postmortemPath?: string;
  /** Extra notes shown near the top (a state that had to be rebuilt, for instance). Untrusted-safe. */
  notes?: readonly string[];
}

const COMMAND_HELP: Readonly<Record<CommandName, string>> = {
  ack: "acknowledge: you are on it (the first on-call engineer to do so becomes Incident Commander)",
  confirm:
    "confirm a report awaiting triage as an incident: the on-call engineers are assigned and the acknowledgement clock starts",
  commander: "hand the Incident Commander role to someone",
  comms: "name the Communications Officer",
  severity: "change the severity",
  status: "move the incident along",
  timeline: "add a note to the timeline, optionally back-dated to a UTC time",
  responder: "pull someone in: they are assigned and notified",
  followup: "open a linked follow-up issue",
  resolve: "resolve and close the incident, with a short summary",
  "not-incident": "close the report kindly as an ordinary bug, with the reason",
  sync: "write the incident record now",
};

/** The Markdown of the bot comment, hidden markers included. */
export function renderIncidentComment(input: IncidentCommentInput): string {
  const marker = serializeStateMarker(input.state);
  const head = [...summary(input), ...playbooks(input), ...afterResolution(input), ...checklist(input), ...commands()];
  let timeline = input.state.timeline;
  // Keep the newest entries visible when a long incident would exceed GitHub's size limit.
  for (;;) {
    const visible = [...head, ...timelineSection(timeline, input.state.timeline.length - timeline.length)].join("\n");
    const text = `${visible}\n\n${marker}`;
    if (text.length <= COMMENT_LIMIT) return text;
    // Nothing left to trim but still too long (hostile text): cut the visible part, never the state.
    if (timeline.length === 0)
      return `${capText(visible, Math.max(0, COMMENT_LIMIT - marker.length - 2))}\n\n${marker}`;
    timeline = timeline.slice(Math.ceil(timeline.length / 4));
  }
}

function summary({ state, policy, oncallNow, deadline, notes }: IncidentCommentInput): string[] {
  const level = policy.severities.find((s) => s.id === state.severity);
  const open = !isClosedStatus(state.status);
  const lines = [
    `## Incident INC-${state.issue}: ${level ? `${level.id} ${level.name}` : "severity not set"}, ${statusWords(state)}`,
    "",
  ];
  for (const note of notes ?? []) lines.push(`> [!NOTE]\n> ${safeInline(note, 1000)}`, "");
  if (state.status === "triage") lines.push(...triageNote(state), "");
  lines.push("| | |", "| --- | --- |");
  lines.push(
    `| **Severity** | ${level ? `**${level.id} ${level.name}**: ${safeInline(level.description)}` : "Not set yet: the reporter was not sure. Set it with `/severity P1..P5`; when in doubt, choose the more severe level."} |`,
  );
  lines.push(
    `| **Status** | ${state.status === "triage" ? "triage: awaiting `/confirm` or `/not-incident`" : state.status} |`,
  );
  if (state.confirmedAt)
    lines.push(
      `| **Confirmed** | by ${safeInline(state.confirmedBy ?? "someone", 60)} at ${when(state.confirmedAt)} (reported ${when(state.reportedAt)}) |`,
    );
  lines.push(
    `| **Incident Commander** | ${state.commander ? `@${state.commander}` : "nobody yet: the first on-call engineer to acknowledge takes the role"} |`,
  );
  lines.push(
    `| **Communications Officer** | ${state.comms ? `@${state.comms}` : "nobody yet: the other on-call engineer takes the role"} |`,
  );
  lines.push(
    `| **On call now** | ${oncallNow.length ? oncallNow.map((p) => `@${p.login} (${p.layer})`).join(", ") : "nobody found in the schedule"} |`,
  );
  if (state.responders.length)
    lines.push(
      `| **Responders** | ${capList(
        state.responders.map((l) => `@${l}`),
        30,
      ).join(", ")} |`,
    );
  lines.push(
    `| **Services** | ${state.services.length ? state.services.join(", ") : "none named (edit the report to add them)"} |`,
  );
  lines.push(`| **Production** | ${state.production ? "yes" : "no, a non-production environment"} |`);
  const ack = ackLine(state, deadline);
  if (ack) lines.push(`| **Acknowledgement** | ${ack} |`);
  if (open && level?.statusUpdateMinutes)
    lines.push(
      `| **Status updates** | due at least every ${duration(level.statusUpdateMinutes)} while the incident is open (\`/timeline\`) |`,
    );
  if (state.summary) lines.push(`| **Summary** | ${safeInline(state.summary)} |`);
  lines.push("");
  if (open && level?.companyComms) {
    lines.push(
      `> [!IMPORTANT]\n> ${level.id} incidents are announced company-wide. ${state.comms ? `@${state.comms}, as` : "As"} Communications Officer, please tell the company what is affected and keep the update current${level.statusUpdateMinutes ? ` (every ${duration(level.statusUpdateMinutes)})` : ""}.`,
      "",
    );
  }
  return lines;
}

function statusWords(state: IncidentState): string {
  return state.status === "not-incident" ? "closed as not an incident" : state.status;
}

/**
 * The one mention of the on-call people for a report awaiting triage (GitHub notifies a mention when
 * the comment is created, not when it is edited, so re-rendering does not ping them again).
 */
function triageNote(state: IncidentState): string[] {
  const who = state.oncall.length ? state.oncall.map((l) => `@${l}`).join(", ") : "On-call engineers";
  const why = state.triageReason ? ` ${safeInline(state.triageReason, 300)}` : "";
  return [
    "> [!WARNING]",
    `> This report awaits triage.${why} Nobody is assigned and the acknowledgement SLO has not started.`,
    `> ${who}: please look, then confirm it as an incident with \`/confirm\` or close it with \`/not-incident reason\`.`,
  ];
}

function ackLine(state: IncidentState, deadline: IncidentDeadline | null | undefined): string | null {
  if (state.status === "triage") return "not started: the report awaits triage, and the clock starts at `/confirm`";
  const due = deadline?.deadline
    ? `${when(deadline.deadline)}${deadline.targetMinutes ? ` (${deadline.tier} support, ${deadline.targetMinutes} min)` : ""}`
    : null;
  if (state.acknowledgedAt) {
    const late = due && deadline?.deadline && Date.parse(state.acknowledgedAt) > deadline.deadline.toMillis();
    return `acknowledged by ${state.acknowledgedBy ?? "someone"} at ${when(state.acknowledgedAt)}${due ? `; deadline was ${due}${late ? ", missed" : ", met"}` : ""}`;
  }
  if (isClosedStatus(state.status)) return null;
  if (due) return `**due by ${due}**: an on-call engineer acknowledges with \`/ack\``;
  if (deadline) return "no target: everyone on call is outside support hours; acknowledge with `/ack` when you can";
  return null;
}

/** Where links to files on the default branch start. */
function blobBase(repoUrl: string | undefined): string {
  return repoUrl ? `${repoUrl.replace(/\/+$/, "")}/blob/HEAD/` : "../blob/HEAD/";
}

function matchingPlaybooks(state: IncidentState, playbooks: readonly PlaybookRef[]): PlaybookRef[] {
  return playbooks
    .filter((p) => p.services.some((s) => state.services.includes(s)))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Once resolved: asks the people who handled the incident to put what helped into the playbooks of
 * its services, linking each (or to write one when none covers them).
 */
export function afterResolution({
  state,
  playbooks,
  repoUrl,
}: Pick<IncidentCommentInput, "state" | "playbooks" | "repoUrl">): string[] {
  if (state.status !== "resolved") return [];
  const base = blobBase(repoUrl);
  const people = [...new Set([state.commander, state.comms, ...state.responders].filter((l): l is string => !!l))];
  const who = people.length
    ? `${capList(
        people.map((l) => `@${l}`),
        30,
      ).join(", ")}: please`
    : "Please";
  const matching = matchingPlaybooks(state, playbooks);
  const lines = ["### After the incident", ""];
  if (matching.length === 0) {
    lines.push(
      `${who} write down what helped as a playbook for ${state.services.length ? state.services.join(", ") : "the affected services"} in [playbooks](${base.replace("/blob/", "/tree/")}playbooks).`,
    );
  } else {
    lines.push(`${who} update the playbooks of the affected services with the procedures that helped:`, "");
    for (const p of matching) lines.push(`- [${linkText(p.title)}](${base}${encodeURI(p.path)})`);
  }
  lines.push("");
  return lines;
}

function linkText(title: string): string {
  return safeInline(title, 200).replace(/[[\]]/g, "");
}

function playbooks({ state, playbooks, repoUrl }: IncidentCommentInput): string[] {
  const base = blobBase(repoUrl);
  const matching = matchingPlaybooks(state, playbooks);
  const lines = ["### Playbooks", ""];
  if (matching.length === 0)
    lines.push(
      `No playbook covers ${state.services.length ? "these services" : "this incident yet"}; see [all playbooks](${base.replace("/blob/", "/tree/")}playbooks).`,
    );
  for (const p of matching) {
    const services = p.services.filter((s) => state.services.includes(s)).join(", ");
    lines.push(`- [${linkText(p.title)}](${base}${encodeURI(p.path)}) (${services})`);
  }
  lines.push("");
  return lines;
}

function checklist({ state, policy, postmortemPath, repoUrl }: IncidentCommentInput): string[] {
  const level = policy.severities.find((s) => s.id === state.severity);
  const reached = (status: string) =>
    state.timeline.some((e) => e.kind === "status" && e.text.includes(status)) || state.status === status;
  const box = (done: boolean, text: string) => `- [${done ? "x" : " "}] ${text}`;
  const closed = isClosedStatus(state.status);
  const lines = ["### Checklist", "", "**Raise**", ""];
  lines.push(box(true, "Report received and labelled"));
  if (state.triageReason) lines.push(box(Boolean(state.confirmedAt), "Confirmed as an incident (`/confirm`)"));
  lines.push(box(state.oncall.length > 0 && state.status !== "triage", "On-call engineers assigned and notified"));
  lines.push(box(Boolean(state.acknowledgedAt), "Acknowledged by an on-call engineer (`/ack`)"));
  lines.push(box(state.severity !== null, "Severity set (`/severity`)"));
  lines.push("", "**Address**", "");
  lines.push(box(Boolean(state.commander), "Incident Commander in charge (`/commander`)"));
  lines.push(box(Boolean(state.comms), "Communications Officer named (`/comms`)"));
  lines.push(
    box(
      state.timeline.some((e) => e.kind === "note"),
      "Findings and updates on the timeline (`/timeline`)",
    ),
  );
  lines.push(
    box(reached("identified") || Boolean(state.mitigatedAt) || closed, "Cause identified (`/status identified`)"),
  );
  lines.push(box(Boolean(state.mitigatedAt) || closed, "Impact mitigated (`/status mitigated`)"));
  lines.push("", "**Resolve**", "");
  lines.push(box(state.followups.length > 0, "Follow-up work tracked (`/followup`)"));
  lines.push(box(closed, "Resolved with a summary (`/resolve`)"));
  const postmortem = postmortemLine(state, level, postmortemPath, repoUrl);
  if (postmortem) lines.push(box(postmortem.done, postmortem.text));
  lines.push("");
  return lines;
}

/**
 * The postmortem's checklist line, saying only what has happened: the file on the default branch,
 * the pull request that adds the draft, or why it could not be opened; before resolution, that the
 * severity needs one and that resolving opens the draft.
 */
function postmortemLine(
  state: IncidentState,
  level: Policy["severities"][number] | undefined,
  path: string | undefined,
  repoUrl: string | undefined,
): { done: boolean; text: string } | null {
  if (path) return { done: true, text: `Postmortem: [${path}](${blobBase(repoUrl)}${encodeURI(path)})` };
  if (!level?.postmortem || state.status === "not-incident") return null;
  const pm = state.postmortem;
  if (pm?.pull)
    return {
      done: false,
      text: `Postmortem required for ${level.id}: the draft \`${pm.path}\` is in pull request #${pm.pull}; complete it before its review`,
    };
  if (pm?.problem)
    return {
      done: false,
      text: `Postmortem required for ${level.id}: the draft pull request could not be opened (${safeInline(pm.problem, 300)}); \`/sync\` tries again`,
    };
  if (state.status === "resolved")
    return { done: false, text: `Postmortem required for ${level.id}: no draft pull request has been opened yet` };
  return {
    done: false,
    text: `Postmortem required for ${level.id}: resolving the incident opens a pull request with a prefilled draft`,
  };
}

function commands(): string[] {
  const rows = (Object.keys(COMMAND_USAGE) as CommandName[]).map(
    (name) => `| \`${COMMAND_USAGE[name].replace(/\|/g, "\\|")}\` | ${COMMAND_HELP[name]} |`,
  );
  return [
    "<details><summary>Commands (one per line in a comment)</summary>",
    "",
    "| command | what it does |",
    "| --- | --- |",
    ...rows,
    "",
    "</details>",
    "",
  ];
}

function timelineSection(entries: readonly TimelineEntry[], hidden: number): string[] {
  const lines = ["### Timeline", ""];
  if (hidden > 0)
    lines.push(`_${hidden} earlier entries are not shown here; they are kept in the incident record._`, "");
  for (const e of entries) lines.push(`- ${when(e.at)} · ${safeInline(e.author, 60)} · ${safeInline(e.text, 2000)}`);
  if (entries.length === 0) lines.push("_Nothing yet._");
  return lines;
}

/** `2026-09-26 13:20 UTC` for an ISO instant or a DateTime. */
export function when(at: string | DateTime): string {
  const instant = typeof at === "string" ? DateTime.fromISO(at, { zone: "utc" }) : at.toUTC();
  return instant.isValid ? instant.toUTC().toFormat("yyyy-LL-dd HH:mm 'UTC'") : safeBlock(String(at));
}

function duration(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? "day" : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? "hour" : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}
