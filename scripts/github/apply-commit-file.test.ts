import { describe, expect, it } from "vitest";
import { useFakeGitHub } from "../e2e/fake-github/test-helper.js";
import { ApplyEffectsError, applyEffects } from "./apply-effects.js";
import type { Effect } from "./effects.js";
import { createGitHubClient, type GitHubLogger } from "./octokit.js";
import { gitBlobSha } from "./write-files.js";

const fake = useFakeGitHub();
const repo = { owner: "acme", repo: "oncall" };

function apply(effects: Effect[], logger?: GitHubLogger) {
  const octokit = createGitHubClient({ token: fake().token, baseUrl: fake().url, timeScaleMs: 1 });
  return applyEffects(octokit, repo, effects, logger ? { logger } : {});
}

const record = (content: string): Effect => ({
  kind: "commit-file",
  files: [{ path: "incidents/2024/INC-7.yaml", content }],
  message: "INC-7: update record",
});

describe("commit-file directly to a branch", () => {
  it("creates, skips identical content, then updates with the current sha", async () => {
    expect((await apply([record("status: open\n")]))[0]?.outcome).toBe("updated");
    fake().log.clear();
    expect((await apply([record("status: open\n")]))[0]?.outcome).toBe("unchanged");
    expect(fake().log.summary()).toEqual(["GET repos/get 200", "GET repos/get-content 200"]);
    await apply([record("status: resolved\n")]);
    expect(fake().readFile("incidents/2024/INC-7.yaml")).toBe("status: resolved\n");
    expect(fake().log.find({ operationId: "repos/create-or-update-file-contents" }).at(-1)?.body).toMatchObject({
      sha: gitBlobSha("status: open\n"),
      branch: "main",
    });
  });

  it("re-reads and retries when the contents API answers 409", async () => {
    fake().faults.add({ kind: "conflict", operation: "repos/create-or-update-file-contents", times: 1 });
    const warnings: string[] = [];
    await apply([{ ...record("a: 1\n"), branch: "main" } as Effect], { info() {}, warn: (m) => warnings.push(m) });
    expect(fake().readFile("incidents/2024/INC-7.yaml")).toBe("a: 1\n");
    expect(fake().log.summary()).toEqual([
      "GET repos/get-content 404",
      "PUT repos/create-or-update-file-contents 409 (conflict)",
      "GET repos/get-content 404",
      "PUT repos/create-or-update-file-contents 201",
    ]);
    expect(warnings[0]).toContain("changed on main while it was being written");
  });

  it("fails loudly when the conflict persists, leaving the file as it was", async () => {
    fake().seed.files({ "incidents/2024/INC-7.yaml": "old\n" });
    fake().faults.add({ kind: "conflict", operation: "repos/create-or-update-file-contents", times: 100 });
    const error = (await apply([record("new\n")]).catch((e: unknown) => e)) as ApplyEffectsError;
    expect(error).toBeInstanceOf(ApplyEffectsError);
    expect(error.status).toBe(409);
    expect(error.message).toContain(
      "write incidents/2024/INC-7.yaml on main: PUT /repos/acme/oncall/contents/incidents/2024/INC-7.yaml failed with HTTP 409",
    );
    expect(fake().readFile("incidents/2024/INC-7.yaml")).toBe("old\n");
    expect(fake().log.count({ operationId: "repos/create-or-update-file-contents" })).toBe(3);
  });

  it("writes several files in one commit, and writes nothing at all when the branch update keeps failing", async () => {
    const files = [
      { path: "rotations/schedule.yaml", content: "shifts: []\n" },
      { path: "rotations/announcements.yaml", content: "- 2024-05\n" },
    ];
    const before = fake().repo().git.refs.get("heads/main");
    fake().faults.add({ kind: "bad-gateway", operation: "git/update-ref", times: 100 });
    await expect(apply([{ kind: "commit-file", files, message: "Publish" }])).rejects.toMatchObject({ status: 502 });
    expect(fake().readFile("rotations/schedule.yaml")).toBeUndefined();
    expect(fake().readFile("rotations/announcements.yaml")).toBeUndefined();
    expect(fake().repo().git.refs.get("heads/main")).toBe(before);

    fake().faults.clear();
    fake().log.clear();
    expect((await apply([{ kind: "commit-file", files, message: "Publish" }]))[0]?.summary).toBe(
      "committed rotations/schedule.yaml, rotations/announcements.yaml to main",
    );
    const head = fake().repo().git.refs.get("heads/main") ?? "";
    expect(fake().repo().git.commits.get(head)?.parents).toEqual([before]);
    expect(fake().readFile("rotations/announcements.yaml")).toBe("- 2024-05\n");
    fake().log.clear();
    expect((await apply([{ kind: "commit-file", files, message: "Publish" }]))[0]?.outcome).toBe("unchanged");
    expect(fake().log.summary()).toEqual(["GET repos/get 200", "GET git/get-ref 200", "GET git/get-tree 200"]);
  });

  it("rebuilds on the new head when the branch moved during a multi-file commit", async () => {
    const files = [
      { path: "a.yaml", content: "a\n" },
      { path: "b.yaml", content: "b\n" },
    ];
    // Simulate a concurrent push: move main right after our tree is read.
    const original = fake().repo().git.refs.get("heads/main");
    let moved = false;
    const octokit = createGitHubClient({ token: fake().token, baseUrl: fake().url, timeScaleMs: 1 });
    octokit.hook.after("request", (_response, options) => {
      if (!moved && String(options.url).includes("/git/commits")) {
        moved = true;
        fake().seed.files({ "other.txt": "pushed meanwhile" });
      }
    });
    await applyEffects(octokit, repo, [{ kind: "commit-file", files, message: "m", branch: "main" }]);
    expect(fake().readFile("other.txt")).toBe("pushed meanwhile");
    expect(fake().readFile("a.yaml")).toBe("a\n");
    expect(
      fake()
        .log.find({ operationId: "git/update-ref" })
        .map((e) => e.status),
    ).toEqual([422, 200]);
    expect(fake().repo().git.refs.get("heads/main")).not.toBe(original);
  });
});

