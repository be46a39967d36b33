import { describe, expect, it } from "vitest";
import type { Effect } from "../core/model/index.js";
import { appendShifts, editShifts } from "./schedule-file.js";
import type { Person, RotationConfig, Shift } from "../core/model/index.js";
import { at, person, rotation } from "../core/rotation/test-kit.js";
import { generateSchedule } from "../core/rotation/index.js";
import {
  announcementKey,
  PUBLICATION_BRANCH,
  planSchedulePublication,
  type MergedPublication,
  type SchedulePublicationInput,
} from "../core/schedule/index.js";
import { announcementBody, parsePublicationWindow, windowMarker } from "../core/schedule/index.js";

const NY = "America/New_York";
const people: Person[] = [
  person("ann", { name: "Ann Archer", manager: "mo" }),
  person("bo"),
  person("cy"),
  person("dee", { timezone: "Europe/Berlin" }),
  person("ed", { timezone: "Asia/Kolkata" }),
  person("flo", { timezone: "Europe/London" }),
  person("mo", { oncall: false }),
];
const config: RotationConfig = rotation({ start: "2026-01-05" });

/** The organisation with its schedule published until `until`, and the file's text. */
function org(until: string, roster: Person[] = people) {
  const shifts = generateSchedule({ config, people: roster, published: [], until: at(until) }).shifts;
  const text = appendShifts(null, shifts, NY);
  return { org: { people: roster, rotation: config, shifts, overrides: [] }, text };
}

function input(
  until: string,
  now: string,
  extra: Partial<SchedulePublicationInput> = {},
  roster: Person[] = people,
): SchedulePublicationInput {
  const { org: o, text } = org(until, roster);
  return {
    org: o,
    now: at(now),
    renderSchedule: (edits, added) => appendShifts(editShifts(text, edits, NY), added, NY),
    ...extra,
  };
}

function pullRequestOf(effects: readonly Effect[]) {
  const effect = effects.find((e) => e.kind === "commit-file");
  if (effect?.kind !== "commit-file" || !effect.pullRequest) throw new Error("no publication pull request in the plan");
  return { ...effect.pullRequest, content: effect.files[0]!.content, path: effect.files[0]!.path };
}

