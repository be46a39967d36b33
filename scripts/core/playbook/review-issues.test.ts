import { describe, expect, it } from "vitest";
import {
  planPlaybookReviews,
  playbookReviewKey,
  playbookReviewKeyIn,
  type DuePlaybook,
  type OpenReviewIssue,
} from "./index.js";

const due: DuePlaybook = {
  path: "playbooks/auth.md",
  title: "Auth",
  owners: ["ana", "ben"],
  lastReviewed: "2026-04-20",
};
const plan = (list: DuePlaybook[], open: OpenReviewIssue[] = []) =>
  planPlaybookReviews({ due: list, open, reviewDays: 180, repoUrl: "https://github.com/acme/oncall" });

describe("playbook review issues", () => {
  // Fails before the issue 13 item 5: a stale playbook opened no issue.
  it("opens one issue per due playbook, assigned to its owners, and keeps it current", () => {
    const key = playbookReviewKey(due.path, due.lastReviewed);
    const effects = plan([due]);
    expect(effects).toEqual([
      expect.objectContaining({ kind: "create-issue", key, labels: ["playbook-review"], assignees: ["ana", "ben"] }),
      expect.objectContaining({ kind: "update-issue", issue: { createdBy: key } }),
    ]);
    const body = effects[0]?.kind === "create-issue" ? effects[0].body : "";
    expect(playbookReviewKeyIn(body)).toBe(key);
  });

  it("closes the issue once the playbook is reviewed (a new lastReviewed, or no longer due)", () => {
    const old = { number: 5, key: playbookReviewKey(due.path, due.lastReviewed) };
    expect(plan([], [old])).toEqual([{ kind: "close-issue", issue: 5, reason: "completed" }]);
    expect(plan([{ ...due, lastReviewed: "2026-05-01" }], [old]).at(-1)).toEqual({
      kind: "close-issue",
      issue: 5,
      reason: "completed",
    });
    expect(plan([due], [old]).some((e) => e.kind === "close-issue")).toBe(false);
  });

  it("hashes paths that would make an unusable marker key", () => {
    const key = playbookReviewKey(`playbooks/${"a".repeat(120)}--b.md`, "2026-01-01");
    expect(key).toMatch(/^playbook-review:[0-9a-f]{8}:2026-01-01$/);
  });
});
