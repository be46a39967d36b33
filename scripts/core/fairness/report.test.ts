/**
 * The fairness report (issue 14 item 1), with expectations worked out by hand from the shifts. Every
 * case fails before the item: there was no fairness report (scripts/core/fairness did not exist).
 */
import { describe, expect, it } from "vitest";
import type { IncidentRecord } from "../model/generated/types.js";
import type { Override, Person, Shift } from "../model/index.js";
import { at, person, rotation, shift } from "../rotation/test-kit.js";
import { fixedHolidayCalendar, NO_HOLIDAYS, type HolidayCalendar } from "../slo/index.js";
import { balanceScore, fairnessCsv, fairnessReport, type FairnessInput } from "./index.js";

function report(
  people: Person[],
  shifts: Shift[],
  window: [string, string],
  extra: Partial<FairnessInput> & { overrides?: Override[]; orgHolidays?: string[] } = {},
) {
  const { overrides = [], orgHolidays = [], ...rest } = extra;
  return fairnessReport({
    org: { people, rotation: rotation({ orgHolidays }), shifts, overrides },
    records: [],
    from: at(window[0]),
    to: at(window[1]),
    calendar: NO_HOLIDAYS,
    ...rest,
  });
}

const row = (r: ReturnType<typeof report>, login: string) => r.people.find((p) => p.login === login);

