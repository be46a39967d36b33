import { describe, expect, it } from "vitest";
import { formatGithub, formatJson, formatText, summaryMarkdown } from "./problems-output.js";
import type { Problem } from "./problem.js";

const problems: Problem[] = [
  { file: "rotations/people.yaml", line: 4, column: 7, message: 'Manager "zed" is not in rotations/people.yaml.', severity: "error", rule: "unknown-login", path: "/people/0/manager" },
  { file: "playbooks/a.md", line: 3, column: 15, message: "Last reviewed 2025-01-01, 400 days ago, a: b", severity: "warning", rule: "playbook-stale", path: "/lastReviewed" },
  { file: "rotations/people.yaml", line: 0, column: 0, message: "rotations/people.yaml is missing", severity: "error", rule: "missing-file", path: "" },
];

describe("problem output", () => {
  it("prints file:line:col, severity, message and rule, then a count", () => {
    expect(formatText(problems, 12)).toBe(
      'rotations/people.yaml:4:7: error: Manager "zed" is not in rotations/people.yaml. [unknown-login]\n' +
        "playbooks/a.md:3:15: warning: Last reviewed 2025-01-01, 400 days ago, a: b [playbook-stale]\n" +
        "rotations/people.yaml: error: rotations/people.yaml is missing [missing-file]\n" +
        "2 errors, 1 warning in 12 files checked.\n",
    );
    expect(formatText([], 1)).toBe("All 1 file are valid.\n");
  });

  it("writes workflow commands with escaped properties", () => {
    const out = formatGithub(problems, 12).split("\n");
    expect(out[0]).toBe('::error file=rotations/people.yaml,line=4,col=7,title=unknown-login::Manager "zed" is not in rotations/people.yaml.');
    expect(out[1]).toBe("::warning file=playbooks/a.md,line=3,col=15,title=playbook-stale::Last reviewed 2025-01-01, 400 days ago, a: b");
    expect(out[2]).toBe("::error file=rotations/people.yaml,title=missing-file::rotations/people.yaml is missing");
  });

  it("gives programs the counts and every problem", () => {
    const parsed = JSON.parse(formatJson(problems, 12));
    expect(parsed).toMatchObject({ ok: false, files: 12, errors: 2, warnings: 1 });
    expect(parsed.problems).toHaveLength(3);
  });

  it("renders a summary table with pipes escaped", () => {
    const md = summaryMarkdown([{ ...problems[0]!, message: "a | b" }], 3);
    expect(md).toContain("| error | `rotations/people.yaml:4:7` | a \\| b | unknown-login |");
  });
});
