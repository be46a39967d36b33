/**
 * The trade workflows as GitHub would read them (issue 10, items 3 and 4): who can make them run with
 * a writing token, what they check out and run, and how a token reaches git. Parsed from the files in
 * `.github/`, so a later edit that reopens a hole fails here. Also unit-checks the action's own fetch.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { credentialEnv, fetchInvocation } from "../repo/revision.js";
import { ROOT } from "./trade-kit.js";

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  permissions?: unknown;
  environment?: unknown;
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: unknown;
  jobs: Record<string, Job>;
}

const load = (file: string) => parse(readFileSync(join(ROOT, file), "utf8")) as Workflow;
const trade = load(".github/workflows/trade.yml");
const relay = load(".github/workflows/trade-review.yml");
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const runs = (w: Workflow) => steps(w).flatMap((s) => (s.run ? [s] : []));

describe("trade workflows", () => {
  it("item 3: consent is computed only by the default branch's workflow: pull_request_target and the relay's workflow_run", () => {
    // Fails before issue 10 item 3: trade.yml ran on pull_request and pull_request_review, i.e. the
    // workflow file as the pull request changed it, with statuses: write.
    expect(Object.keys(trade.on).sort()).toEqual(["pull_request_target", "workflow_run"]);
    expect(trade.on["workflow_run"]).toMatchObject({ workflows: [relay.name], types: ["completed"] });
    expect(Object.keys(relay.on)).toEqual(["pull_request_review"]);
    const [job] = Object.values(trade.jobs);
    expect(job!.if).toContain("github.event.workflow_run.event == 'pull_request_review'");
  });

  it("item 3: the review relay holds no permissions and does nothing: no action, no expression, no secret", () => {
    expect(relay.permissions).toEqual({});
    for (const job of Object.values(relay.jobs)) {
      expect(job.permissions === undefined || JSON.stringify(job.permissions) === "{}").toBe(true);
      for (const s of job.steps) {
        expect(s.uses).toBeUndefined();
        expect(JSON.stringify(s)).not.toContain("${{");
      }
    }
  });

  it("item 3: nothing from the head is checked out, installed or run", () => {
    const checkouts = steps(trade).filter((s) => s.uses?.startsWith("actions/checkout"));
    expect(checkouts).toHaveLength(1);
    expect(checkouts[0]!.with).toMatchObject({
      ref: "${{ github.event.pull_request.base.sha || github.sha }}",
      "persist-credentials": false,
    });
    expect(checkouts[0]!.with?.["repository"]).toBeUndefined();
    for (const s of runs(trade)) {
      expect(s.run).not.toMatch(
        /\b(?:npm|npx|yarn|pnpm|node|make|bash|sh|source|python3?)\b|\.\/|git\s+(?:checkout|switch|worktree|reset|merge|rebase|submodule)\b/,
      );
    }
    // Every action is the bundled one from the checked-out base, or an outside action with a fixed input set.
    const actions = steps(trade).flatMap((s) => (s.uses ? [s.uses.replace(/@.*/, "")] : []));
    expect(actions).toEqual(["actions/create-github-app-token", "actions/checkout", "./.github/actions/trade"]);
  });

  it("item 3: the App token comes from an environment and reaches the action with its slug", () => {
    const [job] = Object.values(trade.jobs);
    expect(job!.environment).toBe("oncall-consent");
    const app = job!.steps.find((s) => s.uses?.startsWith("actions/create-github-app-token"))!;
    expect(app.if).toBe("vars.ONCALL_CONSENT_APP_ID != ''");
    expect(app.with).toMatchObject({
      "private-key": "${{ secrets.ONCALL_CONSENT_APP_KEY }}",
      "permission-checks": "write",
      "permission-contents": "read",
    });
    const action = job!.steps.find((s) => s.uses === "./.github/actions/trade")!;
    expect(action.with).toMatchObject({
      "app-token": "${{ steps.app.outputs.token }}",
      "app-slug": "${{ steps.app.outputs.app-slug }}",
    });
    const inputs = (
      parse(readFileSync(join(ROOT, ".github/actions/trade/action.yml"), "utf8")) as { inputs: Record<string, unknown> }
    ).inputs;
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(["github-token", "app-token", "app-slug"]));
  });

  it("item 4: no token on a command line: git gets the credential through GIT_CONFIG_* in its environment", () => {
    // Fails before issue 10 item 4: the fetch ran `git -c "http.extraheader=AUTHORIZATION: basic ..."`.
    const fetches = runs(trade).filter((s) => /\bgit\b/.test(s.run!));
    expect(fetches).toHaveLength(1);
    for (const s of runs(trade)) {
      expect(s.run).not.toMatch(/\bgit\b[^\n]*\s-c\s/);
      expect(s.run).not.toMatch(/\$\{\{[^}]*(?:token|secret)/i);
      expect(s.run).not.toMatch(/extraheader=/i);
    }
    const run = fetches[0]!.run!;
    expect(run).toMatch(
      /export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=http\.extraheader GIT_CONFIG_VALUE_0="AUTHORIZATION: basic \$\{auth\}"/,
    );
    expect(run).toContain("::add-mask::");
    expect(fetches[0]!.env?.["TOKEN"]).toBe("${{ github.token }}");
  });

  it("item 4: the action's own fetch of reviewed commits keeps the token out of git's arguments", () => {
    const token = "ghs_secretvalue123";
    const { args, env } = fetchInvocation("origin", ["a".repeat(40)], token);
    expect(args.join(" ")).not.toContain(token);
    expect(args).not.toContain("-c");
    expect(env).toEqual(credentialEnv(token));
    expect(Buffer.from(env["GIT_CONFIG_VALUE_0"]!.replace("AUTHORIZATION: basic ", ""), "base64").toString()).toBe(
      `x-access-token:${token}`,
    );
    expect(fetchInvocation("origin", ["b".repeat(40)]).env).toEqual({});
  });

  it("CODEOWNERS covers the workflows and the rotation data", () => {
    const owners = readFileSync(join(ROOT, ".github/CODEOWNERS"), "utf8")
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith("#"))
      .map((l) => l.split(/\s+/)[0]);
    expect(owners).toEqual(expect.arrayContaining(["/.github/", "/rotations/"]));
  });
});
