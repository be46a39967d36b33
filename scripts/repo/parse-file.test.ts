import { describe, expect, it } from "vitest";
import { parseRepoFile } from "./parse-file.js";

const person = (extra = "") => `people:
  - login: alice
    name: Alice
    timezone: America/New_York
    region: US-NY
    start: 2020-01-06
    team: platform${extra}
`;

describe("parseRepoFile", () => {
  it("accepts a valid roster", () => {
    const f = parseRepoFile("rotations/people.yaml", "people", person());
    expect(f.problems).toEqual([]);
    expect(f.valid).toBe(true);
  });

  it("points an unknown field at its key", () => {
    const f = parseRepoFile("rotations/people.yaml", "people", person("\n    shoe: 42"));
    expect(f.problems).toHaveLength(1);
    expect(f.problems[0]).toMatchObject({ line: 8, column: 5, rule: "schema", path: "/people/0/shoe" });
    expect(f.problems[0]!.message).toContain('Unknown field "shoe"');
  });

  it("points a missing required field at the entry", () => {
    const f = parseRepoFile("rotations/people.yaml", "people", person().replace("    team: platform\n", ""));
    expect(f.problems[0]).toMatchObject({ line: 2, column: 5, path: "/people/0" });
    expect(f.problems[0]!.message).toBe('Item 1 of "people" is missing the required field "team".');
  });

  it("explains a bad date and a bad type at the value", () => {
    const f = parseRepoFile(
      "rotations/people.yaml",
      "people",
      person().replace("2020-01-06", "2020-13-06").replace("name: Alice", "name: 7"),
    );
    const byPath = Object.fromEntries(f.problems.map((p) => [p.path, p]));
    expect(byPath["/people/0/start"]).toMatchObject({ line: 6, column: 12 });
    expect(byPath["/people/0/start"]!.message).toContain("must be a date written YYYY-MM-DD");
    expect(byPath["/people/0/name"]!.message).toBe('"name" must be text, not 7.');
  });

  it("reports YAML syntax errors with positions and no data", () => {
    const f = parseRepoFile("rotations/people.yaml", "people", 'people:\n  - login: "alice\n');
    expect(f.valid).toBe(false);
    expect(f.problems[0]).toMatchObject({ rule: "yaml-syntax", line: 2, column: 12 });
    expect(f.problems[0]!.message).toBe("YAML syntax error: the double quote opened here is never closed.");
    expect(f.problems[0]!.message).toMatch(/^YAML syntax error/);
  });

  it("reports duplicate keys", () => {
    const f = parseRepoFile("rotations/people.yaml", "people", "people: []\npeople: []\n");
    expect(f.problems[0]).toMatchObject({ rule: "yaml-syntax", line: 2, column: 1 });
    expect(f.problems[0]!.message).toContain("a key appears twice");
  });

  it("says an empty file is empty", () => {
    const f = parseRepoFile("rotations/people.yaml", "people", "# nothing here\n");
    expect(f.problems[0]!.message).toBe("The file is empty.");
  });

  it("offsets front matter lines in Markdown", () => {
    const md = "---\ntitle: Checkout\nservices: [checkout]\nowners: [alice]\nlastReviewed: 2026-02-30\n---\n# Body\n";
    const f = parseRepoFile("playbooks/checkout.md", "playbook", md);
    expect(f.problems).toHaveLength(1);
    expect(f.problems[0]).toMatchObject({ line: 5, column: 15, path: "/lastReviewed" });
    expect(f.bodyLine).toBe(7);
  });

  it("rejects Markdown without front matter", () => {
    const f = parseRepoFile("playbooks/checkout.md", "playbook", "# Checkout\n");
    expect(f.problems[0]).toMatchObject({ rule: "front-matter", line: 1, column: 1 });
  });

  it("explains a null where a login is required", () => {
    const text =
      "shifts:\n  - { layer: rot-a, start: 2026-01-05T11:00:00-05:00, end: 2026-01-12T11:00:00-05:00, login: 5 }\n";
    const f = parseRepoFile("rotations/schedule.yaml", "schedule", text);
    expect(f.problems).toHaveLength(1);
    expect(f.problems[0]!.message).toBe('"login" must be a GitHub login, or null for an unfilled shift; 5 is not.');
    expect(f.problems[0]).toMatchObject({ line: 2, column: 94 });
  });
});
