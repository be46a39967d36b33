import type { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateEffects, type Effect } from "./effects.js";
import * as v from "../repo/generated/validators.js";
import { parseStateMarker } from "../core/incident/index.js";
import { planIncidentEvent, type IncidentComment, type IncidentPlanInput } from "../core/incident/index.js";
import type { IncidentState } from "../core/incident/index.js";
import { examplePolicy, formBody, GOOD_BODY, utc } from "../core/incident/test-kit.js";

const policy = examplePolicy();
const playbooks = [
  { path: "playbooks/checkout-payment-failures.md", title: "Checkout payment failures", services: ["checkout"] },
];
const MEMBERS = new Set(["alice", "bob", "carol", "dana", "frank", "manager-mo", "reporter"]);

/** A fake issue that effects are applied to, so each step sees what the previous one did. */
class FakeIssue {
  labels = ["incident"];
  assignees: string[] = [];
  state: "open" | "closed" = "open";
  comments = new Map<string, string>();
  created: Effect[] = [];
  committed: Effect[] = [];
  body = GOOD_BODY;
  lastState: IncidentState | null = null;
  private nextId = 1;

  plan(event: IncidentPlanInput["event"], extra: Partial<IncidentPlanInput> = {}) {
    const marker = parseStateMarker(this.comments.get("incident"));
    const result = planIncidentEvent({
      event,
      issue: {
        number: 57,
        title: "[Incident] Card payments declined",
        body: this.body,
        author: "reporter",
        createdAt: utc("2026-10-22T15:30:00Z"),
        labels: this.labels,
        assignees: this.assignees,
        state: this.state,
      },
      priorState: marker.state,
      priorStateProblem: marker.problem,
      authorized: (login) => MEMBERS.has(login),
      oncallAt: () => [
        { login: "alice", layer: "rot-a" },
        { login: "bob", layer: "rot-b" },
      ],
      policy,
      playbooks,
      deadline: { tier: "full", targetMinutes: 10, deadline: utc("2026-10-22T15:40:00Z") },
      bugRouteUrl: "https://github.com/example-org/fernhill/issues/new/choose",
      now: utc("2026-10-22T15:31:00Z"),
      ...extra,
    });
    validateEffects(result.effects);
    for (const e of result.effects) this.apply(e);
    this.lastState = result.state;
    return result;
  }

  comment(
    author: string,
    body: string,
    at: DateTime = utc("2026-10-22T15:35:00Z"),
    extra: Partial<IncidentPlanInput> = {},
  ) {
    const comment: IncidentComment = { id: 9000 + this.nextId++, author, body, createdAt: at };
    return { comment, ...this.plan("comment", { comment, now: at, ...extra }) };
  }

  private apply(e: Effect): void {
    if (e.kind === "add-labels") this.labels = [...new Set([...this.labels, ...e.labels])];
    if (e.kind === "remove-labels") this.labels = this.labels.filter((l) => !e.labels.includes(l));
    if (e.kind === "add-assignees") this.assignees = [...new Set([...this.assignees, ...e.assignees])];
    if (e.kind === "upsert-comment") this.comments.set(e.key, e.body);
    if (e.kind === "close-issue") this.state = "closed";
    if (e.kind === "reopen-issue") this.state = "open";
    if (e.kind === "create-issue") this.created.push(e);
    if (e.kind === "commit-file") this.committed.push(e);
  }
}

const kinds = (effects: readonly Effect[]) =>
  effects.map((e) => (e.kind === "upsert-comment" ? `comment:${e.key}` : e.kind));