describe("fairness report: hours by kind (issue 14 item 1)", () => {
  it("a New York week across the spring DST change has 167 hours, 47 of them weekend", () => {
    // alice holds rot-a Mon 2 March 11:00 to Mon 9 March 11:00; clocks go forward on Sun 8 March.
    // Working hours: Mon 11-17 (6) + Tue-Fri 8 each (32) + Mon 9 March 09-11 (2) = 40; the rest is off.
    const r = report(
      [person("alice")],
      [shift("rot-a", "2026-03-02T11:00", "2026-03-09T11:00", "alice")],
      ["2026-03-01T00:00", "2026-03-10T00:00"],
    );
    expect(row(r, "alice")).toEqual({
      login: "alice",
      hours: 167,
      offHoursHours: 127,
      weekendHours: 47,
      holidayHours: 0,
      volunteerSlots: 0,
      acknowledged: 0,
      commanded: 0,
      offHoursResponseMinutes: 0,
    });
    expect(r.from).toBe("2026-03-01T00:00:00-05:00");
    expect(r.to).toBe("2026-03-10T00:00:00-04:00");
  });

  it("a person in +05:30 counts by their own clock, their regional holiday whole, their weekend whole", () => {
    // rot-b Wed 4 March 11:00 EST (21:30 IST) to Wed 11 March 11:00 EDT (20:30 IST): 167 hours.
    // Friday 6 March is a public holiday in IN-KA (made up for the test): 24 holiday hours, all off.
    // Working hours (IST): Thu 5, Mon 9, Tue 10 and Wed 11 March, 8 each = 32; off = 135.
    const raj = person("raj", { timezone: "Asia/Kolkata", region: "IN-KA" });
    const calendar: HolidayCalendar = fixedHolidayCalendar({ "IN-KA": ["2026-03-06"], "US-NY": ["2026-03-06"] });
    const r = report(
      [raj],
      [shift("rot-b", "2026-03-04T11:00", "2026-03-11T11:00", "raj")],
      ["2026-03-01T00:00", "2026-03-15T00:00"],
      { calendar },
    );
    expect(row(r, "raj")).toMatchObject({ hours: 167, offHoursHours: 135, weekendHours: 48, holidayHours: 24 });
    // Another region's holiday is a workday for raj: 8 more working hours, no holiday hours.
    const other = report(
      [raj],
      [shift("rot-b", "2026-03-04T11:00", "2026-03-11T11:00", "raj")],
      ["2026-03-01T00:00", "2026-03-15T00:00"],
      { calendar: fixedHolidayCalendar({ "US-NY": ["2026-03-06"] }) },
    );
    expect(row(other, "raj")).toMatchObject({ hours: 167, offHoursHours: 127, weekendHours: 48, holidayHours: 0 });
  });

  it("holiday period, organisation and public holidays are holiday hours; a fallback carries an empty slot", () => {
    // holiday-a: alice volunteers Wed 23 Dec 11:00 to Fri 25 Dec 11:00; the next slot, Fri 25 11:00 to
    // Sun 27 11:00, has no one and falls back to dana (a manager, not on the rotation).
    // alice: Wed 23 is a holiday-period workday (6 working hours 11-17, 7 off, 13 holiday); Thu 24 is an
    // organisation holiday (24 off, 24 holiday); Fri 25 is Christmas (11 off, 11 holiday). 48 hours.
    // dana: Fri 25 11-24 is Christmas (13 off and holiday), Sat 26 and Sun 27 to 11:00 weekend (35).
    const people = [person("dana", { oncall: false }), person("alice", { manager: "dana" })];
    const shifts = [
      shift("holiday-a", "2026-12-23T11:00", "2026-12-25T11:00", "alice"),
      shift("holiday-a", "2026-12-25T11:00", "2026-12-27T11:00", null, { fallback: "dana" }),
    ];
    const r = report(people, shifts, ["2026-12-23T00:00", "2026-12-28T00:00"], {
      calendar: fixedHolidayCalendar({ "US-NY": ["2026-12-25"] }),
      orgHolidays: ["2026-12-24"],
    });
    expect(row(r, "alice")).toMatchObject({
      hours: 48,
      offHoursHours: 42,
      weekendHours: 0,
      holidayHours: 48,
      volunteerSlots: 1,
    });
    expect(row(r, "dana")).toMatchObject({
      hours: 48,
      offHoursHours: 48,
      weekendHours: 35,
      holidayHours: 13,
      volunteerSlots: 0,
    });
    // Both carry rot-a's slot (holiday-a stands in for it); the manager is expected to carry none of it.
    expect(r.layers).toEqual([
      {
        layer: "rot-a",
        balance: 1,
        hours: 96,
        members: [
          { login: "alice", hours: 48, share: 0.5, expectedShare: 1 },
          { login: "dana", hours: 48, share: 0.5, expectedShare: 0 },
        ],
      },
      { layer: "rot-b", balance: 1, hours: 0, members: [] },
    ]);
  });

  it("an override takes hours from the holder; a whole volunteer slot by override counts as a slot taken", () => {
    const people = [person("alice"), person("bob")];
    const shifts = [shift("holiday-a", "2026-12-29T11:00", "2026-12-31T11:00", null, { fallback: "alice" })];
    const overrides: Override[] = [
      { layer: "holiday-a", start: at("2026-12-29T11:00"), end: at("2026-12-30T11:00"), by: "bob" },
    ];
    const r = report(people, shifts, ["2026-12-29T00:00", "2027-01-01T00:00"], { overrides });
    expect(row(r, "alice")).toMatchObject({ hours: 24, volunteerSlots: 0 });
    expect(row(r, "bob")).toMatchObject({ hours: 24, volunteerSlots: 1 });
  });

  it("a joiner mid-window is expected to carry a share in proportion to the time they could be scheduled", () => {
    // nia starts 14 January: her first shift may start 60 days later, 15 March 00:00 New York, so she can
    // be scheduled for 360 of the window's 671 hours (2 to 30 March, one hour lost to DST); kai and lee for
    // all 671. Expected shares: 360/1702 and 671/1702 each.
    // Hours: kai 59 (2 Mar 00:00-4 Mar 11:00) + 168; lee 167 (the DST week) + 109 (25 Mar 11:00-30 Mar
    // 00:00); nia 168.
    const people = [person("kai"), person("lee"), person("nia", { start: "2026-01-14" })];
    const shifts = [
      shift("rot-b", "2026-02-25T11:00", "2026-03-04T11:00", "kai"),
      shift("rot-b", "2026-03-04T11:00", "2026-03-11T11:00", "lee"),
      shift("rot-b", "2026-03-11T11:00", "2026-03-18T11:00", "kai"),
      shift("rot-b", "2026-03-18T11:00", "2026-03-25T11:00", "nia"),
      shift("rot-b", "2026-03-25T11:00", "2026-04-01T11:00", "lee"),
    ];
    const r = report(people, shifts, ["2026-03-02T00:00", "2026-03-30T00:00"], { layer: "rot-b" });
    expect(r.layers).toEqual([
      {
        layer: "rot-b",
        // (227/276 + 168/227 + 168/276) / 3 = 0.72375
        balance: 0.7237,
        hours: 671,
        members: [
          { login: "kai", hours: 227, share: 0.3383, expectedShare: 0.3942 },
          { login: "lee", hours: 276, share: 0.4113, expectedShare: 0.3942 },
          { login: "nia", hours: 168, share: 0.2504, expectedShare: 0.2115 },
        ],
      },
    ]);
    expect(r.people.map((p) => [p.login, p.hours])).toEqual([
      ["kai", 227],
      ["lee", 276],
      ["nia", 168],
    ]);
  });

  it("a leaver's hours after their end date go to their manager, and the leaver is expected to carry less", () => {
    // olga's last day is Wednesday 4 February: from Thursday 00:00 her shift is her manager's (72 + 24
    // hours); pat holds the next four days (96). Window 2-10 February (192 hours): olga could be scheduled
    // for 72 of them, pat for all 192, so 72/264 and 192/264; mo is a manager (0).
    // Balance: (24/72 + 24/96 + 72/96) / 3 = 0.4444.
    const people = [
      person("mo", { oncall: false }),
      person("olga", { end: "2026-02-04", manager: "mo" }),
      person("pat", { manager: "mo" }),
    ];
    const shifts = [
      shift("rot-a", "2026-02-02T00:00", "2026-02-06T00:00", "olga"),
      shift("rot-a", "2026-02-06T00:00", "2026-02-10T00:00", "pat"),
    ];
    const r = report(people, shifts, ["2026-02-02T00:00", "2026-02-10T00:00"]);
    expect(r.layers[0]).toEqual({
      layer: "rot-a",
      balance: 0.4444,
      hours: 192,
      members: [
        { login: "mo", hours: 24, share: 0.125, expectedShare: 0 },
        { login: "olga", hours: 72, share: 0.375, expectedShare: 0.2727 },
        { login: "pat", hours: 96, share: 0.5, expectedShare: 0.7273 },
      ],
    });
  });
});

