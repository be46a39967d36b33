import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarFeedSite, personFeedPath } from "./site.js";
import type { Person } from "../model/index.js";
import { at, person, rotation } from "../rotation/test-kit.js";
import { generateSchedule } from "../rotation/index.js";

const people: Person[] = [
  person("ann", { name: "Ann <A&B>" }),
  person("bo"),
  person("cy"),
  person("dee", { timezone: "Europe/Berlin" }),
  person("ed", { timezone: "Asia/Kolkata" }),
];
const config = rotation({ start: "2026-01-05" });
const shifts = generateSchedule({ config, people, published: [], until: at("2026-04-01T00:00") }).shifts;
const org = {
  people,
  rotation: config,
  shifts,
  overrides: [{ layer: "rot-a", start: at("2026-02-03T09:00"), end: at("2026-02-03T17:00"), by: "cy" }],
};
const now = at("2026-02-02T12:00");

function events(ics: string) {
  const comp = new ICAL.Component(ICAL.parse(ics));
  for (const tz of comp.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return comp.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      login: /@([\w-]+)\)$/.exec(e.summary)?.[1],
      start: e.startDate.toJSDate().getTime(),
      end: e.endDate.toJSDate().getTime(),
    };
  });
}

describe("calendarFeedSite", () => {
  const site = calendarFeedSite({ org, now, baseUrl: "https://acme.github.io/oncall/" });
  const file = (path: string) => site.find((f) => f.path === path)?.content ?? "";

  it("has an index, a feed for everyone, one per layer and one per person", () => {
    expect(site.map((f) => f.path)).toEqual([
      "index.html",
      "calendars/all.ics",
      "calendars/layers/rot-a.ics",
      "calendars/layers/rot-b.ics",
      ...people.map((p) => personFeedPath(p.login)).sort(),
    ]);
  });

  it("covers the past eight weeks up to the end of the published schedule, each feed its own part", () => {
    const all = events(file("calendars/all.ics"));
    expect(Math.min(...all.map((e) => e.start))).toBeGreaterThanOrEqual(
      now.minus({ weeks: 8 }).toMillis() - 7 * 86_400_000,
    );
    expect(Math.max(...all.map((e) => e.end))).toBe(Math.max(...shifts.map((s) => s.end.toMillis())));
    const layerA = events(file("calendars/layers/rot-a.ics"));
    const layerB = events(file("calendars/layers/rot-b.ics"));
    expect(layerA.length + layerB.length).toBe(all.length);
    // cy's override of 3 February is in cy's calendar, carved out of whoever held rot-a.
    expect(events(file("calendars/people/cy.ics"))).toContainEqual(
      expect.objectContaining({
        login: "cy",
        start: at("2026-02-03T09:00").toMillis(),
        end: at("2026-02-03T17:00").toMillis(),
      }),
    );
    for (const p of people) expect(events(file(personFeedPath(p.login))).every((e) => e.login === p.login)).toBe(true);
  });

  it("is the same bytes when regenerated, so subscribed calendars update rather than duplicate", () => {
    expect(calendarFeedSite({ org, now, baseUrl: "https://acme.github.io/oncall/" })).toEqual(site);
  });

  it("lists copyable addresses and webcal links, escaping names", () => {
    const index = file("index.html");
    expect(index).toContain(
      '<a href="https://acme.github.io/oncall/calendars/people/bo.ics"><code>https://acme.github.io/oncall/calendars/people/bo.ics</code></a>',
    );
    expect(index).toContain('href="webcal://acme.github.io/oncall/calendars/all.ics"');
    expect(index).toContain("Ann &#60;A&#38;B&#62; (@ann)");
    expect(calendarFeedSite({ org, now }).find((f) => f.path === "index.html")?.content).toContain(
      '<a href="calendars/all.ics">',
    );
  });
});
