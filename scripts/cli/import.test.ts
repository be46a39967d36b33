/**
 * `oncall import opsgenie|pagerduty` (issue 15), in process on scratch repositories made from
 * scripts/fixtures/minimal, with the hand-written responses of scripts/fixtures/import. Each import is
 * checked by asking who is on call at every hour of the imported window against a hand-written table of
 * what the source says, then by `oncall validate`, then by importing again (byte-identical).
 *
 * Fails before issue 15 items 1-4: there was no `import` command (exit 2, "unknown command").
 */
import { afterEach, describe, expect, it } from "vitest";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  FIXTURES,
  fixtureCopy,
  oncall,
  scratchRepo,
  snapshot,
  whoMismatches,
  type Expect,
  type Json,
} from "./import-kit.js";

const OG_USERS = join(FIXTURES, "opsgenie-users.csv");
const PD_USERS = join(FIXTURES, "pagerduty-users.csv");
const OG_WINDOW = ["--at", "2027-03-15", "--until", "2027-04-12"];
const PD_WINDOW = ["--at", "2027-03-08", "--until", "2027-03-29"];

/** What Opsgenie says for schedule "Platform" (Europe/Berlin wall clock), worked out by hand from the rules. */
const OPSGENIE_EXPECTED: Expect[] = [
  // Primary: weekly from Monday 2027-01-04 09:00, ann, bo, none; turn 9 (ann) is running on 2027-03-15.
  ["primary", "2027-03-15T00:00", "ann-a"],
  ["primary", "2027-03-15T09:00", "bo-b"],
  ["primary", "2027-03-22T09:00", null], // the none participant
  ["primary", "2027-03-24T09:00", "ann-a"], // override
  ["primary", "2027-03-25T09:00", null],
  ["primary", "2027-03-29T09:00", "ann-a"], // 09:00 summer time, the day after the change
  ["primary", "2027-04-01T10:00", "bo-b"], // override
  ["primary", "2027-04-01T22:00", "ann-a"],
  ["primary", "2027-04-05T09:00", "bo-b"],
  // Evening: two-day turns at 18:00 from 2027-03-01, cy then dee; ends 2027-04-05 18:00.
  ["evening", "2027-03-15T00:00", "cy-c"],
  ["evening", "2027-03-15T18:00", "dee-d"],
  ["evening", "2027-03-17T18:00", "cy-c"],
  ["evening", "2027-03-19T18:00", "dee-d"],
  ["evening", "2027-03-21T18:00", "cy-c"],
  ["evening", "2027-03-23T18:00", "dee-d"],
  ["evening", "2027-03-25T18:00", "cy-c"],
  ["evening", "2027-03-27T18:00", "dee-d"], // 47 hours: the clocks go forward in this turn
  ["evening", "2027-03-29T18:00", "cy-c"],
  ["evening", "2027-03-31T18:00", "dee-d"],
  ["evening", "2027-04-02T18:00", "cy-c"],
  ["evening", "2027-04-04T18:00", "dee-d"],
  ["evening", "2027-04-05T18:00", null], // the rotation's endDate
];

/** What PagerDuty's final schedule says for "Payments" (America/New_York wall clock). */
const PAGERDUTY_EXPECTED: Expect[] = [
  ["payments", "2027-03-08T00:00", "rae-r"], // bottom layer turn 2 (virtual start 2027-02-15)
  ["payments", "2027-03-08T10:00", "pat-p"],
  ["payments", "2027-03-12T10:00", "sam-s"], // the top layer starts
  ["payments", "2027-03-13T10:00", "quinn-q"],
  ["payments", "2027-03-14T10:00", "sam-s"], // 10:00 summer time
  ["payments", "2027-03-15T10:00", "quinn-q"],
  ["payments", "2027-03-20T08:00", "tom-t"], // override
  ["payments", "2027-03-21T08:00", "quinn-q"],
  ["payments", "2027-03-22T10:00", "rae-r"],
];

