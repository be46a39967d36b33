import { describe, expect, it, vi } from "vitest";
import {
  formatGithub,
  formatJson,
  formatText,
  githubAnnotations,
  problemJson,
  problemLine,
  summaryMarkdown,
} from "./problems-output.js";
import type { Problem } from "../core/model/index.js";

const problems: Problem[] = [
  {
    file: "rotations/people.yaml",
    line: 4,
    column: 7,
    message: 'Manager "zed" is not in rotations/people.yaml.',
    severity: "error",
    rule: "unknown-login",
    path: "/people/0/manager",
  },
  {
    file: "playbooks/a.md",
    line: 3,
    column: 15,
    message: "Last reviewed 2025-01-01, 400 days ago, a: b",
    severity: "warning",
    rule: "playbook-stale",
    path: "/lastReviewed",
  },
  {
    file: "rotations/people.yaml",
    line: 0,
    column: 0,
    message: "rotations/people.yaml is missing",
    severity: "error",
    rule: "missing-file",
    path: "",
  },
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
    expect(out[0]).toBe(
      '::error file=rotations/people.yaml,line=4,col=7,title=unknown-login::Manager "zed" is not in rotations/people.yaml.',
    );
    expect(out[1]).toBe(
      "::warning file=playbooks/a.md,line=3,col=15,title=playbook-stale::Last reviewed 2025-01-01, 400 days ago, a: b",
    );
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

describe("one formatter per output (issue 11 item 4)", () => {
  it("prints the annotations @actions/core prints, so actions and `validate --format github` agree", async () => {
    // Fails before the issue item 4: actions wrote annotations with core.error, the CLI with its own code.
    const core = await import("@actions/core");
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      for (const p of problems) {
        const props = { file: p.file, title: p.rule, ...(p.line > 0 && { startLine: p.line, startColumn: p.column }) };
        if (p.severity === "error") core.error(p.message, props);
        else core.warning(p.message, props);
      }
    } finally {
      spy.mockRestore();
    }
    const fields = (line: string) => {
      const [, kind, props, message] = /^::(\w+) ([^:]*)::(.*)$/.exec(line)!;
      return { kind, props: props!.split(",").sort(), message };
    };
    const ours = githubAnnotations(problems).trimEnd().split("\n").map(fields);
    expect(written.join("").trimEnd().split(/\r?\n/).map(fields)).toEqual(ours);
  });

  it("gives one JSON object per problem, with severity, wherever it is printed", () => {
    expect(problemJson(problems[0]!)).toEqual(problems[0]);
    expect(problemJson({ ...problems[0]!, path: undefined })).not.toHaveProperty("path");
    expect(problemLine(problems[1]!)).toBe(
      "playbooks/a.md:3:15: warning: Last reviewed 2025-01-01, 400 days ago, a: b [playbook-stale]",
    );
    expect(problemLine(problems[2]!, { severity: false })).toBe(
      "rotations/people.yaml: rotations/people.yaml is missing [missing-file]",
    );
  });
});
