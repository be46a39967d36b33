/**
 * Every action a workflow uses from outside this repository is pinned to a full commit SHA, with the
 * version it stands for in a comment (`uses: actions/checkout@<40 hex> # v4.3.1`): a tag can be moved
 * to other code by whoever controls the action's repository, a commit cannot, and Dependabot
 * (.github/dependabot.yml) updates SHA and comment together. Local actions (`./...`) are this
 * repository's own code and need no pin.
 * Fails before issue 10 item 11: every workflow used `actions/checkout@v4` and the Pages actions by tag.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { incidentEventPatterns } from "../bench/bench-checkout.js";

const WORKFLOWS = new URL("../../.github/workflows/", import.meta.url).pathname;
const USES = /^\s*(?:-\s+)?uses:\s*["']?([^\s"'#]+)["']?\s*(#.*)?$/;
const PINNED = /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/;
const VERSION_COMMENT = /^#\s*v\d+(\.\d+){0,2}\b/;

/** Each `uses:` of a workflow file that is not pinned as required, as `file:line: reference`. */
function unpinnedUses(file: string, text: string): string[] {
  const out: string[] = [];
  text.split("\n").forEach((line, i) => {
    const m = USES.exec(line);
    if (!m?.[1] || m[1].startsWith("./")) return;
    if (!PINNED.test(m[1]) || !VERSION_COMMENT.test(m[2] ?? "")) out.push(`${file}:${i + 1}: ${line.trim()}`);
  });
  return out;
}

describe("workflow pins", () => {
  it("pins every external action to a commit SHA with its version in a comment", () => {
    const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    const found = files.flatMap((f) => unpinnedUses(f, readFileSync(join(WORKFLOWS, f), "utf8")));
    expect(found).toEqual([]);
  });

  it("recognises pinned, tagged and local references", () => {
    const text = [
      "      - uses: actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5 # v4.3.1",
      "        uses: actions/deploy-pages@v4",
      "      - uses: ./.github/actions/incident",
      "      - uses: actions/upload-pages-artifact@56afc609e74202658d3ffba0e8f6dda462b719fa",
      "      - uses: 'actions/create-github-app-token@29824e69f54612133e76f7eaac726eef6c875baf' # v2.2.1",
    ].join("\n");
    expect(unpinnedUses("x.yml", text)).toEqual([
      "x.yml:2: uses: actions/deploy-pages@v4",
      "x.yml:4: - uses: actions/upload-pages-artifact@56afc609e74202658d3ffba0e8f6dda462b719fa",
    ]);
  });
});

/**
 * The incident job checks out only what an incident event reads, the set benchmark 6a measures
 * (`incidentEventPatterns`), so the job's setup does not grow with the number of records.
 * Fails before issue 10 item 12: the job checked out the whole repository.
 */
describe("incident job checkout", () => {
  it("is the sparse, blob-less set the benchmark measures", () => {
    const workflow = parse(readFileSync(join(WORKFLOWS, "incident.yml"), "utf8")) as {
      jobs: { incident: { steps: { uses?: string; with?: Record<string, unknown> }[] } };
    };
    const checkout = workflow.jobs.incident.steps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with?.["filter"]).toBe("blob:none");
    expect(checkout?.with?.["sparse-checkout-cone-mode"]).toBe(false);
    const patterns = String(checkout?.with?.["sparse-checkout"]).trim().split("\n");
    expect(patterns).toEqual(
      incidentEventPatterns(41, 2026).map((p) =>
        p
          .replace("INC-41-", "INC-${{ github.event.issue.number }}-")
          .replace("/postmortems/2025/", "/postmortems/${{ steps.years.outputs.last }}/")
          .replace("/postmortems/2026/", "/postmortems/${{ steps.years.outputs.this }}/"),
      ),
    );
  });
});

/**
 * Every job that writes (issues, contents, pull requests, checks) can act as a GitHub App: a pull
 * request or issue written with GITHUB_TOKEN starts no workflows, so with `validate` required a
 * publication or record pull request could never merge. Each such job creates an App token when its
 * variable is set and hands it to our action, falling back to GITHUB_TOKEN.
 * Fails before issue 16 item 13: the schedule, slo and slo-report workflows had no App token.
 */
describe("writing workflows", () => {
  type Step = { id?: string; uses?: string; with?: Record<string, unknown> };
  type Job = { permissions?: Record<string, string>; steps?: Step[] };
  const WRITES = ["issues", "contents", "pull-requests", "checks", "statuses"];

  it("take a GitHub App token with a fallback in every job that writes", () => {
    const missing: string[] = [];
    for (const file of readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f))) {
      const workflow = parse(readFileSync(join(WORKFLOWS, file), "utf8")) as {
        permissions?: Record<string, string>;
        jobs: Record<string, Job>;
      };
      for (const [name, job] of Object.entries(workflow.jobs)) {
        const permissions = { ...(workflow.permissions ?? {}), ...(job.permissions ?? {}) };
        if (!WRITES.some((p) => permissions[p] === "write")) continue;
        const steps = job.steps ?? [];
        const apps = steps.filter((s) => s.uses?.startsWith("actions/create-github-app-token@")).map((s) => s.id);
        const ours = steps.filter((s) => s.uses?.startsWith("./.github/actions/"));
        const handed = ours.every((s) =>
          apps.some(
            (id) => id && Object.values(s.with ?? {}).some((v) => String(v).includes(`steps.${id}.outputs.token`)),
          ),
        );
        if (apps.length === 0 || ours.length === 0 || !handed) missing.push(`${file} ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