const cleanup: string[] = [];
afterEach(() => {
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});
async function repo(): Promise<string> {
  const dir = await scratchRepo();
  cleanup.push(dir);
  return dir;
}
function source(name: string, edits: Parameters<typeof fixtureCopy>[1] = {}): string {
  const dir = fixtureCopy(name, edits);
  cleanup.push(dir);
  return dir;
}
const ogArgs = (from: string, dir: string, extra: string[] = []) => [
  "import",
  "opsgenie",
  "--from",
  from,
  "--users",
  OG_USERS,
  "--fallback",
  "erin",
  ...OG_WINDOW,
  "--repo",
  dir,
  ...extra,
];
const pdArgs = (from: string, dir: string, extra: string[] = []) => [
  "import",
  "pagerduty",
  "--from",
  from,
  "--users",
  PD_USERS,
  ...PD_WINDOW,
  "--repo",
  dir,
  ...extra,
];

/** Imports, then checks every hour, validate, and a byte-identical rerun. */
async function importAndCheck(args: string[], dir: string, expected: Expect[], window: string[]): Promise<string> {
  const first = await oncall(args);
  expect(first.err).toBe("");
  expect(first.code).toBe(0);
  expect(first.out).not.toContain("DIFFERS");
  expect(await whoMismatches(dir, expected, window[1]!, window[3]!)).toEqual([]);
  const validate = await oncall(["validate", "--repo", dir]);
  expect(validate.code, validate.out + validate.err).toBe(0);
  const before = snapshot(dir);
  const again = await oncall(args);
  expect(again.code).toBe(0);
  expect(again.out).toContain("nothing changed");
  expect(snapshot(dir)).toEqual(before);
  return first.out;
}

describe("oncall import opsgenie (issue 15 item 1)", () => {
  it("reproduces weekly and daily rotations, a none participant, an endDate and overrides across the Berlin DST change", async () => {
    const dir = await repo();
    const out = await importAndCheck(
      ogArgs(source("opsgenie", { "timeline.json": null }), dir),
      dir,
      OPSGENIE_EXPECTED,
      OG_WINDOW,
    );
    expect(out).toContain("compared with the rotation rules and overrides");
    const config = readFileSync(join(dir, "rotations/config.yaml"), "utf8");
    expect(config).toContain("timezone: Europe/Berlin");
    expect(config).toMatch(/name: primary\n {4}handoffDay: monday\n {4}handoffTime: "09:00"\n {4}shiftWeeks: 1\n/);
    expect(config).toMatch(
      /name: evening\n[^]*shiftDays: 2\n {4}end: 2027-04-05T18:00:00\+02:00\n {4}members: \[cy-c, dee-d\]/,
    );
    const people = readFileSync(join(dir, "rotations/people.yaml"), "utf8");
    expect(people).toContain("timezone: Europe/Lisbon"); // bo's own zone from users.json
    expect(people).not.toContain("Eve Ek"); // in no rotation: no mapping needed, not on the roster
    // The example history went with the example roster.
    expect(existsSync(join(dir, "incidents/2026/INC-1.yaml"))).toBe(false);
  });

  it("follows timeline.json where it covers the window, and verifies against its final timeline", async () => {
    const dir = await repo();
    const out = await importAndCheck(ogArgs(source("opsgenie"), dir), dir, OPSGENIE_EXPECTED, OG_WINDOW);
    expect(out).toContain("compared with timeline.json (final timeline)");
  });

  it("publishes the timeline's base turns even where they differ from the rules", async () => {
    // In the saved timeline dee covers cy's turn of 2027-03-17; the import follows what Opsgenie rendered.
    const swap = (body: Json) => {
      for (const tl of [body.data.baseTimeline, body.data.finalTimeline]) {
        const p = tl.rotations[1].periods[2];
        p.recipient = { id: "u-dee", type: "user", name: "dee@example.com" };
      }
    };
    const dir = await repo();
    const r = await oncall(ogArgs(source("opsgenie", { "timeline.json": swap }), dir, ["--until", "2027-03-22"]));
    expect(r.err).toBe("");
    const expected = OPSGENIE_EXPECTED.map((e): Expect =>
      e[0] === "evening" && e[1] === "2027-03-17T18:00" ? [e[0], e[1], "dee-d"] : e,
    );
    expect(await whoMismatches(dir, expected, "2027-03-15", "2027-03-22")).toEqual([]);
  });
});

