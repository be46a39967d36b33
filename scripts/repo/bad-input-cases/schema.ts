/** Schema problems: wrong types, unknown and missing fields, bad dates, instants, enums and patterns. */
import {
  CONFIG,
  INCIDENT,
  OVERRIDES,
  PEOPLE,
  PLAYBOOK_CHECKOUT,
  PLAYBOOK_GATEWAY,
  POLICY,
  POSTMORTEM,
  SCHEDULE,
  replace,
  type BadInputCase,
} from "./types.js";

const INSTANT = "an instant with seconds and an offset, such as 2026-12-07T11:00:00-05:00";

export const typeCases: BadInputCase[] = [
  {
    name: "number for a login",
    edits: [replace(PEOPLE, "  - login: bob", "  - login: 42")],
    expect: [
      {
        file: PEOPLE,
        line: 19,
        column: 12,
        rule: "schema",
        message: '"login" must be a GitHub login (letters, digits and single dashes, at most 39 characters), not 42.',
      },
    ],
  },
  {
    name: "text for the boolean oncall",
    edits: [replace(PEOPLE, "oncall: false", "oncall: no")],
    expect: [
      { file: PEOPLE, line: 9, column: 13, rule: "schema", message: '"oncall" must be true or false, not "no".' },
    ],
  },
  {
    name: "list for the roles mapping",
    edits: [replace(INCIDENT, "roles:\n  commander: bob\n  comms: raj\n", "roles: [bob, raj]\n")],
    expect: [
      {
        file: INCIDENT,
        line: 17,
        column: 8,
        rule: "schema",
        message: '"roles" must be a mapping of fields, not a list.',
      },
    ],
  },
  {
    name: "mapping for the services list",
    edits: [replace(INCIDENT, "services:\n  - checkout\n", "services: { name: checkout }\n")],
    expect: [
      { file: INCIDENT, line: 6, column: 11, rule: "schema", message: '"services" must be a list, not a mapping.' },
    ],
  },
  {
    name: "text for a whole number",
    edits: [replace(CONFIG, "seed: 42", "seed: forty-two")],
    expect: [
      { file: CONFIG, line: 3, column: 7, rule: "schema", message: '"seed" must be a whole number, not "forty-two".' },
    ],
  },
  {
    name: "number too large to represent",
    edits: [replace(CONFIG, "seed: 42", "seed: 1e999")],
    expect: [
      { file: CONFIG, line: 3, column: 7, rule: "schema", message: '"seed" must be a whole number', excludes: "null" },
    ],
  },
  {
    name: "number out of range",
    edits: [replace(CONFIG, "newHireDays: 60", "newHireDays: 400")],
    expect: [
      { file: CONFIG, line: 5, column: 14, rule: "schema", message: '"newHireDays" must be at most 365, not 400.' },
    ],
  },
  {
    name: "empty title",
    edits: [replace(PLAYBOOK_CHECKOUT, "title: Checkout errors", 'title: ""')],
    expect: [{ file: PLAYBOOK_CHECKOUT, line: 2, column: 8, rule: "schema", message: '"title" must not be empty.' }],
  },
  {
    name: "the same owner twice",
    edits: [replace(PLAYBOOK_CHECKOUT, "  - bob\n  - lena\n", "  - bob\n  - bob\n")],
    expect: [
      {
        file: PLAYBOOK_CHECKOUT,
        line: 7,
        column: 5,
        rule: "schema",
        message: '"owners" lists "bob" twice (items 1 and 2).',
      },
    ],
  },
  {
    name: "four severity levels instead of five",
    edits: [
      replace(
        POLICY,
        "  - id: P5\n    name: Cosmetic\n    description: No functional impact.\n    postmortem: false\n    companyComms: false\n",
        "",
      ),
    ],
    expect: [{ file: POLICY, line: 3, column: 3, rule: "schema", message: '"severities" needs at least 5 items.' }],
  },
];

