/** File layout: names, folders, duplicates, front matter and required files. */
import { INCIDENT, PEOPLE, POSTMORTEM, SCHEDULE, replace, type BadInputCase } from "./types.js";

export const fileCases: BadInputCase[] = [
  {
    name: "the same incident recorded under two years",
    edits: [{ file: INCIDENT, copyTo: "incidents/2025/INC-1.yaml", replacing: [["2026-01-15T", "2025-12-15T"]] }],
    // incidents/2025/INC-1.yaml sorts first, so the 2026 record is the duplicate; one problem at its id.
    expect: [
      {
        file: INCIDENT,
        line: 1,
        column: 5,
        rule: "duplicate-incident",
        message: "INC-1 is recorded twice: here and in incidents/2025/INC-1.yaml.",
      },
    ],
  },
  {
    name: "incident id not matching the file name",
    edits: [replace(INCIDENT, "id: INC-1\n", "id: INC-2\n")],
    expect: [
      {
        file: INCIDENT,
        line: 1,
        column: 5,
        rule: "incident-id",
        message: "The record's id is INC-2 but the file is named INC-1.yaml.",
      },
      {
        file: INCIDENT,
        line: 2,
        column: 8,
        rule: "incident-id",
        message: "The id INC-2 does not match issue number 1.",
      },
    ],
  },
  {
    name: "incident in the wrong year folder",
    edits: [{ file: INCIDENT, moveTo: "incidents/2025/INC-1.yaml" }],
    expect: [
      {
        file: "incidents/2025/INC-1.yaml",
        line: 12,
        column: 13,
        rule: "incident-year",
        message: "The incident was reported in 2026, so its record belongs in incidents/2026/, not incidents/2025/.",
      },
    ],
  },
  {
    name: "misnamed incident file",
    edits: [{ file: INCIDENT, copyTo: "incidents/2026/inc1.yaml" }],
    expect: [
      {
        file: "incidents/2026/inc1.yaml",
        line: 0,
        column: 0,
        rule: "file-name",
        message: "Incident records must be named incidents/<year>/INC-<issue number>.yaml.",
      },
    ],
  },
  {
    name: "misnamed postmortem file",
    edits: [{ file: POSTMORTEM, copyTo: "postmortems/2026/bad name.md" }],
    expect: [
      {
        file: "postmortems/2026/bad name.md",
        line: 0,
        column: 0,
        rule: "file-name",
        message:
          "Postmortems must be named postmortems/<year>/INC-<issue number>-<slug>.md (slug in lower case with dashes).",
      },
    ],
  },
  {
    name: "unknown file in rotations/",
    edits: [{ file: "rotations/extra.yaml", write: "people: []\n" }],
    expect: [
      {
        file: "rotations/extra.yaml",
        line: 0,
        column: 0,
        rule: "file-name",
        message:
          "Unknown file in rotations/: only people.yaml, config.yaml, schedule.yaml and overrides.yaml are read.",
      },
    ],
  },
  {
    name: "postmortem of an incident that has no record",
    edits: [
      {
        file: POSTMORTEM,
        copyTo: "postmortems/2026/INC-9-ghost.md",
        replacing: [["incident: INC-1", "incident: INC-9"]],
      },
    ],
    expect: [
      {
        file: "postmortems/2026/INC-9-ghost.md",
        line: 2,
        column: 11,
        rule: "postmortem-incident",
        message: "INC-9 has no incident record (expected incidents/<year>/INC-9.yaml).",
      },
    ],
  },
  {
    name: "postmortem front matter naming another incident than the file name",
    edits: [replace(POSTMORTEM, "incident: INC-1", "incident: INC-9")],
    expect: [
      {
        file: POSTMORTEM,
        line: 2,
        column: 11,
        rule: "postmortem-incident",
        message: "The front matter names INC-9 but the file name says INC-1.",
      },
      {
        file: POSTMORTEM,
        line: 2,
        column: 11,
        rule: "postmortem-incident",
        message: "INC-9 has no incident record (expected incidents/<year>/INC-9.yaml).",
      },
    ],
  },
  {
    name: "incident pointing at a postmortem that does not exist",
    edits: [
      replace(
        INCIDENT,
        "postmortem: postmortems/2026/INC-1-checkout-errors.md",
        "postmortem: postmortems/2026/INC-1-checkout-error.md",
      ),
    ],
    expect: [
      {
        file: INCIDENT,
        line: 42,
        column: 13,
        rule: "missing-postmortem",
        message: "The postmortem postmortems/2026/INC-1-checkout-error.md does not exist.",
      },
    ],
  },
  {
    name: "postmortem without front matter",
    edits: [replace(POSTMORTEM, "---\nincident: INC-1\n", "incident: INC-1\n")],
    expect: [
      {
        file: POSTMORTEM,
        line: 1,
        column: 1,
        rule: "front-matter",
        message: "The file must start with YAML front matter: a line '---', the fields, then another '---'.",
      },
    ],
  },
  {
    name: "postmortem front matter never closed",
    edits: [replace(POSTMORTEM, "issues/2\n---\n", "issues/2\n\n")],
    expect: [
      {
        file: POSTMORTEM,
        line: 1,
        column: 1,
        rule: "front-matter",
        message: "The front matter opened on line 1 is never closed with a '---' line.",
      },
    ],
  },
  {
    name: "postmortem with empty front matter",
    edits: [{ file: POSTMORTEM, write: "---\n---\n\n# INC-1: Checkout errors after a release\n" }],
    expect: [{ file: POSTMORTEM, line: 2, column: 1, rule: "schema", message: "The front matter is empty." }],
  },
  {
    name: "postmortem front matter that is not YAML",
    edits: [
      replace(POSTMORTEM, "title: Checkout errors after a release\n", "title: [Checkout errors after a release\n"),
    ],
    // The flow sequence opened on line 3, column 8 is never closed.
    expect: [{ file: POSTMORTEM, line: 3, column: 8, rule: "yaml-syntax", message: "the [ is never closed with a ]" }],
  },
  {
    name: "required file missing: the roster",
    edits: [{ file: PEOPLE, delete: true }],
    expect: [
      {
        file: PEOPLE,
        line: 0,
        column: 0,
        rule: "missing-file",
        message: "rotations/people.yaml is missing; the repository needs it.",
      },
    ],
  },
  {
    name: "required file missing: the schedule",
    edits: [{ file: SCHEDULE, delete: true }],
    expect: [
      {
        file: SCHEDULE,
        line: 0,
        column: 0,
        rule: "missing-file",
        message: "rotations/schedule.yaml is missing; the repository needs it.",
      },
    ],
  },
  {
    // Fails before issue 16 item 8: a syntax error at a meaningless line instead of "not a text file".
    name: "binary file with a .yaml name",
    edits: [{ file: INCIDENT, write: "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0001" }],
    expect: [
      {
        file: INCIDENT,
        line: 3,
        column: 1,
        rule: "not-text",
        message: "This is not a text file: it contains a NUL byte.",
      },
    ],
  },
];
