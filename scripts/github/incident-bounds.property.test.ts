/**
 * Property test of issue 10 item 6 ("bounded text"): whatever reporters and commenters type, every
 * body and title the incident planner asks the adapter to write fits GitHub's limits (65,536
 * characters for bodies, 256 for titles), lists the bot writes carry no duplicates, and the saved
 * state always survives the round trip through the bot comment.
 *
 * Fails before issue 10 item 6: a report whose services answer is a 58,000-character `a,a,a,...`
 * list gave a form-problems comment over 65,536 characters (GitHub answers 422, the state comment was
 * never saved), and a report with a huge random "Who is affected?" answer gave a bot comment whose
 * hidden state alone was over the limit.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Effect } from "../core/model/index.js";
import { withMarker } from "./markers.js";
import {
  BODY_BUDGET,
  boundState,
  capLines,
  capList,
  capText,
  GITHUB_BODY_LIMIT,
  GITHUB_TITLE_LIMIT,
  STATE_MARKER_BUDGET,
} from "../core/incident/index.js";
import { parseStateMarker, serializeStateMarker } from "../core/incident/index.js";
import { planIncidentEvent, type IncidentComment, type IncidentPlanInput } from "../core/incident/index.js";
import type { IncidentState } from "../core/incident/index.js";
import { examplePolicy, formBody, freshState, utc } from "../core/incident/test-kit.js";

const policy = examplePolicy();
const MEMBERS = new Set(["alice", "bob", "reporter"]);

/** `n` characters of comma-separated pseudo-random names (a linear congruential generator). */
function distinctNames(seed: number, n: number): string {
  let x = seed;
  const out: string[] = [];
  let length = 0;
  while (length < n) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    const name = x.toString(36);
    out.push(name);
    length += name.length + 1;
  }
  return out.join(",").slice(0, n);
}

/** Text that is long, repetitive, or full of what the bot must neutralize. */
const hostileText = (max: number) =>
  fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 200 }),
    fc.string({ unit: "binary", maxLength: Math.min(max, 4_000) }),
    fc
      .tuple(
        fc.constantFrom("a,", "a\n", "@everyone ", "<!-- oncall:incident -->", "`", "|", "/ack\n", "x"),
        fc.integer({ min: Math.floor(max / 2), max }),
      )
      .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, max)),
    // Many distinct names: incompressible, so the saved state cannot hide behind gzip.
    fc
      .tuple(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: Math.floor(max / 2), max }))
      .map(([seed, n]) => distinctNames(seed, n)),
  );

/** Comment bodies: command lines (valid, with huge arguments, or malformed) mixed with prose. */
const commentBody = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "/ack",
        "/severity P1",
        "/status identified",
        "/status mitigated",
        "/sync",
        "/responder @bob",
        "/frobnicate",
      ),
      hostileText(20_000).map((t) => `/timeline ${t.replace(/\n/g, " ")}`),
      hostileText(20_000).map((t) => `/followup ${t.replace(/\n/g, " ")}`),
      hostileText(20_000).map((t) => `/not-incident ${t.replace(/\n/g, " ")}`),
      hostileText(20_000).map((t) => `/severity ${t.replace(/\n/g, " ")}`),
      hostileText(20_000),
    ),
    { minLength: 1, maxLength: 40 },
  )
  .map((lines) => lines.join("\n").slice(0, GITHUB_BODY_LIMIT));

const reportBody = fc
  .record({
    what: hostileText(30_000),
    who: hostileText(30_000),
    services: hostileText(58_000),
    started: hostileText(200),
    links: hostileText(10_000),
  })
  .map((answers) => formBody(answers).slice(0, GITHUB_BODY_LIMIT));

