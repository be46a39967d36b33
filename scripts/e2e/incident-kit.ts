/**
 * Test kit for the incident action's end-to-end tests: a temp copy of the example organisation as
 * the workspace, a fake GitHub seeded with its people, and a driver that turns "alice comments /ack
 * at 15:04" into what GitHub does (the comment exists, then the workflow runs the bundled action with
 * a real-shaped payload) and keeps the API calls of every run apart. Import only from test files.
 */
import { readFileSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { expect } from "vitest";
import { INCIDENT_KEYS } from "../core/incident/index.js";
import { formBody } from "../core/incident/test-kit.js";
import { parseStateMarker } from "../core/incident/index.js";
import type { IncidentState } from "../core/incident/index.js";
import { incidentLabelCatalog } from "../github/incident-labels.js";
import { runAction, type ActionRun } from "./action-runner.js";
import { buildEvent, type BuiltEvent, type IssueOverrides } from "./event-payloads.js";
import type { FakeGitHub, LoggedRequest, Permission } from "./fake-github/index.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The example organisation's test copy, so a team's own data at the root never changes these runs. */
const example = join(root, "scripts", "fixtures", "example");

/** The bundled action, as the workflow runs it (rebuild with `npm run bundle`). */
const INCIDENT_ENTRY = join(root, ".github", "actions", "incident", "dist", "index.mjs");

/**
 * The main scenario's report, as the issue form writes it: card payments declined, P2, checkout and
 * api-gateway, with a mass mention to neutralize.
 */
export const CARD_DECLINED_REPORT = formBody({
  what: 'Every card payment fails with "Your card was declined". cc @everyone',
  who: "All customers paying by card; support has 40 tickets in 10 minutes.",
  severity:
    "P2 - Major: an important feature is broken for many customers or a core flow fails for a whole segment with no workaround",
  services: "checkout, api-gateway",
  production: "Yes",
  started: "14:50 UTC",
  links: "https://grafana.fernhill.example/d/checkout-overview/checkout",
});

/** A P1 report: sign-in down for everyone (auth), the scenario of the fault and hardening tests. */
export const SIGN_IN_DOWN_REPORT = formBody({
  what: "Sign-in fails with a 500 for everyone.",
  who: "All customers and staff.",
  severity:
    "P1 - Critical: the product is down or sign-in or checkout fails for most customers; money or data is being lost; or a security breach",
  services: "auth",
  production: "Yes",
});

/** The example organisation's data folders (test copy), plus the issue chooser config (the bug route). */
const DATA = ["rotations", "incidents", "postmortems", "playbooks", ".github/ISSUE_TEMPLATE"];

/** A temp copy of the example organisation; remove it with {@link removeWorkspace}. */
export async function exampleWorkspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "oncall-incident-ws-"));
  for (const d of DATA) await cp(join(example, d), join(dir, d), { recursive: true });
  return dir;
}

