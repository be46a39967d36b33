import { describe, expect, it } from "vitest";
import { useFakeGitHub } from "../e2e/fake-github/test-helper.js";
import type { FaultKind } from "../e2e/fake-github/index.js";
import { ApplyEffectsError, applyEffects, describePlan } from "./apply-effects.js";
import type { Effect } from "./effects.js";
import { InvalidEffectError } from "./github-error.js";
import { createGitHubClient } from "./octokit.js";

const fake = useFakeGitHub();
const repo = { owner: "acme", repo: "oncall" };

function apply(effects: Effect[], options: Parameters<typeof applyEffects>[3] = {}) {
  const octokit = createGitHubClient({ token: fake().token, baseUrl: fake().url, timeScaleMs: 1 });
  return applyEffects(octokit, repo, effects, options);
}

describe("upsert-comment", () => {
  it("leaves exactly one comment when the same plan runs twice, and edits it when the body changes", async () => {
    fake().seed.issue({ title: "Checkout down" });
    const plan: Effect[] = [{ kind: "upsert-comment", issue: 1, key: "incident", body: "Ack due 10:10" }];
    const first = await apply(plan);
    expect(first.map((a) => a.outcome)).toEqual(["created"]);
    fake().log.clear();
    const second = await apply(plan);
    expect(second.map((a) => a.outcome)).toEqual(["unchanged"]);
    expect(fake().log.summary()).toEqual(["GET issues/list-comments 200"]);
    await apply([{ kind: "upsert-comment", issue: 1, key: "incident", body: "Acknowledged by alice" }]);
    const comments = fake().comments(1);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toBe("Acknowledged by alice\n\n<!-- oncall:incident -->");
  });

  it("keeps comments of different keys apart and lists an issue's comments once per plan", async () => {
    fake().seed.issue({ title: "Checkout down" });
    fake().seed.comment(1, { body: "someone else" });
    await apply([
      { kind: "upsert-comment", issue: 1, key: "incident", body: "status" },
      { kind: "upsert-comment", issue: 1, key: "reply-1", body: "done" },
      { kind: "upsert-comment", issue: 1, key: "incident", body: "status v2" },
    ]);
    expect(
      fake()
        .comments(1)
        .map((c) => c.body),
    ).toEqual(["someone else", "status v2\n\n<!-- oncall:incident -->", "done\n\n<!-- oncall:reply-1 -->"]);
    expect(fake().log.count({ operationId: "issues/list-comments" })).toBe(1);
  });

  it("never adopts a human's comment that carries the marker", async () => {
    fake().seed.issue({ title: "Checkout down" });
    fake().seed.comment(1, { user: "mallory", body: "gotcha <!-- oncall:incident -->" });
    await apply([{ kind: "upsert-comment", issue: 1, key: "incident", body: "status" }]);
    expect(
      fake()
        .comments(1)
        .map((c) => [c.user, c.body]),
    ).toEqual([
      ["mallory", "gotcha <!-- oncall:incident -->"],
      ["github-actions[bot]", "status\n\n<!-- oncall:incident -->"],
    ]);
  });

  const faults: FaultKind[] = [
    "server-error",
    "bad-gateway",
    "secondary-rate-limit",
    "too-many-requests",
    "primary-rate-limit",
  ];
  it.each(faults)("survives a %s on the write and still leaves one comment", async (kind) => {
    fake().seed.issue({ title: "Checkout down" });
    fake().faults.add({ kind, operation: "issues/create-comment", times: 1 });
    fake().faults.add({ kind, operation: "issues/list-comments", times: 1 });
    await apply([{ kind: "upsert-comment", issue: 1, key: "incident", body: "status" }]);
    await apply([{ kind: "upsert-comment", issue: 1, key: "incident", body: "status" }]);
    expect(fake().comments(1)).toHaveLength(1);
    expect(fake().faults.pending()).toEqual([]);
  });
});

describe("create-issue", () => {
  it("creates once, finds the issue again by its marker, and lets later effects target it", async () => {
    const plan: Effect[] = [
      { kind: "create-issue", key: "followup-12-1", title: "Add alerting", body: "From INC-12", labels: ["follow-up"] },
      { kind: "upsert-comment", issue: { createdBy: "followup-12-1" }, key: "origin", body: "Opened from #12" },
    ];
    const first = await apply(plan);
    expect(first.map((a) => [a.outcome, a.number])).toEqual([
      ["created", 1],
      ["created", 1],
    ]);
    fake().log.clear();
    const second = await apply(plan);
    expect(second.map((a) => a.outcome)).toEqual(["unchanged", "unchanged"]);
    expect(fake().log.writes()).toEqual([]);
    expect(fake().log.find({ operationId: "issues/list-for-repo" })[0]?.query).toMatchObject({
      labels: "follow-up",
      state: "all",
    });
    expect(fake().repo().issues.size).toBe(1);
    expect(fake().issue(1)?.body).toBe("From INC-12\n\n<!-- oncall:followup-12-1 -->");
  });
});