describe("planIncidentEvent: a whole incident", () => {
  it("goes from open to resolved with the expected labels, assignees and effects", () => {
    const issue = new FakeIssue();

    const opened = issue.plan("opened");
    expect(kinds(opened.effects)).toEqual(["ensure-labels", "add-labels", "add-assignees", "comment:incident"]);
    expect(issue.labels).toEqual(["incident", "severity:P2", "status:investigating"]);
    expect(issue.assignees).toEqual(["alice", "bob"]);
    const botComment = issue.comments.get("incident") ?? "";
    expect(botComment).toContain("@alice (rot-a), @bob (rot-b)");
    expect(botComment).toContain("**due by 2026-10-22 15:40 UTC");
    expect(botComment).toContain("[Checkout payment failures]");

    issue.comment("alice", "On it.\n/ack");
    expect(issue.lastState).toMatchObject({ acknowledgedBy: "alice", commander: "alice", comms: "bob" });

    expect(kinds(issue.comment("alice", "/commander @carol").effects)).toEqual(["add-assignees", "comment:incident"]);
    expect(issue.assignees).toEqual(["alice", "bob", "carol"]);

    issue.comment("carol", "/comms @dana");
    expect(issue.lastState).toMatchObject({ commander: "carol", comms: "dana" });

    const severity = issue.comment("carol", "/severity P1");
    expect(severity.effects).toContainEqual({ kind: "remove-labels", issue: 57, labels: ["severity:P2"] });
    expect(issue.labels).toEqual(["incident", "status:investigating", "severity:P1"]);

    issue.comment("carol", "/status identified");
    expect(issue.labels).toContain("status:identified");
    expect(issue.labels).not.toContain("status:investigating");

    // Back-dated to 15:33, so it sorts before the acknowledgement at 15:35.
    issue.comment("dana", "/timeline 15:33 @eve restarted the payment pods", utc("2026-10-22T15:45:00Z"));
    expect(issue.comments.get("incident")).toContain("@\u200beve restarted the payment pods");
    expect(issue.comments.get("incident")).not.toContain("@eve");

    const responder = issue.comment("carol", "/responder @frank");
    expect(issue.assignees).toContain("frank");
    const reply = responder.effects.find(
      (e) => e.kind === "upsert-comment" && e.key === `reply:${responder.comment.id}`,
    );
    expect(reply).toMatchObject({ body: expect.stringContaining("@frank: @carol asked for your help") });

    const followup = issue.comment("carol", "/followup Alert when @grace's decline rate doubles");
    const created = followup.effects.find((e) => e.kind === "create-issue");
    expect(created).toMatchObject({
      key: `INC-57/followup/${followup.comment.id}:1`,
      title: "Alert when @\u200bgrace's decline rate doubles",
      labels: ["follow-up"],
    });
    expect(created).toMatchObject({ body: expect.stringContaining("#57") });

    const resolved = issue.comment(
      "carol",
      "/resolve Failed over to the second card processor.",
      utc("2026-10-22T16:30:00Z"),
      {
        followupIssues: [{ key: `INC-57/followup/${followup.comment.id}:1`, number: 58, closed: false }],
      },
    );
    // Since issue 13: the /resolve comment gets a reply asking for playbook updates (it notifies).
    expect(kinds(resolved.effects)).toEqual([
      "comment:reply:9009",
      "remove-labels",
      "ensure-labels",
      "add-labels",
      "comment:incident",
      "close-issue",
      "commit-file",
    ]);
    expect(issue.labels).toEqual(["incident", "severity:P1", "status:resolved"]);
    expect(issue.state).toBe("closed");
    const commit = resolved.effects.find((e) => e.kind === "commit-file");
    if (commit?.kind !== "commit-file") throw new Error("no commit");
    expect(commit.files[0]?.path).toBe("incidents/2026/INC-57.yaml");
    expect(commit.pullRequest).toBeUndefined();
    const record = parse(commit.files[0]?.content ?? "") as Record<string, unknown>;
    expect(v.incident(record)).toBe(true);
    expect(record).toMatchObject({
      status: "resolved",
      severity: "P1",
      services: ["checkout", "api-gateway"],
      summary: "Failed over to the second card processor.",
      acknowledgedBy: "alice",
      roles: { commander: "carol", comms: "dana" },
      responders: ["frank"],
      followups: [{ issue: 58, title: "Alert when @grace's decline rate doubles", closed: false }],
      slo: { outcome: "met" },
    });
    expect((record.timeline as { kind: string }[]).map((e) => e.kind)).toEqual([
      "opened",
      "note",
      "ack",
      "role",
      "role",
      "role",
      "role",
      "severity",
      "status",
      "responder",
      "followup",
      "resolve",
    ]);
  });

  it("applies a comment only once, however often it is delivered", () => {
    const issue = new FakeIssue();
    issue.plan("opened");
    const first = issue.comment("alice", "/ack\n/followup Write the runbook");
    const again = issue.plan("comment", { comment: first.comment, now: utc("2026-10-22T15:50:00Z") });
    expect(again.effects).toEqual([]);
    expect(again.state).toEqual(first.state);
    // A rerun of `opened` keeps the state from the comment: nothing is lost or repeated.
    const reopenedRun = issue.plan("opened");
    expect(reopenedRun.state.followups).toHaveLength(1);
    expect(reopenedRun.effects.filter((e) => e.kind === "add-labels" || e.kind === "add-assignees")).toEqual([]);
  });
});

