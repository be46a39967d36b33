/**
 * Slash commands in incident comments (SPEC section 5): one command per line, a line that starts with
 * `/`. Lines inside fenced code blocks, quotes (`> /ack` quoting someone) and HTML comments are not
 * commands, so pasting a transcript or replying to a comment never runs anything twice. Parsing is
 * purely syntactic: who may run a command and what it does is decided by the reducer.
 */
import type { IncidentRecord } from "../model/generated/types.js";
import { safeCode } from "../model/index.js";

/** Severity level id. */
export type Severity = NonNullable<IncidentRecord["severity"]>;
/** Statuses a person can set with /status (not-incident and leaving triage have their own commands). */
export type CommandStatus = Exclude<IncidentRecord["status"], "not-incident" | "triage">;

export const SEVERITIES: readonly Severity[] = ["P1", "P2", "P3", "P4", "P5"];
export const COMMAND_STATUSES: readonly CommandStatus[] = [
  "investigating",
  "identified",
  "monitoring",
  "mitigated",
  "resolved",
];

/** GitHub login syntax (same rule as common.schema.json#/$defs/login). */
export const LOGIN_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** One parsed command. `time` of /timeline is `HH:MM` (UTC) when given. */
export type IncidentCommand =
  | { name: "ack" }
  | { name: "confirm" }
  | { name: "commander"; login: string }
  | { name: "comms"; login: string }
  | { name: "severity"; severity: Severity }
  | { name: "status"; status: CommandStatus }
  | { name: "timeline"; time: string | null; text: string }
  | { name: "responder"; login: string }
  | { name: "followup"; text: string }
  | { name: "resolve"; summary: string | null }
  | { name: "not-incident"; reason: string }
  | { name: "sync" };

export type CommandName = IncidentCommand["name"];

/** Usage line of each command, in the order they are listed in help and errors. */
export const COMMAND_USAGE: Readonly<Record<CommandName, string>> = {
  ack: "/ack",
  confirm: "/confirm",
  commander: "/commander @login",
  comms: "/comms @login",
  severity: "/severity P1..P5",
  status: "/status investigating|identified|monitoring|mitigated|resolved",
  timeline: "/timeline [HH:MM] text",
  responder: "/responder @login",
  followup: "/followup text",
  resolve: "/resolve [summary]",
  "not-incident": "/not-incident reason",
  sync: "/sync",
};

/** A command with the 1-based line of the comment it came from. */
export interface ParsedCommand {
  line: number;
  command: IncidentCommand;
}

/** A line that looked like a command but could not be used, with a message for the reply. */
export interface CommandError {
  line: number;
  /** The offending line, as typed. */
  text: string;
  message: string;
}

export interface ParsedCommands {
  commands: ParsedCommand[];
  errors: CommandError[];
}

/** Issue titles are limited to 256 characters; follow-up titles must fit. */
const MAX_FOLLOWUP_TITLE = 200;

const COMMAND_LINE = /^ {0,3}\/([A-Za-z][A-Za-z-]*)(?=\s|$)(.*)$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Every command line of a comment body, in order, with an error for each unknown command or
 * malformed argument. Lines that merely start with a path (`/var/log is full`) are not commands.
 */
export function parseCommands(body: string): ParsedCommands {
  const result: ParsedCommands = { commands: [], errors: [] };
  let fence: string | null = null;
  let inHtmlComment = false;
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (fence !== null) {
      const close = FENCE.exec(raw);
      if (close?.[1] && close[1][0] === fence[0] && close[1].length >= fence.length && raw.trim() === close[1])
        fence = null;
      return;
    }
    const open = FENCE.exec(raw);
    if (open?.[1]) {
      fence = open[1];
      return;
    }
    if (inHtmlComment) {
      if (raw.includes("-->")) inHtmlComment = false;
      return;
    }
    if (/^\s*<!--/.test(raw)) {
      inHtmlComment = !raw.includes("-->");
      return;
    }
    const match = COMMAND_LINE.exec(raw);
    if (!match?.[1]) return;
    const parsed = parseCommandLine(match[1].toLowerCase(), (match[2] ?? "").trim());
    if ("message" in parsed) result.errors.push({ line, text: raw.trim(), message: parsed.message });
    else result.commands.push({ line, command: parsed });
  });
  return result;
}

/**
 * The logins a comment's `/responder` commands name: the caller checks their repository role before
 * planning, because policy `commands.responders: members` lets only the roster and people with triage
 * or more access be pulled in.
 */
export function responderTargets(body: string): string[] {
  return parseCommands(body).commands.flatMap(({ command }) => (command.name === "responder" ? [command.login] : []));
}

