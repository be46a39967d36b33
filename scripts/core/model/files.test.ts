/**
 * One owner for the repository layout (issue 11 item 5). Fails before that item: the rotation files
 * were listed in five places (revision.ts, load-for-command.ts, load-repository.ts, file-kinds.ts,
 * cli/trade.ts) and core spelt the schedule's path on its own.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { classify, FIXED_FILES, REQUIRED_FILES, ROTATION_FILES } from "./files.js";

const ROOT = join(import.meta.dirname, "..", "..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" || e.name === "fixtures" ? [] : sources(path);
    return e.name.endsWith(".ts") && !/(\.test|test-kit|test-repo)\.ts$/.test(e.name) ? [path] : [];
  });
}

/**
 * Left out: cross-rules.ts names the config file as the source of its findings; bench, e2e and the
 * bad-input cases build their own repositories.
 */
const NOT_YET = /^(bench|e2e)\/|^repo\/(cross-rules\.ts|bad-input-cases\/)/;

describe("the repository layout", () => {
  it("is spelt in core/model/files.ts only", () => {
    const literal = /["'](rotations\/(people|config|schedule|overrides)\.yaml|incidents\/policy\.yaml)["']/;
    const offenders = sources(ROOT)
      .map((p) => relative(ROOT, p).replace(/\\/g, "/"))
      .filter((p) => p !== "core/model/files.ts" && !NOT_YET.test(p))
      .filter((p) => literal.test(readFileSync(join(ROOT, p), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("classifies every fixed file by its path and lists the rotation files once", () => {
    for (const [kind, file] of Object.entries(FIXED_FILES)) expect(classify(file)).toEqual({ kind });
    expect(ROTATION_FILES.every((f) => f.startsWith("rotations/"))).toBe(true);
    expect(REQUIRED_FILES).toEqual([
      "rotations/people.yaml",
      "rotations/config.yaml",
      "rotations/schedule.yaml",
      "incidents/policy.yaml",
    ]);
  });
});
