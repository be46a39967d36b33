/**
 * Smoke test of the benchmark's synthetic organisation: at a tiny size it must load with zero errors,
 * so a failing `npm run bench` validation points at the product, not at the generator.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadRepository } from "../repo/load-repository.js";
import { TINY } from "./org-size.js";
import { writeSyntheticOrg } from "./synthetic-org.js";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe("synthetic organisation", () => {
  it("validates with zero errors at a tiny size", async () => {
    const dir = await mkdtemp(join(tmpdir(), "oncall-bench-test-"));
    dirs.push(dir);
    const policyText = await readFile(new URL("../fixtures/example/incidents/policy.yaml", import.meta.url), "utf8");
    const org = await writeSyntheticOrg(dir, TINY, { policyText });
    expect(org.files.filter((f) => f.startsWith("incidents/") && f !== "incidents/policy.yaml")).toHaveLength(
      TINY.incidents,
    );
    expect(org.files.filter((f) => f.startsWith("postmortems/"))).toHaveLength(TINY.postmortems);
    expect(org.files.filter((f) => f.startsWith("playbooks/"))).toHaveLength(TINY.playbooks);
    const result = await loadRepository(dir);
    const errors = result.problems.filter((p) => p.severity === "error");
    expect(errors.map((e) => `${e.file}:${e.line}: ${e.message} [${e.rule}]`)).toEqual([]);
    expect(result.org.incidents).toHaveLength(TINY.incidents);
    expect(result.org.shifts.length).toBe(org.shifts);
  });
});