describe("oncall import pagerduty (issue 15 item 2)", () => {
  it("reproduces the rendered final schedule: two stacked layers, a virtual start before start, an override", async () => {
    const dir = await repo();
    const out = await importAndCheck(pdArgs(join(FIXTURES, "pagerduty"), dir), dir, PAGERDUTY_EXPECTED, PD_WINDOW);
    expect(out).toContain("compared with schedule.json (final_schedule.rendered_schedule_entries)");
    const config = readFileSync(join(dir, "rotations/config.yaml"), "utf8");
    expect(config).toMatch(/name: payments\n {4}handoffDay: monday\n {4}handoffTime: "10:00"\n {4}shiftWeeks: 1\n/);
    expect(readFileSync(join(dir, "rotations/overrides.yaml"), "utf8")).toContain(
      "{ layer: payments, start: 2027-03-20T08:00:00-04:00, end: 2027-03-21T08:00:00-04:00, by: tom-t",
    );
  });

  it("computes the same schedule from the layer rules when no rendered entries were saved", async () => {
    const dir = await repo();
    const from = source("pagerduty", { "schedule.json": (b: Json) => void delete b.schedule.final_schedule });
    const out = await importAndCheck(pdArgs(from, dir), dir, PAGERDUTY_EXPECTED, PD_WINDOW);
    expect(out).toContain("compared with the layer rules and overrides");
  });

  it("reads users from several saved pages (users.json, users-2.json) and prints --json", async () => {
    const from = source("pagerduty", { "users.json": (b: Json) => (b.users = b.users.slice(0, 3)) });
    const all = JSON.parse(readFileSync(join(FIXTURES, "pagerduty/users.json"), "utf8"));
    writeFileSync(join(from, "users-2.json"), JSON.stringify({ ...all, users: all.users.slice(3), offset: 3 }));
    const dir = await repo();
    const r = await oncall(pdArgs(from, dir, ["--json"]));
    expect(r.err).toBe("");
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ tool: "PagerDuty", layers: ["payments"], shifts: 9, overrides: 1, dropped: [] });
    expect(json.verification.every((row: { ok: boolean }) => row.ok)).toBe(true);
    expect(readFileSync(join(dir, "rotations/people.yaml"), "utf8")).toContain("name: Tom Tran");
  });

  it("orders layers by rendering_index when every layer has one", async () => {
    const dir = await repo();
    const from = source("pagerduty", {
      "schedule.json": (b: Json) => {
        const [top, bottom] = b.schedule.schedule_layers;
        top.rendering_index = 2;
        bottom.rendering_index = 1;
        b.schedule.schedule_layers = [bottom, top];
      },
    });
    expect((await oncall(pdArgs(from, dir))).code).toBe(0);
    expect(await whoMismatches(dir, PAGERDUTY_EXPECTED, "2027-03-08", "2027-03-29")).toEqual([]);
  });
});

