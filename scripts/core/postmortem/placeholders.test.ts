// Fails before issue 13 item 3: placeholders were not marked nor found.
import { describe, expect, it } from "vitest";
import { findPlaceholders, placeholder } from "./placeholders.js";

describe("findPlaceholders (issue 13 item 3)", () => {
  it("finds block and inline markers with their line and column", () => {
    const body = [
      "# INC-7: Outage", // 1
      "", // 2
      "<!-- TODO: what happened -->", // 3
      "", // 4
      "Impact was large <!-- TODO how large? --> indeed.", // 5
      "", // 6
      "<!-- a comment that is not a placeholder -->", // 7
      "", // 8
      "<!--", // 9
      "  TODO: spread over", // 10
      "  lines -->", // 11
    ].join("\n");
    expect(findPlaceholders(body)).toEqual([
      { line: 3, column: 1, text: "what happened" },
      { line: 5, column: 18, text: "how large?" },
      { line: 9, column: 1, text: "spread over lines" },
    ]);
  });

  it("ignores markers inside code", () => {
    const body = "```html\n<!-- TODO: example -->\n```\n\n`<!-- TODO: inline code -->`\n";
    expect(findPlaceholders(body)).toEqual([]);
  });

  it("finds what placeholder() writes, even with dashes in the text", () => {
    const body = `Text\n\n${placeholder("a -- b")}\n`;
    expect(findPlaceholders(body)).toEqual([{ line: 3, column: 1, text: "a - - b" }]);
  });
});
