/**
 * The Markdown checks (links, anchors, placeholders) can be left out by actions that only read the
 * organisation (issue 13's checks made every action parse every playbook; benchmark 9 measured ~80 ms).
 * The default, what `oncall validate` runs, keeps them.
 */
import { afterAll, describe, expect, it } from "vitest";
import { loadRepository } from "./load-repository.js";
import { makeTestRepo, removeTestRepo } from "./test-repo.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await removeTestRepo(d);
});

describe("markdownRules", () => {
  it("reports a broken playbook link by default and skips the check when turned off", async () => {
    const dir = await makeTestRepo([
      { file: "playbooks/api-gateway.md", transform: (t) => `${t}\nSee [the runbook](./no-such-file.md).\n` },
    ]);
    dirs.push(dir);
    const linkProblems = (r: Awaited<ReturnType<typeof loadRepository>>) =>
      r.problems.filter((p) => p.file === "playbooks/api-gateway.md" && /no-such-file/.test(p.message));
    expect(linkProblems(await loadRepository(dir))).toHaveLength(1);
    expect(linkProblems(await loadRepository(dir, { markdownRules: false }))).toEqual([]);
  });
});