describe("commit-file through a pull request", () => {
  const viaPr = (content: string, title = "INC-7: incident record"): Effect => ({
    kind: "commit-file",
    files: [{ path: "incidents/2024/INC-7.yaml", content }],
    message: "INC-7: update record",
    pullRequest: {
      branch: "oncall/incident-7",
      title,
      body: "Record of #7",
      labels: ["incident-record"],
      reviewers: ["alice"],
    },
  });

  it("creates the branch, commits, opens one pull request, and updates it on later runs", async () => {
    fake().seed.user("alice", { permission: "write" });
    const [first] = await apply([viaPr("status: open\n")]);
    expect(first).toMatchObject({ outcome: "created", number: 1 });
    const pull = fake().issue(1);
    expect(pull?.pull).toMatchObject({ headRef: "oncall/incident-7", baseRef: "main", requestedReviewers: ["alice"] });
    expect(pull?.labels).toEqual(["incident-record"]);
    expect(fake().readFile("incidents/2024/INC-7.yaml", "oncall/incident-7")).toBe("status: open\n");
    expect(fake().readFile("incidents/2024/INC-7.yaml")).toBeUndefined();

    fake().log.clear();
    expect((await apply([viaPr("status: open\n")]))[0]?.outcome).toBe("unchanged");
    expect(fake().log.writes()).toEqual([]);

    const [third] = await apply([viaPr("status: resolved\n", "INC-7: resolved")]);
    expect(third).toMatchObject({ outcome: "updated", number: 1 });
    expect([...fake().repo().issues.values()].filter((i) => i.pull)).toHaveLength(1);
    expect(fake().issue(1)?.title).toBe("INC-7: resolved");
    expect(fake().readFile("incidents/2024/INC-7.yaml", "oncall/incident-7")).toBe("status: resolved\n");
  });

  it("opens no pull request (and removes its new branch) when the base already has the content", async () => {
    fake().seed.files({ "incidents/2024/INC-7.yaml": "same\n" });
    const [result] = await apply([viaPr("same\n")]);
    expect(result?.outcome).toBe("unchanged");
    expect(fake().repo().git.refs.has("heads/oncall/incident-7")).toBe(false);
    expect(fake().repo().issues.size).toBe(0);
  });

  it("starts a branch left over from a merged pull request again from base, so the next one shows only its change", async () => {
    fake().seed.user("alice", { permission: "write" });
    await apply([viaPr("status: open\n")]);
    fake().seed.merge(1);
    fake().seed.files({ "incidents/2024/INC-8.yaml": "merged since\n" });
    const [next] = await apply([viaPr("status: resolved\n")]);
    expect(next).toMatchObject({ outcome: "created", number: 2 });
    const head = fake().repo().git.resolveCommit("heads/oncall/incident-7")!;
    const main = fake().repo().git.resolveCommit("heads/main")!;
    expect(fake().repo().git.ancestors(head).has(main)).toBe(true);
    expect(
      fake()
        .repo()
        .git.diff(main, head)
        .map((f) => f.filename),
    ).toEqual(["incidents/2024/INC-7.yaml"]);
  });

  it("completes a pull request a failed run left without one", async () => {
    fake().seed.user("alice", { permission: "write" });
    fake().faults.add({ kind: "server-error", operation: "pulls/create", times: 100 });
    await expect(apply([viaPr("x: 1\n")])).rejects.toMatchObject({
      status: 500,
      call: "POST /repos/acme/oncall/pulls",
    });
    expect(fake().repo().issues.size).toBe(0);
    fake().faults.clear();
    const [result] = await apply([viaPr("x: 1\n")]);
    expect(result).toMatchObject({ outcome: "created", number: 1 });
  });
});
