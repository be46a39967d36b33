import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRepository } from "./load-repository.js";
import { fixtureDir } from "./test-repo.js";
import type { Organisation } from "../core/model/index.js";
import { deadlineFor, orgDeadlineFinder } from "../core/slo/index.js";
import { fixedHolidayCalendar } from "../core/slo/index.js";

// The example organisation (its test copy in scripts/fixtures/example); its published schedule ends on
// 2027-01-20, so reports from early January on look (partly) at a preview.
const root = fixtureDir("example");
let org: Organisation;
beforeAll(async () => {
  const loaded = await loadRepository(root, {
    only: new Set([
      "rotations/people.yaml",
      "rotations/config.yaml",
      "rotations/schedule.yaml",
      "rotations/overrides.yaml",
    ]),
  });
  org = loaded.org;
});
const calendar = fixedHolidayCalendar({ "US-MI": ["2026-12-25", "2027-01-01"], "IN-KA": ["2027-01-26"] });
const utc = (iso: string) => DateTime.fromISO(iso, { zone: "UTC" });
const plain = (d: ReturnType<typeof deadlineFor>) => ({
  ...d,
  reportedAt: d.reportedAt.toISO(),
  deadline: d.deadline?.toISO() ?? null,
  setBy: d.setBy && { login: d.setBy.login, instant: d.setBy.instant.toISO() },
});

describe("orgDeadlineFinder", () => {
  it("gives each report of a span the answer deadlineFor gives it alone, preview flag included", () => {
    const from = utc("2026-11-20T00:00:00Z");
    const to = utc("2027-02-10T00:00:00Z");
    const finder = orgDeadlineFinder(org, calendar, { from, to });
    let previews = 0;
    for (let t = from; t <= to; t = t.plus({ hours: 7, minutes: 13 })) {
      const shared = finder.deadline(t);
      expect(plain(shared)).toEqual(plain(deadlineFor(org, t, calendar)));
      if (shared.preview) previews++;
    }
    expect(previews).toBeGreaterThan(50);
    expect(finder.deadline(from).preview).toBe(false);
  });

  it("refuses a report outside the prepared span rather than answering from missing coverage", () => {
    const finder = orgDeadlineFinder(org, calendar, {
      from: utc("2026-12-01T00:00:00Z"),
      to: utc("2026-12-02T00:00:00Z"),
    });
    expect(() => finder.deadline(utc("2026-12-03T00:00:00Z"))).toThrow(/outside the prepared span/);
  });

  it("rejects an invalid report instant", () => {
    expect(() => deadlineFor(org, DateTime.fromISO("nonsense"), calendar)).toThrow(/invalid report instant/);
  });
});
