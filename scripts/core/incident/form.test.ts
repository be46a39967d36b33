import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { INCIDENT_FORM_FIELDS, parseIncidentForm, parseStartTime } from "./form.js";
import { exampleFile, examplePolicy, formBody, GOOD_BODY, repoFile, utc } from "./test-kit.js";

const policy = examplePolicy();
const reportedAt = utc("2026-10-22T15:30:00Z");
const read = (body: string | null) => parseIncidentForm(body, { policy, reportedAt });

describe("parseIncidentForm", () => {
  it("reads a complete report as GitHub renders it", () => {
    const { report, problems } = read(GOOD_BODY);
    expect(problems).toEqual([]);
    expect(report.what).toMatch(/card was declined/);
    expect(report.who).toMatch(/UK and EU/);
    expect(report.severity).toBe("P2");
    expect(report.services).toEqual(["checkout", "api-gateway"]);
    expect(report.production).toBe(true);
    expect(report.startedAt?.toISO()).toBe("2026-10-22T15:20:00.000Z");
    expect(report.links).toEqual([
      "https://grafana.fernhill.example/d/checkout-overview/checkout",
      "https://fernhill.example/support/tickets/12345",
    ]);
  });

  it("accepts empty optional answers without complaint", () => {
    const { report, problems } = read(
      formBody({ what: "Search is empty", who: "All buyers", severity: "P3 - Moderate: something", production: "No" }),
    );
    expect(problems).toEqual([]);
    expect(report).toMatchObject({ services: [], production: false, startedAt: null, startedText: null, links: [] });
  });

  it('treats "Not sure" as an unknown severity without a problem', () => {
    const { report, problems } = read(formBody({ what: "x", who: "y", severity: "Not sure", production: "Yes" }));
    expect(report.severity).toBeNull();
    expect(problems).toEqual([]);
  });

  it("names each missing or garbled answer in plain words, and keeps what is known", () => {
    const { report, problems } = read(
      formBody({
        severity: "urgent!!",
        services: "checkout, payments-v2",
        production: "maybe",
        started: "after lunch",
        links: "see the slack thread\nhttps://status.example.com/x.",
      }),
    );
    expect(report.services).toEqual(["checkout"]);
    expect(report.severity).toBeNull();
    expect(report.production).toBeNull();
    expect(report.startedText).toBe("after lunch");
    expect(report.links).toEqual(["https://status.example.com/x"]);
    const text = problems.join("\n");
    expect(problems).toHaveLength(7);
    expect(text).toMatch(/What is broken\?\*\* is empty/);
    expect(text).toMatch(/Who is affected\?\*\* is empty/);
    expect(text).toMatch(/`urgent!!` is not one of P1 to P5/);
    expect(text).toMatch(/`payments-v2` is not in the service catalogue/);
    expect(text).toMatch(/`maybe` is neither Yes nor No, so production is assumed/);
    expect(text).toMatch(/`after lunch` is not a time I can read/);
    expect(text).toMatch(/`see the slack thread` is not a web address/);
  });

  it("keeps a report that does not use the form and says so", () => {
    const { report, problems } = read("Everything is on fire, please help");
    expect(report.what).toBe("Everything is on fire, please help");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/does not follow the incident form/);
    expect(read(null).problems).toHaveLength(1);
  });

  it("matches edited headings and folds stray headings into the answer above", () => {
    const body =
      "### what is broken\n\nLogin fails\n\n### Stack trace\n\nTypeError at auth.js:12\n\n### Who is affected\n\nall staff\n\n### severity\n\np1\n\n### Services\n\nauth\n\n### Production\n\nyes";
    const { report, problems } = read(body);
    expect(report.what).toBe("Login fails\n\n### Stack trace\n\nTypeError at auth.js:12");
    expect(report).toMatchObject({ who: "all staff", severity: "P1", services: ["auth"], production: true });
    expect(problems).toEqual([]);
  });

  it("accepts a severity by its policy name and tolerates Windows line endings", () => {
    const body = formBody({ what: "x", who: "y", severity: "Critical", production: "Yes" }).replace(/\n/g, "\r\n");
    expect(read(body).report.severity).toBe("P1");
  });

  it("reads Markdown links and drops trailing punctuation", () => {
    const { report, problems } = read(
      formBody({
        what: "x",
        who: "y",
        severity: "P4",
        production: "Yes",
        links:
          "- [dashboard](https://grafana.example/d/abc?from=1&to=2).\n- https://example.com/a_(b)\n- https://example.com/page, see above",
      }),
    );
    expect(problems).toEqual([]);
    expect(report.links).toEqual([
      "https://grafana.example/d/abc?from=1&to=2",
      "https://example.com/a_(b)",
      "https://example.com/page",
    ]);
  });

  it("rejects a start time after the report but keeps the text", () => {
    const { report, problems } = read(
      formBody({ what: "x", who: "y", severity: "P4", production: "Yes", started: "2026-10-23 09:00" }),
    );
    expect(report.startedAt).toBeNull();
    expect(report.startedText).toBe("2026-10-23 09:00");
    expect(problems[0]).toMatch(/after the issue was opened/);
  });

  it("never throws, whatever the body", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.array(
          fc.constantFrom(
            "### Severity\n\n",
            "### Links\n\n",
            "### What is broken?\n\n",
            "_No response_",
            "\n",
            "P9",
            "https://x.y",
          ),
          { maxLength: 12 },
        ),
        (noise, parts) => {
          const result = read(parts.join("") + noise);
          expect(Array.isArray(result.problems)).toBe(true);
        },
      ),
    );
  });
});

