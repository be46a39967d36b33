import { describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { runCli } from "./run-cli.js";

// The example organisation's test copy: a team that replaces the root's data keeps these tests passing.
const repo = new URL("../fixtures/example/", import.meta.url).pathname;

function events(ics: string): { uid: string; summary: string; start: number; end: number }[] {
  const comp = new ICAL.Component(ICAL.parse(ics));
  for (const tz of comp.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return comp.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      start: e.startDate.toJSDate().getTime(),
      end: e.endDate.toJSDate().getTime(),
    };
  });
}

describe("oncall ics", () => {
  const at = "2026-11-23T12:00:00Z";
  const feed = runCli(["ics", "--repo", repo, "--at", at, "--out", "-"]);

  it("writes a feed that ical.js parses, with the rotation's VTIMEZONE", () => {
    expect(feed.code).toBe(0);
    expect(feed.stdout).toContain("BEGIN:VTIMEZONE\r\nTZID:America/New_York");
    expect(events(feed.stdout).length).toBeGreaterThan(20);
  });

  it("names exactly the people `oncall who` names at sampled instants, across DST and the holidays", () => {
    const list = events(feed.stdout);
    const samples = [
      "2026-11-01T05:30:00Z",
      "2026-11-01T06:30:00Z",
      "2026-11-25T16:00:00Z",
      "2026-12-01T15:00:00Z",
      "2026-12-24T03:00:00Z",
      "2027-01-03T16:30:00Z",
      "2027-01-10T12:00:00Z",
    ];
    for (const sample of samples) {
      const t = DateTime.fromISO(sample).toMillis();
      const fromFeed = list
        .filter((e) => e.start <= t && t < e.end)
        .map((e) => /@([\w-]+)\)$/.exec(e.summary)![1])
        .sort();
      const who = JSON.parse(runCli(["who", "--repo", repo, "--at", sample, "--json"]).stdout) as {
        oncall: { login: string }[];
      };
      expect(fromFeed, sample).toEqual(who.oncall.map((o) => o.login).sort());
    }
  });

  it("keeps UIDs when the feed is regenerated", () => {
    const again = runCli(["ics", "--repo", repo, "--at", at, "--out", "-"]);
    expect(events(again.stdout).map((e) => e.uid)).toEqual(events(feed.stdout).map((e) => e.uid));
    expect(again.stdout).toBe(feed.stdout);
  });

  it("filters by person and refuses unknown people and layers", () => {
    const mine = events(runCli(["ics", "--repo", repo, "--at", at, "--login", "kbarrett", "--out", "-"]).stdout);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.summary.includes("@kbarrett"))).toBe(true);
    const bad = runCli(["ics", "--repo", repo, "--at", at, "--login", "nobody-here", "--out", "-"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--login nobody-here is not in rotations/people.yaml");
    expect(runCli(["ics", "--repo", repo, "--at", at, "--layer", "rot-z", "--out", "-"]).stderr).toContain(
      "layers are rot-a, rot-b, holiday-a, holiday-b",
    );
  });
});
