/**
 * Reading an Opsgenie or PagerDuty schedule from the tool's REST API instead of saved files: the same
 * responses `--from` expects, collected with node's fetch. Opsgenie wraps bodies in `{data: ...}` and
 * pages with `paging.next`; PagerDuty pages with `offset`/`limit`/`more`. HTTP 429 waits as long as
 * `Retry-After` says (at most `maxWaitMs` each, `maxRetries` times); 401 and 403 name the environment
 * variable that holds the key. Every failure is a UserError: no stack traces.
 */
import { UserError } from "../core/model/index.js";
import type { OpsgenieSource, PagerDutySource } from "../core/import/index.js";

export const OPSGENIE_URL = "https://api.opsgenie.com";
export const OPSGENIE_EU_URL = "https://api.eu.opsgenie.com";
export const PAGERDUTY_URL = "https://api.pagerduty.com";

export interface ApiOptions {
  /** Base URL without a trailing slash (the EU instance or a test server). */
  baseUrl: string;
  token: string;
  /** The environment variable the token came from, for messages. */
  tokenVar: string;
  /** Default: global fetch. */
  fetch?: typeof fetch;
  /** Default: a real timer. Tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Retries after HTTP 429 or 5xx before giving up (default 4). */
  maxRetries?: number;
  /** Longest single wait in ms (default 60,000). */
  maxWaitMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date); 1 s when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number {
  if (!header) return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - nowMs);
}

/** A GET client for one API: authorization header, retries, clear errors. */
class Client {
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  constructor(
    private readonly opts: ApiOptions,
    private readonly tool: string,
    private readonly headers: Record<string, string>,
  ) {
    this.fetch = opts.fetch ?? fetch;
    this.sleep = opts.sleep ?? realSleep;
  }

  /** The URL for a path (and query) on the base URL; an absolute URL from a paging link keeps only its path. */
  url(pathOrUrl: string, query: Record<string, string | number> = {}): URL {
    const base = new URL(this.opts.baseUrl.replace(/\/+$/, "") + "/");
    let url: URL;
    if (/^https?:\/\//.test(pathOrUrl)) {
      const given = new URL(pathOrUrl);
      url = new URL(given.pathname.replace(/^\/+/, "") + given.search, base);
    } else url = new URL(pathOrUrl.replace(/^\/+/, ""), base);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
    return url;
  }

  async get(pathOrUrl: string, query: Record<string, string | number> = {}): Promise<unknown> {
    const url = this.url(pathOrUrl, query);
    const max = this.opts.maxRetries ?? 4;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await this.fetch(url, { headers: this.headers });
      } catch (err) {
        throw new UserError(`cannot reach ${this.tool} at ${url.origin}: ${(err as Error).message}.`);
      }
      if (res.ok) {
        try {
          return await res.json();
        } catch {
          throw new UserError(`${this.tool} answered ${url.pathname} with something that is not JSON.`);
        }
      }
      if ((res.status === 429 || res.status >= 500) && attempt < max) {
        const wait = Math.min(retryAfterMs(res.headers.get("retry-after"), Date.now()), this.opts.maxWaitMs ?? 60_000);
        await res.body?.cancel();
        await this.sleep(wait);
        continue;
      }
      const detail = (await res.text().catch(() => "")).slice(0, 300).replace(/\s+/g, " ").trim();
      if (res.status === 401 || res.status === 403)
        throw new UserError(
          `${this.tool} refused the key in ${this.opts.tokenVar} (HTTP ${res.status}${detail ? `: ${detail}` : ""}). ` +
            `Check that ${this.opts.tokenVar} holds a valid key with read access` +
            (this.tool === "Opsgenie" ? `, and use --api-url ${OPSGENIE_EU_URL} for the EU instance.` : "."),
        );
      if (res.status === 429)
        throw new UserError(
          `${this.tool} kept answering HTTP 429 (rate limited) after ${max} retries; try again later.`,
        );
      if (res.status === 404)
        throw new UserError(`${this.tool} has nothing at ${url.pathname} (HTTP 404): check --schedule.`);
      throw new UserError(
        `${this.tool} answered ${url.pathname} with HTTP ${res.status}${detail ? `: ${detail}` : ""}.`,
      );
    }
  }
}