describe("parseStartTime", () => {
  const cases: [string, string | null][] = [
    ["2026-10-22T15:20:00Z", "2026-10-22T15:20:00.000Z"],
    ["2026-10-22T11:20-04:00", "2026-10-22T15:20:00.000Z"],
    ["2026-10-22T15:20", "2026-10-22T15:20:00.000Z"],
    ["2026-10-22 15:20", "2026-10-22T15:20:00.000Z"],
    ["2026-10-22 9:05 UTC", "2026-10-22T09:05:00.000Z"],
    ["15:20 UTC", "2026-10-22T15:20:00.000Z"],
    ["15:20", "2026-10-22T15:20:00.000Z"],
    ["23:50 UTC", "2026-10-21T23:50:00.000Z"],
    ["25:00 UTC", null],
    ["2026-10-22", null],
    ["yesterday", null],
    ["", null],
  ];
  it.each(cases)("%s", (text, expected) => {
    expect(parseStartTime(text, reportedAt)?.toISO() ?? null).toBe(expected);
  });
});

describe("the form template", () => {
  const template = parse(repoFile(".github/ISSUE_TEMPLATE/incident.yml")) as {
    body: { type: string; id?: string; attributes: { label?: string; options?: string[] } }[];
  };
  const fields = template.body.filter((f) => f.type !== "markdown");

  it("has exactly the fields the parser maps, with the same labels", () => {
    expect(fields.map((f) => [f.id, f.attributes.label])).toEqual(INCIDENT_FORM_FIELDS.map((f) => [f.id, f.label]));
  });

  it("offers severities the parser reads as P1..P5 and Not sure, without commas", () => {
    const options = fields.find((f) => f.id === "severity")?.attributes.options ?? [];
    const severities = options.map((o) => read(formBody({ what: "x", who: "y", severity: o, production: "Yes" })));
    expect(severities.map((s) => s.report.severity)).toEqual(["P1", "P2", "P3", "P4", "P5", null]);
    expect(severities.flatMap((s) => s.problems)).toEqual([]);
    // GitHub joins dropdown answers with ", ", so an option containing a comma would read as two.
    expect(options.filter((o) => o.includes(","))).toEqual([]);
  });

  it("offers exactly the services of the catalogue", () => {
    // The example organisation's form and policy as a pair (a team's pair is checked by oncall validate).
    const exampleForm = parse(exampleFile(".github/ISSUE_TEMPLATE/incident.yml")) as typeof template;
    const options = exampleForm.body.find((f) => f.id === "services")?.attributes.options ?? [];
    expect([...options].sort()).toEqual(policy.services.map((s) => s.name).sort());
  });
});
