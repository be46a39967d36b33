import { describe, expect, it } from "vitest";
import type { IncidentCommand } from "./commands.js";
import { applyCommand, type CommandContext, type IncidentState } from "./state.js";
import { freshState, utc } from "./test-kit.js";

let clock = 0;
/** A context one minute after the previous one, by an authorized author with alice and bob on call. */
function ctx(author: string, overrides: Partial<CommandContext> = {}): CommandContext {
  clock += 1;
  return {
    author,
    at: utc("2026-10-22T15:30:00Z").plus({ minutes: clock }),
    authorized: true,
    oncallNow: ["alice", "bob"],
    commentId: 1000 + clock,
    ...overrides,
  };
}
function run(state: IncidentState, steps: [IncidentCommand, CommandContext][]): IncidentState {
  return steps.reduce((s, [command, context]) => applyCommand(s, command, context).state, state);
}

describe("acknowledgement and default roles", () => {
  it("makes the first on-call engineer to /ack Incident Commander and the other Communications Officer", () => {
    const out = applyCommand(freshState(), { name: "ack" }, ctx("bob"));
    expect(out.state).toMatchObject({ acknowledgedBy: "bob", commander: "bob", comms: "alice", rolesDefaulted: true });
    expect(out.entries.map((e) => [e.kind, e.text])).toEqual([
      ["ack", "Acknowledged."],
      ["role", "bob is Incident Commander."],
      ["role", "alice is Communications Officer."],
    ]);
    expect(out.state.acknowledgedAt).toBe(out.entries[0]?.at);
  });

  it("keeps a commander named before the acknowledgement; the acknowledging engineer takes comms", () => {
    const state = run(freshState(), [[{ name: "commander", login: "zoe" }, ctx("alice")]]);
    expect(state).toMatchObject({ commander: "zoe", comms: "alice", acknowledgedBy: "alice" });
    expect(state.timeline.map((e) => e.kind)).toEqual(["opened", "ack", "role", "role"]);
  });

  it("counts the first accepted command of an on-call engineer as the acknowledgement", () => {
    const out = applyCommand(freshState(), { name: "severity", severity: "P1" }, ctx("alice"));
    expect(out.state).toMatchObject({
      acknowledgedBy: "alice",
      commander: "alice",
      comms: "bob",
      severity: "P1",
      severitySetBy: "command",
    });
    expect(out.entries[0]?.text).toBe("Acknowledged (first command: /severity).");
  });

  it("counts someone on call at the command even when they were not on call at the report", () => {
    const state = run(freshState(), [[{ name: "ack" }, ctx("carol", { oncallNow: ["carol", "bob"] })]]);
    expect(state).toMatchObject({ acknowledgedBy: "carol", commander: "carol", comms: "alice" });
  });

  it("lets a responder acknowledge, without taking a role", () => {
    let state = run(freshState(), [[{ name: "responder", login: "dana" }, ctx("manager-mo", { oncallNow: [] })]]);
    expect(state.acknowledgedAt).toBeUndefined();
    state = run(state, [[{ name: "ack" }, ctx("dana")]]);
    expect(state).toMatchObject({ acknowledgedBy: "dana", rolesDefaulted: false });
    expect(state.commander).toBeUndefined();
    // The first on-call engineer to act later still becomes commander.
    state = run(state, [[{ name: "status", status: "identified" }, ctx("bob")]]);
    expect(state).toMatchObject({ acknowledgedBy: "dana", commander: "bob", comms: "alice" });
  });

  it("does not count an /ack from someone neither on call nor responding, and says why", () => {
    const out = applyCommand(freshState(), { name: "ack" }, ctx("manager-mo"));
    expect(out.state.acknowledgedAt).toBeUndefined();
    expect(out.entries).toEqual([]);
    expect(out.decisions).toEqual([
      { kind: "reply", text: expect.stringMatching(/Only an on-call engineer or a responder/) },
    ]);
  });

  it("hands out roles once: a later on-call engineer's command changes no role", () => {
    const state = run(freshState(), [
      [{ name: "ack" }, ctx("alice")],
      [{ name: "ack" }, ctx("bob")],
      [{ name: "timeline", time: null, text: "new shift" }, ctx("erin", { oncallNow: ["erin"] })],
    ]);
    expect(state).toMatchObject({ acknowledgedBy: "alice", commander: "alice", comms: "bob" });
    expect(state.timeline.filter((e) => e.kind === "ack")).toHaveLength(1);
  });

  it("leaves comms empty when only one engineer is on call", () => {
    const state = run({ ...freshState(), oncall: ["alice"] }, [
      [{ name: "ack" }, ctx("alice", { oncallNow: ["alice"] })],
    ]);
    expect(state.commander).toBe("alice");
    expect(state.comms).toBeUndefined();
  });
});

describe("idempotence and authorization", () => {
  it("applies the same command from the same comment line only once", () => {
    const context = ctx("alice", { commentId: 42, line: 3 });
    const first = applyCommand(freshState(), { name: "followup", text: "Add an alert" }, context);
    const second = applyCommand(first.state, { name: "followup", text: "Add an alert" }, context);
    expect(second.state).toBe(first.state);
    expect(second.entries).toEqual([]);
    expect(second.decisions).toEqual([]);
    expect(first.state.processed).toEqual(["42:3"]);
    // Another line of the same comment is another command.
    const third = applyCommand(second.state, { name: "followup", text: "Add an alert" }, { ...context, line: 4 });
    expect(third.state.followups).toHaveLength(2);
  });

  it("changes nothing for an unauthorized author and refuses", () => {
    const state = freshState();
    const out = applyCommand(state, { name: "resolve", summary: "lol" }, ctx("stranger", { authorized: false }));
    expect(out.state).toBe(state);
    expect(out.entries).toEqual([]);
    expect(out.decisions).toEqual([{ kind: "refuse" }]);
  });

  it("never mutates the state it is given", () => {
    const state = freshState();
    const copy = structuredClone(state);
    applyCommand(state, { name: "ack" }, ctx("alice"));
    applyCommand(state, { name: "resolve", summary: "done" }, ctx("alice"));
    expect(state).toEqual(copy);
  });
});

