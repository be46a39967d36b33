/**
 * The one rule for instants on the command line (issue 11 item 5, issue 16 point 6), end to end
 * through the built `oncall` run with TZ=Pacific/Chatham, so the machine's zone can never pass for
 * the rotation's (America/New_York in the fixture). Each case fails before those items.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestRepo, removeTestRepo } from "../repo/test-repo.js";
import { runCli } from "./run-cli.js";

let dir: string;

beforeAll(async () => {
  // An incident reported at 02:00 UTC on 1 November: 22:00 on 31 October in New York.
  dir = await makeTestRepo([
    {
      file: "incidents/2026/INC-1.yaml",
      copyTo: "incidents/2026/INC-7.yaml",
      replacing: [
        ["id: INC-1", "id: INC-7"],
        ["issue: 1", "issue: 7"],
        ["2026-01-15T13:50:00Z", "2026-11-01T01:50:00Z"],
        ["2026-01-15T14:00:00Z", "2026-11-01T02:00:00Z"],
        ["2026-01-15T14:04:00Z", "2026-11-01T02:04:00Z"],
        ["2026-01-15T14:10:00Z", "2026-11-01T02:10:00Z"],
        ["2026-01-15T14:40:00Z", "2026-11-01T02:40:00Z"],
        ["2026-01-15T15:10:00Z", "2026-11-01T03:10:00Z"],
        ["postmortem: postmortems/2026/INC-1-checkout-errors.md\n", ""],
      ],
    },
  ]);
});
afterAll(() => removeTestRepo(dir));

describe("instants without an offset are wall-clock time in the rotation zone", () => {
  it("who --at 2026-12-21T12:00 answers for noon in New York and says so", () => {
    // Fails before: it answered for 12:00 UTC, "On call at Mon 2026-12-21 07:00 UTC-05:00".
    const r = runCli(["who", "--repo", dir, "--at", "2026-12-21T12:00"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^On call at Mon 2026-12-21 12:00 UTC-05:00:/);
    // Around a handoff (rot-a hands over from alice to bob at 11:00 New York on 9 February) the
    // answer is the person on call at noon New York, not at 07:00.
    const handoff = runCli(["who", "--repo", dir, "--at", "2026-02-09T12:00", "--json"]);
    expect(JSON.parse(handoff.stdout)).toMatchObject({
      at: "2026-02-09T12:00:00-05:00",
      oncall: [{ layer: "rot-a", login: "bob" }, { layer: "rot-b" }],
    });
    // The same instant with an offset gives the same answer.
    expect(runCli(["who", "--repo", dir, "--at", "2026-02-09T17:00Z", "--json"]).stdout).toBe(handoff.stdout);
  });

  it("slo report --since 2026-11-01 starts on 1 November in New York", () => {
    // Fails before: --since meant midnight UTC, so the incident of 22:00 New York on 31 October was
    // counted, and filed under October.
    const r = runCli(["slo", "report", "--repo", dir, "--since", "2026-11-01", "--json"]);
    expect(r.stderr).toBe("");
    type Report = { since: string; zone: string; incidents: number; attainment: { month: string }[] };
    const report = JSON.parse(r.stdout) as Report;
    expect(report).toMatchObject({ zone: "America/New_York", since: "2026-11-01T04:00:00.000Z", incidents: 0 });
    // October in New York has it, and files it under October.
    const october = runCli([
      "slo",
      "report",
      "--repo",
      dir,
      "--since",
      "2026-10-01",
      "--until",
      "2026-11-01",
      "--json",
    ]);
    expect(JSON.parse(october.stdout)).toMatchObject({ incidents: 1, attainment: [{ month: "2026-10" }] });
  });

  it("trade cover reads --from the same way as who --at, and refuses a time the clocks skip", () => {
    // Fails before: trade cover read times in the rotation zone while who read them in UTC, and a
    // time inside the spring-forward gap was silently moved an hour.
    const overrides = readFileSync(join(dir, "rotations/overrides.yaml"), "utf8");
    const r = runCli([
      "trade",
      "cover",
      "alice",
      "--repo",
      dir,
      "--from",
      "2026-03-08T02:30",
      "--to",
      "2026-03-09",
      "--at",
      "2026-01-10T12:00",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "--from 2026-03-08T02:30 does not exist in America/New_York: on 2026-03-08 the clocks there jump from 02:00 to 03:00 (UTC-05:00 to UTC-04:00).",
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, "rotations/overrides.yaml"), "utf8")).toBe(overrides);
    const cover = runCli([
      "trade",
      "cover",
      "bob",
      "--repo",
      dir,
      "--from",
      "2026-02-03T09:00",
      "--to",
      "2026-02-04T09:00",
      "--dry-run",
      "--json",
      "--at",
      "2026-01-10T12:00",
    ]);
    const who = runCli(["who", "--repo", dir, "--at", "2026-02-03T09:00", "--json"]);
    expect(JSON.parse(cover.stdout).changes[0]).toMatchObject({ start: "2026-02-03T09:00:00-05:00" });
    expect(JSON.parse(who.stdout).at).toBe("2026-02-03T09:00:00-05:00");
  });
});