function check(effects: readonly Effect[]): void {
  for (const e of effects) {
    if (e.kind === "upsert-comment") {
      expect(withMarker(e.body, e.key).length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
      expect(e.body.length).toBeLessThanOrEqual(BODY_BUDGET + 2_000);
    }
    if (e.kind === "create-issue") {
      expect(e.title.length).toBeLessThanOrEqual(GITHUB_TITLE_LIMIT);
      expect(withMarker(e.body, e.key).length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    }
  }
}

function botState(effects: readonly Effect[]): IncidentState | null {
  const bot = effects.find((e) => e.kind === "upsert-comment" && e.key === "incident");
  return bot?.kind === "upsert-comment" ? parseStateMarker(bot.body).state : null;
}

describe("everything the incident bot writes is bounded (issue 10 item 6)", () => {
  it("keeps every body under GitHub's limit for huge and hostile reports and comments", () => {
    fc.assert(
      fc.property(reportBody, fc.array(commentBody, { maxLength: 3 }), reportBody, (body, comments, edited) => {
        const base = (
          event: IncidentPlanInput["event"],
          prior: IncidentState | null,
          extra: Partial<IncidentPlanInput> = {},
        ) =>
          planIncidentEvent({
            event,
            issue: {
              number: 7,
              title: "[Incident] t",
              body,
              author: "reporter",
              createdAt: utc("2026-10-22T15:30:00Z"),
              labels: ["incident"],
              assignees: [],
              state: "open",
            },
            priorState: prior,
            authorized: (login) => MEMBERS.has(login),
            oncallAt: () => [{ login: "alice", layer: "a" }],
            policy,
            playbooks: [],
            now: utc("2026-10-22T15:31:00Z"),
            ...extra,
          });
        const opened = base("opened", null);
        check(opened.effects);
        let state = botState(opened.effects);
        expect(state).not.toBeNull();
        for (const [i, text] of comments.entries()) {
          const comment: IncidentComment = {
            id: 100 + i,
            author: i % 2 ? "bob" : "alice",
            body: text,
            createdAt: utc("2026-10-22T15:40:00Z").plus({ minutes: i }),
          };
          const step = base("comment", state, { comment, now: comment.createdAt });
          check(step.effects);
          state = botState(step.effects) ?? state;
        }
        const edit = base("edited", state, {
          issue: {
            number: 7,
            title: "[Incident] t",
            body: edited,
            author: "reporter",
            createdAt: utc("2026-10-22T15:30:00Z"),
            labels: [],
            assignees: [],
            state: "open",
          },
        });
        check(edit.effects);
      }),
      { numRuns: 40 },
    );
  });

  it("answers the 58,000-character a,a,a,... services list with one deduplicated line", () => {
    const body = formBody({
      what: "down",
      who: "all",
      severity: "P2",
      services: "a,".repeat(29_000),
      production: "Yes",
    });
    const opened = planIncidentEvent({
      event: "opened",
      issue: {
        number: 7,
        title: "t",
        body,
        author: "reporter",
        createdAt: utc("2026-10-22T15:30:00Z"),
        labels: [],
        assignees: [],
        state: "open",
      },
      priorState: null,
      authorized: () => true,
      oncallAt: () => [],
      policy,
      playbooks: [],
      now: utc("2026-10-22T15:31:00Z"),
    });
    check(opened.effects);
    const problems = opened.effects.find((e) => e.kind === "upsert-comment" && e.key === "form-problems");
    expect(problems?.kind === "upsert-comment" && problems.body.match(/`a`/g)).toHaveLength(1);
  });

  it("caps text and lists, and compacts a state whose hidden block would be too big", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 5_000 }), fc.integer({ min: 0, max: 5_000 }), (text, max) => {
        expect(capText(text, max).length).toBeLessThanOrEqual(max);
        expect(capLines(text.split("\n"), max + 200).length).toBeLessThanOrEqual(max + 200);
      }),
    );
    expect(capList(["a", "b", "a", "c", "d"], 3)).toEqual(["a", "b", "and 2 more"]);
    const huge = freshState();
    // Incompressible text (a linear congruential generator), so gzip cannot save the state.
    let seed = 42;
    const random = (n: number) =>
      Array.from({ length: n }, () =>
        String.fromCharCode(33 + ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % 90)),
      ).join("");
    for (let i = 0; i < 400; i++)
      huge.timeline.push({
        at: `2026-10-22T16:${String(i % 60).padStart(2, "0")}:00Z`,
        author: "alice",
        kind: "note",
        text: random(600 + i),
      });
    huge.processed = Array.from({ length: 5_000 }, (_, i) => `${1_000_000 + Math.floor(i / 10)}:${(i % 10) + 1}`);
    const bounded = boundState(huge);
    expect(serializeStateMarker(bounded).length).toBeLessThanOrEqual(STATE_MARKER_BUDGET);
    expect(bounded.processed).toHaveLength(500);
    expect(bounded.timeline[0]).toEqual(huge.timeline[0]);
    expect(boundState(bounded)).toEqual(bounded);
  });
});