describe("honest about the gaps (issue 15 item 3)", () => {
  const rotation = (i: number, change: (r: Json) => void) => (b: Json) => change(b.data.rotations[i]);
  const cases: [string, string, Record<string, (b: Json) => unknown>, string][] = [
    [
      "a time-of-day restriction",
      "opsgenie",
      {
        "schedule.json": rotation(
          0,
          (r) =>
            (r.timeRestriction = {
              type: "time-of-day",
              restriction: { startHour: 9, startMin: 0, endHour: 17, endMin: 0 },
            }),
        ),
      },
      'schedule.json rotations[0].timeRestriction: time-of-day (rotation "Primary"): a time restriction',
    ],
    [
      "a team participant",
      "opsgenie",
      { "schedule.json": rotation(0, (r) => r.participants.push({ type: "team", id: "t1", name: "SRE" })) },
      'schedule.json rotations[0].participants[3]: team SRE (rotation "Primary"): a team is not one person',
    ],
    [
      "an escalation participant",
      "opsgenie",
      { "schedule.json": rotation(1, (r) => (r.participants[1] = { type: "escalation", name: "Night" })) },
      'schedule.json rotations[1].participants[1]: escalation Night (rotation "Evening"): a escalation is not one person',
    ],
    [
      "hourly turns that are not whole days",
      "opsgenie",
      { "schedule.json": rotation(1, (r) => Object.assign(r, { type: "hourly", length: 12 })) },
      'schedule.json rotations[1].length: 12 hourly (rotation "Evening"): turns of 12 hours are not whole days',
    ],
    [
      "more rotations than the supported layers",
      "opsgenie",
      {
        "schedule.json": (b: Json) => {
          for (let i = 0; i < 3; i++)
            b.data.rotations.push({ ...b.data.rotations[1], id: `extra-${i}`, name: `Extra ${i}` });
        },
      },
      'schedule.json rotations[4]: rotation "Extra 2": more than 4 rotations',
    ],
    [
      "an override of every rotation",
      "opsgenie",
      { "overrides.json": (b: Json) => void delete b.data[0].rotations },
      "overrides.json [0].rotations: every rotation: an override of several rotations",
    ],
    [
      "a PagerDuty restriction",
      "pagerduty",
      {
        "schedule.json": (b: Json) =>
          b.schedule.schedule_layers[0].restrictions.push({
            type: "daily_restriction",
            start_time_of_day: "08:00:00",
            duration_seconds: 3600,
          }),
      },
      'schedule.json schedule_layers[0].restrictions: daily_restriction (layer "Cover while Rae travels"): a restriction',
    ],
    [
      "a PagerDuty turn of half a day",
      "pagerduty",
      { "schedule.json": (b: Json) => (b.schedule.schedule_layers[1].rotation_turn_length_seconds = 43200) },
      'schedule.json schedule_layers[1].rotation_turn_length_seconds: 43200 (layer "Weekly"): turns that are not whole days',
    ],
  ];
  it.each(cases)("%s stops the import with its own message and writes nothing", async (_what, tool, edits, message) => {
    const dir = await repo();
    const before = snapshot(dir);
    const from = source(tool, edits);
    const r = await oncall(tool === "opsgenie" ? ogArgs(from, dir) : pdArgs(from, dir));
    expect(r.code).toBe(1);
    expect(r.err).toContain(message);
    expect(r.err).toContain("--lossy");
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(snapshot(dir)).toEqual(before);
  });

  it("--lossy imports the rest and lists what was dropped", async () => {
    const dir = await repo();
    const from = source("opsgenie", {
      "timeline.json": null,
      "schedule.json": rotation(1, (r) => (r.timeRestriction = { type: "weekday-and-time-of-day", restrictions: [] })),
    });
    const r = await oncall(ogArgs(from, dir, ["--lossy"]));
    expect(r.err).toBe("");
    expect(r.out).toContain(
      "Dropped (--lossy):\n  schedule.json rotations[1].timeRestriction: weekday-and-time-of-day",
    );
    expect(readFileSync(join(dir, "rotations/config.yaml"), "utf8")).not.toContain("evening");
    const primary = OPSGENIE_EXPECTED.filter((e) => e[0] === "primary");
    expect(await whoMismatches(dir, primary, "2027-03-15", "2027-04-12")).toEqual([]);
  });

  it("an unmapped user stops the import and writes users-template.csv next to the mapping file", async () => {
    const dir = await repo();
    const before = snapshot(dir);
    const mapDir = source("opsgenie");
    const mapping = join(mapDir, "map.csv");
    writeFileSync(mapping, "login,username\nann-a,ann@example.com\nbo-b,bo@example.com\ncy-c,cy@example.com\n");
    const r = await oncall([
      "import",
      "opsgenie",
      "--from",
      mapDir,
      "--users",
      mapping,
      "--fallback",
      "erin",
      ...OG_WINDOW,
      "--repo",
      dir,
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "1 Opsgenie user(s) in the imported rotations or overrides have no GitHub login in the mapping: dee@example.com",
    );
    expect(readFileSync(join(mapDir, "users-template.csv"), "utf8")).toBe(
      "username,login,name\ndee@example.com,,Dee Dahl\n",
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it("without a mapping file the template goes into --from and lists everyone needed", async () => {
    const dir = await repo();
    const from = source("pagerduty");
    const r = await oncall(["import", "pagerduty", "--from", from, ...PD_WINDOW, "--repo", dir]);
    expect(r.code).toBe(1);
    expect(readFileSync(join(from, "users-template.csv"), "utf8")).toBe(
      "email,login,name\nsam@example.com,,Sam Sato\nquinn@example.com,,Quinn Quist\npat@example.com,,Pat Park\n" +
        "rae@example.com,,Rae Ruiz\ntom@example.com,,Tom Tran\n",
    );
  });

  it("unfilled turns need --fallback; a team's own roster needs --force; both leave the repository alone", async () => {
    const dir = await repo();
    const before = snapshot(dir);
    const from = source("opsgenie");
    const noFallback = await oncall([
      "import",
      "opsgenie",
      "--from",
      from,
      "--users",
      OG_USERS,
      ...OG_WINDOW,
      "--repo",
      dir,
    ]);
    expect(noFallback.code).toBe(2);
    expect(noFallback.err).toContain("--fallback LOGIN");
    expect(snapshot(dir)).toEqual(before);

    const own = await scratchRepo();
    cleanup.push(own);
    rmSync(join(own, "rotations/people.yaml"));
    writeFileSync(join(own, "rotations/people.yaml"), "people: []\n");
    const ownBefore = snapshot(own);
    const refused = await oncall(ogArgs(from, own));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("--force");
    expect(snapshot(own)).toEqual(ownBefore);
  });

  it("a result that would not validate writes nothing (an override on someone holding the other layer)", async () => {
    const dir = await repo();
    const before = snapshot(dir);
    // dee holds Evening from 2027-03-23 18:00 to 03-25 18:00; an override gives dee Primary on the 24th.
    const from = source("opsgenie", {
      "overrides.json": (b: Json) => (b.data[0].user = { type: "user", id: "u-dee", username: "dee@example.com" }),
      "timeline.json": null,
    });
    const r = await oncall(ogArgs(from, dir, ["--until", "2027-03-27"]));
    expect(r.code).toBe(1);
    expect(r.err).toContain("the imported repository would not be valid; nothing was written");
    expect(snapshot(dir)).toEqual(before);
  });
});

describe("an imported repository lives on (issue 15 item 6)", () => {
  it("schedule generate continues each layer from the imported rules, validate passes, an ended layer stays quiet", async () => {
    const dir = await repo();
    expect((await oncall(ogArgs(join(FIXTURES, "opsgenie"), dir))).code).toBe(0);
    const generate = await oncall(["schedule", "generate", "--at", "2027-04-10T12:00:00Z", "--repo", dir]);
    expect(generate.code, generate.err).toBe(0);
    const schedule = readFileSync(join(dir, "rotations/schedule.yaml"), "utf8");
    // The imported turn of 2027-04-05 (cut at --until) is finished by bo, then Monday 09:00 handoffs follow.
    expect(schedule).toContain(
      "{ layer: primary, start: 2027-04-12T00:00:00+02:00, end: 2027-04-12T09:00:00+02:00, login: bo-b",
    );
    expect(schedule).toContain(
      "{ layer: primary, start: 2027-04-12T09:00:00+02:00, end: 2027-04-19T09:00:00+02:00, login: ann-a",
    );
    expect(schedule).not.toMatch(/layer: evening, start: 2027-04-0[6-9]/);
    const validate = await oncall(["validate", "--repo", dir, "--at", "2027-04-10T12:00:00Z"]);
    expect(validate.code, validate.out).toBe(0);
    const who = await oncall(["who", "--at", "2027-04-20T12:00:00Z", "--repo", dir]);
    expect(who.out).toContain("@bo-b");
    expect(who.out).not.toContain("evening"); // ended on 2027-04-05: neither on call nor "behind"
  });
});

describe("verification (issue 15 item 4)", () => {
  it("a source whose own timeline disagrees with what can be published fails with the differing handoffs", async () => {
    const dir = await repo();
    const before = snapshot(dir);
    // The final timeline names dee for a stretch the base timeline (and so the schedule) gives bo.
    const from = source("opsgenie", {
      "timeline.json": (b: Json) => {
        b.data.finalTimeline.rotations[0].periods[1].recipient = { id: "u-dee", type: "user", name: "dee@example.com" };
      },
    });
    const r = await oncall(ogArgs(from, dir, ["--until", "2027-03-22"]));
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "the imported schedule differs from Opsgenie's (timeline.json (final timeline)) at 1 handoff(s)",
    );
    expect(r.err).toMatch(/2027-03-15 09:00 UTC\+01:00\s+primary\s+dee-d\s+bo-b\s+DIFFERS/);
    expect(snapshot(dir)).toEqual(before);
  });
});
