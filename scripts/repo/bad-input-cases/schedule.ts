/**
 * Schedule invariants (scripts/core/schedule-rules.ts and schedule-people-rules.ts). In the fixture,
 * rot-a shifts are on the odd lines 3-15 of rotations/schedule.yaml and rot-b shifts on the even lines
 * 4-16; on every line the start value is at column 28, the end value at column 60 and the login at
 * column 94 (for a rot-a or rot-b shift). Times in messages are New York wall time (EST in Jan-Feb).
 */
import { CONFIG, OVERRIDES, PEOPLE, SCHEDULE, replace, type BadInputCase } from "./types.js";

/** The rot-a shift on line 5: bob, 12-19 January. */
const BOB_END = "end: 2026-01-19T11:00:00-05:00, login: bob";

export const scheduleCases: BadInputCase[] = [
  {
    name: "gap between two shifts of a layer",
    edits: [replace(SCHEDULE, BOB_END, "end: 2026-01-18T11:00:00-05:00, login: bob")],
    // Reported at the shift after the gap (line 7, alice from 19 January).
    expect: [
      {
        file: SCHEDULE,
        line: 7,
        column: 28,
        rule: "schedule-gap",
        message: "rot-a has nobody on call from 2026-01-18 11:00 UTC-05:00 until 2026-01-19 11:00 UTC-05:00",
      },
    ],
  },
  {
    name: "overlapping shifts of one layer",
    edits: [replace(SCHEDULE, BOB_END, "end: 2026-01-20T11:00:00-05:00, login: bob")],
    expect: [
      {
        file: SCHEDULE,
        line: 7,
        column: 28,
        rule: "schedule-overlap",
        message:
          "rot-a shift 2026-01-19 11:00 UTC-05:00 - 2026-01-26 11:00 UTC-05:00 (alice) overlaps rot-a shift 2026-01-12 11:00 UTC-05:00 - 2026-01-20 11:00 UTC-05:00 (bob): a slot has exactly one shift at a time",
      },
    ],
  },
  {
    name: "one person on rot-a and rot-b at the same time",
    // alice takes raj's rot-b shift of 14-21 January while she holds rot-a from 19 January.
    edits: [replace(SCHEDULE, "login: raj, round: 0 }", "login: alice, round: 0 }")],
    // Reported at the shift where the double booking begins (line 7, alice's rot-a shift).
    expect: [
      {
        file: SCHEDULE,
        line: 7,
        column: 94,
        rule: "both-layers",
        message:
          "alice is on call for both rot-b and rot-a from 2026-01-19 11:00 UTC-05:00 (rot-b shift 2026-01-14 11:00 UTC-05:00 - 2026-01-21 11:00 UTC-05:00 (alice) and rot-a shift 2026-01-19 11:00 UTC-05:00 - 2026-01-26 11:00 UTC-05:00 (alice))",
      },
    ],
  },
  {
    name: "override by someone who holds the other layer then",
    edits: [replace(OVERRIDES, "by: raj", "by: alice")],
    expect: [
      {
        file: OVERRIDES,
        line: 6,
        column: 9,
        rule: "both-layers",
        message: "alice is on call for both rot-a and rot-b from 2026-01-22 09:00 UTC-05:00",
      },
    ],
  },
  {
    name: "new hire on call less than 60 days after starting",
    // sam-lee starts 2025-12-01, so may be on call from 2026-01-30; the shift on line 8 starts 21 January.
    edits: [replace(PEOPLE, "start: 2024-09-09", "start: 2025-12-01")],
    expect: [
      {
        file: SCHEDULE,
        line: 8,
        column: 94,
        rule: "new-hire-too-early",
        message:
          "rot-b shift 2026-01-21 11:00 UTC-05:00 - 2026-01-28 11:00 UTC-05:00 (sam-lee) starts before sam-lee may be on call (start 2025-12-01 + 60 days = 2026-01-30 00:00 UTC-05:00)",
      },
    ],
  },
  {
    name: "shifts after a person's end date",
    // lena leaves on 31 January: her shift of 28 Jan - 4 Feb runs past it, the one of 18-25 Feb is after it.
    edits: [replace(PEOPLE, "    start: 2022-02-01\n", "    start: 2022-02-01\n    end: 2026-01-31\n")],
    expect: [
      {
        file: SCHEDULE,
        line: 10,
        column: 94,
        rule: "after-end-date",
        message:
          "rot-b shift 2026-01-28 11:00 UTC-05:00 - 2026-02-04 11:00 UTC-05:00 (lena) runs past lena's end date 2026-01-31; release it to their manager",
      },
      {
        file: SCHEDULE,
        line: 16,
        column: 94,
        rule: "after-end-date",
        message:
          "rot-b shift 2026-02-18 11:00 UTC-05:00 - 2026-02-25 11:00 UTC-05:00 (lena) is after lena's end date 2026-01-31; release it to their manager",
      },
    ],
  },
  {
    name: "holiday-layer shift outside the holiday period",
    // The holiday period ends on 3 January at 11:00; a holiday-a shift from 5 January is outside it.
    // The layer name is 4 characters longer than rot-a, so the start value moves to column 32.
    edits: [replace(SCHEDULE, "layer: rot-a, start: 2026-01-05", "layer: holiday-a, start: 2026-01-05")],
    expect: [
      {
        file: SCHEDULE,
        line: 3,
        column: 32,
        rule: "holiday-outside-period",
        message:
          "holiday-a shift 2026-01-05 11:00 UTC-05:00 - 2026-01-12 11:00 UTC-05:00 (alice) lies outside the holiday period of holiday-a",
      },
    ],
  },
  {
    name: "unfilled shift without a fallback",
    edits: [replace(SCHEDULE, "login: alice, round: 0 }", "login: null, round: 0 }")],
    expect: [
      {
        file: SCHEDULE,
        line: 3,
        column: 94,
        rule: "unfilled-no-fallback",
        message:
          "rot-a shift 2026-01-05 11:00 UTC-05:00 - 2026-01-12 11:00 UTC-05:00 (no-one) is unfilled and has no fallback, so nobody is on call",
      },
    ],
  },
  {
    name: "shift that ends before it starts",
    edits: [
      replace(SCHEDULE, "end: 2026-01-12T11:00:00-05:00, login: alice", "end: 2026-01-04T11:00:00-05:00, login: alice"),
    ],
    expect: [
      {
        file: SCHEDULE,
        line: 3,
        column: 60,
        rule: "end-before-start",
        message: "rot-a shift 2026-01-05 11:00 UTC-05:00 - 2026-01-04 11:00 UTC-05:00 (alice) ends before it starts",
      },
    ],
  },
  {
    name: "shift of a layer that is not configured",
    edits: [replace(SCHEDULE, "layer: rot-a, start: 2026-01-05", "layer: rot-c, start: 2026-01-05")],
    expect: [
      {
        file: SCHEDULE,
        line: 3,
        column: 14,
        rule: "unknown-layer",
        message: 'names layer "rot-c", which is not a layer of the rotation config',
      },
    ],
  },
  {
    name: "override of a layer that is not configured",
    edits: [replace(OVERRIDES, "layer: rot-b", "layer: rot-c")],
    expect: [
      {
        file: OVERRIDES,
        line: 3,
        column: 12,
        rule: "unknown-layer",
        message: 'names layer "rot-c", which is not a layer of the rotation config',
      },
    ],
  },
  {
    name: "two overrides of one layer overlapping",
    edits: [
      {
        file: OVERRIDES,
        transform: (t) =>
          `${t}\n  - layer: rot-b\n    start: 2026-01-22T21:00:00-05:00\n    end: 2026-01-23T12:00:00-05:00\n    by: lena\n`,
      },
    ],
    expect: [
      {
        file: OVERRIDES,
        line: 10,
        column: 12,
        rule: "override-overlap",
        message:
          "rot-b override 2026-01-22 21:00 UTC-05:00 - 2026-01-23 12:00 UTC-05:00 (by lena) overlaps rot-b override 2026-01-22 09:00 UTC-05:00 - 2026-01-23 09:00 UTC-05:00 (by raj)",
      },
    ],
  },
  {
    name: "two first-timers on call together (a warning)",
    // Both are past the 60 days at their first shift but not when the schedule begins (5 January).
    edits: [
      replace(PEOPLE, "start: 2021-06-14", "start: 2025-11-10"),
      replace(PEOPLE, "start: 2022-02-01", "start: 2025-11-08"),
    ],
    expect: [
      {
        file: SCHEDULE,
        line: 5,
        column: 94,
        rule: "first-timers-paired",
        severity: "warning",
        message: "lena and bob are both on their first shift at the same time",
      },
    ],
  },
  {
    name: "schedule published less than five weeks ahead (a warning)",
    // Without its last two shifts rot-b reaches only 11 February; NOW + 5 weeks is 18 February.
    edits: [
      replace(
        SCHEDULE,
        "  - { layer: rot-b, start: 2026-02-11T11:00:00-05:00, end: 2026-02-18T11:00:00-05:00, login: sam-lee, round: 1 }\n",
        "",
      ),
      replace(
        SCHEDULE,
        "  - { layer: rot-b, start: 2026-02-18T11:00:00-05:00, end: 2026-02-25T11:00:00-05:00, login: lena, round: 2 }\n",
        "",
      ),
    ],
    expect: [
      {
        file: CONFIG,
        line: 13,
        column: 5,
        rule: "horizon-short",
        severity: "warning",
        message:
          "rot-b: the published schedule reaches only 2026-02-11 11:00 UTC-05:00, less than 5 weeks ahead; run schedule generate",
      },
    ],
  },
  {
    // Fails before issue 16 item 8: an override years ahead of the schedule was accepted.
    name: "override years after the published schedule",
    edits: [
      replace(OVERRIDES, "start: 2026-01-22", "start: 2029-01-22"),
      replace(OVERRIDES, "end: 2026-01-23", "end: 2029-01-23"),
    ],
    expect: [
      {
        file: OVERRIDES,
        line: 4,
        column: 12,
        rule: "override-outside-schedule",
        message:
          "rot-b override 2029-01-22 09:00 UTC-05:00 - 2029-01-23 09:00 UTC-05:00 (by raj) covers no published rot-b shift (the published rot-b schedule runs from 2026-01-07 11:00 UTC-05:00 to 2026-02-25 11:00 UTC-05:00)",
      },
    ],
  },
  {
    // Fails before issue 16 item 8: an override before the rotation began was accepted.
    name: "override before the rotation starts",
    edits: [
      replace(OVERRIDES, "start: 2026-01-22", "start: 2025-12-22"),
      replace(OVERRIDES, "end: 2026-01-23", "end: 2025-12-23"),
    ],
    expect: [
      {
        file: OVERRIDES,
        line: 4,
        column: 12,
        rule: "override-outside-schedule",
        message:
          "rot-b override 2025-12-22 09:00 UTC-05:00 - 2025-12-23 09:00 UTC-05:00 (by raj) covers no published rot-b shift",
      },
    ],
  },
  {
    // Fails before issue 16 item 8: the message told the team to "release it to their manager".
    name: "override by someone after their end date",
    // raj leaves on 11 February, after his last shift (4-11 Feb, ending 11:00); the override is on the 12th.
    edits: [
      replace(PEOPLE, "    start: 2023-04-03\n", "    start: 2023-04-03\n    end: 2026-02-11\n"),
      replace(OVERRIDES, "start: 2026-01-22", "start: 2026-02-12"),
      replace(OVERRIDES, "end: 2026-01-23", "end: 2026-02-13"),
    ],
    expect: [
      {
        file: OVERRIDES,
        line: 6,
        column: 9,
        rule: "after-end-date",
        message:
          'rot-b override 2026-02-12 09:00 UTC-05:00 - 2026-02-13 09:00 UTC-05:00 (by raj) is after raj\'s end date 2026-02-11; end the override by then, or name someone else in "by"',
        excludes: "manager",
      },
    ],
  },
  {
    // Fails before issue 16 item 7: a fallback who had left stayed on call, silently.
    name: "fallback who leaves during the unfilled shift, with a manager above (a warning)",
    // lena's last shift (18-25 Feb) is released to dana, who leaves on 20 February; erin manages dana.
    edits: [
      replace(
        SCHEDULE,
        "end: 2026-02-25T11:00:00-05:00, login: lena, round: 2 }",
        "end: 2026-02-25T11:00:00-05:00, login: null, fallback: dana, round: 2 }",
      ),
      replace(PEOPLE, "    start: 2018-01-08\n", "    start: 2018-01-08\n    end: 2026-02-20\n    manager: erin\n"),
      {
        file: PEOPLE,
        transform: (t) =>
          `${t}\n  - login: erin\n    name: Erin Director\n    timezone: America/New_York\n    region: US-NY\n    start: 2015-01-05\n    team: platform\n    oncall: false\n`,
      },
    ],
    expect: [
      {
        file: SCHEDULE,
        line: 16,
        column: 110,
        rule: "fallback-departed",
        severity: "warning",
        message:
          "rot-b shift 2026-02-18 11:00 UTC-05:00 - 2026-02-25 11:00 UTC-05:00 (no-one): its fallback dana (end date 2026-02-20) has left by 2026-02-21 00:00 UTC-05:00, so erin (their manager) covers it from then.",
      },
    ],
  },
  {
    // Fails before issue 16 item 7: a fallback with no manager left was accepted.
    name: "fallback who leaves during the unfilled shift, with no manager left",
    edits: [
      replace(
        SCHEDULE,
        "end: 2026-02-25T11:00:00-05:00, login: lena, round: 2 }",
        "end: 2026-02-25T11:00:00-05:00, login: null, fallback: dana, round: 2 }",
      ),
      replace(PEOPLE, "    start: 2018-01-08\n", "    start: 2018-01-08\n    end: 2026-02-20\n"),
    ],
    expect: [
      {
        file: SCHEDULE,
        line: 16,
        column: 110,
        rule: "fallback-no-manager",
        message:
          "rot-b shift 2026-02-18 11:00 UTC-05:00 - 2026-02-25 11:00 UTC-05:00 (no-one): its fallback dana (end date 2026-02-20) leaves before it ends, and no manager still at the company can take over; name another fallback.",
      },
    ],
  },
];
