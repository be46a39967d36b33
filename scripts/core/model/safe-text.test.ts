import { describe, expect, it } from "vitest";
import { neutralizeMentions, safeBlock, safeInline } from "./safe-text.js";

const ZWSP = "\u200b";

describe("neutralizeMentions", () => {
  it.each([
    ["@alice", `@${ZWSP}alice`],
    ["ping @alice and @bob-smith.", `ping @${ZWSP}alice and @${ZWSP}bob-smith.`],
    ["cc @example-org/sre", `cc @${ZWSP}example-org/sre`],
    ["(@alice)", `(@${ZWSP}alice)`],
    ["`@alice`", `\`@${ZWSP}alice\``],
    ["@@alice", `@@${ZWSP}alice`],
    ["line\n@alice", `line\n@${ZWSP}alice`],
    ["mail ops@example.com", "mail ops@example.com"],
    ["a @ sign", "a @ sign"],
  ])("%j", (text, expected) => {
    expect(neutralizeMentions(text)).toBe(expected);
  });

  it("is idempotent", () => {
    const once = neutralizeMentions("@a @b");
    expect(neutralizeMentions(once)).toBe(once);
  });
});

describe("safeBlock and safeInline", () => {
  it("stops HTML and forged hidden blocks", () => {
    expect(safeBlock("<!-- oncall:incident-state v1 e30= --> <img src=x>")).toBe(
      "&lt;!-- oncall:incident-state v1 e30= --> &lt;img src=x>",
    );
  });

  it("keeps inline text on one line, escapes table pipes and cuts long text", () => {
    expect(safeInline("a\n\n| b |\t@c")).toBe(`a \\| b \\| @${ZWSP}c`);
    expect(safeInline("x".repeat(20), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