export function removeWorkspace(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** The fake's clock, moved by the driver to each event's time. */
export interface TestClock {
  now: Date;
}

/**
 * Roles on the fake repository besides the roster's (everyone in rotations/people.yaml has write
 * access, as engineers would): a helper from another team has triage only; the reporter and an
 * outsider can only read.
 */
export const OTHERS: Readonly<Record<string, Permission>> = {
  "triage-tess": "triage",
  reporter: "read",
  mallory: "read",
};

/** Makes the roster and {@link OTHERS} known to the fake, with their roles. */
export function seedPeople(fake: FakeGitHub): void {
  const roster = parse(readFileSync(join(example, "rotations", "people.yaml"), "utf8")) as {
    people: { login: string }[];
  };
  for (const { login } of roster.people) fake.seed.user(login, { permission: "write" });
  for (const [login, permission] of Object.entries(OTHERS)) fake.seed.user(login, { permission });
}

/** One run of the action: the event it ran on, what it reported, and the API calls it made. */
/** `step`, after asserting the action exited 0 (its output is the failure message). */
export function ok(step: Step): Step {
  expect(step.run.exitCode, `${step.run.stdout}\n${step.run.stderr}`).toBe(0);
  return step;
}

export interface Step {
  event: BuiltEvent;
  run: ActionRun;
  calls: LoggedRequest[];
}

/** Drives one incident issue through events, the way GitHub would deliver them. */
export class IncidentDriver {
  number = 0;

  constructor(
    private readonly fake: FakeGitHub,
    private readonly workspace: string,
    private readonly clock: TestClock,
    private readonly inputs: Record<string, string> = {},
  ) {}

  /** Opens the incident issue (as the form does, with the `incident` label) and runs `issues.opened`. */
  async open(spec: { title: string; body: string; author?: string; at: string }): Promise<Step> {
    this.clock.now = new Date(spec.at);
    const issue = this.fake.seed.issue({
      title: spec.title,
      body: spec.body,
      user: spec.author ?? "reporter",
      labels: ["incident"],
      createdAt: spec.at,
    });
    this.number = issue.number;
    return this.run(buildEvent("issues.opened", this.eventOptions(spec.author ?? "reporter")));
  }

  /** Posts a comment as `author` at `at` and runs `issue_comment.created` for it. */
  async comment(author: string, body: string, at: string): Promise<Step & { commentId: number }> {
    this.clock.now = new Date(at);
    const comment = this.fake.seed.comment(this.number, { body, user: author, createdAt: at });
    const event = buildEvent("issue_comment.created", {
      ...this.eventOptions(author),
      comment: { id: comment.id, body, user: author, created_at: at, updated_at: at },
    });
    return { ...(await this.run(event)), commentId: comment.id };
  }

  /**
   * Posts a comment as `author` at `at` without running the action, as when GitHub cancels the run
   * waiting for it; returns its event (payload as of now) for running later, or never.
   */
  post(author: string, body: string, at: string): { commentId: number; event: BuiltEvent } {
    this.clock.now = new Date(at);
    const comment = this.fake.seed.comment(this.number, { body, user: author, createdAt: at });
    const event = buildEvent("issue_comment.created", {
      ...this.eventOptions(author),
      comment: { id: comment.id, body, user: author, created_at: at, updated_at: at },
    });
    return { commentId: comment.id, event };
  }

  /** Replaces the issue body as `sender` at `at` and runs `issues.edited`. */
  async edit(body: string, at: string, sender = "reporter"): Promise<Step> {
    this.clock.now = new Date(at);
    const issue = this.issueRecord();
    issue.body = body;
    issue.updatedAt = at;
    return this.run(buildEvent("issues.edited", this.eventOptions(sender)));
  }

  /** Reopens the issue as `sender` at `at` and runs `issues.reopened`. */
  async reopen(at: string, sender: string): Promise<Step> {
    this.clock.now = new Date(at);
    const issue = this.issueRecord();
    this.fake.store.setIssueState(issue, "open", sender);
    issue.updatedAt = at;
    return this.run(buildEvent("issues.reopened", this.eventOptions(sender)));
  }

  /** Runs the action on `event` (again, for a rerun) and returns the calls it made. */
  async run(event: BuiltEvent, inputs: Record<string, string> = {}): Promise<Step> {
    const start = this.fake.log.entries.length;
    const run = await runAction({
      entry: INCIDENT_ENTRY,
      eventName: event.eventName,
      payload: event.payload,
      apiUrl: this.fake.url,
      workspace: this.workspace,
      inputs: { "github-token": this.fake.token, ...this.inputs, ...inputs },
      apiTimeScaleMs: 1,
    });
    return { event, run, calls: this.fake.log.entries.slice(start) };
  }

  issueRecord() {
    const issue = this.fake.issue(this.number);
    if (!issue) throw new Error(`no issue #${this.number}`);
    return issue;
  }

  /** The issue as GitHub puts it in a payload right now. */
  private issueOverrides(): IssueOverrides {
    const i = this.issueRecord();
    return {
      number: i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      labels: [...i.labels],
      assignees: [...i.assignees],
      user: i.user,
      created_at: i.createdAt,
      updated_at: i.updatedAt,
    };
  }

  private eventOptions(sender: string) {
    return { sender, issue: this.issueOverrides(), apiUrl: this.fake.url };
  }
}

/** `METHOD operationId` of each call, for readable assertions. */
export function callNames(calls: readonly LoggedRequest[]): string[] {
  return calls.map((c) => `${c.method} ${c.operationId ?? c.path}${c.fault ? ` (${c.fault})` : ""}`);
}

/** Calls that changed something. */
export function writes(calls: readonly LoggedRequest[]): LoggedRequest[] {
  return calls.filter((c) => c.method !== "GET" && c.method !== "HEAD");
}

/** Comments on issue `number` that carry the hidden marker `key` (the bot's comments). */
export function markedComments(fake: FakeGitHub, number: number, key: string = INCIDENT_KEYS.comment) {
  return fake.comments(number).filter((c) => c.body.includes(`<!-- oncall:${key} -->`));
}

/** The state saved in the one bot comment of issue `number` (throws unless there is exactly one). */
export function savedState(fake: FakeGitHub, number: number): IncidentState {
  const comments = markedComments(fake, number);
  if (comments.length !== 1) throw new Error(`expected one bot comment on #${number}, found ${comments.length}`);
  const { state, problem } = parseStateMarker(comments[0]?.body);
  if (!state) throw new Error(`no saved state on #${number}: ${problem ?? "absent"}`);
  return state;
}

/** A YAML file of the fake repository at `ref`, parsed; undefined when absent. */
export function readYaml(fake: FakeGitHub, path: string, ref?: string): Record<string, unknown> | undefined {
  const text = fake.readFile(path, ref);
  return text === undefined ? undefined : (parse(text) as Record<string, unknown>);
}

/** Creates every incident label up front, as an established repository has them. */
export function seedIncidentLabels(fake: FakeGitHub): void {
  for (const l of incidentLabelCatalog())
    fake.seed.label(l.name, { color: l.color, ...(l.description ? { description: l.description } : {}) });
}

/**
 * Everything a run could change in the fake repository, as one comparable string: issues (state,
 * labels, assignees, bodies), comments, repository labels and branches.
 */
export function repoSnapshot(fake: FakeGitHub): string {
  const repo = fake.repo();
  return JSON.stringify({
    issues: [...repo.issues.values()].map((i) => ({
      n: i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      reason: i.stateReason,
      labels: [...i.labels].sort(),
      assignees: [...i.assignees].sort(),
    })),
    comments: [...repo.comments.values()].map((c) => ({ id: c.id, issue: c.issueNumber, body: c.body })),
    labels: [...repo.labels.values()].map((l) => `${l.name}:${l.color}`).sort(),
    refs: [...repo.git.refs.entries()].sort(),
  });
}
