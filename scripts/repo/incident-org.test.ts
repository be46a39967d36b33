import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { afterAll, describe, expect, it } from "vitest";
import { incidentOrgFile, loadIncidentOrg } from "./incident-org.js";
import { fixtureDir } from "./test-repo.js";

// The example organisation's test copy, not the repository root (a team's own data replaces that).
const root = fixtureDir("example");
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe("incidentOrgFile", () => {
  const paths = [
    "incidents/2026/INC-57.yaml",
    "incidents/2026/INC-63.yaml",
    "incidents/policy.yaml",
    "playbooks/auth-login-failures.md",
    "postmortems/2026/INC-57-card-payments-declined.md",
    "postmortems/2026/INC-570-other.md",
    "postmortems/2026/INC-63-sign-in-key-rotation.md",
    "rotations/config.yaml",
    "rotations/people.yaml",
    "rotations/schedule.yaml",
  ];

  it("keeps the rotation folder, the policy, the playbooks and this incident's postmortem only", () => {
    expect(paths.filter(incidentOrgFile(57))).toEqual([
      "incidents/policy.yaml",
      "playbooks/auth-login-failures.md",
      "postmortems/2026/INC-57-card-payments-declined.md",
      "rotations/config.yaml",
      "rotations/people.yaml",
      "rotations/schedule.yaml",
    ]);
    expect(paths.filter(incidentOrgFile(5)).filter((p) => p.startsWith("postmortems/"))).toEqual([]);
  });
});

describe("loadIncidentOrg", () => {
  it("does not read other incidents' records or postmortems, so their problems cannot slow or stop an event", async () => {
    const dir = await mkdtemp(join(tmpdir(), "oncall-incident-org-"));
    dirs.push(dir);
    for (const d of ["rotations", "incidents", "postmortems", "playbooks"])
      await cp(join(root, d), join(dir, d), { recursive: true });
    await writeFile(join(dir, "incidents/2026/INC-41.yaml"), "id: INC-41\nstatus: [unclosed\n");
    await writeFile(
      join(dir, "postmortems/2026/INC-63-sign-in-key-rotation.md"),
      "---\nincident: [broken\n---\n# text\n",
    );
    const org = await loadIncidentOrg(dir, DateTime.fromISO("2026-12-02T15:00:00Z", { zone: "UTC" }), 57);
    expect(org.problems).toEqual([]);
    expect(org.postmortemFor(57)).toBe("postmortems/2026/INC-57-card-payments-declined.md");
    expect(org.playbooks.length).toBeGreaterThan(0);
    expect(org.oncallAt(DateTime.fromISO("2026-12-02T15:00:00Z", { zone: "UTC" })).map((e) => e.login)).toEqual([
      "dwashington",
      "kbarrett",
    ]);

    // The incident whose postmortem is broken does see it.
    const own = await loadIncidentOrg(dir, DateTime.fromISO("2026-12-02T15:00:00Z", { zone: "UTC" }), 63);
    expect(own.problems.join("\n")).toContain("postmortems/2026/INC-63-sign-in-key-rotation.md:2");
  });
});