describe("planIncidentEvent: authorization and untrusted text", () => {
  it("answers an unauthorized author once, politely, and changes nothing else", () => {
    const issue = new FakeIssue();
    issue.plan("opened");
    const before = issue.lastState;
    const refused = issue.comment("stranger", "/resolve fixed it\n/severity P5");
    expect(refused.effects[0]).toEqual({
      kind: "upsert-comment",
      issue: 57,
      key: `reply:${refused.comment.id}`,
      body: expect.stringMatching(/^Sorry @stranger, incident commands can only be run by/),
    });
    // Issue 10 item 5: the refused comment counts as handled (saved in the bot comment), so no later
    // run that catches up on unhandled comments answers it again; nothing else changes.
    expect(kinds(refused.effects)).toEqual([`comment:reply:${refused.comment.id}`, "comment:incident"]);
    const id = String(refused.comment.id);
    expect(refused.state).toEqual({ ...before, processed: [`${id}:1`, `${id}:2`] });
    expect(issue.comment("stranger", "/ack", undefined, { comment: refused.comment }).effects).toEqual([]);
  });

  it("ignores ordinary comments from anyone and the bot's own comments", () => {
    const issue = new FakeIssue();
    issue.plan("opened");
    expect(issue.comment("stranger", "Any news? We are losing sales.").effects).toEqual([]);
    expect(issue.comment("github-actions[bot]", "/resolve").effects).toEqual([]);
    // Issue 10 item 8: quoting the bot (markers included) no longer hides a person's commands.
    expect(issue.comment("alice", "quoting the bot <!-- oncall:incident -->\n/resolve").effects).not.toEqual([]);
    expect(issue.lastState?.status).toBe("resolved");
  });

  it("explains malformed commands in one reply, and still applies the good ones", () => {
    const issue = new FakeIssue();
    issue.plan("opened");
    const result = issue.comment("alice", "/severity P9\n/status identified\n/acknowledge");
    expect(issue.lastState?.status).toBe("identified");
    const reply = result.effects.find((e) => e.kind === "upsert-comment" && e.key.startsWith("reply:"));
    expect(reply).toMatchObject({
      body: expect.stringMatching(
        /^@alice, some of that was not applied:\n\n- Line 1, `\/severity P9`: .*P1 \(most severe\) to P5[\s\S]*- Line 3, `\/acknowledge`: .*Valid commands/,
      ),
    });
  });
});

describe("planIncidentEvent: the report", () => {
  it("opens an incident from a malformed form and tells the reporter what is missing", () => {
    const issue = new FakeIssue();
    issue.body = formBody({
      what: "Checkout broken",
      severity: "Not sure",
      services: "checkout, billing",
      production: "Yes",
    });
    const result = issue.plan("opened");
    expect(issue.labels).toEqual(["incident", "severity:unknown", "status:investigating"]);
    const note = result.effects.find((e) => e.kind === "upsert-comment" && e.key === "form-problems");
    expect(note).toMatchObject({ body: expect.stringContaining("@reporter, thanks for raising this incident") });
    expect(note).toMatchObject({ body: expect.stringContaining("**Who is affected?** is empty") });
    expect(note).toMatchObject({ body: expect.stringContaining("`billing` is not in the service catalogue") });
    expect(issue.comments.has("incident")).toBe(true);

    // The reporter fixes the form: the note says so, and the state follows the form.
    issue.body = formBody({
      what: "Checkout broken",
      who: "All UK card payments",
      severity: "P3 - Moderate",
      services: "checkout, search",
      production: "Yes",
    });
    const edited = issue.plan("edited", { actor: "reporter" });
    expect(edited.effects).toContainEqual({
      kind: "upsert-comment",
      issue: 57,
      key: "form-problems",
      body: "Thanks @reporter, the report is complete now.",
    });
    expect(edited.state).toMatchObject({
      severity: "P3",
      services: ["checkout", "search"],
      impact: "All UK card payments",
      formProblems: [],
    });
    expect(issue.labels).toContain("severity:P3");
    expect(edited.state.timeline.at(-1)).toMatchObject({
      author: "reporter",
      text: "Report edited: severity P3; services checkout, search.",
    });
  });

  it("keeps a severity set by command when the form is edited", () => {
    const issue = new FakeIssue();
    issue.plan("opened");
    issue.comment("alice", "/severity P1");
    issue.body = GOOD_BODY.replace("P2 - Major", "P4 - Minor");
    const edited = issue.plan("edited");
    expect(edited.state.severity).toBe("P1");
    expect(edited.effects.filter((e) => e.kind === "upsert-comment" && e.key === "form-problems")).toEqual([]);
  });
});

