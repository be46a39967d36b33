/**
 * Fuzzing the incident form parser (issue 10 item 13) with arbitrary Unicode and Markdown: whatever a
 * reporter pastes, parsing returns (no exception escapes), in time linear in the body, and its output
 * is bounded by the input:
 *
 * - the report's texts together hold at most 2 characters per body character, plus 1,000;
 * - there are at most 7 problems (one per form field), together at most 3 characters per body
 *   character plus 4,000 (only the unknown-services problem grows with the input; every other one is
 *   under 600 characters).
 *
 * Fails before issue 10 item 13: a link answer ending in many `)` (a URL followed by 32,000 closing
 * brackets) took 55 seconds to parse, because trailing brackets were dropped one at a time with a
 * full recount each time; a 60,000-character body could hold the incident job for minutes.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fuzzRuns, hostileLine, hostileText, textSize } from "../model/fuzz-test-kit.js";
import { INCIDENT_FORM_FIELDS, parseIncidentForm, parseStartTime, type ParsedIncidentForm } from "./form.js";
import { formBody, type FormAnswers } from "./test-kit.js";
import type { Policy } from "../model/index.js";

const policy = parse(
  readFileSync(new URL("../../fixtures/minimal/incidents/policy.yaml", import.meta.url), "utf8"),
) as Policy;
const reportedAt = DateTime.fromISO("2026-10-22T15:30:00Z", { zone: "utc" });

/** Checks the bounds stated in the module comment. */
function checkBounds(body: string, result: ParsedIncidentForm): void {
  const n = body.length;
  expect(textSize(result.report)).toBeLessThanOrEqual(2 * n + 1000);
  expect(result.problems.length).toBeLessThanOrEqual(INCIDENT_FORM_FIELDS.length);
  expect(textSize(result.problems)).toBeLessThanOrEqual(3 * n + 4000);
  for (const p of result.problems) if (!p.startsWith("**Affected services**")) expect(p.length).toBeLessThan(600);
  expect(result.report.services.every((s) => policy.services.some((c) => c.name === s))).toBe(true);
  expect(result.report.startedAt === null || result.report.startedAt.isValid).toBe(true);
  for (const link of result.report.links) expect(link).toMatch(/^https?:\/\//);
}

const read = (body: string) => parseIncidentForm(body, { policy, reportedAt });

/** Field headings as GitHub renders them, plus the near-misses reporters type. */
const heading = fc.constantFrom(
  ...INCIDENT_FORM_FIELDS.map((f) => `### ${f.label}`),
  "### Links",
  "### logs",
  "###",
  "#### Severity",
  "### SEVERITY!!",
  "### what's broken?",
);

/** Answers for every field of the form, each hostile. */
const answers: fc.Arbitrary<FormAnswers> = fc.record(
  {
    what: hostileText(6),
    who: hostileLine(),
    severity: hostileLine(),
    services: hostileText(4),
    production: hostileLine(),
    started: hostileLine(),
    links: hostileText(6),
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  answers.map(formBody),
  hostileText(),
  fc
    .array(fc.tuple(heading, hostileText(4)), { maxLength: 10 })
    .map((parts) => parts.map(([h, t]) => `${h}\n\n${t}`).join("\n\n")),
  fc
    .tuple(answers.map(formBody), fc.nat(), hostileText(6))
    .map(([b, i, noise]) => b.slice(0, i % (b.length + 1)) + noise + b.slice(i % (b.length + 1))),
);

describe("parseIncidentForm under fuzzing", () => {
  it("never throws and keeps its output bounded by the body", () => {
    fc.assert(
      fc.property(body, (b) => checkBounds(b, read(b))),
      fuzzRuns(150),
    );
  });

  it("parses hostile 60,000-character bodies in linear time", () => {
    const url = "https://status.example.com/x";
    const bodies = [
      formBody({ what: "x", who: "y", links: url + ")".repeat(60_000) }),
      formBody({ what: "x", who: "y", links: `${url}${"(".repeat(30_000)}${")".repeat(30_000)}` }),
      formBody({ what: "x", who: "y", links: `${url}${").".repeat(30_000)}` }),
      formBody({ what: "x", who: "y", links: `${url} `.repeat(2_000) }),
      formBody({ services: "a,".repeat(30_000), started: " ".repeat(60_000) + "x" }),
      formBody({ what: "### x\n".repeat(10_000) }),
      "<!--".repeat(15_000),
      "\ud800".repeat(60_000),
    ];
    for (const b of bodies) {
      const started = performance.now();
      const result = read(b);
      expect(performance.now() - started).toBeLessThan(2000);
      checkBounds(b, result);
    }
  });

  it("still reads a bracketed link the way it did", () => {
    const { report } = read(
      formBody({ what: "x", who: "y", links: "(see https://example.com/a_(b)).\n[x](https://example.com/c)]" }),
    );
    expect(report.links).toEqual(["https://example.com/a_(b)", "https://example.com/c"]);
  });
});

describe("parseStartTime under fuzzing", () => {
  it("returns a valid instant or null, never throws", () => {
    const text = fc.oneof(
      hostileLine(),
      fc.constantFrom("15:20", "99:99 UTC", "2026-02-30 10:00", "2026-10-22T25:00Z", "+275760-09-13T00:00Z"),
    );
    fc.assert(
      fc.property(text, (t) => {
        const at = parseStartTime(t, reportedAt);
        expect(at === null || at.isValid).toBe(true);
      }),
      fuzzRuns(300),
    );
  });
});
