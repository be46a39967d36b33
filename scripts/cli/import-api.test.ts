/**
 * The import's API client against local fake servers of both APIs (node:http), answering with the
 * hand-written fixtures of scripts/fixtures/import in the documented envelopes: Opsgenie `{data: ...}`
 * with `paging.next` links, PagerDuty `offset`/`limit`/`more`. Covers pagination, HTTP 429 with
 * Retry-After (waits recorded by an injected sleep, so nothing really waits), 401 naming the variable,
 * and a base URL other than the default (the EU instance or a test server), and `oncall import --api`
 * writing the same files as `--from`.
 *
 * Fails before issue 15 item 5: there was no API client (scripts/repo/import-api.ts did not exist).
 */
import { afterEach, describe, expect, it } from "vitest";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fetchOpsgenie, fetchPagerDuty, OPSGENIE_EU_URL, retryAfterMs } from "../repo/import-api.js";
import { FIXTURES, oncall, scratchRepo, snapshot } from "./import-kit.js";

const fixture = (tool: string, file: string) => JSON.parse(readFileSync(join(FIXTURES, tool, file), "utf8"));
const WINDOW = { fromMs: Date.parse("2027-03-14T23:00:00Z"), untilMs: Date.parse("2027-04-11T22:00:00Z") };

interface Fake {
  url: string;
  requests: { path: string; auth: string | undefined }[];
  close(): Promise<void>;
}
type Handler = (req: IncomingMessage, url: URL, res: ServerResponse, base: string) => void;

