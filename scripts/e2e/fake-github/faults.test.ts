import { describe, expect, it } from "vitest";
import { FaultQueue, SECONDARY_RATE_LIMIT_MESSAGE, type FaultKind } from "./index.js";
import { useFakeGitHub } from "./test-helper.js";

const fake = useFakeGitHub();

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${fake().url}${path}`, {
    method: "POST",
    headers: { authorization: "token t", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("fault injection", () => {
  const cases: [FaultKind, number][] = [
    ["server-error", 500],
    ["bad-gateway", 502],
    ["secondary-rate-limit", 403],
    ["primary-rate-limit", 403],
    ["too-many-requests", 429],
    ["conflict", 409],
  ];
  it.each(cases)("%s answers %i, fires its times, then lets requests through", async (kind, status) => {
    fake().seed.issue({ title: "incident" });
    const fault = fake().faults.add({ kind, operation: "issues/create-comment", times: 2, retryAfter: 3 });
    const first = await post("/repos/acme/oncall/issues/1/comments", { body: "a" });
    const second = await post("/repos/acme/oncall/issues/1/comments", { body: "b" });
    const third = await post("/repos/acme/oncall/issues/1/comments", { body: "c" });
    expect([first.status, second.status, third.status]).toEqual([status, status, 201]);
    expect(fault).toMatchObject({ fired: 2, remaining: 0 });
    expect(fake().faults.pending()).toEqual([]);
    expect(
      fake()
        .comments(1)
        .map((c) => c.body),
    ).toEqual(["c"]);
    expect(fake().log.summary()).toEqual([
      `POST issues/create-comment ${status} (${kind})`,
      `POST issues/create-comment ${status} (${kind})`,
      "POST issues/create-comment 201",
    ]);
    expect(first.headers.get("x-ratelimit-limit")).toBe("5000");
  });

  it("sends retry-after and GitHub's message for a secondary rate limit", async () => {
    fake().faults.add({ kind: "secondary-rate-limit", path: "/repos/acme/oncall/issues", retryAfter: 7 });
    const res = await post("/repos/acme/oncall/issues", { title: "x" });
    expect(res.status).toBe(403);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(((await res.json()) as { message: string }).message).toBe(SECONDARY_RATE_LIMIT_MESSAGE);
  });

  it("sends an exhausted budget and a reset time for a primary rate limit", async () => {
    fake().faults.add({ kind: "primary-rate-limit", path: "/repos/acme/oncall/issues", retryAfter: 5 });
    const res = await post("/repos/acme/oncall/issues", { title: "x" });
    expect(res.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(res.headers.get("x-ratelimit-reset")) - Date.now() / 1000).toBeGreaterThan(3);
  });

  it("matches on method and on path patterns with * and **", async () => {
    fake().seed.issue({ title: "incident" });
    fake().faults.add({ kind: "server-error", method: "GET", path: "/repos/*/oncall/issues/*/comments" });
    fake().faults.add({ kind: "bad-gateway", path: "/repos/**/INC-1.yaml" });
    expect((await post("/repos/acme/oncall/issues/1/comments", { body: "x" })).status).toBe(201);
    const get = await fetch(`${fake().url}/repos/acme/oncall/issues/1/comments`, {
      headers: { authorization: "token t" },
    });
    expect(get.status).toBe(500);
    const content = await fetch(`${fake().url}/repos/acme/oncall/contents/incidents%2F2024%2FINC-1.yaml`, {
      headers: { authorization: "token t" },
    });
    expect(content.status).toBe(502);
  });

  it("does not let a fault hide an invalid request", async () => {
    fake().faults.add({ kind: "server-error", operation: "issues/create" });
    expect((await post("/repos/acme/oncall/issues", { body: "no title" })).status).toBe(422);
    expect(
      fake()
        .takeViolations()
        .map((v) => v.kind),
    ).toEqual(["request-body"]);
    expect(fake().faults.pending()).toHaveLength(1);
  });

  it("refuses a fault with nothing to match", () => {
    expect(() => new FaultQueue().add({ kind: "conflict" })).toThrow(/operation or a path/);
  });
});