/** Parses one command from its lower-cased name and trimmed argument text. */
function parseCommandLine(name: string, args: string): IncidentCommand | { message: string } {
  switch (name) {
    case "ack":
      return { name: "ack" };
    case "sync":
      return { name: "sync" };
    case "confirm":
      return { name: "confirm" };
    case "commander":
    case "comms":
    case "responder":
      return parseLoginCommand(name, args);
    case "severity": {
      const level = args.toUpperCase();
      if ((SEVERITIES as readonly string[]).includes(level)) return { name: "severity", severity: level as Severity };
      return {
        message: `\`/severity\` needs one level, P1 (most severe) to P5, for example \`/severity P2\`${args ? `; \`${code(args)}\` is not one` : ""}.`,
      };
    }
    case "status": {
      const status = args.toLowerCase();
      if ((COMMAND_STATUSES as readonly string[]).includes(status))
        return { name: "status", status: status as CommandStatus };
      return {
        message: `\`/status\` needs one of ${COMMAND_STATUSES.map((s) => `\`${s}\``).join(", ")}${args ? `; \`${code(args)}\` is not one` : ""}.`,
      };
    }
    case "timeline":
      return parseTimeline(args);
    case "followup":
      if (!args)
        return {
          message:
            "`/followup` needs the title of the follow-up issue, for example `/followup Alert on indexer consumer lag`.",
        };
      if (args.length > MAX_FOLLOWUP_TITLE)
        return {
          message: `\`/followup\` titles are limited to ${MAX_FOLLOWUP_TITLE} characters; put the details in the new issue.`,
        };
      return { name: "followup", text: args };
    case "resolve":
      return { name: "resolve", summary: args || null };
    case "not-incident":
      if (!args)
        return {
          message:
            "`/not-incident` needs a short reason for the reporter, for example `/not-incident only affects one internal test account`.",
        };
      return { name: "not-incident", reason: args };
    default:
      return { message: unknownCommandMessage(name) };
  }
}

function parseLoginCommand(
  name: "commander" | "comms" | "responder",
  args: string,
): IncidentCommand | { message: string } {
  const words = args.split(/\s+/).filter((w) => w !== "");
  const example = `\`/${name} @login\``;
  if (words.length === 0)
    return { message: `\`/${name}\` needs the GitHub login of one person, for example ${example}.` };
  if (words.length > 1) return { message: `\`/${name}\` takes exactly one login; write one command per person.` };
  const login = (words[0] ?? "").replace(/^@/, "");
  if (!LOGIN_PATTERN.test(login))
    return { message: `\`${code(words[0] ?? "")}\` is not a GitHub login; use ${example}.` };
  return { name, login };
}

function parseTimeline(args: string): IncidentCommand | { message: string } {
  // A leading clock time dates the entry; "HH:MM UTC" is accepted because people copy it from the form.
  const timed = /^(\d{1,2}):(\d{2})(?:\s*UTC)?(?=\s|$)\s*(.*)$/i.exec(args);
  if (timed) {
    const hours = Number(timed[1]);
    const minutes = Number(timed[2]);
    if (hours > 23 || minutes > 59)
      return { message: `\`${timed[1]}:${timed[2]}\` is not a time of day; use 24-hour \`HH:MM\` in UTC.` };
    const text = (timed[3] ?? "").trim();
    if (!text)
      return {
        message:
          "`/timeline` needs some text after the time, for example `/timeline 14:05 rolled back the 13:50 deploy`.",
      };
    return { name: "timeline", time: `${String(hours).padStart(2, "0")}:${timed[2]}`, text };
  }
  if (!args)
    return {
      message:
        "`/timeline` needs some text, for example `/timeline 14:05 rolled back the 13:50 deploy` (the time is optional, in UTC).",
    };
  return { name: "timeline", time: null, text: args };
}

/** A help message for an unknown `/word`, suggesting the closest command when one is near. */
function unknownCommandMessage(name: string): string {
  const names = Object.keys(COMMAND_USAGE);
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of names) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  const hint = best ? ` Did you mean \`/${best}\`?` : "";
  const list = Object.values(COMMAND_USAGE)
    .map((u) => `\`${u}\``)
    .join(", ");
  return `\`/${code(name)}\` is not a command I know.${hint} Valid commands: ${list}.`;
}

/** Levenshtein distance, for "did you mean" hints on short command names. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Echoed arguments go inside inline code (see {@link safeCode}). */
function code(text: string): string {
  return safeCode(text, 80);
}