describe("planIncidentEvent: closing and reopening", () => {
  it("closes a non-incident kindly and records it", () => {
    const issue = new FakeIssue();
    issue.plan("opened");
    const result = issue.comment("bob", "/not-incident only the @qa test account is affected");
    expect(issue.labels).toEqual(["incident", "severity:P2", "not-incident"]);
    expect(result.effects).toContainEqual({ kind: "close-issue", issue: 57, reason: "not_planned" });
    const notice = result.effects.find((e) => e.kind === "upsert-comment" && e.key === "not-incident");
    expect(notice).toMatchObject({
      body: expect.stringContaining("https://github.com/example-org/fernhill/issues/new/choose"),
    });
    expect(notice).toMatchObject({ body: expect.stringContaining("only the @\u200bqa test account") });
    const commit = result.effects.find((e) => e.kind === "commit-file");
    expect(commit?.kind === "commit-file" && v.incident(parse(commit.files[0]?.content ?? ""))).toBe(true);
  });

  it("reopens: status back to investigating and the labels follow", () => {
    const issue = new FakeIssue();
    issue.plan("opened");
    issue.comment("alice", "/resolve");
    expect(issue.state).toBe("closed");
    issue.state = "open";
    const result = issue.plan("reopened", { actor: "bob" });
    expect(result.state.status).toBe("investigating");
    expect(result.state.timeline.at(-1)).toMatchObject({ kind: "reopened", author: "bob" });
    expect(issue.labels).toContain("status:investigating");
    expect(result.effects.some((e) => e.kind === "close-issue")).toBe(false);
  });

  it("reopens the issue when an open status is set on a resolved incident", () => {
    const issue = new FakeIssue();
    issue.plan("opened");
    issue.comment("alice", "/resolve");
    const result = issue.comment("alice", "/status monitoring");
    expect(result.effects).toContainEqual({ kind: "reopen-issue", issue: 57 });
    expect(issue.state).toBe("open");
  });

  it("writes the record on /sync, through a pull request when asked", () => {
    const issue = new FakeIssue();
    issue.plan("opened");
    const result = issue.comment("manager-mo", "/sync", undefined, { recordByPullRequest: true });
    const commit = result.effects.find((e) => e.kind === "commit-file");
    expect(commit).toMatchObject({
      files: [{ path: "incidents/2026/INC-57.yaml" }],
      pullRequest: { branch: "oncall/incident-57" },
    });
    expect(issue.state).toBe("open");
  });
});

describe("planIncidentEvent: a lost or garbled state", () => {
  it("rebuilds from the issue and earlier comments, with a note, instead of failing", () => {
    const issue = new FakeIssue();
    issue.plan("opened");
    const ack = issue.comment("alice", "/ack");
    const severity = issue.comment("alice", "/severity P1");
    issue.comments.set("incident", "someone pasted over it <!-- oncall:incident-state v1 !!garbage!! -->");
    const history = [
      ack.comment,
      severity.comment,
      { id: 1, author: "stranger", body: "/resolve", createdAt: utc("2026-10-22T15:36:00Z") },
    ];
    const result = issue.comment("bob", "/status identified", utc("2026-10-22T15:50:00Z"), { history });
    expect(result.state).toMatchObject({ severity: "P1", commander: "alice", status: "identified" });
    expect(issue.comments.get("incident")).toContain(
      "The saved incident state could not be decoded. The state was rebuilt from the issue and its earlier comments.",
    );
    expect(parseStateMarker(issue.comments.get("incident")).state).toEqual(result.state);
  });
});

describe("planIncidentEvent: the acknowledgement deadline", () => {
  it("is saved in the state on the first run and kept, not replaced, by later events", () => {
    const issue = new FakeIssue();
    issue.plan("opened");
    expect(issue.lastState?.deadline).toEqual({ tier: "full", targetMinutes: 10, at: "2026-10-22T15:40:00Z" });
    // A later run with another answer (the schedule file changed since) keeps the saved one.
    issue.comment("alice", "/ack", utc("2026-10-22T15:35:00Z"), {
      deadline: { tier: "partial", targetMinutes: 30, deadline: utc("2026-10-22T16:00:00Z") },
    });
    expect(issue.lastState?.deadline).toEqual({ tier: "full", targetMinutes: 10, at: "2026-10-22T15:40:00Z" });
  });

  it("is left out while it cannot be worked out, and saved by the first run that can", () => {
    const issue = new FakeIssue();
    issue.plan("opened", { deadline: null });
    expect(issue.lastState?.deadline).toBeUndefined();
    issue.comment("alice", "/ack");
    expect(issue.lastState?.deadline).toEqual({ tier: "full", targetMinutes: 10, at: "2026-10-22T15:40:00Z" });
  });
});
