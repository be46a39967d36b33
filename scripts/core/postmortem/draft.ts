/**
 * The postmortem draft written when an incident that needs one is resolved (by the incident action, in
 * a pull request, and by `oncall postmortem new`): front matter filled from the incident record, the
 * sections of the template, the timeline in UTC and in the commander's zone, and a placeholder
 * ({@link placeholder}) wherever a person has to write. Pure: the record, policy and calendar in, the
 * file's path and text out.
 */
import type { DateTime } from "luxon";
import { DateTime as LuxonDateTime } from "luxon";
import { stringify } from "yaml";
import type { IncidentRecord, PostmortemFrontMatter } from "../model/generated/types.js";
import type { Organisation, Person, Policy } from "../model/index.js";
import { NO_REGION, withRegionHolidays, type HolidayCalendar } from "../slo/index.js";
import { postmortemDue } from "./due.js";
import { placeholder } from "./placeholders.js";
import { bookReview } from "./reviews.js";

/** A `/followup` issue of the incident, which becomes an action item of the draft. */
interface DraftFollowup {
  issue: number;
  title: string;
  /** The issue's address; without it `issueUrl` of the input builds one, else the item has no link. */
  url?: string;
  /** Who owns it (the issue's first assignee); default: the first author. */
  owner?: string;
}

export interface DraftInput {
  record: IncidentRecord;
  policy: Pick<Policy, "postmortemDueBusinessDays" | "reviews">;
  org: Pick<Organisation, "people" | "rotation">;
  /** The follow-up issues; default: the record's `followups`. */
  followups?: readonly DraftFollowup[];
  /** When the incident was resolved; default: the record's `resolvedAt`. */
  resolvedAt?: DateTime;
  calendar: HolidayCalendar;
  /** Review dates (YYYY-MM-DD) of the postmortems already booked, one per postmortem. */
  booked: readonly string[];
  /** The address of issue `n` of the repository (`https://github.com/o/r/issues/n`), for action items. */
  issueUrl?: (n: number) => string;
}

export interface PostmortemDraft {
  /** `postmortems/<year of the report>/INC-<n>-<slug>.md`. */
  path: string;
  content: string;
  frontMatter: PostmortemFrontMatter;
}

/** Whether the policy asks for a postmortem for this severity (false for an unknown or unset one). */
export function needsPostmortem(policy: Pick<Policy, "severities">, severity: string | null | undefined): boolean {
  return policy.severities.some((s) => s.id === severity && s.postmortem);
}

/** The title of the incident without the form's `[Incident]` prefix. */
function incidentTitle(record: Pick<IncidentRecord, "title">): string {
  return record.title.replace(/^\s*\[incident\]\s*/i, "").trim() || record.title;
}

/** A file-name slug of a title: lower-case ASCII words joined by dashes, at most 40 characters. */
function postmortemSlug(title: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = "";
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > 40) break;
    slug = next;
  }
  return slug || words[0]?.slice(0, 40) || "incident";
}

/** The draft's path for a record: the year the incident was reported, as its record's folder. */
function postmortemPath(record: Pick<IncidentRecord, "id" | "reportedAt" | "title">): string {
  return `postmortems/${record.reportedAt.slice(0, 4)}/${record.id}-${postmortemSlug(incidentTitle(record))}.md`;
}

/** Commander and Communications Officer; failing those, whoever acknowledged, was on call or reported. */
function authorsOf(record: IncidentRecord): string[] {
  const roles = [record.roles.commander, record.roles.comms].filter((l): l is string => !!l && l !== "ghost");
  const fallback = [record.acknowledgedBy, ...record.oncall, record.reportedBy].filter(
    (l): l is string => !!l && l !== "ghost",
  );
  const authors = [...new Set(roles.length ? roles : fallback.slice(0, 1))];
  return authors.length ? authors : [record.reportedBy];
}

/** How the problem was noticed, guessed from who opened the issue (the draft asks to confirm it). */
function detectionOf(record: IncidentRecord, people: readonly Person[]): PostmortemFrontMatter["detection"] {
  if (/(^github-actions$|bot$)/i.test(record.reportedBy)) return "alert";
  return people.some((p) => p.login === record.reportedBy) ? "engineer" : "employee";
}

