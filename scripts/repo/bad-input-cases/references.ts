/** Cross-file rules: unknown logins, zones, regions and services, duplicates and contradictions. */
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

const notInRoster = (what: string, login: string) => `${what} "${login}" is not in rotations/people.yaml.`;

export const referenceCases: BadInputCase[] = [
  {
    name: "unknown time zone of a person",
    edits: [replace(PEOPLE, "timezone: Europe/Berlin", "timezone: Mars/Olympus")],
    expect: [
      {
        file: PEOPLE,
        line: 29,
        column: 15,
        rule: "unknown-timezone",
        message: '"Mars/Olympus" is not an IANA time zone known to this system.',
      },
    ],
  },
  {
    name: "unknown time zone of the rotation",
    edits: [replace(CONFIG, "timezone: America/New_York", "timezone: Mars/Olympus")],
    expect: [
      {
        file: CONFIG,
        line: 2,
        column: 11,
        rule: "unknown-timezone",
        message: '"Mars/Olympus" is not an IANA time zone known to this system.',
      },
    ],
  },
  {
    name: "unknown holiday region",
    edits: [replace(PEOPLE, "region: CA-ON", "region: XX")],
    expect: [
      {
        file: PEOPLE,
        line: 22,
        column: 13,
        rule: "unknown-region",
        message: '"XX" is not a holiday region with public holiday data',
      },
    ],
  },
  {
    name: "unknown manager",
    edits: [replace(PEOPLE, "    start: 2020-03-02\n    manager: dana", "    start: 2020-03-02\n    manager: dan")],
    expect: [{ file: PEOPLE, line: 16, column: 14, rule: "unknown-login", message: notInRoster("Manager", "dan") }],
  },
  {
    name: "unknown layer member",
    edits: [replace(CONFIG, "    group: eastern", "    members: [alice, bob, ghost]")],
    expect: [
      { file: CONFIG, line: 12, column: 27, rule: "unknown-login", message: notInRoster("Layer member", "ghost") },
    ],
  },
  {
    name: "unknown login on a shift",
    edits: [replace(SCHEDULE, "login: bob, round: 0 }", "login: bobby, round: 0 }")],
    expect: [
      { file: SCHEDULE, line: 5, column: 94, rule: "unknown-login", message: notInRoster("Shift person", "bobby") },
    ],
  },
  {
    name: "unknown fallback of an unfilled shift",
    edits: [replace(SCHEDULE, "login: alice, round: 0 }", "login: null, fallback: dan, round: 0 }")],
    expect: [{ file: SCHEDULE, line: 3, column: 110, rule: "unknown-login", message: notInRoster("Fallback", "dan") }],
  },
  {
    name: "unknown person taking an override",
    edits: [replace(OVERRIDES, "by: raj", "by: rajesh")],
    expect: [
      { file: OVERRIDES, line: 6, column: 9, rule: "unknown-login", message: notInRoster("Override person", "rajesh") },
    ],
  },
  {
    name: "unknown incident commander",
    edits: [replace(INCIDENT, "commander: bob", "commander: bobb")],
    expect: [{ file: INCIDENT, line: 18, column: 14, rule: "unknown-login", message: notInRoster("Person", "bobb") }],
  },
  {
    name: "unknown person acknowledging an incident",
    edits: [replace(INCIDENT, "acknowledgedBy: bob", "acknowledgedBy: bobb")],
    expect: [{ file: INCIDENT, line: 14, column: 17, rule: "unknown-login", message: notInRoster("Person", "bobb") }],
  },
  {
    name: "unknown on-call person of an incident",
    edits: [replace(INCIDENT, "  - raj\nresponders:", "  - rajj\nresponders:")],
    expect: [{ file: INCIDENT, line: 22, column: 5, rule: "unknown-login", message: notInRoster("Person", "rajj") }],
  },
  {
    name: "unknown responder of an incident",
    edits: [replace(INCIDENT, "  - lena\ntimeline:", "  - lina\ntimeline:")],
    expect: [{ file: INCIDENT, line: 24, column: 5, rule: "unknown-login", message: notInRoster("Person", "lina") }],
  },
  {
    name: "unknown postmortem author",
    edits: [replace(POSTMORTEM, "  - bob\ndue:", "  - bobby\ndue:")],
    expect: [{ file: POSTMORTEM, line: 7, column: 5, rule: "unknown-login", message: notInRoster("Author", "bobby") }],
  },
  {
    name: "unknown owner of an action item",
    edits: [replace(POSTMORTEM, "owner: lena", "owner: lina")],
    expect: [
      {
        file: POSTMORTEM,
        line: 18,
        column: 12,
        rule: "unknown-login",
        message: notInRoster("Action item owner", "lina"),
      },
    ],
  },
  {
    name: "unknown playbook owner",
    edits: [replace(PLAYBOOK_GATEWAY, "  - alice\n", "  - alicia\n")],
    expect: [
      { file: PLAYBOOK_GATEWAY, line: 7, column: 5, rule: "unknown-login", message: notInRoster("Owner", "alicia") },
    ],
  },
  {
    name: "the same login twice (differing in case)",
    edits: [
      {
        file: PEOPLE,
        transform: (t) =>
          `${t}\n  - login: Alice\n    name: Alice Again\n    timezone: America/New_York\n    region: US-NY\n    start: 2020-03-02\n    team: platform\n    oncall: false\n`,
      },
    ],
    expect: [
      {
        file: PEOPLE,
        line: 51,
        column: 12,
        rule: "duplicate-login",
        message: '"Alice" is listed twice in the roster (GitHub logins are case-insensitive).',
      },
    ],
  },
  {
    name: "a person who is their own manager",
    edits: [replace(PEOPLE, "    start: 2021-06-14\n    manager: dana", "    start: 2021-06-14\n    manager: bob")],
    expect: [{ file: PEOPLE, line: 24, column: 14, rule: "self-manager", message: "bob cannot be their own manager." }],
  },
  {
    name: "end date before start date",
    edits: [replace(PEOPLE, "    start: 2018-01-08\n", "    start: 2018-01-08\n    end: 2017-12-31\n")],
    expect: [
      {
        file: PEOPLE,
        line: 8,
        column: 10,
        rule: "end-before-start",
        message: "dana's end date 2017-12-31 is before their start date 2018-01-08.",
      },
    ],
  },
  {
    name: "unknown service in an incident",
    edits: [replace(INCIDENT, "  - checkout\n", "  - billing\n")],
    expect: [
      {
        file: INCIDENT,
        line: 7,
        column: 5,
        rule: "unknown-service",
        message: 'Service "billing" is not in the catalogue in incidents/policy.yaml.',
      },
    ],
  },
  {
    name: "unknown service in a playbook",
    edits: [replace(PLAYBOOK_CHECKOUT, "  - checkout\n", "  - payments\n")],
    expect: [
      {
        file: PLAYBOOK_CHECKOUT,
        line: 4,
        column: 5,
        rule: "unknown-service",
        message: 'Service "payments" is not in the catalogue in incidents/policy.yaml.',
      },
    ],
  },
  {
    name: "the same service twice in the catalogue",
    edits: [{ file: POLICY, transform: (t) => `${t}  - name: checkout\n    team: payments\n` }],
    expect: [
      { file: POLICY, line: 40, column: 11, rule: "duplicate-service", message: 'Service "checkout" is listed twice.' },
    ],
  },
  {
    name: "severity levels out of order",
    edits: [
      replace(POLICY, "  - id: P3\n", "  - id: PX\n"),
      replace(POLICY, "  - id: P4\n", "  - id: P3\n"),
      replace(POLICY, "  - id: PX\n", "  - id: P4\n"),
    ],
    expect: [
      {
        file: POLICY,
        line: 15,
        column: 9,
        rule: "severity-order",
        message: "Severity levels must be listed P1 to P5 in order; item 3 is P4, expected P3.",
      },
      {
        file: POLICY,
        line: 20,
        column: 9,
        rule: "severity-order",
        message: "Severity levels must be listed P1 to P5 in order; item 4 is P3, expected P4.",
      },
    ],
  },
  {
    name: "a layer defined twice",
    edits: [
      replace(
        CONFIG,
        "    group: others\n",
        '    group: others\n  - name: rot-a\n    handoffDay: friday\n    handoffTime: "11:00"\n    group: eastern\n',
      ),
    ],
    expect: [
      { file: CONFIG, line: 17, column: 11, rule: "duplicate-layer", message: 'Layer "rot-a" is defined twice.' },
    ],
  },
  {
    name: "a layer with both a group and members",
    edits: [replace(CONFIG, "    group: others\n", "    group: others\n    members: [lena, raj, sam-lee]\n")],
    expect: [
      {
        file: CONFIG,
        line: 13,
        column: 5,
        rule: "layer-members",
        message: 'Layer "rot-b" needs either "group" or "members", not both.',
      },
    ],
  },
  {
    name: "a holiday layer replacing a layer that does not exist",
    edits: [replace(CONFIG, "      replaces: rot-b", "      replaces: rot-c")],
    // The mistake is the value rot-c on line 25.
    expect: [
      {
        file: CONFIG,
        line: 25,
        column: 17,
        rule: "unknown-layer",
        message: 'Holiday layer "holiday-b" replaces "rot-c", which is not a layer.',
      },
    ],
  },
  {
    name: "incident acknowledged before it was reported",
    edits: [replace(INCIDENT, "acknowledgedAt: 2026-01-15T14:04:00Z", "acknowledgedAt: 2026-01-15T13:04:00Z")],
    expect: [
      {
        file: INCIDENT,
        line: 13,
        column: 17,
        rule: "incident-times",
        message: "acknowledgedAt (2026-01-15T13:04:00Z) is before reportedAt (2026-01-15T14:00:00Z).",
      },
    ],
  },
  {
    name: "postmortem impact window ending before it starts",
    edits: [replace(POSTMORTEM, "  end: 2026-01-15T14:40:00Z", "  end: 2026-01-15T13:40:00Z")],
    expect: [
      {
        file: POSTMORTEM,
        line: 12,
        column: 8,
        rule: "postmortem-impact",
        message: "The impact window ends before it starts.",
      },
    ],
  },
  {
    // The fixture's postmortem is in-review (its review is after NOW); marking it final is part of the case.
    name: "final postmortem without a review date",
    edits: [replace(POSTMORTEM, "status: in-review", "status: final"), replace(POSTMORTEM, "review: 2026-01-21\n", "")],
    expect: [
      {
        file: POSTMORTEM,
        line: 5,
        column: 9,
        rule: "postmortem-review",
        message: "A final postmortem needs the date of its review.",
      },
    ],
  },
  {
    name: "playbook not reviewed for over a year (a warning)",
    edits: [replace(PLAYBOOK_GATEWAY, "lastReviewed: 2025-12-01", "lastReviewed: 2025-01-02")],
    expect: [
      {
        file: PLAYBOOK_GATEWAY,
        line: 8,
        column: 15,
        rule: "playbook-stale",
        severity: "warning",
        message: "Last reviewed 2025-01-02, 377 days ago (the policy asks for a review every 180 days).",
      },
    ],
  },
  {
    name: "broken relative link in a playbook",
    edits: [replace(PLAYBOOK_CHECKOUT, "(api-gateway.md)", "(api-gw.md)")],
    // Line 14 of the file is body line 5; the link text starts at column 43.
    expect: [
      {
        file: PLAYBOOK_CHECKOUT,
        line: 14,
        column: 43,
        rule: "broken-link",
        message: 'The link to "api-gw.md" points at a file that does not exist.',
      },
    ],
  },
  {
    name: "broken relative link with an anchor",
    edits: [replace(PLAYBOOK_GATEWAY, "(checkout-errors.md#diagnosis)", "(checkout-error.md#diagnosis)")],
    expect: [
      {
        file: PLAYBOOK_GATEWAY,
        line: 13,
        column: 56,
        rule: "broken-link",
        message: 'The link to "checkout-error.md#diagnosis" points at a file that does not exist.',
      },
    ],
  },
  {
    // Fails before issue 16 item 8: a cycle of managers was accepted.
    name: "managers forming a cycle",
    edits: [replace(PEOPLE, "    start: 2018-01-08\n", "    start: 2018-01-08\n    manager: alice\n")],
    expect: [
      {
        file: PEOPLE,
        line: 8,
        column: 14,
        rule: "manager-cycle",
        message: "The managers of dana, alice form a cycle (dana -> alice -> dana)",
      },
    ],
  },
  {
    // Fails before issue 16 item 8: an incident that started after it was reported was accepted.
    name: "incident started after it was reported",
    edits: [replace(INCIDENT, "startedAt: 2026-01-15T13:50:00Z", "startedAt: 2026-01-15T14:50:00Z")],
    expect: [
      {
        file: INCIDENT,
        line: 11,
        column: 12,
        rule: "incident-times",
        message: "startedAt (2026-01-15T14:50:00Z) is after reportedAt (2026-01-15T14:00:00Z)",
      },
    ],
  },
];
