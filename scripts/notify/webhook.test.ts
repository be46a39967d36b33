import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { postWebhook, WebhookError } from "./webhook.js";

interface Received {
  method: string;
  path: string;
  contentType: string | undefined;
  body: unknown;
}

/** A local webhook receiver answering each request with the next scripted behaviour (the last repeats). */
async function receiver(
  script: ((res: ServerResponse) => void)[],
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = "";
    req.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        path: req.url ?? "",
        contentType: req.headers["content-type"],
        body: JSON.parse(text) as unknown,
      });
      const step = script[Math.min(received.length - 1, script.length - 1)]!;
      step(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/s3cr3t-token`,
    received,
    server,
  };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

const ok = (res: ServerResponse) => res.writeHead(200, { "content-type": "text/plain" }).end("ok");
const status = (code: number) => (res: ServerResponse) =>
  res.writeHead(code).end(`error ${code} for /services/T000/B000/s3cr3t-token`);
const hang = () => {}; // never answers
const fast = { retryDelayMs: 1, timeoutMs: 2_000 };
const message = {
  text: "Incident #12 is not acknowledged",
  blocks: [{ type: "section", text: { type: "mrkdwn", text: "*Incident #12*" } }],
};

async function failure(promise: Promise<unknown>): Promise<WebhookError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookError);
  return error as WebhookError;
}

describe("postWebhook", () => {
  it("POSTs the message as JSON", async () => {
    const r = await receiver([ok]);
    await expect(postWebhook(r.url, message, fast)).resolves.toEqual({ status: 200, attempts: 1 });
    expect(r.received).toEqual([
      { method: "POST", path: "/services/T000/B000/s3cr3t-token", contentType: "application/json", body: message },
    ]);
  });

  it("retries once after a server error", async () => {
    const r = await receiver([status(503), ok]);
    await expect(postWebhook(r.url, message, fast)).resolves.toEqual({ status: 200, attempts: 2 });
    expect(r.received).toHaveLength(2);
  });

  it("retries once after 429 and gives up after the second failure", async () => {
    const r = await receiver([status(429), status(500)]);
    const error = await failure(postWebhook(r.url, message, fast));
    expect(error).toMatchObject({ status: 500, attempts: 2 });
    expect(error.message).toBe("the webhook answered HTTP 500 (2 attempts)");
    expect(r.received).toHaveLength(2);
  });

  it("does not retry a client error", async () => {
    const r = await receiver([status(404)]);
    const error = await failure(postWebhook(r.url, message, fast));
    expect(error).toMatchObject({ status: 404, attempts: 1 });
    expect(r.received).toHaveLength(1);
  });

  it("abandons an attempt that takes too long, then retries", async () => {
    const r = await receiver([hang, ok]);
    await expect(postWebhook(r.url, message, { retryDelayMs: 1, timeoutMs: 200 })).resolves.toEqual({
      status: 200,
      attempts: 2,
    });
  });

  it("reports a timeout in words", async () => {
    const r = await receiver([hang]);
    const error = await failure(postWebhook(r.url, message, { retryDelayMs: 1, timeoutMs: 100, retries: 0 }));
    expect(error.message).toBe("the webhook did not answer within 100 ms (1 attempt)");
  });

  it("reports an unreachable host by its error code", async () => {
    const r = await receiver([ok]);
    const url = r.url;
    r.server.close();
    const error = await failure(postWebhook(url, message, fast));
    expect(error.message).toBe("the webhook could not be reached (ECONNREFUSED) (2 attempts)");
  });

  it("never puts the URL, its host or its secret path in an error", async () => {
    const r = await receiver([status(500)]);
    const messages = [(await failure(postWebhook(r.url, message, fast))).message];
    r.server.close();
    messages.push((await failure(postWebhook(r.url, message, fast))).message);
    messages.push((await failure(postWebhook("ftp://hooks.example/s3cr3t-token", message, fast))).message);
    messages.push((await failure(postWebhook("not a url s3cr3t-token", message, fast))).message);
    for (const m of messages) {
      expect(m).not.toContain("s3cr3t");
      expect(m).not.toContain("127.0.0.1");
      expect(m).not.toContain("hooks.example");
    }
  });
});
