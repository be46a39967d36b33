/**
 * The per-incident SLO watch's decision for one poll (issue 10 item 14). Fails before item 14: there
 * was no watch, only the sweep (scripts/core/slo-plan.ts), which never says when to look again.
 *
 * Fixture scripts/fixtures/minimal: on Thursday 8 January 2026 at 15:00 UTC alice (New York, 10:00)
 * and lena (Berlin, 16:00) are on call in full support: a report then is due at 15:10.
 */
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRepository } from "./load-repository.js";
import { fixtureDir } from "./test-repo.js";
import type { Organisation } from "../core/model/index.js";
import type { IncidentIssue } from "../core/slo/index.js";
import { planWatchPoll, type WatchPollInput } from "../core/slo/index.js";
import { NO_HOLIDAYS } from "../core/slo/index.js";

let org: Organisation;
beforeAll(async () => {
  org = (await loadRepository(fixtureDir("minimal"))).org;
});

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "UTC" });
const REPORTED = "2026-01-08T15:00:00Z";

function poll(
  at: string,
  labels: string[] = [],
  more: Partial<Omit<WatchPollInput, "issue">> & { issue?: Partial<IncidentIssue> } = {},
) {
  const { issue, ...rest } = more;
  return planWatchPoll({
    now: utc(at),
    issue: {
      number: 3,
      createdAt: REPORTED,
      labels: ["incident", "status:investigating", ...labels],
      assignees: ["alice", "lena"],
      ...issue,
    },
    origin: "opened",
    clockStart: utc(REPORTED),
    waitUntil: utc("2026-01-08T15:45:00Z"),
    org,
    calendar: NO_HOLIDAYS,
    ...rest,
  });
}

describe("planWatchPoll", () => {
  it("waits for the instant just after half the target, then for the deadline, then stops once escalated", () => {
    const first = poll("2026-01-08T15:00:20Z");
    expect(first.plan.effects).toEqual([]);
    expect(first.next).toMatchObject({ kind: "wait", at: utc("2026-01-08T15:05:00.001Z") });
    const warn = poll("2026-01-08T15:05:00.001Z");
    expect(warn.plan.decisions.map((d) => d.kind)).toEqual(["warn"]);
    expect(warn.next).toMatchObject({ kind: "wait", at: utc("2026-01-08T15:10:00Z") });
    const due = poll("2026-01-08T15:10:00Z", ["slo:warned"]);
    expect(due.plan.decisions.map((d) => d.kind)).toEqual(["breach", "escalate"]);
    expect(due.next).toMatchObject({ kind: "stop", reason: "escalated" });
  });

  it("stops on acknowledgement, closing, dismissal and triage without planning anything", () => {
    expect(poll("2026-01-08T15:02:00Z", ["acknowledged"]).next).toMatchObject({ kind: "stop", reason: "acknowledged" });
    expect(poll("2026-01-08T15:02:00Z", [], { issue: { state: "closed" } }).next).toMatchObject({
      kind: "stop",
      reason: "closed",
    });
    expect(poll("2026-01-08T15:02:00Z", ["not-incident"]).next).toMatchObject({ kind: "stop", reason: "not-incident" });
    const triage = poll("2026-01-08T15:02:00Z", ["status:triage"]);
    expect(triage.next).toMatchObject({ kind: "stop", reason: "triage" });
    expect(triage.plan.effects).toEqual([]);
  });

  it("keeps waiting in triage only for a confirmation, and only within the grace", () => {
    const confirmed = { origin: "confirmed" as const, triageGraceUntil: utc("2026-01-08T15:05:00Z") };
    expect(poll("2026-01-08T15:01:00Z", ["status:triage"], confirmed).next).toMatchObject({
      kind: "wait",
      at: utc("2026-01-08T15:05:00Z"),
    });
    expect(poll("2026-01-08T15:05:00Z", ["status:triage"], confirmed).next).toMatchObject({
      kind: "stop",
      reason: "triage",
    });
  });

  it("times a confirmed incident from the confirmation, not the report", () => {
    const p = poll("2026-01-08T15:01:00Z", [], {
      origin: "confirmed",
      clockStart: utc(REPORTED),
      issue: { createdAt: "2026-01-08T13:00:00Z" },
    });
    expect(p.plan.effects).toEqual([]);
    expect(p.deadline).toEqual(utc("2026-01-08T15:10:00Z"));
  });

  it("hands a step due after its longest wait to the sweep", () => {
    const p = poll("2026-01-08T15:00:20Z", [], { waitUntil: utc("2026-01-08T15:04:00Z") });
    expect(p.next).toMatchObject({ kind: "stop", reason: "handed-off" });
  });
});
