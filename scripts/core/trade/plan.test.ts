import { describe, expect, it } from "vitest";
import type { Finding, Problem } from "../model/index.js";
import { checkTrade, type LoadedSide } from "./check.js";
import { askedIn, LIMITS, reaskedIn, tradeVerdict } from "./comment.js";
import { planTrade, TRADE_COMMENT_KEY, TRADE_STATUS_CONTEXT, type TradePlanInput } from "./plan.js";
import { at, baseShifts, CONFIG, PEOPLE, swapped, weekly } from "./test-kit.js";

const ALL = new Set(["people", "rotation", "schedule", "overrides"]);
const loaded = (shifts = baseShifts(), problems: Problem[] = []): LoadedSide => ({
  org: { shifts, overrides: [], people: PEOPLE, rotation: CONFIG },
  present: ALL,
  problems,
});
const position = (f: Finding): Problem => ({
  file: "rotations/schedule.yaml",
  line: 7,
  column: 3,
  message: f.message,
  severity: "error",
  rule: f.rule,
});
const swap = swapped(baseShifts(), ["bob", "2026-12-07T11:00"], ["carol", "2026-12-14T11:00"]);
const now = at("2026-11-25T12:00");
const input = (over: Partial<TradePlanInput> = {}): TradePlanInput => ({
  pull: { number: 7, author: "bob", headSha: "a".repeat(40), requestedReviewers: [] },
  check: checkTrade({ before: loaded(), after: loaded(swap), position, now }),
  reviews: [],
  now,
  ...over,
});

describe("planTrade", () => {
  it("comments, sets a pending status and asks the people still to agree", () => {
    const plan = planTrade(input());
    expect(plan.effects.map((e) => e.kind)).toEqual(["upsert-comment", "set-commit-status", "request-reviewers"]);
    expect(plan.effects[0]).toMatchObject({ kind: "upsert-comment", issue: 7, key: TRADE_COMMENT_KEY });
    expect(plan.effects[1]).toEqual({
      kind: "set-commit-status",
      sha: "a".repeat(40),
      context: TRADE_STATUS_CONTEXT,
      state: "pending",
      description: "Waiting for approval from carol",
    });
    expect(plan.effects[2]).toEqual({ kind: "request-reviewers", pull: 7, reviewers: ["carol"] });
  });

  it("succeeds once everyone agreed, and asks nobody", () => {
    const plan = planTrade(
      input({
        reviews: [{ login: "carol", state: "APPROVED", submittedAt: "2026-11-25T13:00:00Z", commitId: "a".repeat(40) }],
      }),
    );
    expect(plan.verdict).toEqual({ state: "success", description: "All 2 affected people agreed" });
    expect(plan.effects.map((e) => e.kind)).toEqual(["upsert-comment", "set-commit-status"]);
  });

  it("does not ask the author, people asked already, or people not on the roster", () => {
    const third = planTrade(
      input({ pull: { number: 7, author: "alice", headSha: "b".repeat(40), requestedReviewers: ["Carol"] } }),
    );
    expect(third.consent.missing).toEqual(["bob", "carol"]);
    expect(third.reviewers).toEqual(["bob"]);
    // Earlier runs' requests are remembered in the comment, so a re-run with an old payload asks nobody twice.
    const body = (third.effects[0] as { body: string }).body;
    expect(askedIn(body)).toEqual(["bob"]);
    const rerun = planTrade(
      input({
        pull: { number: 7, author: "alice", headSha: "b".repeat(40), requestedReviewers: [] },
        asked: askedIn(body),
      }),
    );
    expect(rerun.reviewers).toEqual(["carol"]);
    expect(askedIn((rerun.effects[0] as { body: string }).body)).toEqual(["bob", "carol"]);
  });

  it("fails on problems whatever the consent", () => {
    const plan = planTrade(
      input({
        now: at("2026-12-08T12:00"),
        check: checkTrade({ before: loaded(), after: loaded(swap), position, now: at("2026-12-08T12:00") }),
      }),
    );
    expect(plan.verdict).toEqual({ state: "failure", description: "1 problem to fix: see the trade comment" });
  });

  it("only posts a success status when the rotation files did not change", () => {
    const plan = planTrade(input({ rotationsChanged: false }));
    expect(plan.effects).toEqual([
      {
        kind: "set-commit-status",
        sha: "a".repeat(40),
        context: TRADE_STATUS_CONTEXT,
        state: "success",
        description: "No change to the rotation files",
      },
    ]);
  });

  it("writes a comment with the summary, consent, changes and a table per person, mentioning nobody", () => {
    const plan = planTrade(
      input({
        reviews: [{ login: "dana", state: "APPROVED", submittedAt: "2026-11-25T13:00:00Z", commitId: "a".repeat(40) }],
      }),
    );
    const body = (plan.effects[0] as { body: string }).body;
    expect(body).toContain("> carol takes bob's rot-a shift 7-14 Dec; bob takes carol's 14-21 Dec");
    expect(body).toContain("| `bob` | ✅ | author of the pull request |");
    expect(body).toContain("| `carol` | ✅ | approved by their manager `dana` |");
    expect(body).toContain("| rot-a | Mon 7 Dec 11:00 | Mon 14 Dec 11:00 | `bob` | `carol` |");
    expect(body).toContain("<summary><code>carol</code></summary>");
    expect(body).toContain("| Mon 7 Dec **(changed)** | - | rot-a Mon 7 Dec 11:00 - Mon 14 Dec 11:00 |");
    expect(body).not.toMatch(/@\w/);
  });

  it("keeps the status description within GitHub's 140 characters", () => {
    const many = Array.from({ length: 30 }, (_, i) => `person-number-${i}`);
    const verdict = tradeVerdict({ ...input().check, affected: many }, { entries: [], complete: false, missing: many });
    expect(verdict.description.length).toBeLessThanOrEqual(140);
  });
});

