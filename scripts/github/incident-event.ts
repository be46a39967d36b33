/**
 * The webhook event the incident action runs on, read from the payload into what the planner needs,
 * or the reason to do nothing. Deciding to do nothing here, before any API call, is what keeps the
 * action free for the many comments on an incident that are just conversation.
 *
 * Payload text (titles, bodies, comments) is untrusted: it is only ever parsed and handed to the core,
 * which neutralizes mentions and HTML before anything is posted; none of it reaches a shell.
 */
import { DateTime } from "luxon";
import { parseCommands } from "../core/incident/index.js";
import type { IncidentComment } from "../core/incident/index.js";
import { toIssueSnapshot, type IssueSnapshot } from "./apply-context.js";

/** The label the incident form adds; only issues carrying it are incidents. */
const INCIDENT_LABEL = "incident";

type IncidentEventKind = "opened" | "edited" | "reopened" | "comment";

/** An incident issue event, ready for the planner. */
export interface IncidentEvent {
  kind: IncidentEventKind;
  issue: {
    number: number;
    title: string;
    body: string | null;
    author: string;
    createdAt: DateTime;
    /** The issue as GitHub sent it with the event (labels, assignees, state at that moment). */
    snapshot: IssueSnapshot;
  };
  /** The new comment, for `comment` events. */
  comment?: IncidentComment;
  /** Who triggered the event. */
  sender: string;
  /**
   * When the event happened: the comment's creation, or the issue's last update. Used as the plan's
   * clock, so a rerun of the same event plans exactly the same thing, whenever it runs.
   */
  at: DateTime;
  /** The repository's default branch, when the payload names it (saves reading the repository). */
  defaultBranch?: string;
  /** `https://github.com/owner/repo`, for links in the bot comment. */
  repoUrl?: string;
}

/** The event, or why this run has nothing to do. */
export type ReadIncidentEvent = { event: IncidentEvent; skip?: undefined } | { event?: undefined; skip: string };

interface PayloadUser {
  login?: unknown;
  type?: unknown;
}

interface PayloadIssue {
  number?: unknown;
  title?: unknown;
  body?: unknown;
  user?: PayloadUser | null;
  labels?: unknown;
  assignees?: unknown;
  state?: unknown;
  state_reason?: unknown;
  html_url?: unknown;
  created_at?: unknown;
  updated_at?: unknown;
  pull_request?: unknown;
}

interface PayloadComment {
  id?: unknown;
  body?: unknown;
  user?: PayloadUser | null;
  created_at?: unknown;
}

const ISSUE_ACTIONS: Readonly<Record<string, IncidentEventKind>> = {
  opened: "opened",
  edited: "edited",
  reopened: "reopened",
};

/** Reads an `issues` or `issue_comment` payload; see the module comment. */
export function readIncidentEvent(eventName: string, payload: Record<string, unknown>): ReadIncidentEvent {
  const action = typeof payload["action"] === "string" ? payload["action"] : "";
  let kind: IncidentEventKind | undefined;
  if (eventName === "issues") kind = ISSUE_ACTIONS[action];
  else if (eventName === "issue_comment" && action === "created") kind = "comment";
  if (!kind)
    return {
      skip: `The incident action handles issues (opened, edited, reopened) and new issue comments, not ${eventName}${action ? `.${action}` : ""}.`,
    };

  const raw = payload["issue"] as PayloadIssue | undefined;
  if (!raw || typeof raw.number !== "number") return { skip: "The event has no issue." };
  if (raw.pull_request) return { skip: `#${raw.number} is a pull request, not an incident.` };
  const snapshot = toIssueSnapshot({
    number: raw.number,
    state: String(raw.state ?? "open"),
    state_reason: typeof raw.state_reason === "string" ? raw.state_reason : null,
    title: String(raw.title ?? ""),
    body: typeof raw.body === "string" ? raw.body : null,
    labels: Array.isArray(raw.labels) ? (raw.labels as (string | { name?: string })[]) : [],
    assignees: Array.isArray(raw.assignees) ? (raw.assignees as { login: string }[]) : [],
    html_url: String(raw.html_url ?? ""),
  });
  if (!snapshot.labels.some((l) => l.toLowerCase() === INCIDENT_LABEL))
    return { skip: `#${raw.number} has no \`${INCIDENT_LABEL}\` label, so it is not an incident.` };

  const createdAt = instant(raw.created_at);
  if (!createdAt) return { skip: `#${raw.number} has no creation time in the event.` };
  const sender = loginOf(payload["sender"] as PayloadUser | undefined) ?? loginOf(raw.user) ?? "ghost";
  const repository = payload["repository"] as { default_branch?: unknown; html_url?: unknown } | undefined;
  const event: IncidentEvent = {
    kind,
    issue: {
      number: raw.number,
      title: snapshot.title,
      body: typeof raw.body === "string" ? raw.body : null,
      author: loginOf(raw.user) ?? "ghost",
      createdAt,
      snapshot,
    },
    sender,
    at: kind === "opened" ? createdAt : (instant(raw.updated_at) ?? createdAt),
    ...(typeof repository?.default_branch === "string" ? { defaultBranch: repository.default_branch } : {}),
    ...(typeof repository?.html_url === "string" ? { repoUrl: repository.html_url } : {}),
  };

  if (kind === "comment") {
    const c = payload["comment"] as PayloadComment | undefined;
    const author = loginOf(c?.user);
    const at = instant(c?.created_at);
    if (!c || (typeof c.id !== "number" && typeof c.id !== "string") || !author || !at)
      return { skip: "The event has no usable comment." };
    // The bot's own comments (and any other app's) are never commands.
    if (c.user?.type === "Bot" || author.endsWith("[bot]")) return { skip: `The comment is by ${author}, a bot.` };
    const body = typeof c.body === "string" ? c.body : "";
    const parsed = parseCommands(body);
    if (parsed.commands.length === 0 && parsed.errors.length === 0) return { skip: "The comment has no commands." };
    event.comment = { id: c.id, body, author, createdAt: at };
    event.at = at;
  }
  return { event };
}

function loginOf(user: PayloadUser | null | undefined): string | undefined {
  return typeof user?.login === "string" && user.login !== "" ? user.login : undefined;
}

function instant(value: unknown): DateTime | undefined {
  if (typeof value !== "string") return undefined;
  const at = DateTime.fromISO(value, { zone: "utc" });
  return at.isValid ? at : undefined;
}