const servers: Server[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function fake(handler: Handler, prefix = ""): Promise<Fake> {
  const requests: Fake["requests"] = [];
  let base = "";
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    requests.push({ path: url.pathname + url.search, auth: req.headers.authorization });
    if (prefix && !url.pathname.startsWith(prefix)) return send(res, 404, { message: "not under the base path" });
    url.pathname = url.pathname.slice(prefix.length);
    handler(req, url, res, base);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base + prefix, requests, close: () => new Promise((r) => server.close(() => r())) };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Opsgenie: the schedule by name, its overrides, users two per page, the timeline; `first429` paths answer 429 once. */
function opsgenie(opts: { key?: string; first429?: string[] } = {}): Handler {
  const users = fixture("opsgenie", "users.json").data;
  const limited = new Set(opts.first429 ?? []);
  return (req, url, res) => {
    if (req.headers.authorization !== `GenieKey ${opts.key ?? "og-key"}`)
      return send(res, 401, { message: "Could not authenticate", took: 0, requestId: "r" });
    if (limited.delete(url.pathname)) return send(res, 429, { message: "Rate limit" }, { "retry-after": "2" });
    const p = url.pathname;
    if (p === "/v2/schedules/Platform" && url.searchParams.get("identifierType") === "name")
      return send(res, 200, fixture("opsgenie", "schedule.json"));
    const id = "6c1f1c5a-2f36-4d5e-9a57-0b5c8e3a9d11";
    if (p === `/v2/schedules/${id}/overrides`) return send(res, 200, fixture("opsgenie", "overrides.json"));
    if (p === `/v2/schedules/${id}/timeline`) return send(res, 200, fixture("opsgenie", "timeline.json"));
    if (p === "/v2/users") {
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const page = users.slice(offset, offset + 2);
      // Paging links are absolute and name the public host, as the real API's do.
      const next =
        offset + 2 < users.length ? { next: `${OPSGENIE_EU_URL}/v2/users?limit=2&offset=${offset + 2}` } : {};
      return send(res, 200, { totalCount: users.length, data: page, paging: next, took: 0, requestId: "r" });
    }
    send(res, 404, { message: `no ${p}` });
  };
}

/** PagerDuty: the schedule, its overrides, users two per page with offset/limit/more. */
function pagerduty(opts: { first429?: string[] } = {}): Handler {
  const users = fixture("pagerduty", "users.json").users;
  const limited = new Set(opts.first429 ?? []);
  return (req, url, res) => {
    if (req.headers.authorization !== "Token token=pd-token")
      return send(res, 401, { error: { message: "Unauthorized", code: 2006 } });
    if (limited.delete(url.pathname))
      return send(res, 429, { error: { message: "Rate Limit Exceeded" } }, { "retry-after": "3" });
    const p = url.pathname;
    if (p === "/schedules/PSCH123") return send(res, 200, fixture("pagerduty", "schedule.json"));
    if (p === "/schedules/PSCH123/overrides") return send(res, 200, fixture("pagerduty", "overrides.json"));
    if (p === "/schedules")
      return send(res, 200, { schedules: [{ id: "PSCH123", name: "Payments" }], limit: 25, offset: 0, more: false });
    if (p === "/users") {
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const limit = Math.min(2, Number(url.searchParams.get("limit") ?? 25));
      const page = users.slice(offset, offset + limit);
      return send(res, 200, { users: page, limit, offset, total: null, more: offset + limit < users.length });
    }
    send(res, 404, { error: { message: `no ${p}` } });
  };
}

describe("Opsgenie API client (issue 15 item 5)", () => {
  it("follows paging links onto the configured base URL (here an EU-style path prefix), with the key header", async () => {
    const server = await fake(opsgenie(), "/eu");
    const src = await fetchOpsgenie(
      { baseUrl: server.url, token: "og-key", tokenVar: "OPSGENIE_API_KEY" },
      "Platform",
      WINDOW,
    );
    expect(src.users.map((u) => u.username)).toEqual(
      fixture("opsgenie", "users.json").data.map((u: { username: string }) => u.username),
    );
    expect(src.schedule.rotations).toHaveLength(2);
    expect(src.overrides).toHaveLength(3);
    expect(src.timeline?.finalTimeline?.rotations).toHaveLength(2);
    expect(server.requests.every((r) => r.auth === "GenieKey og-key")).toBe(true);
    expect(server.requests.map((r) => r.path.split("?")[0])).toContain("/eu/v2/users");
    expect(server.requests.filter((r) => r.path.startsWith("/eu/v2/users"))).toHaveLength(3);
  });

  it("waits as Retry-After says on HTTP 429 and tries again", async () => {
    const server = await fake(opsgenie({ first429: ["/v2/schedules/Platform", "/v2/users"] }));
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    const src = await fetchOpsgenie(
      { baseUrl: server.url, token: "og-key", tokenVar: "OPSGENIE_API_KEY", sleep },
      "Platform",
      WINDOW,
    );
    expect(waits).toEqual([2000, 2000]);
    expect(src.users).toHaveLength(5);
  });

  it("gives up after a bounded number of 429s with a clear message", async () => {
    const server = await fake((_req, _url, res) => send(res, 429, { message: "Rate limit" }, { "retry-after": "1" }));
    const waits: number[] = [];
    const opts = {
      baseUrl: server.url,
      token: "k",
      tokenVar: "OPSGENIE_API_KEY",
      sleep: async (ms: number) => void waits.push(ms),
    };
    await expect(fetchOpsgenie({ ...opts, maxRetries: 3 }, "Platform", WINDOW)).rejects.toThrow(
      "Opsgenie kept answering HTTP 429 (rate limited) after 3 retries",
    );
    expect(waits).toEqual([1000, 1000, 1000]);
  });

  it("401 names OPSGENIE_API_KEY and the EU instance's URL", async () => {
    const server = await fake(opsgenie());
    await expect(
      fetchOpsgenie({ baseUrl: server.url, token: "wrong", tokenVar: "OPSGENIE_API_KEY" }, "Platform", WINDOW),
    ).rejects.toThrow(
      /refused the key in OPSGENIE_API_KEY \(HTTP 401: .*Could not authenticate.*https:\/\/api\.eu\.opsgenie\.com/,
    );
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(retryAfterMs("5", 0)).toBe(5000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs(null, 0)).toBe(1000);
  });
});

describe("PagerDuty API client (issue 15 item 5)", () => {
  it("pages users with offset/limit/more, finds a schedule by name, waits on 429", async () => {
    const server = await fake(pagerduty({ first429: ["/schedules/PSCH123/overrides"] }));
    const waits: number[] = [];
    const src = await fetchPagerDuty(
      { baseUrl: server.url, token: "pd-token", tokenVar: "PAGERDUTY_TOKEN", sleep: async (ms) => void waits.push(ms) },
      "Payments",
      WINDOW,
    );
    expect(src.users.map((u) => u.id)).toEqual(["PAT0001", "PQU0002", "PRA0003", "PSA0004", "PTO0005"]);
    expect(server.requests.filter((r) => r.path.startsWith("/users"))).toHaveLength(3);
    expect(src.overrides).toHaveLength(1);
    expect(waits).toEqual([3000]);
    const schedule = server.requests.find((r) => r.path.startsWith("/schedules/PSCH123?"))!;
    expect(schedule.path).toContain("since=2027-03-14T23%3A00%3A00.000Z");
  });

  it("401 names PAGERDUTY_TOKEN", async () => {
    const server = await fake(pagerduty());
    await expect(
      fetchPagerDuty({ baseUrl: server.url, token: "nope", tokenVar: "PAGERDUTY_TOKEN" }, "PSCH123", WINDOW),
    ).rejects.toThrow("PagerDuty refused the key in PAGERDUTY_TOKEN (HTTP 401");
  });
});

describe("oncall import --api (issue 15 item 5)", () => {
  it("writes the same repository as the saved responses, for both tools", async () => {
    for (const [tool, handler, env, extra] of [
      [
        "opsgenie",
        opsgenie(),
        { OPSGENIE_API_KEY: "og-key" },
        ["--schedule", "Platform", "--fallback", "erin", "--at", "2027-03-15", "--until", "2027-04-12"],
      ],
      [
        "pagerduty",
        pagerduty(),
        { PAGERDUTY_TOKEN: "pd-token" },
        ["--schedule", "PSCH123", "--at", "2027-03-08", "--until", "2027-03-29"],
      ],
    ] as const) {
      const server = await fake(handler);
      const users = join(FIXTURES, `${tool}-users.csv`);
      const viaApi = await scratchRepo();
      const viaFiles = await scratchRepo();
      dirs.push(viaApi, viaFiles);
      const api = await oncall(
        ["import", tool, "--api", "--api-url", server.url, "--users", users, ...extra, "--repo", viaApi],
        env,
      );
      expect(api.err).toBe("");
      const files = await oncall([
        "import",
        tool,
        "--from",
        join(FIXTURES, tool),
        "--users",
        users,
        ...extra.slice(2),
        "--repo",
        viaFiles,
      ]);
      expect(files.code).toBe(0);
      const a = snapshot(viaApi);
      const b = snapshot(viaFiles);
      for (const f of ["people", "config", "schedule", "overrides"])
        expect(a.get(`rotations/${f}.yaml`)).toBe(b.get(`rotations/${f}.yaml`));
    }
  });

  it("without the key in the environment it says which variable to set", async () => {
    const dir = await scratchRepo();
    dirs.push(dir);
    const r = await oncall(["import", "pagerduty", "--api", "--schedule", "PSCH123", "--repo", dir], {});
    expect(r.code).toBe(2);
    expect(r.err).toContain("PAGERDUTY_TOKEN, which is not set");
  });

  it("a 401 through the CLI is a message, not a stack trace, and writes nothing", async () => {
    const server = await fake(opsgenie());
    const dir = await scratchRepo();
    dirs.push(dir);
    const before = snapshot(dir);
    const r = await oncall(
      ["import", "opsgenie", "--api", "--api-url", server.url, "--schedule", "Platform", "--repo", dir],
      { OPSGENIE_API_KEY: "bad" },
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^oncall import: Opsgenie refused the key in OPSGENIE_API_KEY/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(snapshot(dir)).toEqual(before);
  });
});
