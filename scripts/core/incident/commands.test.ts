import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMMAND_USAGE, parseCommands, type IncidentCommand } from "./commands.js";

const one = (line: string): IncidentCommand | undefined => {
  const parsed = parseCommands(line);
  expect(parsed.errors).toEqual([]);
  return parsed.commands[0]?.command;
};
const error = (line: string): string => {
  const parsed = parseCommands(line);
  expect(parsed.commands).toEqual([]);
  expect(parsed.errors).toHaveLength(1);
  return parsed.errors[0]?.message ?? "";
};

describe("parseCommands: each command", () => {
  it.each<[string, IncidentCommand]>([
    ["/ack", { name: "ack" }],
    ["/ack on it", { name: "ack" }],
    ["/ACK", { name: "ack" }],
    ["/commander @alice", { name: "commander", login: "alice" }],
    ["/commander alice", { name: "commander", login: "alice" }],
    ["/comms @bob-smith", { name: "comms", login: "bob-smith" }],
    ["/severity P1", { name: "severity", severity: "P1" }],
    ["/severity p4", { name: "severity", severity: "P4" }],
    ["/status identified", { name: "status", status: "identified" }],
    ["/status Mitigated", { name: "status", status: "mitigated" }],
    ["/status resolved", { name: "status", status: "resolved" }],
    ["/timeline rolled back the deploy", { name: "timeline", time: null, text: "rolled back the deploy" }],
    ["/timeline 14:05 rolled back", { name: "timeline", time: "14:05", text: "rolled back" }],
    ["/timeline 9:05 UTC paged the DBA", { name: "timeline", time: "09:05", text: "paged the DBA" }],
    ["/timeline 1400 deploys paused", { name: "timeline", time: null, text: "1400 deploys paused" }],
    ["/responder @carol", { name: "responder", login: "carol" }],
    ["/followup Alert on consumer lag", { name: "followup", text: "Alert on consumer lag" }],
    ["/resolve", { name: "resolve", summary: null }],
    ["/resolve Rolled back the bad deploy.", { name: "resolve", summary: "Rolled back the bad deploy." }],
    ["/not-incident only one test account", { name: "not-incident", reason: "only one test account" }],
    ["/sync", { name: "sync" }],
    ["   /ack", { name: "ack" }],
  ])("%s", (line, command) => {
    expect(one(line)).toEqual(command);
  });
});

describe("parseCommands: errors", () => {
  it("lists the valid commands for an unknown one, with a hint when it is close", () => {
    const message = error("/acknowledge");
    expect(message).toMatch(/`\/acknowledge` is not a command I know/);
    for (const usage of Object.values(COMMAND_USAGE)) expect(message).toContain(usage);
    expect(error("/stauts mitigated")).toMatch(/Did you mean `\/status`\?/);
    expect(error("/foo")).not.toMatch(/Did you mean/);
  });

  it.each([
    ["/commander", /needs the GitHub login of one person/],
    ["/commander @alice @bob", /exactly one login/],
    ["/comms @not_a_login!", /is not a GitHub login/],
    ["/responder", /needs the GitHub login/],
    ["/severity", /needs one level, P1 \(most severe\) to P5/],
    ["/severity P6", /`P6` is not one/],
    ["/severity critical", /`critical` is not one/],
    ["/status", /needs one of `investigating`, `identified`, `monitoring`, `mitigated`, `resolved`/],
    ["/status fixed", /`fixed` is not one/],
    ["/timeline", /needs some text/],
    ["/timeline 14:05", /needs some text after the time/],
    ["/timeline 24:10 late", /`24:10` is not a time of day/],
    ["/followup", /needs the title/],
    [`/followup ${"x".repeat(201)}`, /limited to 200 characters/],
    ["/not-incident", /needs a short reason/],
  ])("%s", (line, pattern) => {
    expect(error(line)).toMatch(pattern);
  });

  it("never lets echoed arguments break out of inline code", () => {
    expect(error("/severity `@everyone`")).toContain("`'@everyone'`");
  });
});

describe("parseCommands: which lines count", () => {
  it("reads one command per line, with line numbers, in order", () => {
    const parsed = parseCommands("Looking now.\n/ack\n/severity P1\n\nthanks\n/status identified\r\n/bogus");
    expect(parsed.commands.map((c) => [c.line, c.command.name])).toEqual([
      [2, "ack"],
      [3, "severity"],
      [6, "status"],
    ]);
    expect(parsed.errors.map((e) => [e.line, e.text])).toEqual([[7, "/bogus"]]);
  });

  it("ignores fenced code, quotes, HTML comments, indented code and paths", () => {
    const body = [
      "```",
      "/resolve",
      "```",
      "~~~~sh",
      "/ack",
      "```",
      "/ack",
      "~~~~",
      "> /resolve quoted from above",
      ">/resolve",
      "<!-- /resolve",
      "/ack -->",
      "    /resolve in indented code",
      "/var/log is full",
      "- /ack in a list",
      "see /ack for details",
      "/sync",
    ].join("\n");
    const parsed = parseCommands(body);
    expect(parsed.errors).toEqual([]);
    expect(parsed.commands.map((c) => [c.line, c.command.name])).toEqual([[17, "sync"]]);
  });

  it("never throws, whatever the comment", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 40 }),
            fc.constantFrom("/ack", "/status x", "```", "/timeline 99:99 a", "> /ack", "/commander @"),
          ),
          { maxLength: 20 },
        ),
        (lines) => {
          const parsed = parseCommands(lines.join("\n"));
          for (const e of parsed.errors) expect(e.message.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});
