/**
 * Smoke test of benchmark 9 (`--only coldstart`): one round of every action's typical run and of the
 * floor of its kind against the fake GitHub. Not a timing assertion: every row must exist and be
 * measured, which means each bundled action exited 0, kept GitHub's contract, made exactly the calls
 * its e2e test expects and did its typical work, and each floor made the action's first request (the
 * benchmark fails a row otherwise). Needs the bundles (`npm run bundle`); build/ is rebuilt by the
 * global setup.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { benchColdStart, coldStartId, COLDSTART_ACTIONS, type ColdStartAction } from "./bench-coldstart.js";
import { repoPaths } from "./repo-paths.js";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe("benchmark 9: every other action's cold start against the floor of its kind", () => {
  it("measures one row per action, each run succeeding", { timeout: 180_000 }, async () => {
    const work = await mkdtemp(join(tmpdir(), "oncall-bench-coldstart-"));
    dirs.push(work);
    const paths = repoPaths();
    const dists = Object.fromEntries(
      COLDSTART_ACTIONS.map((a) => [a, join(paths.root, ".github", "actions", a, "dist")]),
    ) as Record<ColdStartAction, string>;
    const { rows, notes } = await benchColdStart({ paths, dists, work, reps: 1, log: () => {} });

    expect(rows.map((r) => r.id)).toEqual(COLDSTART_ACTIONS.map(coldStartId));
    expect(notes.filter((n) => n.includes("FAILED"))).toEqual([]);
    for (const row of rows) {
      expect(row.figure, row.what).toMatch(/^\d[\d.]* (ms|s)$/);
      expect(row.baseline, row.what).toMatch(/^\d[\d.]* (ms|s) \(floor/);
      expect(row.ratio).toMatch(/^\d[\d.]*x$/);
      expect(row.target).toBe("<= 2x floor");
      expect(typeof row.met).toBe("boolean");
    }
    // Each floor replayed its action's first request (validate's needs no token: none).
    expect(notes.find((n) => n.startsWith(`${coldStartId("slo")}:`))).toContain("floor request GET /search/issues?q=");
    expect(notes.find((n) => n.startsWith(`${coldStartId("validate")}:`))).toContain("floor request none");
  });
});
