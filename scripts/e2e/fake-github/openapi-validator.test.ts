import { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import { HANDLERS } from "./index.js";
import { convertSchema, loadOpenApi } from "./openapi-document.js";
import { OperationMatcher } from "./openapi-routes.js";
import { validateParameters, validateRequestBody, validateResponse } from "./openapi-validator.js";
import { useFakeGitHub } from "./test-helper.js";

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function operation(id: string) {
  const op = loadOpenApi().operations.find((o) => o.operationId === id);
  if (!op) throw new Error(`no ${id}`);
  return op;
}

describe("convertSchema", () => {
  it("turns nullable types into type arrays and keeps enums accepting null", () => {
    expect(convertSchema({ type: "string", nullable: true, enum: ["a"] })).toEqual({
      type: ["string", "null"],
      enum: ["a", null],
    });
  });
  it("wraps nullable refs and combinators in anyOf with null, and repoints component refs", () => {
    expect(convertSchema({ $ref: "#/components/schemas/simple-user", nullable: true })).toEqual({
      anyOf: [{ $ref: "github-openapi#/components/schemas/simple-user" }, { type: "null" }],
    });
  });
  it("leaves a property that happens to be called nullable alone", () => {
    expect(convertSchema({ properties: { nullable: { type: "boolean" } } })).toEqual({
      properties: { nullable: { type: "boolean" } },
    });
  });
});

describe("OperationMatcher", () => {
  const matcher = new OperationMatcher(loadOpenApi().operations);
  it("prefers literal segments over parameters", () => {
    expect(matcher.match("GET", "/repos/o/r/issues/comments")?.operation.operationId).toBe(
      "issues/list-comments-for-repo",
    );
    expect(matcher.match("GET", "/repos/o/r/issues/12")?.operation.operationId).toBe("issues/get");
  });
  it("decodes encoded slashes and lets contents paths and refs span segments", () => {
    const encoded = matcher.match("GET", "/repos/o/r/contents/incidents%2F2024%2FINC-1.yaml");
    expect(encoded?.params).toMatchObject({ owner: "o", repo: "r", path: "incidents/2024/INC-1.yaml" });
    expect(matcher.match("GET", "/repos/o/r/contents/a/b/c.md")?.params["path"]).toBe("a/b/c.md");
    expect(matcher.match("GET", "/repos/o/r/git/ref/heads/feature/x")?.params["ref"]).toBe("heads/feature/x");
    expect(matcher.match("GET", "/repos/o/r/commits/main/status")?.operation.operationId).toBe(
      "repos/get-combined-status-for-ref",
    );
  });
  it("matches nothing for paths GitHub does not have", () => {
    expect(matcher.match("GET", "/repos/o/r/nonsense")).toBeUndefined();
    expect(matcher.match("PATCH", "/repos/o/r/issues")).toBeUndefined();
  });
});

describe("validators", () => {
  it("reject a request body that breaks the schema", () => {
    expect(validateRequestBody(operation("issues/create"), { body: "no title" })).toEqual([
      expect.stringContaining("must have required property 'title'"),
    ]);
    expect(validateRequestBody(operation("issues/create"), { title: "x", labels: [5] }).length).toBeGreaterThan(0);
    expect(validateRequestBody(operation("issues/create"), { title: "x", labels: ["a", { name: "b" }] })).toEqual([]);
  });
  it("reject a response missing a required field or with a wrong type", () => {
    const problems = validateResponse(operation("issues/create-label"), 201, {
      id: 1,
      node_id: "x",
      url: "http://x/y",
      name: "n",
      color: "ffffff",
      default: "no",
    });
    expect(problems.join("\n")).toContain("must have required property 'description'");
    expect(problems.join("\n")).toContain("/default must be boolean");
  });
  it("check formats loosely, listing format errors after structural ones", () => {
    const label = {
      id: 1,
      node_id: "x",
      url: "not a url",
      name: "n",
      color: "ffffff",
      default: false,
      description: null,
    };
    expect(validateResponse(operation("issues/create-label"), 201, label)).toEqual([
      expect.stringContaining('/url must match format "uri"'),
    ]);
    const problems = validateResponse(operation("issues/create-label"), 201, { ...label, id: "1" });
    expect(problems[0]).toContain("/id must be integer");
    expect(problems.at(-1)).toContain("format");
  });
  it("accept null only where the schema says nullable", () => {
    const label = {
      id: 1,
      node_id: "x",
      url: "http://x/y",
      name: "n",
      color: "ffffff",
      default: false,
      description: null,
    };
    expect(validateResponse(operation("issues/create-label"), 201, label)).toEqual([]);
    expect(validateResponse(operation("issues/create-label"), 201, { ...label, name: null }).length).toBeGreaterThan(0);
  });
  it("flag undocumented success statuses but accept GitHub-style errors on any route", () => {
    expect(validateResponse(operation("issues/create-label"), 200, {})).toEqual([
      expect.stringContaining("not documented"),
    ]);
    expect(validateResponse(operation("issues/get-label"), 418, { message: "I'm a teapot" })).toEqual([]);
  });
  it("check parameter types and reject undeclared query parameters", () => {
    const list = operation("issues/list-for-repo");
    expect(validateParameters(list, { owner: "o", repo: "r" }, { state: "open", per_page: "30" })).toEqual([]);
    expect(validateParameters(list, { owner: "o", repo: "r" }, { state: "opened" }).join()).toContain(
      "must be equal to one of the allowed values",
    );
    expect(validateParameters(list, { owner: "o", repo: "r" }, { colour: "red" }).join()).toContain(
      "'colour' is not declared",
    );
    expect(
      validateParameters(operation("issues/get"), { owner: "o", repo: "r", issue_number: "abc" }, {}).join(),
    ).toContain("must be integer");
  });
});

describe("fake GitHub contract checks", () => {
  const fake = useFakeGitHub();

  it("answers 422 to a request body that breaks the schema and records a violation", async () => {
    const res = await fetch(`${fake().url}/repos/acme/oncall/issues`, {
      method: "POST",
      headers: { authorization: "token t", "content-type": "application/json" },
      body: JSON.stringify({ title: "x", assignees: "alice" }),
    });
    expect(res.status).toBe(422);
    const violations = fake().takeViolations();
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ kind: "request-body", operationId: "issues/create" });
    expect(violations[0]?.problems.join()).toContain("/assignees must be array");
    expect(fake().repo().issues.size).toBe(0);
  });

  it("records a violation for an endpoint GitHub does not have", async () => {
    const octokit = new Octokit({ baseUrl: fake().url, auth: fake().token, log: quiet });
    await expect(
      octokit.request("GET /repos/{owner}/{repo}/incidents", { owner: "acme", repo: "oncall" }),
    ).rejects.toMatchObject({ status: 404 });
    expect(
      fake()
        .takeViolations()
        .map((v) => v.kind),
    ).toEqual(["unknown-operation"]);
  });

  it("records a violation for a real endpoint the fake does not implement", async () => {
    const octokit = new Octokit({ baseUrl: fake().url, auth: fake().token, log: quiet });
    fake().seed.issue({ title: "x" });
    await expect(octokit.rest.issues.lock({ owner: "acme", repo: "oncall", issue_number: 1 })).rejects.toMatchObject({
      status: 501,
    });
    expect(fake().takeViolations()).toEqual([
      expect.objectContaining({ kind: "not-implemented", operationId: "issues/lock" }),
    ]);
  });

  it("records a violation when the fake's own answer breaks the response schema", async () => {
    const original = HANDLERS["issues/get"];
    HANDLERS["issues/get"] = () => ({ status: 200, body: { number: "1", title: "missing most fields" } });
    try {
      await fetch(`${fake().url}/repos/acme/oncall/issues/1`, { headers: { authorization: "token t" } });
    } finally {
      if (original) HANDLERS["issues/get"] = original;
    }
    const [violation] = fake().takeViolations();
    expect(violation).toMatchObject({ kind: "response-body", operationId: "issues/get", status: 200 });
    expect(violation?.problems.join("\n")).toContain("must have required property 'id'");
    expect(violation?.problems.at(-1)).toMatch(/^\.\.\. and \d+ more$/);
  });

  it("makes assertNoViolations throw with a readable list", async () => {
    await fetch(`${fake().url}/repos/acme/oncall/issues?colour=red`, { headers: { authorization: "token t" } });
    expect(() => fake().assertNoViolations()).toThrow(
      /parameters: GET \/repos\/acme\/oncall\/issues \(issues\/list-for-repo\)\n\s+query parameter 'colour'/,
    );
    fake().takeViolations();
  });
});
