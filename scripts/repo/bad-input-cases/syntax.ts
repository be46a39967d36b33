/** YAML syntax and whole-document problems. */
import { CONFIG, OVERRIDES, PEOPLE, POLICY, SCHEDULE, replace, type BadInputCase } from "./types.js";

const SHIFT3_END = "login: bob, round: 0 }";

export const syntaxCases: BadInputCase[] = [
  {
    name: "unclosed double quote",
    edits: [replace(PEOPLE, "    name: Alice Archer", '    name: "Alice Archer')],
    // The quote opens on line 12, column 11; that is where the mistake is.
    expect: [
      {
        file: PEOPLE,
        line: 12,
        column: 11,
        rule: "yaml-syntax",
        message: "the double quote opened here is never closed",
      },
    ],
  },
  {
    name: "unclosed flow mapping",
    edits: [replace(SCHEDULE, SHIFT3_END, "login: bob, round: 0")],
    // The `{` that is never closed is on line 5, column 5.
    expect: [{ file: SCHEDULE, line: 5, column: 5, rule: "yaml-syntax", message: "the { is never closed with a }" }],
  },
  {
    name: "nested flow mappings never closed",
    edits: [replace(SCHEDULE, SHIFT3_END, "login: { name: bob, round: 0")],
    // One mistake (two braces left open on line 5), one problem where the outer { opens.
    expect: [{ file: SCHEDULE, line: 5, column: 5, rule: "yaml-syntax", message: "the { is never closed with a }" }],
  },
  {
    name: "tab indenting a top-level key",
    edits: [replace(CONFIG, "seed: 42", "\tseed: 42")],
    expect: [
      {
        file: CONFIG,
        line: 3,
        column: 1,
        rule: "yaml-syntax",
        message: "Tabs are not allowed as indentation (YAML indentation must use spaces, not tabs)",
      },
    ],
  },
  {
    name: "tab indenting a nested key",
    edits: [replace(CONFIG, "    group: eastern", "\tgroup: eastern")],
    expect: [
      { file: CONFIG, line: 12, column: 1, rule: "yaml-syntax", message: "Tabs are not allowed as indentation" },
    ],
  },
  {
    name: "key indented deeper than its siblings",
    edits: [replace(CONFIG, "  shiftDays: 2", "   shiftDays: 2")],
    expect: [
      {
        file: CONFIG,
        line: 20,
        column: 1,
        rule: "yaml-syntax",
        message: "All mapping items must start at the same column (check the indentation)",
      },
    ],
  },
  {
    name: "key of a list item indented one space less",
    edits: [replace(PEOPLE, "    team: payments\n\n  - login: lena", "   team: payments\n\n  - login: lena")],
    expect: [
      {
        file: PEOPLE,
        line: 25,
        column: 1,
        rule: "yaml-syntax",
        message: "Sequence item without - indicator",
        excludes: "quote",
      },
    ],
  },
  {
    name: "key indented one space more than the key above",
    edits: [
      replace(
        PEOPLE,
        "    timezone: America/New_York\n    region: US-NY\n    start: 2020-03-02",
        "     timezone: America/New_York\n    region: US-NY\n    start: 2020-03-02",
      ),
    ],
    // A person looks for the over-indented line 13 and a word about indentation.
    expect: [
      { file: PEOPLE, line: 13, column: 1, rule: "yaml-syntax", message: "indented more than the key above it" },
    ],
  },
  {
    name: "duplicate key",
    edits: [replace(PEOPLE, "    name: Alice Archer\n", "    name: Alice Archer\n    name: Alice Again\n")],
    expect: [
      {
        file: PEOPLE,
        line: 13,
        column: 5,
        rule: "yaml-syntax",
        message: "Map keys must be unique (a key appears twice in the same mapping)",
      },
    ],
  },
  {
    name: "duplicate key with CRLF line endings",
    edits: [
      replace(PEOPLE, "    name: Alice Archer\n", "    name: Alice Archer\n    name: Alice Again\n"),
      { file: PEOPLE, transform: (t) => t.replace(/\n/g, "\r\n") },
    ],
    expect: [
      { file: PEOPLE, line: 13, column: 5, rule: "yaml-syntax", message: "a key appears twice in the same mapping" },
    ],
  },
  {
    name: "key without a colon",
    edits: [replace(PEOPLE, "    team: payments\n\n  - login: lena", "    team payments\n\n  - login: lena")],
    expect: [
      {
        file: PEOPLE,
        line: 25,
        column: 5,
        rule: "yaml-syntax",
        message: "Implicit map keys need to be followed by map values",
        excludes: "quote",
      },
    ],
  },
  {
    name: "a second YAML document in one file",
    edits: [{ file: PEOPLE, transform: (t) => `${t}---\npeople: []\n` }],
    expect: [
      {
        file: PEOPLE,
        line: 50,
        column: 1,
        rule: "yaml-syntax",
        message: "more than one YAML document",
        excludes: "parseAllDocuments",
      },
    ],
  },
  {
    name: "alias expansion bomb",
    edits: [
      {
        file: OVERRIDES,
        write:
          "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
      },
    ],
    expect: [
      {
        file: OVERRIDES,
        line: 1,
        column: 1,
        rule: "yaml-syntax",
        message: "YAML could not be read: Excessive alias count",
      },
    ],
  },
  {
    name: "empty file",
    edits: [{ file: OVERRIDES, write: "" }],
    expect: [{ file: OVERRIDES, line: 1, column: 1, rule: "schema", message: "The file is empty." }],
  },
  {
    name: "file with only comments",
    edits: [{ file: POLICY, write: "# Severity levels and the service catalogue.\n\n# (to be written)\n" }],
    expect: [{ file: POLICY, line: 1, column: 1, rule: "schema", message: "The file is empty." }],
  },
  {
    name: "a list where the document must be a mapping",
    edits: [{ file: PEOPLE, write: "- alice\n- bob\n" }],
    expect: [
      {
        file: PEOPLE,
        line: 1,
        column: 1,
        rule: "schema",
        message: "The document must be a mapping of fields, not a list.",
      },
    ],
  },
  {
    name: "a required list left empty (null)",
    edits: [{ file: OVERRIDES, write: "# Partial shifts taken by someone else.\noverrides:\n" }],
    expect: [
      { file: OVERRIDES, line: 2, column: 11, rule: "schema", message: '"overrides" must be a list, not null.' },
    ],
  },
];
