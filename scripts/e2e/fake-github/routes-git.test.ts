import { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import { useFakeGitHub } from "./test-helper.js";

const fake = useFakeGitHub();
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const repo = { owner: "acme", repo: "oncall" };
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

function client(): Octokit {
  return new Octokit({ baseUrl: fake().url, auth: fake().token, log: quiet });
}

describe("contents API", () => {
  it("reads files and directories at a ref", async () => {
    fake().seed.files({ "incidents/2024/INC-1.yaml": "id: 1\n", "incidents/2024/INC-2.yaml": "id: 2\n" });
    const octokit = client();
    const { data: file } = await octokit.rest.repos.getContent({ ...repo, path: "incidents/2024/INC-1.yaml" });
    expect(Array.isArray(file)).toBe(false);
    if (Array.isArray(file) || file.type !== "file") throw new Error("expected a file");
    expect(Buffer.from(file.content, "base64").toString()).toBe("id: 1\n");
    const { data: dir } = await octokit.rest.repos.getContent({ ...repo, path: "incidents/2024", ref: "main" });
    expect(Array.isArray(dir) && dir.map((e) => e.name)).toEqual(["INC-1.yaml", "INC-2.yaml"]);
    await expect(octokit.rest.repos.getContent({ ...repo, path: "missing.yaml" })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("creates then updates a file, checking the blob sha (409 when stale, 422 when missing)", async () => {
    const octokit = client();
    const created = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: "a/b.txt",
      message: "add",
      content: b64("one"),
    });
    expect(created.status).toBe(201);
    const sha = created.data.content?.sha ?? "";
    await expect(
      octokit.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: "a/b.txt",
        message: "no sha",
        content: b64("two"),
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      octokit.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: "a/b.txt",
        message: "stale",
        content: b64("two"),
        sha: "0".repeat(40),
      }),
    ).rejects.toMatchObject({ status: 409 });
    const updated = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: "a/b.txt",
      message: "update",
      content: b64("two"),
      sha,
    });
    expect(updated.status).toBe(200);
    expect(fake().readFile("a/b.txt")).toBe("two");
    expect(fake().readFile("README.md")).toContain("oncall");
  });
});

