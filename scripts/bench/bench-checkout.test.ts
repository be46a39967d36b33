/**
 * Benchmark 6's sparse checkout holds exactly what an incident event reads: the data files the
 * incident loader selects (scripts/github/incident-org.ts), the postmortems of this year and the last
 * (a draft written on resolution reads their review dates to book a meeting with room), the incident
 * action and the issue chooser's config, and no other incident record. Keeps the `sparse-checkout` patterns proposed
 * for the incident workflow (issue 10 item 12) in step with the loader.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { incidentOrgFile } from "../repo/incident-org.js";
import { benchCheckout, latestPostmortemYear } from "./bench-checkout.js";
import { commitAll } from "./git-repo.js";
import { TINY } from "./org-size.js";
import { writeSyntheticOrg } from "./synthetic-org.js";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function filesUnder(root: string, dir = root): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name === ".git") continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(root, path)));
    else out.push(relative(root, path));
  }
  return out.sort();
}

describe("benchmark 6: the incident job's sparse checkout", () => {
  it("checks out exactly what an incident event reads", async () => {
    const work = await mkdtemp(join(tmpdir(), "oncall-bench-checkout-"));
    dirs.push(work);
    const policyText = await readFile(new URL("../fixtures/minimal/incidents/policy.yaml", import.meta.url), "utf8");
    const org = await writeSyntheticOrg(join(work, "org"), TINY, { policyText });
    commitAll(org.dir, "synthetic organisation");
    const postmortem = org.files.find((f) => f.startsWith("postmortems/"))!;
    const issue = Number(/INC-(\d+)-/.exec(postmortem)?.[1]);
    const projectRoot = new URL("../../", import.meta.url).pathname;
    const { rows } = benchCheckout({ orgDir: org.dir, projectRoot, work, reps: 1, issue, log: () => undefined });
    expect(rows.map((r) => r.id)).toEqual(["6a", "6a'", "6b"]);

    const checkedOut = await filesUnder(join(work, "checkout-event-0"));
    const data = checkedOut.filter((f) => !f.startsWith(".github/"));
    const reads = incidentOrgFile(issue);
    const year = latestPostmortemYear(org.dir);
    const booked = new RegExp(`^postmortems/(${year - 1}|${year})/`);
    expect(data).toEqual(org.files.filter((f) => reads(f) || booked.test(f)));
    expect(data.some((f) => f.startsWith("incidents/") && f !== "incidents/policy.yaml")).toBe(false);
    expect(data).toContain(postmortem);
    expect(checkedOut).toContain(".github/actions/incident/action.yml");
    expect(checkedOut).toContain(".github/ISSUE_TEMPLATE/config.yml");
    expect(checkedOut.filter((f) => f.startsWith(".github/") && !f.startsWith(".github/actions/incident/"))).toEqual([
      ".github/ISSUE_TEMPLATE/config.yml",
    ]);
  });
});