describe("fairness report: incidents (issue 14 item 1)", () => {
  const base: Omit<IncidentRecord, "id" | "issue" | "reportedAt"> = {
    title: "t",
    status: "resolved",
    severity: "P2",
    services: [],
    production: true,
    reportedBy: "dana",
    roles: {},
    oncall: [],
    responders: [],
    timeline: [],
    followups: [],
  };
  const record = (issue: number, fields: Partial<IncidentRecord> & { reportedAt: string }): IncidentRecord => ({
    ...base,
    id: `INC-${issue}`,
    issue,
    ...fields,
  });

  it("counts acknowledgements and commands in the window, and off-hours response by each person's clock", () => {
    const people = [
      person("dana", { oncall: false }),
      person("alice"),
      person("raj", { timezone: "Asia/Kolkata", region: "IN-KA" }),
      person("lena", { timezone: "Europe/Berlin", region: "DE-BE" }),
    ];
    const records = [
      // Thursday 5 March 14:00-16:00Z: 09:00-11:00 in New York (working), 19:30-21:30 in Kolkata (off).
      // lena, pulled in as a responder, writes only after the resolution: no time counts for her here.
      record(1, {
        reportedAt: "2026-03-05T14:00:00Z",
        acknowledgedAt: "2026-03-05T14:05:00Z",
        acknowledgedBy: "alice",
        resolvedAt: "2026-03-05T16:00:00Z",
        roles: { commander: "alice", comms: "raj" },
        oncall: ["alice", "raj"],
        responders: ["lena"],
        timeline: [
          { at: "2026-03-05T14:00:00Z", author: "dana", kind: "opened", text: "Opened." },
          { at: "2026-03-05T16:30:00Z", author: "lena", kind: "note", text: "Checked the cache." },
        ],
      }),
      // Overlapping incident 15:00-17:00Z: raj's evening counts once, 19:30-22:30 IST = 180 minutes.
      record(2, {
        reportedAt: "2026-03-05T15:00:00Z",
        acknowledgedAt: "2026-03-05T15:01:00Z",
        acknowledgedBy: "raj",
        resolvedAt: "2026-03-05T17:00:00Z",
        roles: { commander: "raj" },
        oncall: ["alice", "raj"],
      }),
      // Friday 6 March 15:00-17:00Z: lena responds from her first entry at 15:30Z, 16:30-18:00 in Berlin
      // (60 minutes after 17:00); dana, neither on call nor pulled in, writes a note at 23:00Z (18:00 in New
      // York), which stands for the 15 minutes before it (core/handoff's rule). Her "opened" entry of
      // record 1 is filing the report, not response work: it counts nothing.
      record(5, {
        reportedAt: "2026-03-06T15:00:00Z",
        resolvedAt: "2026-03-06T17:00:00Z",
        oncall: ["alice"],
        responders: ["lena"],
        timeline: [
          { at: "2026-03-06T15:30:00Z", author: "lena", kind: "note", text: "Looking." },
          { at: "2026-03-06T23:00:00Z", author: "dana", kind: "note", text: "Customers told." },
        ],
      }),
      // Closed as not an incident: nothing counts.
      record(4, {
        reportedAt: "2026-03-06T03:00:00Z",
        status: "not-incident",
        acknowledgedBy: "alice",
        acknowledgedAt: "2026-03-06T03:01:00Z",
        resolvedAt: "2026-03-06T04:00:00Z",
        roles: { commander: "alice" },
        oncall: ["alice"],
      }),
      // Reported before the window: no acknowledgement or command counted, no time inside the window.
      record(3, {
        reportedAt: "2026-02-20T15:00:00Z",
        acknowledgedBy: "alice",
        acknowledgedAt: "2026-02-20T15:01:00Z",
        resolvedAt: "2026-02-20T16:00:00Z",
        roles: { commander: "alice" },
        oncall: ["alice"],
      }),
    ];
    const r = report(people, [], ["2026-03-02T00:00", "2026-03-09T00:00"], { records });
    const pick = (login: string) => {
      const p = row(r, login)!;
      return [p.acknowledged, p.commanded, p.offHoursResponseMinutes];
    };
    expect(r.people.map((p) => p.login)).toEqual(["alice", "dana", "lena", "raj"]);
    // alice: 09:00-12:00 New York on Thursday and 10:00-12:00 on Friday, all working time.
    expect(pick("alice")).toEqual([1, 1, 0]);
    expect(pick("raj")).toEqual([1, 1, 180]);
    expect(pick("lena")).toEqual([0, 0, 60]);
    expect(pick("dana")).toEqual([0, 0, 15]);
  });
});

