import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inputEnvName, runAction } from "./action-runner.js";
import { buildEvent } from "./event-payloads.js";
import { useFakeGitHub } from "./fake-github/test-helper.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const banner = `import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);`;

// A throwaway action: reads the event, comments on the fake, sets outputs and a summary.
const source = `
import * as core from "@actions/core";
import * as github from "@actions/github";

async function run() {
  const octokit = github.getOctokit(core.getInput("github-token", { required: true }));
  const { owner, repo } = github.context.repo;
  const issue = github.context.payload.issue;
  if (core.getInput("fail") === "true") throw new Error("asked to fail, with: details");
  const { data } = await octokit.rest.issues.createComment({
    owner, repo, issue_number: issue.number,
    body: core.getInput("greeting") + " @" + github.context.actor + " (" + github.context.eventName + ")",
  });
  core.setOutput("comment-id", String(data.id));
  core.setOutput("multi", "line 1\\nline 2");
  core.warning("check this", { file: "rotations/people.yaml", startLine: 3, title: "Roster" });
  await core.summary.addHeading("Smoke").addRaw("Commented on #" + issue.number).write();
}
run().catch((error) => core.setFailed(error.message));
`;

// A second one built on the project's adapter: scaled retries must reach the child through the env.
const adapterSource = (githubDir: string) => `
import * as core from "@actions/core";
import { applyEffects } from "${githubDir}/apply-effects.ts";
import { clientOptionsFromEnv, createGitHubClient } from "${githubDir}/octokit.ts";

async function run() {
  const octokit = createGitHubClient({ token: process.env.GITHUB_TOKEN, ...clientOptionsFromEnv(), logger: { info: core.info, warn: core.warning } });
  const [owner, repo] = process.env.GITHUB_REPOSITORY.split("/");
  const applied = await applyEffects(octokit, { owner, repo }, [
    { kind: "add-labels", issue: 1, labels: ["incident"] },
    { kind: "upsert-comment", issue: 1, key: "incident", body: "status" },
  ]);
  core.setOutput("outcomes", applied.map((a) => a.outcome).join(","));
}
run().catch((error) => core.setFailed(error.message));
`;

let dir = "";
let entry = "";
let adapterEntry = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "oncall-smoke-action-"));
  await writeFile(join(dir, "index.js"), source);
  entry = join(dir, "dist", "index.mjs");
  await writeFile(join(dir, "adapter.js"), adapterSource(join(root, "scripts", "github")));
  adapterEntry = join(dir, "adapter-dist", "index.mjs");
  const common: BuildOptions = {
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    banner: { js: banner },
    nodePaths: [join(root, "node_modules")],
    logLevel: "error",
  };
  await build({ ...common, entryPoints: [join(dir, "index.js")], outfile: entry });
  await build({ ...common, entryPoints: [join(dir, "adapter.js")], outfile: adapterEntry });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("runAction", () => {
  const fake = useFakeGitHub();

  it("runs a bundled action against the fake and collects outputs, summary and annotations", async () => {
    fake().seed.issue({ title: "Checkout down" });
    const { eventName, payload } = buildEvent("issue_comment.created", {
      issue: { number: 1 },
      comment: { body: "/ack" },
      sender: "alice",
      apiUrl: fake().url,
    });
    const run = await runAction({
      entry,
      eventName,
      payload,
      apiUrl: fake().url,
      inputs: { "github-token": fake().token, greeting: "Thanks" },
    });
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    const [comment] = fake().comments(1);
    expect(comment?.body).toBe("Thanks @alice (issue_comment)");
    expect(run.outputs).toEqual({ "comment-id": String(comment?.id), multi: "line 1\nline 2" });
    expect(run.summary).toContain("<h1>Smoke</h1>");
    expect(run.summary).toContain("Commented on #1");
    expect(run.annotations).toEqual([
      { level: "warning", message: "check this", file: "rotations/people.yaml", line: 3, title: "Roster" },
    ]);
    expect(fake().log.find({ operationId: "issues/create-comment" })).toHaveLength(1);
  });

  it("reports a failing action's exit code and error annotation", async () => {
    fake().seed.issue({ title: "Checkout down" });
    const { eventName, payload } = buildEvent("issues.opened", { issue: { number: 1 } });
    const run = await runAction({
      entry,
      eventName,
      payload,
      apiUrl: fake().url,
      inputs: { "github-token": fake().token, fail: true },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toEqual([{ level: "error", message: "asked to fail, with: details" }]);
    expect(fake().log.count()).toBe(0);
  });

  it("runs an action built on the adapter, whose retries are scaled down through the environment", async () => {
    fake().seed.issue({ title: "Checkout down" });
    fake().faults.add({ kind: "secondary-rate-limit", operation: "issues/create-comment", times: 2, retryAfter: 60 });
    fake().faults.add({ kind: "bad-gateway", operation: "issues/add-labels", times: 1 });
    const { eventName, payload } = buildEvent("issues.opened", { issue: { number: 1 } });
    // Unscaled, the two 60 s waits alone would exceed the test's timeout.
    const run = await runAction({ entry: adapterEntry, eventName, payload, apiUrl: fake().url, token: fake().token });
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toEqual({ outcomes: "updated,created" });
    expect(run.annotations.filter((a) => a.level === "warning").map((a) => a.message)).toEqual([
      expect.stringContaining("secondary rate limit on POST"),
      expect.stringContaining("secondary rate limit on POST"),
    ]);
    expect(fake().comments(1)).toHaveLength(1);
    expect(fake().issue(1)?.labels).toEqual(["incident"]);
  });

  it("names inputs the way @actions/core reads them", () => {
    expect(inputEnvName("github-token")).toBe("INPUT_GITHUB-TOKEN");
    expect(inputEnvName("dry run")).toBe("INPUT_DRY_RUN");
  });
});
