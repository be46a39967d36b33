/**
 * Webhook payloads for end-to-end runs, starting from GitHub's own examples
 * (@octokit/webhooks-examples) so every field an action might read is present, then pointed at the
 * test's repository, people and objects. `schedule` (which has no published example) is built from
 * the same repository and sender shapes.
 */
import { createRequire } from "node:module";

interface ExampleDefinition {
  name: string;
  examples: Record<string, unknown>[];
}

export interface IssueOverrides {
  number?: number;
  title?: string;
  body?: string | null;
  state?: "open" | "closed";
  /** Label names. */
  labels?: string[];
  /** Assignee logins. */
  assignees?: string[];
  /** Author login. */
  user?: string;
  created_at?: string;
  updated_at?: string;
}

interface CommentOverrides {
  id?: number;
  body?: string;
  user?: string;
  created_at?: string;
  updated_at?: string;
}

interface PullRequestOverrides {
  number?: number;
  title?: string;
  body?: string | null;
  user?: string;
  /** Head branch name. */
  head?: string;
  headSha?: string;
  /** Base branch name. */
  base?: string;
  baseSha?: string;
  draft?: boolean;
}

interface ReviewOverrides {
  id?: number;
  state?: "approved" | "changes_requested" | "commented" | "dismissed";
  body?: string | null;
  user?: string;
  commit_id?: string;
}

export interface EventOptions {
  /** `owner/name` (default `acme/oncall`). */
  repository?: string;
  /** Login of whoever triggered the event. */
  sender?: string;
  issue?: IssueOverrides;
  comment?: CommentOverrides;
  pullRequest?: PullRequestOverrides;
  review?: ReviewOverrides;
  /** `workflow_dispatch` inputs. */
  inputs?: Record<string, string>;
  /** Cron expression of a `schedule` event (default `0 * * * *`). */
  schedule?: string;
  /** Replaces `https://api.github.com` in every URL (point it at the fake). */
  apiUrl?: string;
  /** Replaces `https://github.com` in every URL. */
  serverUrl?: string;
}

/** What {@link buildEvent} returns: the event name for `GITHUB_EVENT_NAME` and the payload. */
export interface BuiltEvent {
  eventName: string;
  payload: Record<string, unknown>;
}

let definitions: ExampleDefinition[] | undefined;

function examples(): ExampleDefinition[] {
  definitions ??= createRequire(import.meta.url)(
    "@octokit/webhooks-examples/api.github.com/index.json",
  ) as ExampleDefinition[];
  return definitions;
}

function example(name: string, action: string | undefined): Record<string, unknown> {
  const def = examples().find((d) => d.name === name);
  const found = def?.examples.find((e) => action === undefined || e["action"] === action);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${name}${action ? `.${action}` : ""} example`);
  return structuredClone(found);
}

/** A stable fake id for a login, so payloads and the fake agree run to run. */
function idFor(text: string): number {
  let hash = 0;
  for (const ch of text) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return 10_000 + (hash % 90_000_000);
}

/** A webhook `user` object for a login (URLs derived from the login, as GitHub's are). */
export function userObject(login: string): Record<string, unknown> {
  const api = `https://api.github.com/users/${login}`;
  return {
    login,
    id: idFor(login),
    node_id: Buffer.from(`User:${idFor(login)}`).toString("base64"),
    avatar_url: `https://avatars.githubusercontent.com/u/${idFor(login)}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: `https://github.com/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: login.endsWith("[bot]") ? "Bot" : "User",
    site_admin: false,
  };
}

function label(name: string): Record<string, unknown> {
  return {
    id: idFor(name),
    node_id: Buffer.from(`Label:${idFor(name)}`).toString("base64"),
    url: `https://api.github.com/labels/${encodeURIComponent(name)}`,
    name,
    color: "ededed",
    default: false,
    description: null,
  };
}

