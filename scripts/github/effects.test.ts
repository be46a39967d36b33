import { describe, expect, it } from "vitest";
import { describeEffect, validateEffects, type Effect } from "./effects.js";
import { InvalidEffectError } from "./github-error.js";

describe("validateEffects", () => {
  it("accepts a plan whose createdBy references come after their create-issue", () => {
    expect(() =>
      validateEffects([
        { kind: "create-issue", key: "handoff-2024-05-06", title: "Handoff", body: "..." },
        { kind: "add-labels", issue: { createdBy: "handoff-2024-05-06" }, labels: ["handoff"] },
      ]),
    ).not.toThrow();
  });

  const bad: [string, Effect[]][] = [
    [
      "a forward reference",
      [
        { kind: "close-issue", issue: { createdBy: "later" } },
        { kind: "create-issue", key: "later", title: "t", body: "b" },
      ],
    ],
    [
      "a repeated create-issue key",
      [
        { kind: "create-issue", key: "k", title: "t", body: "b" },
        { kind: "create-issue", key: "k", title: "t", body: "b" },
      ],
    ],
    ["a non-positive issue number", [{ kind: "reopen-issue", issue: 0 }]],
    ["an absolute path", [{ kind: "commit-file", files: [{ path: "/etc/passwd", content: "" }], message: "m" }]],
    ["a path with ..", [{ kind: "commit-file", files: [{ path: "a/../b", content: "" }], message: "m" }]],
    [
      "the same path twice",
      [
        {
          kind: "commit-file",
          files: [
            { path: "a", content: "1" },
            { path: "a", content: "2" },
          ],
          message: "m",
        },
      ],
    ],
    ["no files", [{ kind: "commit-file", files: [], message: "m" }]],
    ["an unsafe comment key", [{ kind: "upsert-comment", issue: 1, key: "x -->", body: "b" }]],
  ];
  it.each(bad)("rejects %s", (_name, plan) => {
    expect(() => validateEffects(plan)).toThrow(InvalidEffectError);
  });
});

describe("describeEffect", () => {
  it("says what would happen in one line", () => {
    expect(describeEffect({ kind: "set-assignees", issue: 4, assignees: [] })).toBe("set assignees of #4 to nobody");
    expect(describeEffect({ kind: "upsert-comment", issue: { createdBy: "h" }, key: "summary", body: "" })).toBe(
      'write comment "summary" on the issue "h"',
    );
    expect(
      describeEffect({
        kind: "set-commit-status",
        sha: "0123456789abcdef",
        context: "oncall/trade",
        state: "success",
        description: "",
      }),
    ).toBe('set status "oncall/trade" of 0123456 to success');
    expect(
      describeEffect({
        kind: "commit-file",
        files: [{ path: "a", content: "" }],
        message: "m",
        pullRequest: { branch: "b", title: "t", body: "" },
      }),
    ).toBe("commit a to branch b and open or update its pull request");
  });
});