describe("each command", () => {
  it("records every change with time and author", () => {
    const state = run(freshState(), [
      [{ name: "ack" }, ctx("alice")],
      [{ name: "comms", login: "carol" }, ctx("alice")],
      [{ name: "severity", severity: "P1" }, ctx("alice")],
      [{ name: "status", status: "mitigated" }, ctx("bob")],
      [{ name: "responder", login: "dana" }, ctx("alice")],
      [{ name: "status", status: "monitoring" }, ctx("alice")],
    ]);
    expect(state.timeline.slice(4).map((e) => [e.author, e.kind, e.text])).toEqual([
      ["alice", "role", "carol is Communications Officer."],
      ["alice", "severity", "Severity changed from P2 to P1."],
      ["bob", "status", "Status set to mitigated."],
      ["alice", "responder", "dana added as responder."],
      ["alice", "status", "Status set to monitoring."],
    ]);
    expect(state.mitigatedAt).toBe(state.timeline[6]?.at);
    expect(state.responders).toEqual(["dana"]);
  });

  it("replies instead of recording a change that changes nothing", () => {
    const state = run(freshState(), [[{ name: "ack" }, ctx("alice")]]);
    for (const command of [
      { name: "commander", login: "alice" },
      { name: "severity", severity: "P2" },
      { name: "status", status: "investigating" },
    ] as IncidentCommand[]) {
      const out = applyCommand(state, command, ctx("alice"));
      expect(out.entries).toEqual([]);
      expect(out.decisions[0]?.kind).toBe("reply");
    }
  });

  it("back-dates /timeline entries to HH:MM UTC and keeps the timeline in order", () => {
    const at = utc("2026-10-22T16:00:00Z");
    const state = run(freshState(), [
      [{ name: "timeline", time: "15:10", text: "first errors in the logs" }, ctx("alice", { at })],
      [{ name: "timeline", time: "23:00", text: "yesterday's deploy" }, ctx("alice", { at })],
    ]);
    expect(state.timeline.map((e) => [e.at, e.kind])).toEqual([
      ["2026-10-21T23:00:00Z", "note"],
      ["2026-10-22T15:10:00Z", "note"],
      ["2026-10-22T15:30:00Z", "opened"],
      ["2026-10-22T16:00:00Z", "ack"],
      ["2026-10-22T16:00:00Z", "role"],
      ["2026-10-22T16:00:00Z", "role"],
    ]);
  });

  it("asks for a follow-up issue under a stable key", () => {
    const out = applyCommand(
      freshState(),
      { name: "followup", text: "Alert on lag" },
      ctx("alice", { commentId: 77, line: 2 }),
    );
    expect(out.decisions).toContainEqual({
      kind: "create-followup",
      key: "INC-57/followup/77:2",
      title: "Alert on lag",
    });
    expect(out.state.followups).toEqual([{ key: "INC-57/followup/77:2", title: "Alert on lag", author: "alice" }]);
  });

  it("resolves: status, times, summary, close and record", () => {
    const out = applyCommand(freshState(), { name: "resolve", summary: "Rolled back." }, ctx("alice"));
    expect(out.state).toMatchObject({ status: "resolved", summary: "Rolled back." });
    expect(out.state.resolvedAt).toBeDefined();
    expect(out.state.mitigatedAt).toBe(out.state.resolvedAt);
    expect(out.decisions).toEqual([{ kind: "close", reason: "completed" }, { kind: "write-record" }]);
    expect(applyCommand(out.state, { name: "resolve", summary: null }, ctx("alice")).decisions[0]?.kind).toBe("reply");
    expect(applyCommand(out.state, { name: "status", status: "resolved" }, ctx("alice")).decisions[0]?.kind).toBe(
      "reply",
    );
  });

  it("reopens a resolved incident when an open status is set", () => {
    const resolved = run(freshState(), [[{ name: "resolve", summary: null }, ctx("alice")]]);
    const out = applyCommand(resolved, { name: "status", status: "investigating" }, ctx("alice"));
    expect(out.state.status).toBe("investigating");
    expect(out.state.resolvedAt).toBeUndefined();
    expect(out.entries.map((e) => e.kind)).toEqual(["reopened", "status"]);
    expect(out.decisions).toEqual([{ kind: "reopen" }]);
  });

  it("closes a report kindly as not an incident", () => {
    const out = applyCommand(freshState(), { name: "not-incident", reason: "one test account" }, ctx("alice"));
    expect(out.state).toMatchObject({ status: "not-incident", notIncidentReason: "one test account" });
    expect(out.decisions).toEqual([
      { kind: "not-incident-notice", reason: "one test account" },
      { kind: "close", reason: "not_planned" },
      { kind: "write-record" },
    ]);
  });

  it("only writes the record on /sync", () => {
    const out = applyCommand(freshState(), { name: "sync" }, ctx("manager-mo"));
    expect(out.decisions).toEqual([{ kind: "write-record" }]);
    expect(out.entries).toEqual([]);
  });
});