export const fieldCases: BadInputCase[] = [
  {
    name: "unknown field at the top level",
    edits: [replace(CONFIG, "horizonWeeks: 5", "horizonweeks: 5")],
    expect: [
      {
        file: CONFIG,
        line: 6,
        column: 1,
        rule: "schema",
        message: 'Unknown field "horizonweeks"; check its spelling against the schema.',
      },
    ],
  },
  {
    name: "unknown field in a list item",
    edits: [replace(PEOPLE, "    oncall: false\n", "    oncall: false\n    pager: true\n")],
    expect: [
      {
        file: PEOPLE,
        line: 10,
        column: 5,
        rule: "schema",
        message: 'Unknown field "pager" in Item 1 of "people"; check its spelling against the schema.',
      },
    ],
  },
  {
    name: "unknown field three levels deep",
    edits: [replace(CONFIG, "      replaces: rot-a\n", "      replaces: rot-a\n      volunteers: 2\n")],
    expect: [
      {
        file: CONFIG,
        line: 24,
        column: 7,
        rule: "schema",
        message: 'Unknown field "volunteers" in Item 1 of "layers"',
      },
    ],
  },
  {
    name: "unknown field in a flow-style shift",
    edits: [replace(SCHEDULE, "login: alice, round: 0 }", "login: alice, round: 0, note: hi }")],
    expect: [
      { file: SCHEDULE, line: 3, column: 111, rule: "schema", message: 'Unknown field "note" in Item 1 of "shifts"' },
    ],
  },
  {
    name: "unknown field in a nested mapping of an incident",
    edits: [replace(INCIDENT, "  comms: raj\n", "  comms: raj\n  scribe: lena\n")],
    expect: [{ file: INCIDENT, line: 20, column: 3, rule: "schema", message: 'Unknown field "scribe" in "roles"' }],
  },
  {
    name: "unknown field in an action item of a postmortem's front matter",
    edits: [replace(POSTMORTEM, "    owner: lena\n", "    owner: lena\n    due: 2026-02-01\n")],
    expect: [
      {
        file: POSTMORTEM,
        line: 19,
        column: 5,
        rule: "schema",
        message: 'Unknown field "due" in Item 1 of "actionItems"',
      },
    ],
  },
  {
    name: "missing required field of a person",
    edits: [replace(PEOPLE, "    region: CA-ON\n", "")],
    expect: [
      {
        file: PEOPLE,
        line: 19,
        column: 5,
        rule: "schema",
        message: 'Item 3 of "people" is missing the required field "region".',
      },
    ],
  },
  {
    name: "missing required top-level field of an incident",
    edits: [replace(INCIDENT, 'title: "[Incident] Checkout returns errors"\n', "")],
    expect: [
      {
        file: INCIDENT,
        line: 1,
        column: 1,
        rule: "schema",
        message: 'The document is missing the required field "title".',
      },
    ],
  },
  {
    name: "missing login in a flow-style shift",
    edits: [replace(SCHEDULE, "login: bob, round: 0 }", "round: 0 }")],
    expect: [
      {
        file: SCHEDULE,
        line: 5,
        column: 5,
        rule: "schema",
        message: 'Item 3 of "shifts" is missing the required field "login".',
      },
    ],
  },
  {
    name: "missing required field of a playbook's front matter",
    edits: [replace(PLAYBOOK_GATEWAY, "lastReviewed: 2025-12-01\n", "")],
    expect: [
      {
        file: PLAYBOOK_GATEWAY,
        line: 2,
        column: 1,
        rule: "schema",
        message: 'is missing the required field "lastReviewed".',
      },
    ],
  },
];

