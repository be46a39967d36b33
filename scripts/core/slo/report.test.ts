import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { IncidentRecord } from "../model/generated/types.js";
import { durationStats, percentile, renderSloReportMarkdown, sloReport } from "./report.js";

let next = 1;
function incident(fields: Partial<IncidentRecord> & Pick<IncidentRecord, "reportedAt">): IncidentRecord {
  const issue = next++;
  return {
    id: `INC-${issue}`,
    issue,
    title: `incident ${issue}`,
    status: "resolved",
    severity: "P2",
    services: ["api"],
    production: true,
    reportedBy: "reporter",
    roles: {},
    oncall: ["alice", "bob"],
    responders: [],
    timeline: [],
    followups: [],
    ...fields,
  };
}
const slo = (tier: "full" | "partial" | "limited", outcome: "met" | "breached" | "pending") => ({
  tier,
  targetMinutes: tier === "full" ? 10 : 30,
  deadline: "2025-01-01T00:00:00Z",
  outcome,
});

describe("percentile", () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.5, 7],
    [[7], 0.9, 7],
    [[4, 1, 3, 2], 0.5, 2.5],
    [[1, 2, 3, 4], 0.9, 3.7],
    [[1, 2, 3, 4, 5], 0.5, 3],
    [[10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 0.9, 9.1],
    [[1, 2, 3], 0, 1],
    [[1, 2, 3], 1, 3],
  ] as [number[], number, number | null][])("percentile(%j, %d) = %d", (values, p, expected) => {
    const value = percentile(values, p);
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 10);
  });

  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    percentile(values, 0.5);
    expect(values).toEqual([3, 1, 2]);
  });

  it("summarises durations", () => {
    expect(durationStats([])).toEqual({ count: 0, medianMinutes: null, p90Minutes: null });
    expect(durationStats([5, 15])).toEqual({ count: 2, medianMinutes: 10, p90Minutes: 14 });
  });
});

describe("sloReport attainment", () => {
  const incidents = [
    incident({ reportedAt: "2025-01-10T10:00:00Z", slo: slo("full", "met") }),
    incident({ reportedAt: "2025-01-11T10:00:00Z", slo: slo("full", "met") }),
    incident({ reportedAt: "2025-01-12T10:00:00Z", slo: slo("full", "breached") }),
    incident({ reportedAt: "2025-01-13T10:00:00Z", slo: slo("partial", "pending") }),
    // 23:30 in New York on 31 January is 04:30 UTC on 1 February.
    incident({ reportedAt: "2025-01-31T23:30:00-05:00", slo: slo("full", "met") }),
    incident({ reportedAt: "2025-02-05T10:00:00Z", slo: slo("partial", "breached") }),
    incident({ reportedAt: "2025-02-06T10:00:00Z" }),
  ];

  it("counts outcomes per month and tier; pending is not in the percentage", () => {
    const report = sloReport({ incidents });
    expect(report.attainment).toEqual([
      { month: "2025-01", tier: "full", met: 2, breached: 1, pending: 0, attainment: 200 / 3 },
      { month: "2025-01", tier: "partial", met: 0, breached: 0, pending: 1, attainment: null },
      { month: "2025-02", tier: "full", met: 1, breached: 0, pending: 0, attainment: 100 },
      { month: "2025-02", tier: "partial", met: 0, breached: 1, pending: 0, attainment: 0 },
    ]);
    expect(report.attainmentByTier).toEqual([
      { month: "all", tier: "full", met: 3, breached: 1, pending: 0, attainment: 75 },
      { month: "all", tier: "partial", met: 0, breached: 1, pending: 1, attainment: 0 },
    ]);
    expect(report.incidents).toBe(7);
    expect(report.withoutSlo).toBe(1);
  });

  it("buckets months in the zone asked for", () => {
    const report = sloReport({ incidents, zone: "America/New_York" });
    expect(report.attainment.find((r) => r.month === "2025-01" && r.tier === "full")).toMatchObject({
      met: 3,
      breached: 1,
    });
    expect(report.attainment.find((r) => r.month === "2025-02" && r.tier === "full")).toBeUndefined();
  });

  it("keeps incidents reported from `since` (inclusive) until `until` (exclusive)", () => {
    const report = sloReport({
      incidents,
      since: DateTime.fromISO("2025-01-11T05:00:00-05:00", { setZone: true }),
      until: DateTime.fromISO("2025-02-05T10:00:00Z", { zone: "UTC" }),
    });
    expect(report.incidents).toBe(4);
    expect(report.since).toBe("2025-01-11T10:00:00.000Z");
  });
});

