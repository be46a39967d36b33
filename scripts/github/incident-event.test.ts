import { describe, expect, it } from "vitest";
import { buildEvent } from "../e2e/event-payloads.js";
import { permissionAllowsCommands } from "./collaborator-access.js";
import { readIncidentEvent } from "./incident-event.js";

const issue = {
  number: 7,
  labels: ["incident", "severity:P2"],
  assignees: ["alice"],
  user: "reporter",
  created_at: "2026-12-02T15:00:00Z",
  updated_at: "2026-12-02T15:09:00Z",
};

describe("readIncidentEvent", () => {
  it("reads an opened issue with its snapshot, the default branch and the event time", () => {
    const { eventName, payload } = buildEvent("issues.opened", { sender: "reporter", issue });
    const { event } = readIncidentEvent(eventName, payload);
    expect(event).toMatchObject({
      kind: "opened",
      sender: "reporter",
      defaultBranch: "main",
      repoUrl: "https://github.com/acme/oncall",
      issue: { number: 7, author: "reporter" },
    });
    expect(event?.issue.snapshot).toMatchObject({
      labels: ["incident", "severity:P2"],
      assignees: ["alice"],
      state: "open",
    });
    expect(event?.at.toISO()).toBe("2026-12-02T15:00:00.000Z");
    expect(readIncidentEvent("issues", { ...buildEvent("issues.edited", { issue }).payload }).event?.at.toISO()).toBe(
      "2026-12-02T15:09:00.000Z",
    );
  });

  it("reads a command comment and dates the event by it", () => {
    const { eventName, payload } = buildEvent("issue_comment.created", {
      sender: "alice",
      issue,
      comment: { id: 99, body: "/ack", user: "alice", created_at: "2026-12-02T15:04:00Z" },
    });
    const { event } = readIncidentEvent(eventName, payload);
    expect(event?.comment).toMatchObject({ id: 99, author: "alice", body: "/ack" });
    expect(event?.at.toISO()).toBe("2026-12-02T15:04:00.000Z");
  });

  it("skips, with a reason, everything that needs no work", () => {
    const skip = (spec: string, options: Parameters<typeof buildEvent>[1]) =>
      readIncidentEvent(spec.split(".")[0] ?? "", buildEvent(spec, options).payload).skip;
    expect(skip("issues.labeled", { issue })).toContain("not issues.labeled");
    expect(skip("issues.opened", { issue: { ...issue, labels: ["bug"] } })).toContain("no `incident` label");
    expect(skip("issue_comment.created", { issue, comment: { body: "thanks, looking" } })).toBe(
      "The comment has no commands.",
    );
    expect(skip("issue_comment.created", { issue, comment: { body: "/ack", user: "github-actions[bot]" } })).toContain(
      "a bot",
    );
    const onPull = buildEvent("issue_comment.created", { issue, comment: { body: "/ack" } }).payload;
    (onPull["issue"] as Record<string, unknown>)["pull_request"] = {
      url: "https://api.github.com/repos/acme/oncall/pulls/7",
    };
    expect(readIncidentEvent("issue_comment", onPull).skip).toContain("is a pull request");
    // A typo is still worth an answer.
    expect(skip("issue_comment.created", { issue, comment: { body: "/akc" } })).toBeUndefined();
  });
});

describe("permissionAllowsCommands", () => {
  it("lets triage, write, maintain and admin run commands, not read", () => {
    expect(permissionAllowsCommands({ permission: "read", role_name: "triage" })).toBe(true);
    expect(permissionAllowsCommands({ permission: "write", role_name: "maintain" })).toBe(true);
    expect(permissionAllowsCommands({ permission: "write", role_name: "custom-deployer" })).toBe(true);
    expect(permissionAllowsCommands({ permission: "admin", role_name: "admin" })).toBe(true);
    expect(permissionAllowsCommands({ permission: "read", role_name: "read" })).toBe(false);
    expect(permissionAllowsCommands({ permission: "none", role_name: "" })).toBe(false);
  });
});