/** Text from the incident (untrusted) made safe inside a table cell or paragraph. */
function cell(text: string): string {
  return text
    .replace(/\r?\n+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .trim();
}

function paragraph(text: string): string {
  return cell(text);
}

const UTC_FORMAT = "yyyy-MM-dd HH:mm";

/** Builds the draft. The caller checks {@link needsPostmortem} and that no postmortem exists yet. */
export function draftPostmortem(input: DraftInput): PostmortemDraft {
  const { record, policy, org } = input;
  const authors = authorsOf(record);
  const first = org.people.find((p) => p.login === authors[0]);
  const calendar = withRegionHolidays(input.calendar, org.rotation.regionHolidays);
  const resolvedAt =
    input.resolvedAt ?? LuxonDateTime.fromISO(record.resolvedAt ?? record.reportedAt, { setZone: true }).toUTC();
  const due = postmortemDue(
    resolvedAt,
    first ?? { timezone: org.rotation.timezone, region: NO_REGION },
    calendar,
    org.rotation.orgHolidays,
    policy.postmortemDueBusinessDays,
    org.rotation.holidayPeriod,
  );
  const review = policy.reviews ? bookReview(policy.reviews, due, input.booked) : undefined;
  const title = incidentTitle(record);
  const start = record.startedAt ?? record.reportedAt;
  const endCandidate =
    record.mitigatedAt ?? record.resolvedAt ?? resolvedAt.toUTC().toISO({ suppressMilliseconds: true })!;
  const end = Date.parse(endCandidate) < Date.parse(start) ? start : endCandidate;
  // Who asked for each follow-up (the author of its /followup timeline entry) owns it, when on the roster.
  const askedBy = new Map<number, string>();
  for (const e of record.timeline) {
    const n = e.kind === "followup" ? /#(\d+)/.exec(e.text)?.[1] : undefined;
    if (n && org.people.some((p) => p.login === e.author)) askedBy.set(Number(n), e.author);
  }
  const followups: readonly DraftFollowup[] =
    input.followups ??
    record.followups.map((f) => ({
      issue: f.issue,
      title: f.title,
      ...(askedBy.has(f.issue) && { owner: askedBy.get(f.issue)! }),
    }));
  const actionItems = followups.map((f) => {
    const url = f.url ?? input.issueUrl?.(f.issue);
    const title = f.title.trim() || `Follow-up #${f.issue}`;
    return { title, owner: f.owner ?? authors[0]!, ...(url && { issue: url }) };
  });
  const frontMatter: PostmortemFrontMatter = {
    incident: record.id,
    title: title.length > 200 ? `${title.slice(0, 197)}...` : title,
    severity: record.severity ?? "P1",
    status: "draft",
    authors: authors as [string, ...string[]],
    due,
    ...(review && { review }),
    impact: { start, end },
    detection: detectionOf(record, org.people),
    services: [...record.services],
    rootCause: [],
    actionItems,
  };
  const commander = record.roles.commander ?? authors[0]!;
  const zone = org.people.find((p) => p.login === commander)?.timezone ?? org.rotation.timezone;
  const body = draftBody({ record, frontMatter, followups, actionItems, zone, commander, resolvedAt });
  const yaml = stringify(frontMatter, { lineWidth: 0 });
  return { path: postmortemPath(record), content: `---\n${yaml}---\n\n${body}`, frontMatter };
}

interface BodyParts {
  record: IncidentRecord;
  frontMatter: PostmortemFrontMatter;
  followups: readonly DraftFollowup[];
  actionItems: NonNullable<PostmortemFrontMatter["actionItems"]>;
  zone: string;
  commander: string;
  resolvedAt: DateTime;
}

function draftBody(p: BodyParts): string {
  const { record, frontMatter: fm, zone } = p;
  const utc = (iso: string) => LuxonDateTime.fromISO(iso, { setZone: true }).toUTC();
  const local = (iso: string) => utc(iso).setZone(zone).toFormat(UTC_FORMAT);
  const minutes = Math.round((Date.parse(fm.impact!.end) - Date.parse(fm.impact!.start)) / 60_000);
  const roles = [
    `**Severity:** ${fm.severity}`,
    `**Incident Commander:** ${record.roles.commander ? `@${record.roles.commander}` : "none named"}`,
    `**Communications:** ${record.roles.comms ? `@${record.roles.comms}` : "none named"}`,
    ...(record.responders.length ? [`**Responders:** ${record.responders.map((r) => `@${r}`).join(", ")}`] : []),
  ].join(" · ");
  const lines: string[] = [];
  const section = (heading: string, ...content: string[]) => lines.push(`## ${heading}`, "", ...content, "");
  lines.push(`# ${fm.incident}: ${cell(fm.title)}`, "");
  lines.push(
    `> **Draft.** Due ${fm.due}; ` +
      (fm.review ? `review meeting on ${fm.review}.` : "the review meeting is not booked yet.") +
      " It stays a draft until the review. Comments welcome on the pull request.",
    "",
  );
  lines.push(roles, "");
  lines.push(
    "This review is blameless: it asks what in our systems and process let this happen, not who is to blame.",
    "",
  );
  section(
    "Summary",
    ...(record.summary ? [paragraph(record.summary), ""] : []),
    placeholder(
      record.summary
        ? "check the summary from /resolve: what happened, to whom, and why, in two or three sentences"
        : "what happened, to whom, and why, in two or three sentences",
    ),
  );
  section(
    "Impact",
    `Impact window: ${utc(fm.impact!.start).toFormat(UTC_FORMAT)} to ${utc(fm.impact!.end).toFormat(UTC_FORMAT)} UTC ` +
      `(${minutes} minutes; from the start of the problem to its mitigation).`,
    "",
    ...(record.impact ? [`As reported: ${paragraph(record.impact)}`, ""] : []),
    placeholder("who was affected and how many, what they saw, what it cost; correct the window in the front matter"),
  );
  const rows = record.timeline.map(
    (e) => `| ${utc(e.at).toFormat(UTC_FORMAT)} | ${local(e.at)} | @${e.author} | ${cell(e.text) || e.kind || ""} |`,
  );
  section(
    "Timeline",
    `Times in UTC and in the commander's zone (@${p.commander}, ${zone}). Add entries learnt after the fact.`,
    "",
    `| UTC | ${zone} | Who | What |`,
    "| --- | --- | --- | --- |",
    ...rows,
    "",
    placeholder("add what happened before the report and between the entries (deploys, alerts, decisions)"),
  );
  section(
    "Root causes",
    placeholder("the conditions that made this possible; list their categories under rootCause in the front matter"),
  );
  section("Trigger", placeholder("the change or event that set it off"));
  section(
    "Detection",
    `Reported by @${record.reportedBy} at ${utc(record.reportedAt).toFormat(UTC_FORMAT)} UTC` +
      (record.acknowledgedAt ? `; acknowledged at ${utc(record.acknowledgedAt).toFormat(UTC_FORMAT)} UTC.` : "."),
    "",
    placeholder(`how was it noticed, and could it have been sooner? detection is "${fm.detection}": correct it`),
  );
  section(
    "Resolution",
    ...(record.mitigatedAt ? [`Mitigated at ${utc(record.mitigatedAt).toFormat(UTC_FORMAT)} UTC.`] : []),
    `Resolved at ${p.resolvedAt.toUTC().toFormat(UTC_FORMAT)} UTC.`,
    "",
    placeholder("what stopped the impact, and what fixed it for good"),
  );
  section("What went well", placeholder("what helped: tools, playbooks, people, luck excluded"));
  section("What went wrong", placeholder("what slowed the response or made it worse"));
  section("Where we got lucky", placeholder("what could have made this much worse, and did not"));
  section(
    "Action items",
    ...p.actionItems.map((a) => `- ${a.issue ? `[${cell(a.title)}](${a.issue})` : cell(a.title)} (owner @${a.owner})`),
    ...(p.actionItems.length ? [""] : []),
    placeholder(
      "what will be done so it does not happen again; keep actionItems in the front matter in step " +
        "(each needs an owner and an issue before the postmortem is final)",
    ),
  );
  section("Lessons", placeholder("what others can learn from this; which playbooks to update"));
  return lines.join("\n").replace(/\n+$/, "\n");
}
