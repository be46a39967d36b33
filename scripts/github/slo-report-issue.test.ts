import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { validateEffects } from "./effects.js";
import { loadRepository } from "../repo/load-repository.js";
import { planSloReportIssue, reportMonth, SLO_REPORT_LABEL } from "../core/slo/index.js";

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "UTC" });
const NY = "America/New_York";

describe("reportMonth", () => {
  it("is the previous calendar month in the zone", () => {
    const m = reportMonth(utc("2026-12-01T07:17:00Z"), NY);
    expect(m.month).toBe("2026-11");
    expect(m.since.toUTC().toISO()).toBe("2026-11-01T04:00:00.000Z"); // EDT until 1 November
    expect(m.until.toUTC().toISO()).toBe("2026-12-01T05:00:00.000Z"); // EST afterwards
  });

  it("counts the month in the zone, not in UTC: 02:00 UTC on the 1st is still the last day in New York", () => {
    expect(reportMonth(utc("2026-12-01T02:00:00Z"), NY).month).toBe("2026-10");
  });

  it("crosses the year", () => {
    expect(reportMonth(utc("2027-01-01T12:00:00Z"), NY).month).toBe("2026-12");
  });

  it("takes an explicit month", () => {
    const m = reportMonth(utc("2027-03-01T12:00:00Z"), NY, "2026-10");
    expect([m.month, m.since.toISO(), m.until.toISO()]).toEqual([
      "2026-10",
      "2026-10-01T00:00:00.000-04:00",
      "2026-11-01T00:00:00.000-04:00",
    ]);
  });

  it("treats an empty month (an unset workflow input) as the default", () => {
    expect(reportMonth(utc("2026-12-01T12:00:00Z"), NY, "").month).toBe("2026-11");
  });

  it.each(["2026-13", "2026-1", "October", "2026-10-01"])("rejects the month %j", (month) => {
    expect(() => reportMonth(utc("2026-12-01T12:00:00Z"), NY, month)).toThrow(RangeError);
  });
});

describe("planSloReportIssue", () => {
  it("reports one month of the example records as one issue per month", async () => {
    const { org } = await loadRepository(fileURLToPath(new URL("../fixtures/example/", import.meta.url)));
    const plan = planSloReportIssue(org.incidents, reportMonth(utc("2026-11-01T12:00:00Z"), NY));
    expect(plan.report.incidents).toBe(1); // INC-57, reported 22 October
    expect(plan.title).toBe("Acknowledgement SLO report: October 2026");
    expect(plan.markdown).toContain("# Acknowledgement SLO report");
    expect(plan.effects).toEqual([
      { kind: "ensure-labels", labels: [expect.objectContaining({ name: SLO_REPORT_LABEL })] },
      {
        kind: "create-issue",
        key: "slo-report:2026-10",
        title: plan.title,
        body: plan.markdown,
        labels: [SLO_REPORT_LABEL],
      },
    ]);
    validateEffects(plan.effects);
  });
});