describe("git data API", () => {
  it("builds a branch with a commit from blobs and trees, then opens a pull request with its files", async () => {
    const octokit = client();
    const { data: main } = await octokit.rest.git.getRef({ ...repo, ref: "heads/main" });
    const { data: base } = await octokit.rest.git.getCommit({ ...repo, commit_sha: main.object.sha });
    const { data: blob } = await octokit.rest.git.createBlob({ ...repo, content: "rot-a: alice\n", encoding: "utf-8" });
    const { data: tree } = await octokit.rest.git.createTree({
      ...repo,
      base_tree: base.tree.sha,
      tree: [{ path: "rotations/schedule.yaml", mode: "100644", type: "blob", sha: blob.sha }],
    });
    const { data: commit } = await octokit.rest.git.createCommit({
      ...repo,
      message: "Publish schedule",
      tree: tree.sha,
      parents: [main.object.sha],
    });
    await octokit.rest.git.createRef({ ...repo, ref: "refs/heads/schedule/next", sha: commit.sha });
    await expect(
      octokit.rest.git.createRef({ ...repo, ref: "refs/heads/schedule/next", sha: commit.sha }),
    ).rejects.toMatchObject({ status: 422 });
    expect(fake().readFile("rotations/schedule.yaml", "schedule/next")).toBe("rot-a: alice\n");
    expect(fake().readFile("rotations/schedule.yaml")).toBeUndefined();

    const { data: fullTree } = await octokit.rest.git.getTree({ ...repo, tree_sha: tree.sha, recursive: "1" });
    expect(fullTree.tree.map((e) => e.path)).toEqual(["README.md", "rotations", "rotations/schedule.yaml"]);
    const { data: gotBlob } = await octokit.rest.git.getBlob({ ...repo, file_sha: blob.sha });
    expect(Buffer.from(gotBlob.content, "base64").toString()).toBe("rot-a: alice\n");

    const { data: pr } = await octokit.rest.pulls.create({
      ...repo,
      title: "Publish schedule",
      head: "schedule/next",
      base: "main",
    });
    const { data: files } = await octokit.rest.pulls.listFiles({ ...repo, pull_number: pr.number });
    expect(files).toEqual([
      expect.objectContaining({ filename: "rotations/schedule.yaml", status: "added", additions: 1 }),
    ]);
    await expect(
      octokit.rest.pulls.create({ ...repo, title: "again", head: "schedule/next", base: "main" }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it("refuses a non-fast-forward ref update unless forced", async () => {
    const octokit = client();
    const first = fake().seed.files({ "x.txt": "1" });
    fake().seed.files({ "x.txt": "2" });
    await expect(octokit.rest.git.updateRef({ ...repo, ref: "heads/main", sha: first })).rejects.toMatchObject({
      status: 422,
    });
    const { data } = await octokit.rest.git.updateRef({ ...repo, ref: "heads/main", sha: first, force: true });
    expect(data.object.sha).toBe(first);
    expect(fake().readFile("x.txt")).toBe("1");
  });
});

describe("pull requests, reviews, statuses and checks", () => {
  it("lists pull requests by head, their reviews, and records review requests", async () => {
    fake().seed.user("alice", { permission: "write" });
    fake().seed.user("bob", { permission: "write" });
    const pr = fake().seed.pull({
      title: "Trade shifts",
      head: "trade",
      user: "alice",
      files: { "rotations/overrides.yaml": "- by: bob\n" },
    });
    fake().seed.review(pr.number, { user: "bob", state: "APPROVED" });
    const octokit = client();
    const { data: list } = await octokit.rest.pulls.list({ ...repo, head: "acme:trade" });
    expect(list.map((p) => p.number)).toEqual([pr.number]);
    expect((await octokit.rest.pulls.list({ ...repo, head: "acme:other" })).data).toEqual([]);
    const { data: reviews } = await octokit.rest.pulls.listReviews({ ...repo, pull_number: pr.number });
    expect(reviews.map((r) => [r.user?.login, r.state])).toEqual([["bob", "APPROVED"]]);
    await octokit.rest.pulls.requestReviewers({ ...repo, pull_number: pr.number, reviewers: ["bob"] });
    await expect(
      octokit.rest.pulls.requestReviewers({ ...repo, pull_number: pr.number, reviewers: ["alice"] }),
    ).rejects.toMatchObject({ status: 422 });
    const { data: full } = await octokit.rest.pulls.get({ ...repo, pull_number: pr.number });
    expect(full.requested_reviewers?.map((u) => u.login)).toEqual(["bob"]);
    expect(full.changed_files).toBe(1);
    const { data: updated } = await octokit.rest.pulls.update({
      ...repo,
      pull_number: pr.number,
      body: "alice takes bob's shift",
    });
    expect(updated.body).toBe("alice takes bob's shift");
    expect(fake().seed.merge(pr.number)).toMatch(/^[0-9a-f]{40}$/);
    expect(fake().readFile("rotations/overrides.yaml")).toBe("- by: bob\n");
  });

  it("combines commit statuses per context and keeps check runs per ref", async () => {
    const octokit = client();
    const sha = fake().seed.files({ "a.txt": "a" });
    await octokit.rest.repos.createCommitStatus({ ...repo, sha, state: "pending", context: "trade-check" });
    await octokit.rest.repos.createCommitStatus({
      ...repo,
      sha,
      state: "success",
      context: "trade-check",
      description: "all approved",
    });
    await octokit.rest.repos.createCommitStatus({ ...repo, sha, state: "failure", context: "validate" });
    const { data: combined } = await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: "main" });
    expect(combined.state).toBe("failure");
    expect(combined.statuses.map((s) => [s.context, s.state])).toEqual([
      ["validate", "failure"],
      ["trade-check", "success"],
    ]);
    const { data: run } = await octokit.rest.checks.create({
      ...repo,
      name: "trade",
      head_sha: sha,
      status: "in_progress",
    });
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: run.id,
      conclusion: "success",
      output: { title: "ok", summary: "fine" },
    });
    const { data: runs } = await octokit.rest.checks.listForRef({ ...repo, ref: sha });
    expect(runs.total_count).toBe(1);
    expect(runs.check_runs[0]).toMatchObject({
      name: "trade",
      status: "completed",
      conclusion: "success",
      output: { title: "ok" },
    });
  });
});

describe("issue search", () => {
  it("supports repo:, is:, label: and free text", async () => {
    fake().seed.issue({ title: "Checkout is down", labels: ["incident", "sev:P1"] });
    fake().seed.issue({ title: "Old incident", labels: ["incident"], state: "closed" });
    fake().seed.issue({ title: "Feature request", body: "checkout colours" });
    fake().seed.pull({ title: "incident fix", head: "fix", labels: ["incident"], files: { "f.txt": "x" } });
    const octokit = client();
    const search = async (q: string) =>
      (await octokit.rest.search.issuesAndPullRequests({ q })).data.items.map((i) => i.title);
    expect(await search("repo:acme/oncall is:issue is:open label:incident")).toEqual(["Checkout is down"]);
    expect(await search('repo:acme/oncall label:"sev:P1"')).toEqual(["Checkout is down"]);
    expect((await search("repo:acme/oncall checkout")).sort()).toEqual(["Checkout is down", "Feature request"]);
    expect(await search("repo:acme/oncall is:pr")).toEqual(["incident fix"]);
    expect(await search("repo:acme/oncall is:issue is:closed")).toEqual(["Old incident"]);
    expect(await search("repo:acme/oncall is:issue -label:incident")).toEqual(["Feature request"]);
    await expect(octokit.rest.search.issuesAndPullRequests({ q: "repo:acme/missing" })).rejects.toMatchObject({
      status: 422,
    });
  });
});
