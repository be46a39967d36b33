/**
 * Reads the body of an issue raised with the incident form (.github/ISSUE_TEMPLATE/incident.yml).
 *
 * GitHub renders a submitted form as `### <label>` sections, with `_No response_` (text fields) or
 * `None` (dropdowns) for empty answers. @github/issue-parser splits the sections; matching them to
 * fields is done here, leniently, because reporters edit their issue: headings are compared without
 * case or punctuation, and a heading that is no field (`### Logs` typed inside an answer) stays part of
 * the answer before it. Nothing is ever rejected: whatever is known is kept, and every missing or
 * unreadable answer is named in `problems`, in plain words, for a helpful comment.
 */
import { parseIssue } from "@github/issue-parser";
import { DateTime } from "luxon";
import type { Severity } from "./commands.js";
import { safeCode } from "../model/index.js";
import type { Policy } from "../model/index.js";

/** One field of the form: its id in incident.yml, the heading GitHub renders, and other names accepted. */
export interface FormField {
  id: "what" | "who" | "severity" | "services" | "production" | "started" | "links";
  label: string;
  aliases: readonly string[];
}

/** The fields of incident.yml, in form order (a test keeps this in step with the template). */
export const INCIDENT_FORM_FIELDS: readonly FormField[] = [
  { id: "what", label: "What is broken?", aliases: ["what", "whats broken", "description", "problem"] },
  { id: "who", label: "Who is affected?", aliases: ["who", "impact", "affected users"] },
  { id: "severity", label: "Severity", aliases: ["priority"] },
  { id: "services", label: "Affected services", aliases: ["services", "service", "affected service"] },
  {
    id: "production",
    label: "Is production affected?",
    aliases: ["production", "in production", "production affected"],
  },
  { id: "started", label: "When did it start?", aliases: ["started", "started at", "start", "start time", "when"] },
  { id: "links", label: "Links", aliases: ["link", "references"] },
];

/** What the reporter told us. Absent answers are null (or empty lists). */
export interface IncidentReport {
  what: string | null;
  who: string | null;
  /** Null for "Not sure", or when the answer was missing or unreadable. */
  severity: Severity | null;
  /** Catalogue services only; unknown names are reported in problems and left out. */
  services: string[];
  /** Null when not answered; callers treat that as production, the safer guess. */
  production: boolean | null;
  /** In UTC. */
  startedAt: DateTime | null;
  /** The start time as typed, when it could not be read as a time. */
  startedText: string | null;
  links: string[];
}

export interface ParsedIncidentForm {
  report: IncidentReport;
  problems: string[];
}

export interface IncidentFormOptions {
  policy: Pick<Policy, "severities" | "services">;
  /** When the issue was opened: "HH:MM UTC" means that day, and a start cannot be later. */
  reportedAt: DateTime;
}

const EMPTY_ANSWERS = new Set(["", "_no response_", "none", "n/a", "-"]);

/** Parses an issue body written with the incident form; see the module comment. */
export function parseIncidentForm(body: string | null | undefined, options: IncidentFormOptions): ParsedIncidentForm {
  const text = (body ?? "").replace(/\r\n?/g, "\n");
  const answers = sectionAnswers(text);
  const problems: string[] = [];
  const report: IncidentReport = {
    what: null,
    who: null,
    severity: null,
    services: [],
    production: null,
    startedAt: null,
    startedText: null,
    links: [],
  };

  if (answers.size === 0) {
    // Not written with the form (opened through the API, or the form was deleted): keep the text.
    report.what = text.trim() || null;
    problems.push(
      "The report does not follow the incident form, so severity, services and the start time are unknown. Please edit the issue or tell the on-call engineers in a comment.",
    );
    return { report, problems };
  }

  report.what = answers.get("what") ?? null;
  if (!report.what)
    problems.push("**What is broken?** is empty: please describe what you see and what you expected instead.");
  report.who = answers.get("who") ?? null;
  if (!report.who)
    problems.push(
      "**Who is affected?** is empty: please say who is affected (customers, staff, a country, an app) and roughly how many.",
    );

  readSeverity(answers.get("severity"), options.policy, report, problems);
  readServices(answers.get("services"), options.policy, report, problems);
  readProduction(answers.get("production"), report, problems);
  readStarted(answers.get("started"), options.reportedAt, report, problems);
  readLinks(answers.get("links"), report, problems);
  return { report, problems };
}

