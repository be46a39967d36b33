import { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import { useFakeGitHub } from "./test-helper.js";

const fake = useFakeGitHub();
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function client(auth?: string): Octokit {
  return new Octokit({
    baseUrl: fake().url,
    log: quiet,
    ...(auth === undefined ? { auth: fake().token } : auth === "" ? {} : { auth }),
  });
}

describe("fake GitHub server", () => {
  it("answers 401 without an authorization header, and logs the request", async () => {
    const res = await fetch(`${fake().url}/repos/acme/oncall/issues`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: "Requires authentication" });
    expect(fake().log.find({ status: 401 })).toHaveLength(1);
    await expect(client("").rest.issues.listForRepo({ owner: "acme", repo: "oncall" })).rejects.toMatchObject({
      status: 401,
    });
  });

  it("answers 401 Bad credentials for a token it does not know when tokens are configured", async () => {
    const { startFakeGitHub } = await import("./index.js");
    const strict = await startFakeGitHub({ tokens: { "good-token": "alice" } });
    try {
      const bad = new Octokit({ baseUrl: strict.url, auth: "nope", log: quiet });
      await expect(bad.rest.issues.listForRepo({ owner: "acme", repo: "oncall" })).rejects.toMatchObject({
        status: 401,
        message: expect.stringContaining("Bad credentials"),
      });
      const good = new Octokit({ baseUrl: strict.url, auth: "good-token" });
      const { data } = await good.rest.issues.create({ owner: "acme", repo: "oncall", title: "by alice" });
      expect(data.user?.login).toBe("alice");
    } finally {
      await strict.close();
      strict.assertNoViolations();
    }
  });

  it("paginates with per_page/page and a Link header Octokit can follow", async () => {
    for (let i = 1; i <= 7; i++) fake().seed.issue({ title: `issue ${i}` });
    const octokit = client();
    const first = await octokit.rest.issues.listForRepo({ owner: "acme", repo: "oncall", per_page: 3 });
    expect(first.data.map((i) => i.number)).toEqual([7, 6, 5]);
    const link = first.headers.link ?? "";
    expect(link).toContain('rel="next"');
    expect(link).toContain('rel="last"');
    expect(link).toMatch(/[?&]page=2/);
    expect(link).toMatch(/[?&]page=3[^>]*>; rel="last"/);
    const middle = await octokit.rest.issues.listForRepo({ owner: "acme", repo: "oncall", per_page: 3, page: 2 });
    expect(middle.headers.link).toContain('rel="prev"');
    expect(middle.headers.link).toContain('rel="first"');
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: "acme",
      repo: "oncall",
      per_page: 3,
      direction: "asc",
    });
    expect(all.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(fake().log.count({ operationId: "issues/list-for-repo" })).toBe(2 + 3);
  });

  it("sends rate-limit headers on every response and counts search separately", async () => {
    const octokit = client();
    const a = await octokit.rest.issues.listForRepo({ owner: "acme", repo: "oncall" });
    const b = await octokit.rest.issues.listForRepo({ owner: "acme", repo: "oncall" });
    expect(a.headers["x-ratelimit-limit"]).toBe("5000");
    expect(a.headers["x-ratelimit-resource"]).toBe("core");
    expect(Number(a.headers["x-ratelimit-remaining"]) - Number(b.headers["x-ratelimit-remaining"])).toBe(1);
    expect(b.headers["x-ratelimit-used"]).toBe("2");
    expect(Number(b.headers["x-ratelimit-reset"])).toBeGreaterThan(Date.now() / 1000);
    const s = await octokit.rest.search.issuesAndPullRequests({ q: "repo:acme/oncall is:issue" });
    expect(s.headers["x-ratelimit-resource"]).toBe("search");
    expect(s.headers["x-ratelimit-limit"]).toBe("30");
  });

  it("keeps state across calls: issues, labels, assignees, comments", async () => {
    fake().seed.user("alice", { permission: "write" });
    const octokit = client();
    const { data: issue } = await octokit.rest.issues.create({
      owner: "acme",
      repo: "oncall",
      title: "Checkout down",
      body: "500s",
      labels: ["incident"],
      assignees: ["alice"],
    });
    await octokit.rest.issues.addLabels({
      owner: "acme",
      repo: "oncall",
      issue_number: issue.number,
      labels: ["sev:P2", "Incident"],
    });
    await octokit.rest.issues.removeLabel({
      owner: "acme",
      repo: "oncall",
      issue_number: issue.number,
      name: "incident",
    });
    await octokit.rest.issues.createComment({ owner: "acme", repo: "oncall", issue_number: issue.number, body: "ack" });
    await octokit.rest.issues.update({
      owner: "acme",
      repo: "oncall",
      issue_number: issue.number,
      state: "closed",
      state_reason: "completed",
    });
    const { data: got } = await octokit.rest.issues.get({ owner: "acme", repo: "oncall", issue_number: issue.number });
    expect(got.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual(["sev:P2"]);
    expect(got.assignees?.map((a) => a.login)).toEqual(["alice"]);
    expect(got.state).toBe("closed");
    expect(got.closed_by?.login).toBe("github-actions[bot]");
    expect(got.comments).toBe(1);
    expect(fake().issue(issue.number)?.state).toBe("closed");
    const { data: open } = await octokit.rest.issues.listForRepo({ owner: "acme", repo: "oncall" });
    expect(open).toHaveLength(0);
    const { data: closed } = await octokit.rest.issues.listForRepo({
      owner: "acme",
      repo: "oncall",
      state: "closed",
      labels: "sev:p2",
    });
    expect(closed.map((i) => i.number)).toEqual([issue.number]);
  });

  it("edits and deletes comments, replaces labels and removes assignees", async () => {
    fake().seed.user("alice", { permission: "write" });
    fake().seed.issue({ title: "x", labels: ["a", "b"], assignees: ["alice"] });
    const octokit = client();
    const { data: comment } = await octokit.rest.issues.createComment({
      owner: "acme",
      repo: "oncall",
      issue_number: 1,
      body: "one",
    });
    await octokit.rest.issues.updateComment({ owner: "acme", repo: "oncall", comment_id: comment.id, body: "two" });
    expect(
      fake()
        .comments(1)
        .map((c) => c.body),
    ).toEqual(["two"]);
    await octokit.rest.issues.deleteComment({ owner: "acme", repo: "oncall", comment_id: comment.id });
    expect(fake().comments(1)).toEqual([]);
    await expect(
      octokit.rest.issues.getComment({ owner: "acme", repo: "oncall", comment_id: comment.id }),
    ).rejects.toMatchObject({ status: 404 });
    const { data: labels } = await octokit.rest.issues.setLabels({
      owner: "acme",
      repo: "oncall",
      issue_number: 1,
      labels: ["c"],
    });
    expect(labels.map((l) => l.name)).toEqual(["c"]);
    const { data: issue } = await octokit.rest.issues.removeAssignees({
      owner: "acme",
      repo: "oncall",
      issue_number: 1,
      assignees: ["alice"],
    });
    expect(issue.assignees).toEqual([]);
    const { data: repoLabels } = await octokit.rest.issues.listLabelsForRepo({ owner: "acme", repo: "oncall" });
    expect(repoLabels.map((l) => l.name)).toEqual(["a", "b", "c"]);
  });

  it("refuses bodies over GitHub's 65536-character limit", async () => {
    fake().seed.issue({ title: "x" });
    const error = await client()
      .rest.issues.createComment({ owner: "acme", repo: "oncall", issue_number: 1, body: "x".repeat(65537) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 422,
      response: { data: { errors: [{ message: "body is too long (maximum is 65536 characters)" }] } },
    });
  });

  it("reports a configurable collaborator permission, and 404 for unknown users", async () => {
    fake().seed.user("tri", { permission: "triage" });
    fake().seed.user("reader");
    const octokit = client();
    const tri = await octokit.rest.repos.getCollaboratorPermissionLevel({
      owner: "acme",
      repo: "oncall",
      username: "tri",
    });
    expect(tri.data).toMatchObject({ permission: "read", role_name: "triage" });
    const owner = await octokit.rest.repos.getCollaboratorPermissionLevel({
      owner: "acme",
      repo: "oncall",
      username: "acme",
    });
    expect(owner.data.permission).toBe("admin");
    const reader = await octokit.rest.repos.getCollaboratorPermissionLevel({
      owner: "acme",
      repo: "oncall",
      username: "reader",
    });
    expect(reader.data.permission).toBe("read");
    await expect(
      octokit.rest.repos.getCollaboratorPermissionLevel({ owner: "acme", repo: "oncall", username: "ghost" }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
