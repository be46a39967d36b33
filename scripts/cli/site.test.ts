/**
 * `oncall site` from the command line (issue 14 item 2): listed in the help and pointed at by
 * `oncall status` (what `npm start` shows), and user mistakes get a message, never a stack trace.
 * Fails before issue 14 item 2: there was no `oncall site`.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const fixture = join(root, "scripts/fixtures/example");
const AT = "2026-12-16T12:00:00-05:00";
const temp = await mkdtemp(join(tmpdir(), "oncall-site-"));
afterAll(() => rm(temp, { recursive: true, force: true }));

describe("oncall site", () => {
  it("is listed by the help, and oncall status (npm start) points at it", () => {
    expect(runCli(["--help"]).stdout).toMatch(/^ {2}site +a static site/m);
    const status = runCli(["status", "--repo", fixture, "--at", AT]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('"oncall site --out DIR"');
  });

  it("writes the pages and the feeds, with absolute subscription links when --base-url is given", async () => {
    const out = join(temp, "site");
    const r = runCli([
      "site",
      "--repo",
      fixture,
      "--at",
      AT,
      "--out",
      out,
      "--base-url",
      "https://acme.github.io/oncall/",
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Wrote \d+ page\(s\) and file\(s\) and \d+ calendar feed\(s\) to /);
    expect(await readFile(join(out, "people/nkim.html"), "utf8")).toContain(
      'href="webcal://acme.github.io/oncall/calendars/people/nkim.ics"',
    );
    expect(await readFile(join(out, "calendars/people/nkim.ics"), "utf8")).toMatch(/^BEGIN:VCALENDAR/);
    expect(await readFile(join(out, "index.html"), "utf8")).toContain("data-oncall-login=");
  });

  it("refuses a missing --out, a bad --base-url and a file in the way with a message", async () => {
    const noOut = runCli(["site", "--repo", fixture, "--at", AT]);
    expect([noOut.code, noOut.stderr]).toEqual([2, expect.stringContaining("--out DIR is required")]);
    const badUrl = runCli(["site", "--repo", fixture, "--at", AT, "--out", temp, "--base-url", "acme"]);
    expect([badUrl.code, badUrl.stderr]).toEqual([2, expect.stringContaining("--base-url must be an http(s) address")]);
    const file = join(temp, "a-file");
    await writeFile(file, "");
    const blocked = runCli(["site", "--repo", fixture, "--at", AT, "--out", join(file, "site")]);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/^oncall site: cannot write the site to .*: a file is in the way\.\n$/);
  });
});
