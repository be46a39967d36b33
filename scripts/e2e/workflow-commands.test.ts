import { describe, expect, it } from "vitest";
import { parseKeyValueFile, parseWorkflowCommands } from "./workflow-commands.js";

describe("parseWorkflowCommands", () => {
  it("reads annotations with their location, unescaping messages and properties", () => {
    const stdout = [
      "plain log line",
      "::error file=rotations/people.yaml,line=3,col=5,title=Unknown person::bob is not in people.yaml%0Asecond line",
      "::warning file=a%2Cb.yaml,endLine=9::50%25 done",
      "::notice::just so you know",
      "::debug::details",
      "::add-mask::secret",
      "::group::Applying effects",
      "::endgroup::",
    ].join("\n");
    const parsed = parseWorkflowCommands(stdout);
    expect(parsed.annotations).toEqual([
      {
        level: "error",
        message: "bob is not in people.yaml\nsecond line",
        file: "rotations/people.yaml",
        line: 3,
        col: 5,
        title: "Unknown person",
      },
      { level: "warning", message: "50% done", file: "a,b.yaml", endLine: 9 },
      { level: "notice", message: "just so you know" },
    ]);
    expect(parsed).toMatchObject({ debug: ["details"], masks: ["secret"], groups: ["Applying effects"] });
  });
});

describe("parseKeyValueFile", () => {
  it("reads both the simple and the heredoc form, the later value winning", () => {
    const text = ["a=1", "b<<ghadelimiter_123", "line 1", "", "line=3", "ghadelimiter_123", "a=2", ""].join("\n");
    expect(parseKeyValueFile(text)).toEqual({ a: "2", b: "line 1\n\nline=3" });
  });
  it("refuses an unterminated heredoc", () => {
    expect(() => parseKeyValueFile("x<<EOF\nvalue\n")).toThrow(/closing delimiter EOF/);
  });
});
