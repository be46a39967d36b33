/**
 * A local chat webhook for end-to-end tests: an HTTP server on 127.0.0.1 that records every JSON body
 * it receives and answers with `status` (200 unless a test changes it). `useWebhooks()` registers the
 * clean-up, so each test file gets fresh receivers and closes them after every test.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

export interface Hook {
  /** Slack-shaped address of the receiver (the secret-looking path is what the actions must mask). */
  url: string;
  /** Every body received, parsed, in order. */
  received: { text: string; blocks?: unknown[] }[];
  /** The answer to the next request. */
  status: number;
}

/** Returns a function that starts one receiver; all are closed after each test. */
export function useWebhooks(): () => Promise<Hook> {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      await new Promise((done) => s.close(done));
    }
  });
  return async () => {
    const hook: Hook = { url: "", received: [], status: 200 };
    const server = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8").on("data", (c: string) => (body += c));
      req.on("end", () => {
        hook.received.push(JSON.parse(body) as Hook["received"][number]);
        res.writeHead(hook.status).end();
      });
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    servers.push(server);
    hook.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T01/B02/webhook-secret`;
    return hook;
  };
}