describe("planSchedulePublication: proposing", () => {
  it("plans nothing while the schedule reaches the horizon plus a week", () => {
    // Published through ~2026-03-09; 2026-01-20 + 5 + 1 weeks = 2026-03-03.
    const plan = planSchedulePublication(input("2026-03-09T00:00", "2026-01-20T12:00"));
    expect(plan.effects).toEqual([]);
    expect(plan.publication).toBeNull();
    expect(plan.log.join(" ")).toMatch(/^Nothing to publish/);
  });

  it("proposes one pull request on the publication branch with the appended file, through the earliest layer end", () => {
    const i = input("2026-03-09T00:00", "2026-02-02T12:00");
    const plan = planSchedulePublication(i);
    expect(plan.effects.map((e) => e.kind)).toEqual(["ensure-labels", "commit-file"]);
    const pr = pullRequestOf(plan.effects);
    // 2026-02-02 + 9 weeks = 2026-04-06: rot-a reaches 2026-04-13, rot-b 2026-04-08.
    expect(plan.publication?.window.through).toBe("2026-04-08");
    expect(pr).toMatchObject({
      branch: PUBLICATION_BRANCH,
      title: "Publish on-call schedule through 2026-04-08",
      labels: ["schedule"],
      path: "rotations/schedule.yaml",
    });
    const original = appendShifts(null, i.org.shifts, NY);
    expect(pr.content.startsWith(original)).toBe(true);
    expect(pr.content.slice(original.length).trim().split("\n")).toHaveLength(plan.publication!.added.length);
    for (const login of new Set(plan.publication!.added.map((s) => s.login)))
      expect(pr.body).toContain(`**@${login}**`);
    expect(pr.body).toContain("(Ann Archer)");
    expect(pr.body).toMatch(/`rot-a` Mon \d+ \w{3} 2026 11:00 → Mon \d+ \w{3} 11:00 UTC-0[45]:00/);
    expect(parsePublicationWindow(pr.title, pr.body)).toEqual(plan.publication!.window);
    expect(plan.publication!.window.from).toBe(
      plan.publication!.added[0]!.start.setZone(NY).toISO({ suppressMilliseconds: true }),
    );
  });

  it("is deterministic, so a rerun proposes the same bytes and the adapter changes nothing", () => {
    const a = planSchedulePublication(input("2026-03-09T00:00", "2026-02-02T12:00"));
    const b = planSchedulePublication(input("2026-03-09T00:00", "2026-02-02T12:00"));
    expect(JSON.stringify(b.effects)).toBe(JSON.stringify(a.effects));
  });

  it("honours a horizon override and the base branch", () => {
    expect(planSchedulePublication(input("2026-03-09T00:00", "2026-02-02T12:00", { horizonWeeks: 1 })).effects).toEqual(
      [],
    );
    const plan = planSchedulePublication(
      input("2026-03-09T00:00", "2026-01-20T12:00", { horizonWeeks: 8, base: "release" }),
    );
    expect(pullRequestOf(plan.effects).base).toBe("release");
  });

  it("publishes the first schedule of a repository with none", () => {
    const plan = planSchedulePublication({
      org: { people, rotation: config, shifts: [], overrides: [] },
      now: at("2026-01-01T12:00"),
      renderSchedule: (_e, added) => appendShifts(null, added, NY),
    });
    const pr = pullRequestOf(plan.effects);
    expect(pr.content).toMatch(/^# yaml-language-server/);
    expect(pr.body).toContain("Nothing is published yet");
  });

  it("releases a leaver's published shifts to their manager even when the horizon is fine", () => {
    const base = input("2026-03-09T00:00", "2026-01-20T12:00");
    const annLater = base.org.shifts.find((s) => s.login === "ann" && s.start > at("2026-02-01T00:00"))!;
    const leaving = people.map((p) => (p.login === "ann" ? { ...p, end: "2026-01-31" } : p));
    const plan = planSchedulePublication({ ...base, org: { ...base.org, people: leaving } });
    const pr = pullRequestOf(plan.effects);
    expect(plan.publication!.added).toEqual([]);
    expect(plan.publication!.edits.length).toBeGreaterThan(0);
    expect(pr.body).toContain("### Roster changes");
    expect(pr.body).toMatch(/held by @ann: now no-one \(fallback @mo\)/);
    expect(pr.content).toContain(
      `start: ${annLater.start.setZone(NY).toISO({ suppressMilliseconds: true })}, end: ${annLater.end.setZone(NY).toISO({ suppressMilliseconds: true })}, login: null, fallback: mo`,
    );
  });
});

describe("planSchedulePublication: announcing", () => {
  const merged = (through: string, from?: string): MergedPublication => ({
    number: 12,
    title: `Publish on-call schedule through ${through}`,
    body: `Some text.\n\n${from ? windowMarker({ from, through }) : ""}`,
    url: "https://github.com/acme/oncall/pull/12",
  });

  it("announces a merged publication the default branch reaches, once per end date, listing its shifts", () => {
    const i = input("2026-03-09T00:00", "2026-01-20T12:00", {
      merged: merged("2026-03-09", "2026-02-16T11:00:00-05:00"),
      feedUrl: (l) => `https://x.test/calendars/people/${l}.ics`,
      feedsPage: "https://x.test/",
    });
    const plan = planSchedulePublication(i);
    expect(plan.effects.map((e) => e.kind)).toEqual(["ensure-labels", "create-issue"]);
    const issue = plan.effects[1] as Extract<Effect, { kind: "create-issue" }>;
    expect(issue).toMatchObject({
      key: announcementKey("2026-03-09"),
      title: "On-call schedule published through 2026-03-09",
      labels: ["announcement"],
    });
    expect(plan.announcement).toEqual({ key: "schedule-published:2026-03-09", through: "2026-03-09", pull: 12 });
    const listed = i.org.shifts.filter((s) => s.start >= at("2026-02-16T11:00"));
    for (const s of listed) expect(issue.body).toContain(`@${s.login}`);
    const earlier = i.org.shifts.filter((s) => s.end <= at("2026-02-16T11:00")).map((s) => s.login);
    const onlyEarlier = earlier.filter((l) => !listed.some((s) => s.login === l));
    for (const l of onlyEarlier) expect(issue.body).not.toContain(`@${l}`);
    expect(issue.body).toContain("#12 was merged");
    expect(issue.body).toMatch(/- @\w+: https:\/\/x\.test\/calendars\/people\/\w+\.ics/);
  });

  it("does not announce what the default branch does not have, nor a publication already past", () => {
    expect(
      planSchedulePublication(
        input("2026-03-09T00:00", "2026-01-20T12:00", { merged: merged("2026-04-01", "2026-03-09T11:00:00-05:00") }),
      ).effects,
    ).toEqual([]);
    const past = planSchedulePublication(
      input("2026-03-09T00:00", "2026-03-01T12:00", { merged: merged("2026-02-16", "2026-01-20T11:00:00-05:00") }),
    );
    expect(past.announcement).toBeNull();
    expect(past.log.join(" ")).toContain("published through 2026-02-16, which is past");
  });

  it("falls back to the title's date when the hidden line was edited away, and skips a pull request with neither", () => {
    const plan = planSchedulePublication(
      input("2026-03-09T00:00", "2026-01-20T12:00", { merged: merged("2026-03-09") }),
    );
    expect(plan.announcement?.through).toBe("2026-03-09");
    const none = planSchedulePublication(
      input("2026-03-09T00:00", "2026-01-20T12:00", { merged: { number: 3, title: "Tidy up", body: null, url: "" } }),
    );
    expect(none.effects).toEqual([]);
    expect(none.log.join(" ")).toContain("#3 says no publication date");
  });

  it("proposes and announces in the same run when both are due, with one label effect", () => {
    const plan = planSchedulePublication(
      input("2026-03-09T00:00", "2026-02-02T12:00", { merged: merged("2026-03-09", "2026-02-16T11:00:00-05:00") }),
    );
    expect(plan.effects.map((e) => e.kind)).toEqual(["ensure-labels", "create-issue", "commit-file"]);
    expect((plan.effects[0] as Extract<Effect, { kind: "ensure-labels" }>).labels.map((l) => l.name)).toEqual([
      "schedule",
      "announcement",
    ]);
  });
});

describe("publication text", () => {
  it("reads the window back from the hidden line, and from the title when the line is broken", () => {
    const window = { from: "2027-01-18T11:00:00-05:00", through: "2027-03-08" };
    expect(parsePublicationWindow("anything", `body\n${windowMarker(window)}`)).toEqual(window);
    expect(
      parsePublicationWindow(
        "Publish on-call schedule through 2027-03-08",
        "<!-- oncall-schedule-publication {broken} -->",
      ),
    ).toEqual({ through: "2027-03-08" });
    expect(parsePublicationWindow("Publish", "")).toBeUndefined();
  });

  it("keeps a body under GitHub's limit however many shifts it lists", () => {
    const shifts: Shift[] = [];
    for (let i = 0; i < 1500; i++)
      shifts.push({
        layer: "rot-a",
        start: at("2026-01-05T11:00").plus({ weeks: i }),
        end: at("2026-01-12T11:00").plus({ weeks: i }),
        login: `person-${i % 300}`,
      });
    const body = announcementBody({
      window: { through: "2083-01-01" },
      pull: { number: 1, url: "" },
      zone: NY,
      shifts,
      people: [],
    });
    expect(body.length).toBeLessThan(65_536);
    expect(body).toContain("the diff has every shift");
    expect(body).toContain("### Calendars");
  });
});
