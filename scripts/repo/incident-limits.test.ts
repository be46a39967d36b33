/**
 * Properties of the incident policy pieces of issue 10 (items 8 to 10) below the end-to-end tests in
 * scripts/e2e/incident-policy.e2e.test.ts: per-comment limits, echoed text that can never carry a
 * marker, triage and /confirm in the reducer and the planner, and the SLO check's clock.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRepository } from "./load-repository.js";
import { fixtureDir } from "./test-repo.js";
import { parseCommands, responderTargets } from "../core/incident/index.js";
import { replyText } from "../core/incident/index.js";
import { parseIncidentForm } from "../core/incident/index.js";
import { applyCommentCommands } from "../core/incident/index.js";
import { parseStateMarker, serializeStateMarker } from "../core/incident/index.js";
import { openIncidentState, reopenIncidentState } from "../core/incident/index.js";
import { planIncidentEvent, type IncidentPlanInput } from "../core/incident/index.js";
import { safeCode } from "../core/model/index.js";
import { applyCommand, sloClockStart } from "../core/incident/index.js";
import { examplePolicy, formBody, freshState, GOOD_BODY, report, utc } from "../core/incident/test-kit.js";
import { DEFAULT_COMMAND_LIMITS, type Organisation } from "../core/model/index.js";
import { planSlo, type IncidentIssue } from "../core/slo/index.js";
import { NO_HOLIDAYS } from "../core/slo/index.js";

const ctx = {
  author: "alice",
  at: utc("2026-10-22T15:40:00Z"),
  authorized: true,
  oncallNow: ["alice", "bob"],
  commentId: 77,
};

describe("issue 10 item 9: per-comment limits (property)", () => {
  // Fails before issue 10 item 9: there was no limit, every command line of a comment was applied.
  it("applies at most perComment commands and followupsPerComment follow-ups, refusing the rest by line, and remembers all", () => {
    const line = fc.oneof(
      fc.constant("/followup Add an alert"),
      fc.constant("/timeline a note"),
      fc.constant("/severity P3"),
      fc.constant("/responder @zoe"),
      fc.constant("just talk"),
    );
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 40 }),
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 0, max: 5 }),
        (lines, perComment, followupsPerComment) => {
          const { commands } = parseCommands(lines.join("\n"));
          const out = applyCommentCommands(freshState(), commands, ctx, { perComment, followupsPerComment });
          const applied = commands.length - out.refused.length;
          expect(applied).toBeLessThanOrEqual(perComment);
          expect(out.decisions.filter((d) => d.kind === "create-followup").length).toBeLessThanOrEqual(
            followupsPerComment,
          );
          expect(
            out.refused.every((r) => commands.some((c) => c.line === r.line && `/${c.command.name}` === r.text)),
          ).toBe(true);
          expect(out.state.processed).toHaveLength(commands.length);
          // Deterministic: the same comment refuses the same lines.
          expect(
            applyCommentCommands(freshState(), commands, ctx, { perComment, followupsPerComment }).refused,
          ).toEqual(out.refused);
        },
      ),
    );
  });

  it("names the logins /responder targets, so the caller can check their access", () => {
    expect(responderTargets("/responder @zoe\n> /responder @quoted\n/responder yann\n/ack")).toEqual(["zoe", "yann"]);
  });

  it("keeps the schema's defaults and DEFAULT_COMMAND_LIMITS equal", () => {
    const schema = JSON.parse(readFileSync(new URL("../../schemas/policy.schema.json", import.meta.url), "utf8")) as {
      properties: { reporters: { default: string }; commands: { properties: Record<string, { default: unknown }> } };
    };
    const defaults = Object.fromEntries(
      Object.entries(schema.properties.commands.properties).map(([k, v]) => [k, v.default]),
    );
    expect(defaults).toEqual({ ...DEFAULT_COMMAND_LIMITS });
    expect(schema.properties.reporters.default).toBe("anyone");
  });
});

describe("issue 10 item 8: echoed text never carries a marker (property)", () => {
  const hostile = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.constantFrom("<!-- oncall:incident -->", "<!--oncall:incident-state v1 e30= -->", "`<`!-- x -->"),
  );
  // Fails before issue 10 item 8: form answers and command arguments were echoed with `<` intact.
  it("form problems, command errors and replies hold no `<` from the input", () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        const form = parseIncidentForm(
          formBody({ severity: a, production: b, started: a, links: b, services: `checkout, ${a}` }),
          { policy: examplePolicy(), reportedAt: utc("2026-10-22T15:30:00Z") },
        );
        for (const p of form.problems) expect(p).not.toContain("<");
        const parsed = parseCommands(`/severity ${a}\n/status ${b}\n/x${a.replace(/\s/g, "")}\n/commander ${b}`);
        const reply = replyText("alice", [], parsed.errors) ?? "";
        expect(reply).not.toContain("<");
        expect(safeCode(a)).not.toMatch(/[<`\n]/);
      }),
    );
  });

  it("reads the state block the bot wrote last, not one pasted into the visible text before it", () => {
    const forged = serializeStateMarker({ ...freshState(), status: "resolved" });
    const real = serializeStateMarker(freshState());
    expect(parseStateMarker(`quoted: ${forged}\n\n${real}\n\n<!-- oncall:incident -->`).state?.status).toBe(
      "investigating",
    );
  });
});

describe("issue 10 item 10: triage in the reducer", () => {
  const triage = () =>
    openIncidentState(
      { number: 57, title: "t", author: "outsider", createdAt: utc("2026-10-22T15:30:00Z") },
      report(),
      [],
      ["alice", "bob"],
      "Reports from outside start in triage.",
    );

  it("holds other commands until /confirm, which starts the clock without acknowledging", () => {
    const held = applyCommand(triage(), { name: "ack" }, ctx);
    expect(held.state.acknowledgedAt).toBeUndefined();
    expect(held.decisions).toEqual([{ kind: "reply", text: expect.stringContaining("awaiting triage") }]);
    const noted = applyCommand(triage(), { name: "timeline", time: null, text: "looking" }, ctx);
    expect(noted.state.acknowledgedAt).toBeUndefined();
    const confirmed = applyCommand(triage(), { name: "confirm" }, { ...ctx, oncallNow: ["carol"] });
    expect(confirmed.state).toMatchObject({
      status: "investigating",
      confirmedAt: "2026-10-22T15:40:00Z",
      confirmedBy: "alice",
      oncall: ["carol"],
    });
    expect(confirmed.state.acknowledgedAt).toBeUndefined();
    expect(sloClockStart(triage())).toBeNull();
    expect(sloClockStart(confirmed.state)).toBe("2026-10-22T15:40:00Z");
    expect(sloClockStart(freshState())).toBe("2026-10-22T15:30:00Z");
    expect(applyCommand(confirmed.state, { name: "confirm" }, { ...ctx, commentId: 78 }).decisions[0]).toMatchObject({
      kind: "reply",
    });
  });

  it("goes back to triage when a never-confirmed report is reopened", () => {
    const closed = applyCommand(triage(), { name: "not-incident", reason: "spam" }, ctx).state;
    expect(reopenIncidentState(closed, "alice", utc("2026-10-22T16:00:00Z")).state.status).toBe("triage");
  });
});

describe("issue 10 item 10: the planner's reporters policy", () => {
  function input(reporters: "anyone" | "collaborators" | "roster", author: string): IncidentPlanInput {
    return {
      event: "opened",
      issue: {
        number: 57,
        title: "t",
        body: GOOD_BODY,
        author,
        createdAt: utc("2026-10-22T15:30:00Z"),
        labels: ["incident"],
        assignees: [],
        state: "open",
      },
      priorState: null,
      authorized: (l) => ["alice", "bob", "tess"].includes(l),
      inRoster: (l) => ["alice", "bob"].includes(l),
      oncallAt: () => [{ login: "alice", layer: "primary" }],
      policy: { ...examplePolicy(), reporters },
      playbooks: [],
      deadline: { tier: "full", targetMinutes: 10, deadline: utc("2026-10-22T15:40:00Z") },
      now: utc("2026-10-22T15:30:00Z"),
    };
  }
  it.each([
    ["anyone", "outsider", "investigating"],
    ["collaborators", "tess", "investigating"],
    ["collaborators", "outsider", "triage"],
    ["roster", "tess", "triage"],
    ["roster", "alice", "investigating"],
  ] as const)("reporters: %s, reported by %s -> %s", (reporters, author, status) => {
    const plan = planIncidentEvent(input(reporters, author));
    expect(plan.state.status).toBe(status);
    expect(plan.effects.some((e) => e.kind === "add-assignees")).toBe(status !== "triage");
    expect(plan.state.deadline === undefined).toBe(status === "triage");
  });
});

describe("issue 10 item 10: the SLO check", () => {
  const root = fixtureDir("example");
  let org: Organisation;
  beforeAll(async () => {
    org = (
      await loadRepository(root, {
        only: new Set([
          "rotations/people.yaml",
          "rotations/config.yaml",
          "rotations/schedule.yaml",
          "rotations/overrides.yaml",
        ]),
      })
    ).org;
  });
  const issue = (fields: Partial<IncidentIssue>): IncidentIssue => ({
    number: 12,
    createdAt: "2026-12-02T15:00:00Z",
    labels: ["incident", "status:investigating"],
    assignees: [],
    ...fields,
  });
  const decide = (at: string, i: IncidentIssue) =>
    planSlo({ now: utc(at), issues: [i], org, calendar: NO_HOLIDAYS }).decisions.map((d) => d.kind);

  // Fails before issue 10 item 10: status:triage was not skipped and the clock always started at created_at.
  it("skips a report in triage and counts a confirmed one from its confirmation", () => {
    expect(decide("2026-12-02T15:20:00Z", issue({ labels: ["incident", "status:triage"] }))).toEqual([]);
    const confirmed = issue({
      labels: ["incident", "status:investigating", "triaged"],
      confirmedAt: "2026-12-02T15:30:00Z",
    });
    expect(decide("2026-12-02T15:34:00Z", confirmed)).toEqual([]);
    expect(decide("2026-12-02T15:36:00Z", confirmed)).toEqual(["warn"]);
    expect(decide("2026-12-02T15:40:00Z", confirmed)).toEqual(["breach", "escalate"]);
  });
});