describe("sloReport durations and people", () => {
  const incidents = [
    incident({
      severity: "P1",
      reportedAt: "2025-03-01T10:00:00Z",
      acknowledgedAt: "2025-03-01T10:04:00Z",
      acknowledgedBy: "alice",
      resolvedAt: "2025-03-01T11:00:00Z",
    }),
    incident({
      severity: "P1",
      reportedAt: "2025-03-02T10:00:00Z",
      acknowledgedAt: "2025-03-02T10:08:00Z",
      acknowledgedBy: "bob",
      resolvedAt: "2025-03-02T13:00:00Z",
    }),
    incident({
      severity: "P1",
      reportedAt: "2025-03-03T10:00:00Z",
      acknowledgedAt: "2025-03-03T10:30:00Z",
      acknowledgedBy: "alice",
      status: "mitigated",
      mitigatedAt: "2025-03-03T10:40:00Z",
    }),
    incident({
      severity: "P3",
      reportedAt: "2025-03-04T10:00:00+01:00",
      acknowledgedAt: "2025-03-04T09:01:30Z",
      acknowledgedBy: "carol",
      resolvedAt: "2025-03-04T09:31:00Z",
    }),
    incident({
      severity: null,
      status: "not-incident",
      reportedAt: "2025-03-05T10:00:00Z",
      acknowledgedAt: "2025-03-05T10:02:00Z",
      acknowledgedBy: "alice",
      resolvedAt: "2025-03-05T10:05:00Z",
    }),
  ];
  const report = sloReport({ incidents });

  it("gives MTTA and MTTR per severity, most severe first", () => {
    expect(report.bySeverity).toEqual([
      {
        severity: "P1",
        mtta: { count: 3, medianMinutes: 8, p90Minutes: 25.6 },
        mttr: { count: 2, medianMinutes: 120, p90Minutes: 168 },
      },
      {
        severity: "P3",
        mtta: { count: 1, medianMinutes: 1.5, p90Minutes: 1.5 },
        mttr: { count: 1, medianMinutes: 31, p90Minutes: 31 },
      },
      // Closed as not an incident: acknowledged, but never "resolved".
      {
        severity: "unset",
        mtta: { count: 1, medianMinutes: 2, p90Minutes: 2 },
        mttr: { count: 0, medianMinutes: null, p90Minutes: null },
      },
    ]);
  });

  it("counts acknowledgements per person", () => {
    expect(report.acknowledgements).toEqual([
      { login: "alice", count: 3, medianMinutes: 4 },
      { login: "bob", count: 1, medianMinutes: 8 },
      { login: "carol", count: 1, medianMinutes: 1.5 },
    ]);
  });

  it("names the incident when a time cannot be read", () => {
    expect(() => sloReport({ incidents: [incident({ id: "INC-99", reportedAt: "yesterday" })] })).toThrow(
      /INC-99: reportedAt/,
    );
  });
});

describe("renderSloReportMarkdown", () => {
  it("renders the tables", () => {
    const report = sloReport({
      incidents: [
        incident({
          severity: "P2",
          reportedAt: "2025-04-01T10:00:00Z",
          acknowledgedAt: "2025-04-01T10:05:00Z",
          acknowledgedBy: "alice",
          resolvedAt: "2025-04-01T10:45:00Z",
          slo: slo("full", "met"),
        }),
        incident({
          severity: "P2",
          reportedAt: "2025-04-02T10:00:00Z",
          slo: slo("partial", "pending"),
          status: "investigating",
        }),
      ],
      since: DateTime.fromISO("2025-04-01T00:00:00Z", { zone: "UTC" }),
      until: DateTime.fromISO("2025-05-01T00:00:00Z", { zone: "UTC" }),
    });
    expect(renderSloReportMarkdown(report)).toBe(
      [
        "# Acknowledgement SLO report",
        "",
        "2 incidents reported from 2025-04-01T00:00:00.000Z until 2025-05-01T00:00:00.000Z. Months are calendar months in UTC.",
        "",
        "## Attainment by month and tier",
        "",
        "| Month | Tier | Met | Breached | Pending | Attainment |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
        "| 2025-04 | full | 1 | 0 | 0 | 100.0% |",
        "| 2025-04 | partial | 0 | 0 | 1 | – |",
        "| **All** | full | 1 | 0 | 0 | 100.0% |",
        "| **All** | partial | 0 | 0 | 1 | – |",
        "",
        "## Time to acknowledge and to resolve by severity",
        "",
        "MTTA runs from report to first acknowledgement, MTTR from report to resolution; in minutes.",
        "",
        "| Severity | Acknowledged | MTTA median | MTTA p90 | Resolved | MTTR median | MTTR p90 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        "| P2 | 1 | 5.0 | 5.0 | 1 | 45.0 | 45.0 |",
        "",
        "## Acknowledgements by person",
        "",
        "| Person | Acknowledged | Median minutes |",
        "| --- | ---: | ---: |",
        "| `alice` | 1 | 5.0 |",
        "",
      ].join("\n"),
    );
  });

  it("says so when there is nothing to report", () => {
    const text = renderSloReportMarkdown(sloReport({ incidents: [] }));
    expect(text).toContain("0 incidents reported in all records.");
    expect(text).toContain("No incidents with an SLO outcome.");
    expect(text).toContain("No acknowledgements.");
    expect(text).not.toContain("@");
  });
});
