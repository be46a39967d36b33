import { describe, expect, it } from "vitest";
import { useFakeGitHub } from "../e2e/fake-github/test-helper.js";
import type { FaultKind } from "../e2e/fake-github/index.js";
import { callGitHub, GitHubApiError } from "./github-error.js";
import { clientOptionsFromEnv, createGitHubClient, TIME_SCALE_ENV, type GitHubLogger } from "./octokit.js";

const fake = useFakeGitHub();
const repo = { owner: "acme", repo: "oncall" };

function recorder(): GitHubLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
    debug: (m) => lines.push(`debug: ${m}`),
  };
}

function client(logger?: GitHubLogger) {
  return createGitHubClient({
    token: fake().token,
    baseUrl: fake().url,
    timeScaleMs: 1,
    ...(logger ? { logger } : {}),
  });
}

describe("createGitHubClient", () => {
  const retried: [FaultKind, number][] = [
    ["server-error", 3],
    ["bad-gateway", 3],
    ["too-many-requests", 3],
    ["secondary-rate-limit", 3],
    ["primary-rate-limit", 1],
  ];
  it.each(retried)("retries %s (%i times in a row) to success", async (kind, times) => {
    fake().seed.issue({ title: "incident" });
    fake().faults.add({ kind, operation: "issues/create-comment", times });
    const logger = recorder();
    const { data } = await client(logger).rest.issues.createComment({ ...repo, issue_number: 1, body: "hello" });
    expect(data.body).toBe("hello");
    expect(fake().comments(1)).toHaveLength(1);
    const posts = fake().log.find({ operationId: "issues/create-comment" });
    expect(posts.map((p) => p.status)).toEqual([...Array<number>(times).fill(posts[0]?.status ?? 0), 201]);
    if (kind.endsWith("rate-limit"))
      expect(logger.lines.some((l) => l.startsWith("warn:") && l.includes("retrying in"))).toBe(true);
  });

  it("gives up on a persistent server error after its retry budget and says which call failed", async () => {
    fake().seed.issue({ title: "incident" });
    fake().faults.add({ kind: "bad-gateway", operation: "issues/create-comment", times: 100 });
    const error = await callGitHub("comment on #1", () =>
      client().rest.issues.createComment({ ...repo, issue_number: 1, body: "x" }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toMatchObject({
      status: 502,
      call: "POST /repos/acme/oncall/issues/1/comments",
      githubMessage: "Server Error",
    });
    expect(String((error as Error).message)).toBe(
      "comment on #1: POST /repos/acme/oncall/issues/1/comments failed with HTTP 502: Server Error",
    );
    expect(fake().log.count({ operationId: "issues/create-comment" })).toBe(4);
    expect(fake().comments(1)).toHaveLength(0);
  });

  it("gives up on a persistent secondary rate limit after 3 retries, logging each wait", async () => {
    fake().faults.add({ kind: "secondary-rate-limit", operation: "issues/create", times: 100 });
    const logger = recorder();
    const error = await callGitHub("open issue", () =>
      client(logger).rest.issues.create({ ...repo, title: "x" }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, githubMessage: expect.stringContaining("secondary rate limit") });
    expect(fake().log.count({ operationId: "issues/create" })).toBe(4);
    expect(logger.lines.filter((l) => l.includes("retrying in"))).toHaveLength(3);
    expect(logger.lines.some((l) => l.includes("giving up after 3 retries"))).toBe(true);
    expect(fake().repo().issues.size).toBe(0);
  });

  it("does not wait for a rate limit longer than the configured maximum", async () => {
    fake().faults.add({ kind: "secondary-rate-limit", operation: "issues/create", retryAfter: 3600 });
    const octokit = createGitHubClient({
      token: fake().token,
      baseUrl: fake().url,
      timeScaleMs: 1,
      maxRateLimitWaitSeconds: 60,
    });
    await expect(octokit.rest.issues.create({ ...repo, title: "x" })).rejects.toMatchObject({ status: 403 });
    expect(fake().log.count({ operationId: "issues/create" })).toBe(1);
  });

  it("does not retry client errors", async () => {
    await expect(client().rest.issues.get({ ...repo, issue_number: 99 })).rejects.toMatchObject({ status: 404 });
    expect(fake().log.count()).toBe(1);
  });

  it("reads its base URL and time scale from the runner environment", () => {
    expect(clientOptionsFromEnv({ GITHUB_API_URL: "http://127.0.0.1:9", [TIME_SCALE_ENV]: "5" })).toEqual({
      baseUrl: "http://127.0.0.1:9",
      timeScaleMs: 5,
    });
    expect(clientOptionsFromEnv({})).toEqual({});
  });
});
