import { describe, expect, it } from "vitest";
import { buildEvent } from "../e2e/event-payloads.js";
import { tradeEvent } from "./trade-event.js";

describe("tradeEvent", () => {
  it("reads the pull request, both commits and the requested reviewers from pull_request", () => {
    const { eventName, payload } = buildEvent("pull_request.opened", { pullRequest: { number: 12, user: "alice", headSha: "a".repeat(40), baseSha: "b".repeat(40) } });
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
    const { eventName, payload } = buildEvent("pull_request_review.submitted", { pullRequest: { number: 3, user: "carol" }, review: { user: "bob", state: "approved" } });
    (payload["pull_request"] as Record<string, unknown>)["updated_at"] = "2026-11-23T12:00:00Z";
    (payload["review"] as Record<string, unknown>)["submitted_at"] = "2026-11-24T08:30:00Z";
    expect(tradeEvent(eventName, payload)?.at?.toISO()).toBe("2026-11-24T08:30:00.000Z");
  });

  it("ignores other events and payloads without a pull request", () => {
    expect(tradeEvent("issues", buildEvent("issues.opened").payload)).toBeUndefined();
    expect(tradeEvent("pull_request", {})).toBeUndefined();
  });
});