/** Points every URL and name of the example's repository at `fullName`. */
function retarget(payload: Record<string, unknown>, fullName: string): Record<string, unknown> {
  const repo = payload["repository"] as { full_name?: string } | undefined;
  const from = repo?.full_name;
  const text = from ? JSON.stringify(payload).split(from).join(fullName) : JSON.stringify(payload);
  const out = JSON.parse(text) as Record<string, unknown>;
  const [owner = "", name = ""] = fullName.split("/");
  if (out["repository"]) {
    const r = out["repository"] as Record<string, unknown>;
    r["name"] = name;
    r["full_name"] = fullName;
    r["owner"] = { ...userObject(owner), type: (r["owner"] as { type?: string } | undefined)?.type ?? "User" };
    r["default_branch"] = "main";
  }
  if (out["organization"]) (out["organization"] as Record<string, unknown>)["login"] = owner;
  return out;
}

function applyIssue(target: Record<string, unknown>, o: IssueOverrides): void {
  const { labels, assignees, user, ...plain } = o;
  Object.assign(target, plain);
  if (labels) target["labels"] = labels.map(label);
  if (assignees) {
    target["assignees"] = assignees.map(userObject);
    target["assignee"] = assignees[0] ? userObject(assignees[0]) : null;
  }
  if (user) target["user"] = userObject(user);
  if (o.state === "open") Object.assign(target, { closed_at: null });
}

function applyPull(target: Record<string, unknown>, o: PullRequestOverrides): void {
  const { user, head, headSha, base, baseSha, ...plain } = o;
  Object.assign(target, plain);
  if (user) target["user"] = userObject(user);
  const side = (key: "head" | "base", ref?: string, sha?: string) => {
    const s = target[key] as Record<string, unknown>;
    if (ref !== undefined) Object.assign(s, { ref, label: `${String(s["label"] ?? "").split(":")[0]}:${ref}` });
    if (sha !== undefined) s["sha"] = sha;
  };
  side("head", head, headSha);
  side("base", base, baseSha);
}

/**
 * Builds a payload for `spec`: `name.action` (`issues.opened`, `issue_comment.created`,
 * `pull_request.opened`, `pull_request_review.submitted`, ...) or a bare event name (`schedule`,
 * `workflow_dispatch`, `push`).
 */
export function buildEvent(spec: string, options: EventOptions = {}): BuiltEvent {
  const [eventName = "", action] = spec.split(".");
  const fullName = options.repository ?? "acme/oncall";
  let payload: Record<string, unknown>;
  if (eventName === "schedule") {
    const base = example("workflow_dispatch", undefined);
    payload = {
      schedule: options.schedule ?? "0 * * * *",
      repository: base["repository"],
      organization: base["organization"],
      sender: base["sender"],
      workflow: ".github/workflows/schedule.yml",
    };
  } else {
    payload = example(eventName, action);
  }
  payload = retarget(payload, fullName);
  if (options.sender) payload["sender"] = userObject(options.sender);
  if (options.issue && payload["issue"]) applyIssue(payload["issue"] as Record<string, unknown>, options.issue);
  if (options.comment && payload["comment"]) {
    const { user, ...plain } = options.comment;
    Object.assign(payload["comment"] as Record<string, unknown>, plain, user ? { user: userObject(user) } : {});
  }
  if (options.pullRequest && payload["pull_request"]) {
    applyPull(payload["pull_request"] as Record<string, unknown>, options.pullRequest);
    if (options.pullRequest.number !== undefined && "number" in payload) payload["number"] = options.pullRequest.number;
  }
  if (options.review && payload["review"]) {
    const { user, ...plain } = options.review;
    Object.assign(payload["review"] as Record<string, unknown>, plain, user ? { user: userObject(user) } : {});
  }
  if (options.inputs && eventName === "workflow_dispatch") payload["inputs"] = options.inputs;
  let text = JSON.stringify(payload);
  if (options.apiUrl) text = text.split("https://api.github.com").join(options.apiUrl.replace(/\/+$/, ""));
  if (options.serverUrl) text = text.split("https://github.com").join(options.serverUrl.replace(/\/+$/, ""));
  return { eventName, payload: JSON.parse(text) as Record<string, unknown> };
}