/** Field id to answer, empty answers dropped; unknown headings are folded into the answer above. */
function sectionAnswers(body: string): Map<FormField["id"], string> {
  const answers = new Map<FormField["id"], string>();
  let current: FormField["id"] | null = null;
  for (const [heading, value] of Object.entries(parseIssue(body))) {
    const field = fieldFor(heading);
    const answer = typeof value === "string" ? value : "";
    if (field) {
      current = field.id;
      if (!EMPTY_ANSWERS.has(answer.trim().toLowerCase())) answers.set(field.id, answer.trim());
    } else if (current === "what" || current === "who" || current === "links") {
      answers.set(current, [answers.get(current), `### ${heading}\n\n${answer}`].filter(Boolean).join("\n\n"));
    }
  }
  return answers;
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function fieldFor(heading: string): FormField | undefined {
  const key = normalize(heading);
  return INCIDENT_FORM_FIELDS.find((f) => normalize(f.label) === key || f.id === key || f.aliases.includes(key));
}

function readSeverity(
  answer: string | undefined,
  policy: IncidentFormOptions["policy"],
  report: IncidentReport,
  problems: string[],
): void {
  if (answer === undefined) {
    problems.push(
      "**Severity** is missing, so it is treated as not sure. The on-call engineers will set it with `/severity`.",
    );
    return;
  }
  if (/^not sure\b/i.test(answer)) return;
  const level = /^\s*P\s*([1-5])\b/i.exec(answer);
  const byName = policy.severities.find((s) => normalize(s.name) === normalize(answer.split(/[:\n]/)[0] ?? ""));
  if (level) report.severity = `P${level[1]}` as Severity;
  else if (byName) report.severity = byName.id;
  else problems.push(`**Severity**: \`${inline(answer)}\` is not one of P1 to P5, so it is treated as not sure.`);
}

function readServices(
  answer: string | undefined,
  policy: IncidentFormOptions["policy"],
  report: IncidentReport,
  problems: string[],
): void {
  if (answer === undefined) return;
  const known = new Set(policy.services.map((s) => s.name));
  const unknown = new Set<string>();
  for (const raw of answer.split(/[,\n]/)) {
    const name = raw
      .replace(/[`*]/g, "")
      .replace(/^\s*[-*]\s+/, "")
      .trim()
      .toLowerCase();
    if (!name || EMPTY_ANSWERS.has(name)) continue;
    if (known.has(name)) {
      if (!report.services.includes(name)) report.services.push(name);
    } else unknown.add(name);
  }
  if (unknown.size > 0) {
    // Deduplicated above and cut here: a pasted list of thousands of names must not flood the reply.
    const shown = [...unknown].slice(0, 10).map((n) => `\`${inline(n)}\``);
    const names = shown.join(", ") + (unknown.size > 10 ? ` and ${unknown.size - 10} more` : "");
    const one = unknown.size === 1;
    problems.push(
      `**Affected services**: ${names} ${one ? "is" : "are"} not in the service catalogue (${[...known].join(", ")}) and ${one ? "was" : "were"} left out.`,
    );
  }
}

function readProduction(answer: string | undefined, report: IncidentReport, problems: string[]): void {
  const value = answer?.trim().toLowerCase();
  if (value && /^(yes|y|true|prod|production)\b/.test(value)) report.production = true;
  else if (value && /^(no|n|false)\b/.test(value)) report.production = false;
  else
    problems.push(
      `**Is production affected?** ${answer === undefined ? "was not answered" : `\`${inline(answer)}\` is neither Yes nor No`}, so production is assumed.`,
    );
}

function readStarted(
  answer: string | undefined,
  reportedAt: DateTime,
  report: IncidentReport,
  problems: string[],
): void {
  if (answer === undefined) return;
  const startedAt = parseStartTime(answer, reportedAt);
  if (!startedAt) {
    report.startedText = answer;
    problems.push(
      `**When did it start?**: \`${inline(answer)}\` is not a time I can read. Use ISO 8601 (2026-10-22T15:20:00Z), \`YYYY-MM-DD HH:MM\` (UTC) or \`HH:MM UTC\` for today.`,
    );
  } else if (startedAt > reportedAt.plus({ minutes: 5 })) {
    report.startedText = answer;
    problems.push(
      `**When did it start?**: \`${inline(answer)}\` is after the issue was opened; please check the date and time zone.`,
    );
  } else report.startedAt = startedAt;
}