export const valueCases: BadInputCase[] = [
  {
    name: "date that does not exist (30 February)",
    edits: [replace(PEOPLE, "start: 2020-03-02", "start: 2020-02-30")],
    expect: [
      {
        file: PEOPLE,
        line: 15,
        column: 12,
        rule: "schema",
        message: '"start" must be a date written YYYY-MM-DD; "2020-02-30" is not.',
      },
    ],
  },
  {
    name: "date with month 13",
    edits: [replace(POSTMORTEM, "due: 2026-01-19", "due: 2026-13-01")],
    expect: [
      {
        file: POSTMORTEM,
        line: 8,
        column: 6,
        rule: "schema",
        message: '"due" must be a date written YYYY-MM-DD; "2026-13-01" is not.',
      },
    ],
  },
  {
    name: "date in words",
    edits: [replace(PLAYBOOK_CHECKOUT, "lastReviewed: 2026-01-02", "lastReviewed: next monday")],
    expect: [
      {
        file: PLAYBOOK_CHECKOUT,
        line: 8,
        column: 15,
        rule: "schema",
        message: '"lastReviewed" must be a date written YYYY-MM-DD; "next monday" is not.',
      },
    ],
  },
  {
    name: "date without leading zero in a list",
    edits: [replace(CONFIG, "  - 2026-02-16", "  - 2026-2-16")],
    expect: [
      {
        file: CONFIG,
        line: 27,
        column: 5,
        rule: "schema",
        message: 'Item 1 of "orgHolidays" must be a date written YYYY-MM-DD; "2026-2-16" is not.',
      },
    ],
  },
  {
    name: "date written with an explicit YAML timestamp tag",
    edits: [replace(PEOPLE, "start: 2018-01-08", "start: !!timestamp 2018-01-08")],
    expect: [
      {
        file: PEOPLE,
        line: 7,
        column: 24,
        rule: "schema",
        message: '"start" must be a date written YYYY-MM-DD',
        excludes: "mapping",
      },
    ],
  },
  {
    name: "holiday period starting on 31 February",
    edits: [replace(CONFIG, 'from: "12-23"', 'from: "02-31"')],
    expect: [{ file: CONFIG, line: 18, column: 9, rule: "schema", message: "02-31" }],
  },
  {
    name: "instant with a leap second",
    edits: [replace(SCHEDULE, "end: 2026-02-25T11:00:00-05:00", "end: 2026-02-25T23:59:60Z")],
    expect: [{ file: SCHEDULE, line: 16, column: 60, rule: "schema", message: "23:59:60" }],
  },
  {
    name: "instant without an offset",
    edits: [replace(SCHEDULE, "start: 2026-01-05T11:00:00-05:00", "start: 2026-01-05T11:00:00")],
    expect: [
      {
        file: SCHEDULE,
        line: 3,
        column: 28,
        rule: "schema",
        message: `"start" must be ${INSTANT}; "2026-01-05T11:00:00" is not.`,
      },
    ],
  },
  {
    name: "instant without seconds",
    edits: [replace(INCIDENT, "reportedAt: 2026-01-15T14:00:00Z", "reportedAt: 2026-01-15T14:00Z")],
    expect: [
      {
        file: INCIDENT,
        line: 12,
        column: 13,
        rule: "schema",
        message: `"reportedAt" must be ${INSTANT}; "2026-01-15T14:00Z" is not.`,
      },
    ],
  },
  {
    name: "instant written with a space and no offset",
    edits: [replace(OVERRIDES, "end: 2026-01-23T09:00:00-05:00", "end: 2026-01-23 09:00")],
    expect: [
      {
        file: OVERRIDES,
        line: 5,
        column: 10,
        rule: "schema",
        message: `"end" must be ${INSTANT}; "2026-01-23 09:00" is not.`,
      },
    ],
  },
  {
    name: "instant on a day that does not exist",
    edits: [replace(POSTMORTEM, "start: 2026-01-15T13:50:00Z", "start: 2026-02-30T13:50:00Z")],
    expect: [
      {
        file: POSTMORTEM,
        line: 11,
        column: 10,
        rule: "schema",
        message: `"start" must be ${INSTANT}; "2026-02-30T13:50:00Z" is not.`,
      },
    ],
  },
  {
    name: "severity P0 in an incident",
    edits: [replace(INCIDENT, "severity: P2", "severity: P0")],
    expect: [
      {
        file: INCIDENT,
        line: 5,
        column: 11,
        rule: "schema",
        message: '"severity" must be one of P1, P2, P3, P4, P5, or null when not yet known; "P0" is not.',
      },
    ],
  },
  {
    name: "severity P0 in a postmortem",
    edits: [replace(POSTMORTEM, "severity: P2", "severity: P0")],
    expect: [
      {
        file: POSTMORTEM,
        line: 4,
        column: 11,
        rule: "schema",
        message: '"severity" must be one of "P1", "P2", "P3", "P4", "P5"; "P0" is not.',
      },
    ],
  },
  {
    name: "severity left empty (null) in a postmortem",
    edits: [replace(POSTMORTEM, "severity: P2", "severity:")],
    expect: [
      {
        file: POSTMORTEM,
        line: 4,
        column: 10,
        rule: "schema",
        message: '"severity" must be one of "P1", "P2", "P3", "P4", "P5"; null is not.',
      },
    ],
  },
  {
    name: 'incident status "done"',
    edits: [replace(INCIDENT, "status: resolved", "status: done")],
    expect: [
      {
        file: INCIDENT,
        line: 4,
        column: 9,
        rule: "schema",
        message:
          '"status" must be one of "triage", "investigating", "identified", "monitoring", "mitigated", "resolved", "not-incident"; "done" is not.',
      },
    ],
  },
  {
    name: 'postmortem status "done"',
    edits: [replace(POSTMORTEM, "status: in-review", "status: done")],
    expect: [
      {
        file: POSTMORTEM,
        line: 5,
        column: 9,
        rule: "schema",
        message: '"status" must be one of "draft", "in-review", "final"; "done" is not.',
      },
    ],
  },
  {
    name: 'weekday "mon"',
    edits: [replace(CONFIG, "handoffDay: monday", "handoffDay: mon")],
    expect: [
      {
        file: CONFIG,
        line: 10,
        column: 17,
        rule: "schema",
        message:
          '"handoffDay" must be one of "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"; "mon" is not.',
      },
    ],
  },
  {
    name: "login with an underscore",
    edits: [replace(PEOPLE, "  - login: alice", "  - login: alice_a")],
    expect: [
      {
        file: PEOPLE,
        line: 11,
        column: 12,
        rule: "schema",
        message:
          '"login" must be a GitHub login (letters, digits and single dashes, at most 39 characters); "alice_a" is not.',
      },
    ],
  },
  {
    name: "login with an underscore in a shift",
    edits: [replace(SCHEDULE, "login: sam-lee, round: 0 }", "login: sam_lee, round: 0 }")],
    expect: [
      {
        file: SCHEDULE,
        line: 8,
        column: 94,
        rule: "schema",
        message: '"login" must be a GitHub login, or null for an unfilled shift; "sam_lee" is not.',
      },
    ],
  },
  {
    name: 'region "usa"',
    edits: [replace(PEOPLE, "region: CA-ON", "region: usa")],
    expect: [
      {
        file: PEOPLE,
        line: 22,
        column: 13,
        rule: "schema",
        message:
          '"region" must be a holiday region such as US-NY or DE (ISO 3166 country, optional subdivision), or none; "usa" is not.',
      },
    ],
  },
  {
    name: 'layer "Rot A" in a shift',
    edits: [replace(SCHEDULE, "layer: rot-a, start: 2026-01-05", "layer: Rot A, start: 2026-01-05")],
    expect: [
      {
        file: SCHEDULE,
        line: 3,
        column: 14,
        rule: "schema",
        message: '"layer" must be a layer name in lower case with dashes, such as rot-a; "Rot A" is not.',
      },
    ],
  },
  {
    name: 'layer "Rot B" in the rotation config',
    edits: [replace(CONFIG, "  - name: rot-b", "  - name: Rot B")],
    expect: [
      {
        file: CONFIG,
        line: 13,
        column: 11,
        rule: "schema",
        message: '"name" must be a layer name in lower case with dashes, such as rot-a; "Rot B" is not.',
      },
    ],
  },
  {
    name: "service name in capitals",
    edits: [replace(INCIDENT, "  - checkout\n", "  - Checkout\n")],
    expect: [
      {
        file: INCIDENT,
        line: 7,
        column: 5,
        rule: "schema",
        message: 'Item 1 of "services" must be a service name in lower case with dashes; "Checkout" is not.',
      },
    ],
  },
  {
    name: "action item link without a scheme",
    edits: [
      replace(
        POSTMORTEM,
        "issue: https://github.com/example-org/oncall/issues/2",
        "issue: github.com/example-org/oncall/issues/2",
      ),
    ],
    expect: [
      {
        file: POSTMORTEM,
        line: 19,
        column: 12,
        rule: "schema",
        message: '"issue" must be an absolute http(s) URL; "github.com/example-org/oncall/issues/2" is not.',
      },
    ],
  },
];
