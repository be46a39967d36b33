import { describe, expect, it } from "vitest";
import { buildEvent } from "./event-payloads.js";

describe("buildEvent", () => {
  it("points an issue_comment example at the test's repository, issue, comment and sender", () => {
    const { eventName, payload } = buildEvent("issue_comment.created", {
      repository: "acme/oncall",
      sender: "alice",
      issue: { number: 12, title: "Checkout down", labels: ["incident"], user: "bob" },
      comment: { id: 99, body: "/ack", user: "alice" },
      apiUrl: "http://127.0.0.1:1234",
    });
    expect(eventName).toBe("issue_comment");
    expect(payload).toMatchObject({
      action: "created",
      repository: { full_name: "acme/oncall", name: "oncall", owner: { login: "acme" } },
      issue: { number: 12, title: "Checkout down", labels: [{ name: "incident" }], user: { login: "bob" } },
      comment: { id: 99, body: "/ack", user: { login: "alice" } },
      sender: { login: "alice" },
    });
    expect(JSON.stringify(payload)).not.toContain("Codertocat/Hello-World");
    expect(JSON.stringify(payload)).not.toContain("https://api.github.com");
    expect((payload["repository"] as { url: string }).url).toBe("http://127.0.0.1:1234/repos/acme/oncall");
  });

  it("builds pull_request and pull_request_review events with head and base branches", () => {
    const pr = buildEvent("pull_request.opened", {
      pullRequest: { number: 5, head: "trade", headSha: "a".repeat(40), base: "main", user: "alice" },
    }).payload;
    expect(pr).toMatchObject({
      action: "opened",
      number: 5,
      pull_request: {
        number: 5,
        head: { ref: "trade", sha: "a".repeat(40) },
        base: { ref: "main" },
        user: { login: "alice" },
      },
    });
    const review = buildEvent("pull_request_review.submitted", {
      review: { state: "approved", user: "bob" },
      pullRequest: { number: 5 },
    }).payload;
    expect(review).toMatchObject({
      action: "submitted",
      review: { state: "approved", user: { login: "bob" } },
      pull_request: { number: 5 },
    });
  });

  it("builds schedule and workflow_dispatch events", () => {
    expect(buildEvent("schedule", { schedule: "*/15 * * * *" })).toMatchObject({
      eventName: "schedule",
      payload: { schedule: "*/15 * * * *", repository: { full_name: "acme/oncall" } },
    });
    expect(buildEvent("workflow_dispatch", { inputs: { at: "2024-05-06T11:00:00Z" } }).payload).toMatchObject({
      inputs: { at: "2024-05-06T11:00:00Z" },
      ref: "refs/heads/main",
    });
  });

  it("says so when there is no such example", () => {
    expect(() => buildEvent("issues.exploded")).toThrow(/no issues.exploded example/);
  });
});