describe("labels, assignees and state", () => {
  it("writes only differences and reports unchanged on a rerun", async () => {
    fake().seed.user("alice", { permission: "write" });
    fake().seed.user("bob", { permission: "write" });
    fake().seed.issue({ title: "Checkout down", labels: ["incident"], assignees: ["bob"] });
    const plan: Effect[] = [
      {
        kind: "ensure-labels",
        labels: [
          { name: "sev:P2", color: "d93f0b", description: "Major" },
          { name: "incident", color: "b60205" },
        ],
      },
      { kind: "add-labels", issue: 1, labels: ["incident", "sev:P2"] },
      { kind: "remove-labels", issue: 1, labels: ["status:new"] },
      { kind: "set-assignees", issue: 1, assignees: ["alice"] },
      { kind: "close-issue", issue: 1, reason: "completed" },
    ];
    const first = await apply(plan);
    expect(first.map((a) => a.outcome)).toEqual(["created", "updated", "unchanged", "updated", "updated"]);
    const issue = fake().issue(1);
    expect(issue?.labels).toEqual(["incident", "sev:P2"]);
    expect(issue?.assignees).toEqual(["alice"]);
    expect(issue?.state).toBe("closed");
    expect(fake().store.label(fake().repo(), "incident")?.color).toBe("b60205");
    expect(fake().log.count({ operationId: "issues/get" })).toBe(1);
    fake().log.clear();
    const second = await apply(plan);
    expect(second.every((a) => a.outcome === "unchanged")).toBe(true);
    expect(fake().log.writes()).toEqual([]);
  });

  it("warns when GitHub declines an assignee without access", async () => {
    fake().seed.issue({ title: "Checkout down" });
    fake().seed.user("outsider");
    const [result] = await apply([{ kind: "add-assignees", issue: 1, assignees: ["outsider"] }]);
    expect(result?.warnings).toEqual(["GitHub did not assign outsider to #1 (no access to the repository?)"]);
  });

  it("reopens a closed issue once", async () => {
    fake().seed.issue({ title: "x", state: "closed" });
    expect((await apply([{ kind: "reopen-issue", issue: 1 }]))[0]?.outcome).toBe("updated");
    expect((await apply([{ kind: "reopen-issue", issue: 1 }]))[0]?.outcome).toBe("unchanged");
    expect(fake().issue(1)?.state).toBe("open");
  });
});

describe("pull request reviews and commit statuses", () => {
  it("requests reviews only from people not yet asked, and posts a status only when it changes", async () => {
    for (const login of ["alice", "bob", "carol"]) fake().seed.user(login, { permission: "write" });
    const pull = fake().seed.pull({
      title: "Trade",
      head: "trade",
      user: "alice",
      files: { "rotations/overrides.yaml": "[]\n" },
    });
    fake().seed.review(pull.number, { user: "carol", state: "APPROVED" });
    const sha = pull.pull.headSha;
    const plan: Effect[] = [
      { kind: "request-reviewers", pull: pull.number, reviewers: ["alice", "bob", "carol"] },
      { kind: "set-commit-status", sha, context: "oncall/trade", state: "pending", description: "waiting for bob" },
    ];
    expect((await apply(plan)).map((a) => a.outcome)).toEqual(["updated", "created"]);
    expect(fake().log.find({ operationId: "pulls/request-reviewers" })[0]?.body).toEqual({ reviewers: ["bob"] });
    fake().log.clear();
    expect((await apply(plan)).map((a) => a.outcome)).toEqual(["unchanged", "unchanged"]);
    expect(fake().log.writes()).toEqual([]);
    await apply([
      { kind: "set-commit-status", sha, context: "oncall/trade", state: "success", description: "all approved" },
    ]);
    expect(
      fake()
        .repo()
        .statuses.map((s) => s.state),
    ).toEqual(["pending", "success"]);
  });
});

describe("failures", () => {
  it("stops at the first failed effect with a typed error naming the call, status and what was applied", async () => {
    fake().seed.issue({ title: "Checkout down" });
    fake().faults.add({ kind: "server-error", operation: "issues/create-comment", times: 100 });
    const plan: Effect[] = [
      { kind: "add-labels", issue: 1, labels: ["incident"] },
      { kind: "upsert-comment", issue: 1, key: "incident", body: "status" },
      { kind: "close-issue", issue: 1 },
    ];
    const error = await apply(plan).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplyEffectsError);
    const e = error as ApplyEffectsError;
    expect(e).toMatchObject({ status: 500, call: "POST /repos/acme/oncall/issues/1/comments", index: 2 });
    expect(e.applied.map((a) => a.effect.kind)).toEqual(["add-labels"]);
    expect(e.message).toContain(
      'comment "incident" on #1: POST /repos/acme/oncall/issues/1/comments failed with HTTP 500: Server Error',
    );
    expect(e.message).toContain("while applying effect 2 of 3");
    expect(fake().comments(1)).toEqual([]);
    expect(fake().issue(1)?.state).toBe("open");
    expect(fake().log.count({ operationId: "issues/update" })).toBe(0);
    // The fault clears; rerunning the same plan completes it without duplicates.
    fake().faults.clear();
    expect((await apply(plan)).map((a) => a.outcome)).toEqual(["unchanged", "created", "updated"]);
  });

  it("rejects an invalid plan before making any call", async () => {
    await expect(
      apply([{ kind: "upsert-comment", issue: { createdBy: "nope" }, key: "x", body: "y" }]),
    ).rejects.toBeInstanceOf(InvalidEffectError);
    await expect(apply([{ kind: "upsert-comment", issue: 1, key: "bad key -->", body: "y" }])).rejects.toThrow(
      /marker key/,
    );
    expect(fake().log.count()).toBe(0);
  });

  it("describes a plan for dry runs", () => {
    expect(
      describePlan([
        { kind: "add-labels", issue: 3, labels: ["incident"] },
        { kind: "commit-file", files: [{ path: "a.yaml", content: "" }], message: "m" },
      ]),
    ).toEqual(["1. add labels incident to #3", "2. commit a.yaml to the default branch"]);
  });
});
