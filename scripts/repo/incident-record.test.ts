import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import * as v from "./generated/validators.js";
import { COMMAND_STATUSES, SEVERITIES, type IncidentCommand } from "../core/incident/index.js";
import {
  incidentRecord,
  incidentRecordPath,
  incidentRecordYaml,
  recordLogin,
  sloOutcome,
  type IncidentDeadline,
} from "../core/incident/index.js";
import { applyCommand, type IncidentState } from "../core/incident/index.js";
import { freshState, utc } from "../core/incident/test-kit.js";

const now = utc("2026-10-22T18:00:00Z");
const deadline: IncidentDeadline = { tier: "full", targetMinutes: 10, deadline: utc("2026-10-22T15:40:00Z") };

function expectValid(record: unknown): void {
  const ok = v.incident(record);
  expect(v.incident.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

function fullState(): IncidentState {
  let state = freshState({
    links: ["https://grafana.example/d/x", "https://bad example.com/has space"],
    startedAt: utc("2026-10-22T15:02:00Z"),
  });
  const step = (author: string, minutes: number, command: Parameters<typeof applyCommand>[1]) => {
    state = applyCommand(state, command, {
      author,
      at: utc("2026-10-22T15:30:00Z").plus({ minutes }),
      authorized: true,
      oncallNow: ["alice", "bob"],
      commentId: minutes,
    }).state;
  };
  step("alice", 4, { name: "ack" });
  step("alice", 5, { name: "responder", login: "dana" });
  step("dana", 9, { name: "timeline", time: null, text: "Card processor returns 503 for @everyone" });
  step("alice", 20, { name: "status", status: "mitigated" });
  step("alice", 30, { name: "followup", text: "Retry declined payments" });
  step("alice", 31, { name: "followup", text: "Alert on decline rate" });
  step("alice", 40, { name: "resolve", summary: "Failed over to the second processor." });
  state.followups[0] = { ...state.followups[0]!, issue: 58, closed: false };
  return state;
}

describe("incidentRecord", () => {
  it("is valid for a fresh incident", () => {
    const record = incidentRecord(freshState(), { now });
    expectValid(record);
    expect(record).toMatchObject({
      id: "INC-57",
      issue: 57,
      status: "investigating",
      severity: "P2",
      services: ["checkout"],
      production: true,
      reportedBy: "reporter",
      reportedAt: "2026-10-22T15:30:00Z",
      roles: {},
      oncall: ["alice", "bob"],
      responders: [],
      followups: [],
    });
  });

  it("is valid for a resolved incident, with every field filled", () => {
    const record = incidentRecord(fullState(), {
      now,
      deadline,
      postmortem: "postmortems/2026/INC-57-card-payments-declined.md",
    });
    expectValid(record);
    expect(record).toMatchObject({
      status: "resolved",
      summary: "Failed over to the second processor.",
      impact: "Everyone",
      links: ["https://grafana.example/d/x"],
      startedAt: "2026-10-22T15:02:00Z",
      acknowledgedAt: "2026-10-22T15:34:00Z",
      acknowledgedBy: "alice",
      mitigatedAt: "2026-10-22T15:50:00Z",
      resolvedAt: "2026-10-22T16:10:00Z",
      roles: { commander: "alice", comms: "bob" },
      responders: ["dana"],
      followups: [{ issue: 58, title: "Retry declined payments", closed: false }],
      postmortem: "postmortems/2026/INC-57-card-payments-declined.md",
      slo: { tier: "full", targetMinutes: 10, deadline: "2026-10-22T15:40:00Z", outcome: "met" },
    });
    expect(record.timeline.map((e) => e.kind)).toEqual([
      "opened",
      "ack",
      "role",
      "role",
      "responder",
      "note",
      "status",
      "followup",
      "followup",
      "resolve",
    ]);
  });

  it("adapts what the schema would reject: bot logins, long titles, a bad postmortem path", () => {
    const state = { ...freshState(), reportedBy: "github-actions[bot]", title: "x".repeat(300) };
    const record = incidentRecord(state, { now, postmortem: "somewhere/else.md" });
    expectValid(record);
    expect(record.reportedBy).toBe("github-actions");
    expect(record.title).toHaveLength(256);
    expect(record.postmortem).toBeUndefined();
    expect(recordLogin("weird login")).toBe("ghost");
    expectValid(incidentRecord({ ...freshState(), title: "  ", severity: null, services: [] }, { now }));
  });

  it("is valid when closed as not an incident", () => {
    const state = applyCommand(
      freshState(),
      { name: "not-incident", reason: "a test account" },
      { author: "bob", at: utc("2026-10-22T15:35:00Z"), authorized: true, oncallNow: ["alice", "bob"] },
    ).state;
    const record = incidentRecord(state, { now, deadline });
    expectValid(record);
    expect(record).toMatchObject({
      status: "not-incident",
      resolvedAt: "2026-10-22T15:35:00Z",
      slo: { outcome: "met" },
    });
  });
});

describe("sloOutcome", () => {
  it.each<[string, { acknowledgedAt?: string; resolvedAt?: string }, string, string | undefined]>([
    ["acknowledged in time", { acknowledgedAt: "2026-10-22T15:40:00Z" }, "2026-10-22T18:00:00Z", "met"],
    ["acknowledged late", { acknowledgedAt: "2026-10-22T15:41:00Z" }, "2026-10-22T18:00:00Z", "breached"],
    ["not acknowledged, deadline ahead", {}, "2026-10-22T15:39:00Z", "pending"],
    ["not acknowledged, deadline passed", {}, "2026-10-22T15:41:00Z", "breached"],
    ["closed without acknowledgement, in time", { resolvedAt: "2026-10-22T15:35:00Z" }, "2026-10-22T18:00:00Z", "met"],
  ])("%s", (_name, state, at, outcome) => {
    expect(sloOutcome(state, { now: utc(at), deadline })?.outcome).toBe(outcome);
  });

  it("is absent without a deadline", () => {
    expect(sloOutcome({}, { now })).toBeUndefined();
    expect(sloOutcome({}, { now, deadline: { tier: "limited", targetMinutes: null, deadline: null } })).toBeUndefined();
  });
});

describe("the record file", () => {
  it("lives in incidents/<year>/INC-<n>.yaml", () => {
    expect(incidentRecordPath({ issue: 57, reportedAt: "2026-12-31T23:59:00Z" })).toBe("incidents/2026/INC-57.yaml");
  });

  it("starts with the schema header and parses back to the same, valid record", () => {
    const record = incidentRecord(fullState(), { now, deadline });
    const text = incidentRecordYaml(record);
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../../schemas/incident.schema.json");
    const back = parse(text) as unknown;
    expect(back).toEqual(record);
    expectValid(back);
  });
});

describe("any sequence of commands", () => {
  const login = fc.constantFrom("alice", "bob", "carol", "dana", "github-actions[bot]");
  const command: fc.Arbitrary<IncidentCommand> = fc.oneof(
    fc.constant<IncidentCommand>({ name: "ack" }),
    login.map((l): IncidentCommand => ({ name: "commander", login: l })),
    login.map((l): IncidentCommand => ({ name: "comms", login: l })),
    login.map((l): IncidentCommand => ({ name: "responder", login: l })),
    fc.constantFrom(...SEVERITIES).map((s): IncidentCommand => ({ name: "severity", severity: s })),
    fc.constantFrom(...COMMAND_STATUSES).map((s): IncidentCommand => ({ name: "status", status: s })),
    fc
      .record({
        time: fc.option(fc.constantFrom("00:00", "09:15", "23:59"), { nil: null }),
        text: fc.string({ minLength: 1 }),
      })
      .map((t): IncidentCommand => ({ name: "timeline", ...t })),
    fc.string({ minLength: 1 }).map((text): IncidentCommand => ({ name: "followup", text })),
    fc
      .option(fc.string({ minLength: 1 }), { nil: null })
      .map((summary): IncidentCommand => ({ name: "resolve", summary })),
    fc.string({ minLength: 1 }).map((reason): IncidentCommand => ({ name: "not-incident", reason })),
    fc.constant<IncidentCommand>({ name: "sync" }),
  );
  const steps = fc.array(fc.record({ command, author: login, minutes: fc.integer({ min: 0, max: 3000 }) }), {
    maxLength: 25,
  });

  it("keeps the timeline in order, yields a valid record, and is idempotent when replayed", () => {
    fc.assert(
      fc.property(steps, (list) => {
        const apply = (start: IncidentState) =>
          list.reduce(
            (state, step, index) =>
              applyCommand(state, step.command, {
                author: step.author,
                at: utc("2026-10-22T15:30:00Z").plus({ minutes: step.minutes }),
                authorized: true,
                oncallNow: ["alice", "bob"],
                commentId: index,
              }).state,
            start,
          );
        const state = apply(freshState());
        const ats = state.timeline.map((e) => e.at);
        expect(ats).toEqual([...ats].sort());
        expectValid(incidentRecord(state, { now, deadline }));
        expect(apply(state)).toEqual(state);
      }),
      { numRuns: 200 },
    );
  });
});