const asObject = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Opsgenie schedule `schedule` (name or id), its overrides, the users and the timeline of the window. */
export async function fetchOpsgenie(
  opts: ApiOptions,
  schedule: string,
  window: { fromMs: number; untilMs: number },
): Promise<OpsgenieSource> {
  const client = new Client(opts, "Opsgenie", { Authorization: `GenieKey ${opts.token}`, Accept: "application/json" });
  const identifierType = UUID.test(schedule) ? "id" : "name";
  const path = `v2/schedules/${encodeURIComponent(schedule)}`;
  const sched = asObject(asObject(await client.get(path, { identifierType, expand: "rotation" })).data);
  const id = typeof sched.id === "string" ? sched.id : schedule;
  const byId = `v2/schedules/${encodeURIComponent(id)}`;
  const overrides = asObject(await client.get(`${byId}/overrides`, { identifierType: "id" })).data;
  const users: unknown[] = [];
  let next: string | undefined = "v2/users";
  let query: Record<string, string | number> = { limit: 100, offset: 0 };
  for (let page = 0; next && page < 1000; page++) {
    const body = asObject(await client.get(next, query));
    if (Array.isArray(body.data)) users.push(...body.data);
    const link = asObject(body.paging).next;
    next = typeof link === "string" && link ? link : undefined;
    query = {};
  }
  const weeks = Math.max(1, Math.ceil((window.untilMs - window.fromMs) / (7 * 86_400_000)));
  const timeline = asObject(
    await client.get(`${byId}/timeline`, {
      identifierType: "id",
      expand: "base,override",
      interval: weeks,
      intervalUnit: "weeks",
      date: new Date(window.fromMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
    }),
  ).data;
  return {
    schedule: sched as unknown as OpsgenieSource["schedule"],
    overrides: (Array.isArray(overrides) ? overrides : []) as OpsgenieSource["overrides"],
    users: users as OpsgenieSource["users"],
    ...(timeline ? { timeline: timeline as NonNullable<OpsgenieSource["timeline"]> } : {}),
  };
}

/** Every item of a PagerDuty list endpoint, following `offset`/`limit`/`more`. */
async function pdList(
  client: Client,
  path: string,
  key: string,
  query: Record<string, string> = {},
): Promise<unknown[]> {
  const out: unknown[] = [];
  const limit = 100;
  for (let offset = 0, page = 0; page < 1000; page++) {
    const body = asObject(await client.get(path, { ...query, limit, offset }));
    const items = Array.isArray(body[key]) ? (body[key] as unknown[]) : [];
    out.push(...items);
    if (body.more !== true || items.length === 0) break;
    offset += items.length;
  }
  return out;
}

/** The PagerDuty schedule (id, or exact name), rendered over the window, its overrides and the users. */
export async function fetchPagerDuty(
  opts: ApiOptions,
  schedule: string,
  window: { fromMs: number; untilMs: number },
): Promise<PagerDutySource> {
  const client = new Client(opts, "PagerDuty", {
    Authorization: `Token token=${opts.token}`,
    Accept: "application/vnd.pagerduty+json;version=2",
  });
  let id = schedule;
  if (!/^P[A-Z0-9]{5,}$/.test(schedule)) {
    const found = (await pdList(client, "schedules", "schedules", { query: schedule })).map(asObject);
    const match = found.filter((s) => s.name === schedule);
    if (match.length !== 1)
      throw new UserError(
        `PagerDuty has ${match.length ? "several schedules" : "no schedule"} named "${schedule}"; ` +
          "pass its id to --schedule" +
          (found.length ? ` (${found.map((s) => `${s.id} "${s.name}"`).join(", ")}).` : "."),
      );
    id = String(match[0]!.id);
  }
  const since = new Date(window.fromMs).toISOString();
  const until = new Date(window.untilMs).toISOString();
  const path = `schedules/${encodeURIComponent(id)}`;
  const sched = asObject(asObject(await client.get(path, { since, until })).schedule);
  const overrides = asObject(await client.get(`${path}/overrides`, { since, until })).overrides;
  const users = await pdList(client, "users", "users");
  return {
    schedule: sched as unknown as PagerDutySource["schedule"],
    overrides: (Array.isArray(overrides) ? overrides : []) as PagerDutySource["overrides"],
    users: users as PagerDutySource["users"],
  };
}
