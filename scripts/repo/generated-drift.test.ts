import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";

describe("generated validators and types", () => {
  it("match schemas/ (run `npm run generate` after editing a schema)", () => {
    // --check regenerates in memory and exits 1 listing the stale files.
    const run = () =>
      execFileSync(process.execPath, ["scripts/build/generate.mjs", "--check"], { encoding: "utf8", stdio: "pipe" });
    expect(run).not.toThrow();
  });
});
