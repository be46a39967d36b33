/**
 * The incident action when GitHub fails (see incident.e2e.test.ts for the set-up): transient faults
 * are retried to success without duplicates, and faults that outlast the retries fail the run loudly
 * (exit code, error annotation naming the call) without recording anything as done, so a rerun
 * completes the work. Waits are scaled to milliseconds by the runner.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as v from "../repo/generated/validators.js";
import type { FaultKind } from "./fake-github/index.js";
import { useFakeGitHub } from "./fake-github/test-helper.js";
import {
  exampleWorkspace,
  IncidentDriver,
  markedComments,
  ok,
  SIGN_IN_DOWN_REPORT,
  readYaml,
  removeWorkspace,
  savedState,
  seedIncidentLabels,
  seedPeople,
  type TestClock,
} from "./incident-kit.js";

const REPORTED = "2026-12-02T15:00:00Z";
const clock: TestClock = { now: new Date(REPORTED) };
const fake = useFakeGitHub({ now: () => clock.now });
let workspace = "";

beforeEach(async () => {
  workspace = await exampleWorkspace();
  seedPeople(fake());
  seedIncidentLabels(fake());
});
afterEach(() => removeWorkspace(workspace));

const REPORT = SIGN_IN_DOWN_REPORT;

async function openIncident(d: IncidentDriver): Promise<void> {
  ok(await d.open({ title: "[Incident] Sign-in down", body: REPORT, at: REPORTED }));
}

const TRANSIENT: FaultKind[] = ["server-error", "bad-gateway", "secondary-rate-limit", "too-many-requests"];

describe("transient faults", () => {
  it.each(TRANSIENT)("retries a %s on reads and writes to success, with nothing twice", async (kind) => {
    const f = fake();
    const d = new IncidentDriver(f, workspace, clock);
    f.faults.add({ kind, operation: "issues/list-comments", times: 1, retryAfter: 30 });
    f.faults.add({ kind, operation: "issues/create-comment", times: 1, retryAfter: 30 });
    await openIncident(d);
    f.faults.add({ kind, operation: "issues/add-labels", times: 2, retryAfter: 30 });
    f.faults.add({ kind, operation: "issues/update-comment", times: 1, retryAfter: 30 });
    const started = Date.now();
    const ack = ok(await d.comment("dwashington", "/ack", "2026-12-02T15:03:00Z"));
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(f.faults.pending()).toEqual([]);
    expect(ack.calls.filter((c) => c.fault === kind)).toHaveLength(3);
    expect(markedComments(f, 1)).toHaveLength(1);
    expect(f.comments(1)).toHaveLength(2);
    expect(f.issue(1)?.labels).toEqual(["incident", "severity:P1", "status:investigating", "acknowledged"]);
    expect(savedState(f, 1).timeline.filter((e) => e.kind === "ack")).toHaveLength(1);
  });

  it("answers a 409 on the record write by reading the file again", async () => {
    const f = fake();
    const d = new IncidentDriver(f, workspace, clock);
    await openIncident(d);
    // Since issue 13 a resolved P1 writes its postmortem draft with the record, in one commit through the
    // git data API; as a P3 the record alone goes through the contents API, whose 409 this test is about.
    ok(await d.comment("dwashington", "/severity P3", "2026-12-02T15:10:00Z"));
    f.faults.add({ kind: "conflict", operation: "repos/create-or-update-file-contents", times: 1 });
    ok(await d.comment("dwashington", "/resolve the signing key was rotated back", "2026-12-02T15:20:00Z"));
    expect(f.faults.pending()).toEqual([]);
    const record = readYaml(f, "incidents/2026/INC-1.yaml", "oncall/incident-1");
    expect(v.incident(record)).toBe(true);
    expect(record).toMatchObject({ status: "resolved" });
    expect(f.log.count({ operationId: "repos/create-or-update-file-contents" })).toBe(2);
    expect([...f.repo().issues.values()].filter((i) => i.pull)).toHaveLength(1);
    expect(f.issue(1)?.state).toBe("closed");
  });
});

describe("faults that outlast the retries", () => {
  it("fails loudly on a record write that keeps conflicting, leaves the issue untouched, and a rerun completes", async () => {
    const f = fake();
    const d = new IncidentDriver(f, workspace, clock, { "record-mode": "commit" });
    await openIncident(d);
    const bot = markedComments(f, 1)[0]?.body;
    const labels = [...(f.issue(1)?.labels ?? [])];
    // The first write and both conflict retries fail.
    f.faults.add({ kind: "conflict", operation: "repos/create-or-update-file-contents", times: 3 });
    const failed = await d.comment("dwashington", "/resolve the signing key was rotated back", "2026-12-02T15:20:00Z");
    expect(failed.run.exitCode).toBe(1);
    const error = failed.run.annotations.find((a) => a.level === "error");
    expect(error?.message).toContain("write incidents/2026/INC-1.yaml on main");
    expect(error?.message).toContain("HTTP 409");
    expect(error?.message).toContain("rerunning the plan is safe");
    expect(error?.message).not.toContain("Internal error");
    // Nothing half-written: no record, and the issue is exactly as before the command.
    expect(f.readFile("incidents/2026/INC-1.yaml")).toBeUndefined();
    expect(f.issue(1)?.state).toBe("open");
    expect(f.issue(1)?.labels).toEqual(labels);
    expect(markedComments(f, 1)[0]?.body).toBe(bot);

    ok(await d.run(failed.event));
    expect(f.issue(1)).toMatchObject({ state: "closed", stateReason: "completed" });
    expect(v.incident(readYaml(f, "incidents/2026/INC-1.yaml"))).toBe(true);
    expect(markedComments(f, 1)).toHaveLength(1);
    expect(savedState(f, 1).timeline.filter((e) => e.kind === "resolve")).toHaveLength(1);
  });

  it("fails loudly when the bot comment cannot be saved, and a rerun finishes without duplicates", async () => {
    const f = fake();
    const d = new IncidentDriver(f, workspace, clock);
    await openIncident(d);
    f.faults.add({ kind: "server-error", operation: "issues/update-comment", times: 4 });
    const failed = await d.comment("dwashington", "/ack\n/status identified", "2026-12-02T15:04:00Z");
    expect(failed.run.exitCode).toBe(1);
    expect(failed.run.annotations.find((a) => a.level === "error")?.message).toContain("HTTP 500");
    // The saved state is unchanged, so the command does not count as done yet.
    expect(savedState(f, 1).status).toBe("investigating");

    ok(await d.run(failed.event));
    ok(await d.run(failed.event));
    expect(savedState(f, 1)).toMatchObject({ status: "identified", acknowledgedBy: "dwashington" });
    expect(savedState(f, 1).timeline.filter((e) => e.kind === "ack" || e.kind === "status")).toHaveLength(2);
    expect(markedComments(f, 1)).toHaveLength(1);
    expect([...(f.issue(1)?.labels ?? [])].sort()).toEqual([
      "acknowledged",
      "incident",
      "severity:P1",
      "status:identified",
    ]);
  });
});