describe("balance score (issue 14 item 1)", () => {
  it.each([
    ["nobody", [], 1],
    ["one person", [12], 1],
    ["a pair of zeros counts as even", [0, 0], 1],
    ["zero against some", [0, 5], 0],
    ["two zeros and one with hours", [0, 0, 4], 1 / 3],
    ["equal hours", [168, 168, 168], 1],
    ["one at half", [2, 4, 4], (0.5 + 0.5 + 1) / 3],
  ])("%s", (_name, hours, expected) => {
    expect(balanceScore(hours)).toBeCloseTo(expected, 12);
  });
});

describe("fairness CSV (issue 14 item 1)", () => {
  it("has the JSON's person columns, two-decimal hours and CRLF lines, quoting by RFC 4180", () => {
    const csv = fairnessCsv({
      people: [
        {
          login: "a,b",
          hours: 12.5,
          offHoursHours: 3,
          weekendHours: 0,
          holidayHours: 0.25,
          volunteerSlots: 1,
          acknowledged: 2,
          commanded: 0,
          offHoursResponseMinutes: 45,
        },
        {
          login: 'say "hi"',
          hours: 0,
          offHoursHours: 0,
          weekendHours: 0,
          holidayHours: 0,
          volunteerSlots: 0,
          acknowledged: 0,
          commanded: 0,
          offHoursResponseMinutes: 0,
        },
      ],
    });
    expect(csv).toBe(
      "login,hours,offHoursHours,weekendHours,holidayHours,volunteerSlots,acknowledged,commanded," +
        "offHoursResponseMinutes\r\n" +
        '"a,b",12.50,3.00,0.00,0.25,1,2,0,45\r\n' +
        '"say ""hi""",0.00,0.00,0.00,0.00,0,0,0,0\r\n',
    );
  });
});