describe("planTrade on a large change", () => {
  it("keeps the comment well under GitHub's limit, saying what it left out", () => {
    const logins = Array.from({ length: 30 }, (_, i) => `p${i}`);
    const people = [...PEOPLE, ...logins.map((login) => ({ ...PEOPLE[0]!, login }))];
    const weeks = Array.from({ length: 90 }, (_, i) => logins[i % 30]!);
    const before = weekly("rot-a", "2026-11-30T11:00", weeks);
    const after = weekly("rot-a", "2026-11-30T11:00", [...weeks.slice(1), weeks[0]!]);
    const side = (shifts: typeof before): LoadedSide => ({
      org: { shifts, overrides: [], people, rotation: CONFIG },
      present: ALL,
      problems: [],
    });
    const check = checkTrade({ before: side(before), after: side(after), position, now });
    expect(check.changes).toHaveLength(90);
    const body = (planTrade(input({ check })).effects[0] as { body: string }).body;
    expect(body.length).toBeLessThan(40_000);
    expect(body).toContain(`| … | ${90 - LIMITS.changes} more | | | |`);
    expect(body).toContain(`${30 - LIMITS.people} more people are affected`);
  });
});

describe("planTrade consent rules from the base, approvals of the change (issue 10 items 1 and 2)", () => {
  it("reads managers from the base: a head naming its author the other person's manager does not consent for them", () => {
    const forged = PEOPLE.map((p) => (p.login === "carol" ? { ...p, manager: "bob" } : p));
    const after: LoadedSide = {
      org: { shifts: swap, overrides: [], people: forged, rotation: CONFIG },
      present: ALL,
      problems: [],
    };
    const plan = planTrade(input({ check: checkTrade({ before: loaded(), after, position, now }) }));
    expect(plan.verdict.state).toBe("pending");
    expect(plan.consent.entries[1]).toMatchObject({ login: "carol", approved: false, manager: "dana" });
    expect(plan.reviewers).toEqual(["carol"]);
  });

  it("asks a reviewer whose approval went stale again, once per approval", () => {
    const old = "0".repeat(40);
    const reviews = [{ login: "carol", state: "APPROVED", submittedAt: "2026-11-25T13:00:00Z", commitId: old }];
    const first = planTrade(input({ reviews, reviewed: new Map([[old, "changed" as const]]), asked: ["carol"] }));
    expect(first.verdict.state).toBe("pending");
    expect(first.reviewers).toEqual(["carol"]);
    expect(first.reasked).toEqual(["carol"]);
    const body = (first.effects[0] as { body: string }).body;
    expect(reaskedIn(body)).toEqual([`carol@${old}`]);
    const rerun = planTrade(
      input({ reviews, reviewed: new Map([[old, "changed" as const]]), asked: ["carol"], reasked: reaskedIn(body) }),
    );
    expect(rerun.reviewers).toEqual([]);
  });

  it("posts a check run instead of a status when an App is named", () => {
    const plan = planTrade(input({ consentCheck: { kind: "check-run", app: "oncall-consent" } }));
    expect(plan.effects[1]).toMatchObject({
      kind: "set-check-run",
      name: TRADE_STATUS_CONTEXT,
      app: "oncall-consent",
      state: "pending",
      title: "Waiting for approval from carol",
    });
    expect(
      planTrade(input({ rotationsChanged: false, consentCheck: { kind: "check-run", app: "x" } })).effects,
    ).toEqual([expect.objectContaining({ kind: "set-check-run", state: "success" })]);
  });
});
