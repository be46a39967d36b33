import { describe, expect, it } from "vitest";
import { buildEvent } from "./event-payloads.js";
import { relayRun, tradeEvent } from "../core/trade/index.js";

describe("tradeEvent", () => {
  it("reads the pull request, both commits and the requested reviewers from pull_request", () => {
    const { eventName, payload } = buildEvent("pull_request.opened", {
      pullRequest: { number: 12, user: "alice", headSha: "a".repeat(40), baseSha: "b".repeat(40) },
    });
    const pr = payload["pull_request"] as Record<string, unknown>;
    pr["requested_reviewers"] = [{ login: "bob" }];
    pr["updated_at"] = "2026-11-23T12:00:00Z";
    const event = tradeEvent(eventName, payload);
    expect(event?.pull).toEqual({ number: 12, author: "alice", headSha: "a".repeat(40), requestedReviewers: ["bob"] });
    expect(event?.baseSha).toBe("b".repeat(40));
    expect(event?.at?.toISO()).toBe("2026-11-23T12:00:00.000Z");
    expect(tradeEvent("pull_request_target", payload)?.pull.number).toBe(12);
  });

  it("takes the later of the pull request's update and the review for pull_request_review", () => {
    const { eventName, payload } = buildEvent("pull_request_review.submitted", {
      pullRequest: { number: 3, user: "carol" },
      review: { user: "bob", state: "approved" },
    });
    (payload["pull_request"] as Record<string, unknown>)["updated_at"] = "2026-11-23T12:00:00Z";
    (payload["review"] as Record<string, unknown>)["submitted_at"] = "2026-11-24T08:30:00Z";
    expect(tradeEvent(eventName, payload)?.at?.toISO()).toBe("2026-11-24T08:30:00.000Z");
  });

  it("ignores other events and payloads without a pull request", () => {
    expect(tradeEvent("issues", buildEvent("issues.opened").payload)).toBeUndefined();
    expect(tradeEvent("pull_request", {})).toBeUndefined();
  });
});

describe("relayRun (the workflow_run after a review)", () => {
  const sha = "c".repeat(40);
  const payload = (run: Record<string, unknown>) => ({
    workflow_run: {
      event: "pull_request_review",
      head_sha: sha,
      head_branch: "trade",
      head_repository: { owner: { login: "fork-owner" } },
      ...run,
    },
  });

  it("takes the linked pull request's number, and only a positive integer", () => {
    expect(relayRun("workflow_run", payload({ pull_requests: [{ number: 7, head: { sha } }] }))).toMatchObject({
      number: 7,
      headSha: sha,
    });
    for (const number of ["7", 7.5, -1, 0, "7; rm -rf /", null]) {
      const run = relayRun("workflow_run", payload({ pull_requests: [{ number, head: { sha } }] }));
      expect(run?.number).toBeUndefined();
      expect(run).toMatchObject({ headOwner: "fork-owner", headBranch: "trade" });
    }
  });

  it("ignores runs that a review did not start, other events, and heads that are not commit ids", () => {
    expect(relayRun("workflow_run", payload({ event: "push" }))).toBeUndefined();
    expect(relayRun("pull_request_review", payload({}))).toBeUndefined();
    expect(relayRun("workflow_run", payload({ head_sha: "HEAD --upload-pack=x" }))).toBeUndefined();
  });
});