/**
 * A start time as accepted by the form: ISO 8601 (an instant without offset is UTC), `YYYY-MM-DD HH:MM`
 * in UTC, or `HH:MM [UTC]` on the report's UTC day (the day before when that would be after the report).
 * Returns the instant in UTC, or null when the text is none of these.
 */
export function parseStartTime(text: string, reportedAt: DateTime): DateTime | null {
  const value = text.trim().replace(/\s+/g, " ");
  const clock = /^(\d{1,2}):(\d{2})(?: ?(?:UTC|GMT|Z))?$/i.exec(value);
  if (clock) {
    const [hour, minute] = [Number(clock[1]), Number(clock[2])];
    if (hour > 23 || minute > 59) return null;
    const reported = reportedAt.toUTC();
    const sameDay = reported.set({ hour, minute, second: 0, millisecond: 0 });
    return sameDay > reported ? sameDay.minus({ days: 1 }) : sameDay;
  }
  const spaced = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2})(:\d{2}(?::\d{2})?)(?: ?(?:UTC|GMT|Z))?$/i.exec(value);
  const iso = spaced ? `${spaced[1]}T${(spaced[2] ?? "").padStart(2, "0")}${spaced[3] ?? ""}Z` : value;
  const parsed = DateTime.fromISO(iso, { zone: "utc", setZone: true });
  // A bare date is too vague to be a start time.
  if (!parsed.isValid || !/T|\d:\d/.test(iso)) return null;
  return parsed.toUTC();
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"'`]+/g;

function readLinks(answer: string | undefined, report: IncidentReport, problems: string[]): void {
  if (answer === undefined) return;
  const notLinks: string[] = [];
  for (const line of answer.split("\n")) {
    if (!line.trim() || line.startsWith("### ")) continue;
    const found = line.match(URL_IN_TEXT) ?? [];
    const urls = found.map(trimUrl).filter(isWebUrl);
    if (urls.length === 0) notLinks.push(line.trim());
    for (const url of urls) if (!report.links.includes(url)) report.links.push(url);
  }
  if (notLinks.length > 0) {
    const shown = notLinks
      .slice(0, 3)
      .map((l) => `\`${inline(l)}\``)
      .join(", ");
    problems.push(
      `**Links**: ${shown}${notLinks.length > 3 ? " and more" : ""} ${notLinks.length === 1 ? "is not a web address" : "are not web addresses"} (starting with https://), so ${notLinks.length === 1 ? "it was" : "they were"} not recorded as links.`,
    );
  }
}

/**
 * Drops punctuation that ends a sentence or a Markdown link rather than the URL: a closing bracket goes
 * while the URL has more closing than opening brackets. One pass over the text, so a URL followed by
 * thousands of `)` costs no more than its length (issue 10 item 13 found the old recount quadratic).
 */
function trimUrl(url: string): string {
  const ends = (chars: string, at: number) => at > 0 && chars.includes(url[at - 1]!);
  let end = url.length;
  while (ends(".,;:!?*_", end)) end--;
  let open = 0;
  let close = 0;
  for (let i = 0; i < end; i++) {
    if (url[i] === "(" || url[i] === "[") open++;
    else if (url[i] === ")" || url[i] === "]") close++;
  }
  while (ends(")]", end) && open < close) {
    end--;
    close--;
    while (ends(".,;:!?", end)) end--;
  }
  return url.slice(0, end);
}

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** Echoed answers go inside inline code: one line, no backticks, no `<`, bounded length. */
function inline(text: string): string {
  return safeCode(text, 60);
}
