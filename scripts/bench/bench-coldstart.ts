/**
 * Benchmark 9, the cold start of every bundled action besides incident (benchmark 5): process start to
 * exit of `node <copy of .github/actions/<name>/dist>/index.mjs` with the runner's environment, on one
 * typical run of that action against the fake GitHub (in this process, OpenAPI-validated), interleaved
 * with the floor of its own kind: build/action-floor.mjs (action-floor.ts) with the same runner
 * context, the same GitHub client and the one request the action's run started with in the same round
 * (for validate, which needs no token: the runner context only). Target: at most twice the floor.
 *
 * Every round starts a fresh fake (the OpenAPI description and its validators are loaded once per
 * process, so this costs a few milliseconds, untimed) and seeds it as the action's e2e test does, so
 * each round does the same work. A run that exits non-zero, reports an error, breaks GitHub's contract,
 * makes other calls than expected or does not do its typical work fails the benchmark instead of being
 * timed. Fixtures: scripts/fixtures/example (the organisation of the e2e tests) and /minimal.
 */
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { stringify } from "yaml";
import { buildEvent, type BuiltEvent } from "../e2e/event-payloads.js";
import { startFakeGitHub, formatViolations, type FakeGitHub } from "../e2e/fake-github/index.js";
import { callNames, seedPeople } from "../e2e/incident-kit.js";
import { cleanTradeWorkspaces, git, openTradePr, pullTargetEvent, SCHEDULE, swap } from "../e2e/trade-kit.js";
import { runnerEnvironment } from "../e2e/action-runner.js";
import { parseKeyValueFile, parseWorkflowCommands } from "../e2e/workflow-commands.js";
import { resetFiles, runnerFiles, spawnTimed, type RunnerFilePaths, type TimedRun } from "./bench-incident.js";
import { duration, ratio, type Row } from "./figures-table.js";
import { inclusiveTimes, summarizeProfiles } from "./cpu-profile.js";
import { median } from "./measure.js";
import type { RepoPaths } from "./repo-paths.js";

/** The actions timed here, in table order (incident has its own rows, 5a to 5c). */
export const COLDSTART_ACTIONS = [
  "handoff",
  "postmortem",
  "schedule",
  "slo",
  "slo-watch",
  "slo-report",
  "trade",
  "validate",
] as const;
export type ColdStartAction = (typeof COLDSTART_ACTIONS)[number];

export interface ColdStartBenchInput {
  paths: RepoPaths;
  /** Copies of `.github/actions/<name>/dist` to time (taken at the start of the run), by action. */
  dists: Record<ColdStartAction, string>;
  work: string;
  /** Timed rounds after one warm-up round. */
  reps: number;
  /**
   * When set, after the timed rounds: per action, 3 runs that stop right after loading the bundle (no
   * GITHUB_REPOSITORY, a missing repo folder: the first check fails) for a load-versus-run split, and one
   * run under `node --cpu-prof` (profiles written under this folder) for its top functions by self time.
   */
  profileDir?: string;
  /** Only these actions (default all). */
  actions?: readonly ColdStartAction[];
  log: (line: string) => void;
}

/** One prepared run: the event, the inputs, where it runs and how to tell it did its typical work. */
interface Prepared {
  event: BuiltEvent;
  inputs: Record<string, string>;
  workspace: string;
  /** The instant the fake's clock reads during the run. */
  at: string;
  /** A reason when the run did not do its typical work (outputs from GITHUB_OUTPUT, the fake after it). */
  check: (outputs: Record<string, string>, stdout: string) => string | undefined;
}

interface Scenario {
  action: ColdStartAction;
  /** The typical run, for the table. */
  label: string;
  /** The calls it makes, in order, as its e2e test sees them (`METHOD operationId`). */
  expected: readonly string[];
  /** Untimed, once: workspaces and other files. */
  setup: (dir: string) => Promise<void>;
  /** Untimed, every round: seeds the fresh fake and returns the run. */
  prepare: (fake: FakeGitHub, dir: string) => Promise<Prepared>;
  /** Needs no token and makes no call: the floor is the runner context only. */
  tokenless?: boolean;
}

const DATA = ["rotations", "incidents", "postmortems", "playbooks"];
const BOT = "github-actions[bot]";

/** Copies the example organisation's data folders (the e2e fixture) to `dir`; returns their files. */
async function exampleCopy(root: string, dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const d of DATA) {
    await cp(join(root, "scripts/fixtures/example", d), join(dir, d), { recursive: true });
    for (const path of await listFiles(join(dir, d))) files[relative(dir, path).split("\\").join("/")] = "";
  }
  for (const path of Object.keys(files)) files[path] = await readFile(join(dir, path), "utf8");
  return files;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out;
}

const expectOutput = (outputs: Record<string, string>, name: string, want: string | RegExp): string | undefined =>
  (typeof want === "string" ? outputs[name] === want : want.test(outputs[name] ?? ""))
    ? undefined
    : `output ${name} is ${JSON.stringify(outputs[name])}, expected ${String(want)}`;

/** The scenarios: each the typical run of its action's e2e test, on the test's fixture. */
function scenarios(root: string): Scenario[] {
  return [
    {
      action: "handoff",
      label: "scheduled run posting one handoff reminder (handoff.e2e)",
      expected: ["GET issues/list-for-repo", "GET issues/list-for-repo", "POST issues/create"],
      setup: async (dir) => void (await exampleCopy(root, dir)),
      prepare: async (fake, dir) => {
        for (const login of ["dwashington", "jrivera", "lschneider", "kbarrett"])
          fake.seed.user(login, { permission: "write" });
        // The previous handoffs of both layers are done, so the run posts only rot-a's reminder.
        for (const key of ["handoff/rot.a/20261130T1600Z", "handoff/rot.b/20261202T1600Z"])
          fake.seed.issue({
            title: `earlier handoff ${key}`,
            body:
              ["Earlier.", `<!-- oncall:${key}/upcoming -->`, `<!-- oncall:${key}/at-handoff -->`].join("\n\n") +
              `\n\n<!-- oncall:${key} -->`,
            user: BOT,
            labels: ["handoff"],
          });
        const at = "2026-12-06T16:17:00Z";
        return {
          at,
          workspace: dir,
          event: buildEvent("schedule", { schedule: "17 */2 * * *" }),
          inputs: { "github-token": fake.token, at },
          check: (outputs) => expectOutput(outputs, "phases", "1"),
        };
      },
    },
    {
      action: "postmortem",
      label: "daily run: overdue draft reminded, playbook review opened (postmortem-daily.e2e)",
      expected: [
        "GET issues/list-comments",
        "GET issues/list-for-repo",
        "GET issues/list-labels-for-repo",
        "POST issues/create-label",
        "POST issues/create-comment",
        "POST issues/create-comment",
        "GET issues/list-for-repo",
        "POST issues/create",
      ],
      setup: async (dir) => {
        await exampleCopy(root, dir);
        await rm(join(dir, "postmortems/2026"), { recursive: true, force: true });
        await mkdir(join(dir, "postmortems/2026"), { recursive: true });
        const record = {
          id: "INC-1",
          issue: 1,
          title: "[Incident] Sign-in is down",
          status: "resolved",
          severity: "P1",
          services: ["auth"],
          production: true,
          summary: "Sign-in failed for everyone for 40 minutes after a bad deploy.",
          reportedBy: "dwashington",
          reportedAt: "2026-11-27T10:00:00Z",
          resolvedAt: "2026-11-27T12:00:00Z",
          roles: { commander: "dwashington", comms: "kbarrett" },
          oncall: ["dwashington", "kbarrett"],
          responders: ["marcus-bell"],
          timeline: [],
          followups: [],
        };
        await writeFile(join(dir, "incidents/2026/INC-1.yaml"), stringify(record));
        const front = {
          incident: "INC-1",
          title: "Sign-in is down",
          severity: "P1",
          status: "draft",
          authors: ["dwashington", "kbarrett"],
          due: "2026-12-01",
        };
        await writeFile(
          join(dir, "postmortems/2026/INC-1-sign-in-is-down.md"),
          `---\n${stringify(front)}---\n\n# INC-1\n\n## Summary\n\n<!-- TODO: summary -->\n`,
        );
      },
      prepare: async (fake, dir) => {
        seedPeople(fake);
        fake.seed.issue({ title: "[Incident] Sign-in is down", labels: ["incident"], state: "closed" });
        const at = "2026-12-02T06:41:00Z";
        return {
          at,
          workspace: dir,
          event: buildEvent("schedule", { schedule: "41 6 * * *" }),
          inputs: { "github-token": fake.token, at },
          check: (outputs) => expectOutput(outputs, "reminded", "1") ?? expectOutput(outputs, "write-back", ""),
        };
      },
    },
    (() => {
      let files: Record<string, string> = {};
      return {
        action: "schedule",
        label: "daily run, nothing to publish: calendar feeds and site written (schedule.e2e)",
        expected: ["GET pulls/list", "GET repos/list-commits"],
        setup: async (dir: string) => {
          files = await exampleCopy(root, join(dir, "workspace"));
        },
        prepare: async (fake: FakeGitHub, dir: string) => {
          fake.seed.files(files, { message: "Example organisation" });
          const calendars = join(dir, "calendars");
          await rm(calendars, { recursive: true, force: true });
          const at = "2026-11-23T15:00:00Z";
          return {
            at,
            workspace: join(dir, "workspace"),
            event: buildEvent("schedule", { apiUrl: fake.url, sender: "dana-whitfield" }),
            inputs: {
              "github-token": fake.token,
              at,
              "calendars-dir": calendars,
              "calendars-url": "https://acme.github.io/oncall/",
            },
            check: (outputs: Record<string, string>, stdout: string) =>
              stdout.includes("Nothing to publish")
                ? expectOutput(outputs, "calendars-dir", calendars)
                : "did not say Nothing to publish",
          };
        },
      } satisfies Scenario;
    })(),
    {
      action: "slo",
      label: "sweep warning one open incident (slo.e2e)",
      expected: [
        "GET search/issues-and-pull-requests",
        "GET issues/list-labels-for-repo",
        "POST issues/create-label",
        "GET issues/list-comments",
        "POST issues/create-comment",
        "POST issues/add-labels",
      ],
      setup: async (dir) => void (await exampleCopy(root, dir)),
      prepare: async (fake, dir) => {
        const n = fake.seed.issue({
          title: "[Incident] Checkout declines every card",
          body: "### What is broken?\n\nCheckout.",
          user: "tobias-wren",
          labels: ["incident", "severity:P2", "status:investigating"],
          assignees: ["dwashington", "kbarrett"],
          createdAt: "2026-12-02T15:00:00Z",
        }).number;
        const at = "2026-12-02T15:06:00Z";
        return {
          at,
          workspace: dir,
          event: buildEvent("schedule", { schedule: "*/5 * * * *" }),
          inputs: { "github-token": fake.token, at },
          check: (outputs) => expectOutput(outputs, "warned", String(n)),
        };
      },
    },
    {
      action: "slo-watch",
      label: "watch on issues.opened, deadline past its longest wait: hands off (slo-watch.e2e)",
      expected: ["GET issues/get"],
      setup: async (dir) => {
        await cp(join(root, "scripts/fixtures/minimal"), dir, { recursive: true });
      },
      prepare: async (fake, dir) => {
        const createdAt = "2026-01-10T03:00:00Z";
        const labels = ["incident", "severity:P2", "status:investigating"];
        const assignees = ["alice", "lena"];
        const n = fake.seed.issue({
          title: "[Incident] Checkout declines every card",
          body: "### What is broken?\n\nCheckout.",
          user: "bob",
          labels,
          assignees,
          createdAt,
        }).number;
        const at = "2026-01-10T03:00:20Z";
        return {
          at,
          workspace: dir,
          event: buildEvent("issues.opened", {
            sender: "bob",
            issue: { number: n, labels, assignees, created_at: createdAt, state: "open" },
          }),
          inputs: { "github-token": fake.token, at },
          check: (outputs) => expectOutput(outputs, "ended", "handed-off"),
        };
      },
    },
    {
      action: "slo-report",
      label: "monthly report issue for October 2026 (slo.e2e)",
      expected: [
        "GET issues/list-labels-for-repo",
        "POST issues/create-label",
        "GET issues/list-for-repo",
        "POST issues/create",
      ],
      setup: async (dir) => void (await exampleCopy(root, dir)),
      prepare: async (fake, dir) => {
        const at = "2026-11-01T07:17:00Z";
        return {
          at,
          workspace: dir,
          event: buildEvent("schedule", { schedule: "17 7 1 * *" }),
          inputs: { "github-token": fake.token, at },
          check: (outputs) => expectOutput(outputs, "month", "2026-10") ?? expectOutput(outputs, "issue", /^\d+$/),
        };
      },
    },
    {
      action: "trade",
      label: "pull_request_target opened: a swap waiting for the other person (trade-consent.e2e)",
      expected: [
        "GET pulls/list-reviews",
        "GET issues/list-comments",
        "POST issues/create-comment",
        "GET repos/get-combined-status-for-ref",
        "POST repos/create-commit-status",
        "POST pulls/request-reviewers",
      ],
      setup: async () => {},
      prepare: async (fake) => {
        // raj swaps his rot-b shift of 4 February 2026 with sam-lee's of 11 February, on 6 January.
        const t = openTradePr(fake, "raj", (read) => ({
          [SCHEDULE]: swap(read(SCHEDULE), "rot-b", "2026-02-04", "2026-02-11"),
        }));
        const at = "2026-01-06T12:00:00Z";
        return {
          at,
          workspace: t.dir,
          event: pullTargetEvent(t, "opened", at),
          inputs: { "github-token": fake.token },
          check: (outputs) => expectOutput(outputs, "state", "pending"),
        };
      },
    },
    (() => {
      let base = "";
      let head = "";
      return {
        action: "validate",
        label: "pull request editing one incident: validates what changed (no token, no API call)",
        expected: [],
        tokenless: true,
        setup: async (dir: string) => {
          await exampleCopy(root, dir);
          git(dir, "init", "-q", "-b", "main");
          git(dir, "add", "-A");
          git(dir, "commit", "-q", "-m", "base");
          base = git(dir, "rev-parse", "HEAD");
          const incidents = (await listFiles(join(dir, "incidents"))).filter((f) => /INC-\d+\.yaml$/.test(f));
          const one = incidents.sort()[0];
          if (!one) throw new Error("the example organisation has no incident record");
          const text = await readFile(one, "utf8");
          await writeFile(one, `${text.trimEnd()}\n# Edited in the pull request.\n`);
          git(dir, "commit", "-q", "-am", "edit one incident");
          head = git(dir, "rev-parse", "HEAD");
        },
        prepare: async (fake: FakeGitHub, dir: string) => {
          const at = new Date().toISOString();
          return {
            at,
            workspace: dir,
            event: buildEvent("pull_request.opened", {
              apiUrl: fake.url,
              pullRequest: { number: 1, head: "edit", headSha: head, base: "main", baseSha: base },
            }),
            inputs: {},
            check: (outputs: Record<string, string>, stdout: string) =>
              expectOutput(outputs, "errors", "0") ??
              (stdout.includes(`since ${base}`) ? undefined : "did not validate only what changed"),
          };
        },
      } satisfies Scenario;
    })(),
  ];
}

/** Functions whose inclusive time splits a profiled run into phases (names as they stay in the bundles). */
const PHASES = [
  "compileSourceTextModule",
  "loadRepository",
  "loadIncidentOrg",
  "parseFiles",
  "loadHolidayCalendar",
  "fromMarkdown",
  "compileSchema",
  "parseDocument",
  "effectiveCoverage",
  "orgDeadlineFinder",
  "deadlineFor",
  "ackDeadline",
  "generateSchedule",
  "writeSiteFiles",
  "requireGitRepository",
  "changesSince",
  "(garbage collector)",
];

/** Bytes of a dist folder: the entry and the lazily loaded chunks. */
async function bundleSize(dist: string): Promise<{ entry: number; chunks: number }> {
  const entry = (await stat(join(dist, "index.mjs"))).size;
  let chunks = 0;
  const dir = join(dist, "chunks");
  try {
    for (const f of await readdir(dir)) chunks += (await stat(join(dir, f))).size;
  } catch {
    // no chunks
  }
  return { entry, chunks };
}

const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString("en-US")} KB`;

interface Measured {
  action: number[];
  floor: number[];
  actionCpu: number[];
  floorCpu: number[];
  calls: string[];
  floorRequest: string;
  failure?: string;
}

export async function benchColdStart(input: ColdStartBenchInput): Promise<{ rows: Row[]; notes: string[] }> {
  const { log } = input;
  const wanted = new Set(input.actions ?? COLDSTART_ACTIONS);
  const all = scenarios(input.paths.root).filter((s) => wanted.has(s.action));
  const floorEntry = join(input.paths.bench, "..", "action-floor.mjs");
  const files = await runnerFiles(join(input.work, "coldstart-runner"));
  for (const s of all) {
    const dir = join(input.work, `coldstart-${s.action}`);
    await mkdir(dir, { recursive: true });
    await s.setup(dir);
  }

  const clock = { now: new Date() };
  const measured = new Map<ColdStartAction, Measured>(
    all.map((s) => [s.action, { action: [], floor: [], actionCpu: [], floorCpu: [], calls: [], floorRequest: "" }]),
  );

  /** Spawns `script` on the prepared run; a reason when it failed, else the run and its calls. */
  const runOnce = async (
    fake: FakeGitHub,
    run: Prepared,
    script: string,
    inputs: Record<string, string>,
    nodeArgs: readonly string[] = [],
  ): Promise<{ timed: TimedRun; calls: string[]; paths: string[]; outputs: Record<string, string> } | string> => {
    await resetFiles(files as RunnerFilePaths, run.event.payload);
    const env = runnerEnvironment(
      { eventName: run.event.eventName, payload: run.event.payload, apiUrl: fake.url, inputs },
      files,
      run.workspace,
      files.dir,
    );
    const first = fake.log.entries.length;
    const timed = await spawnTimed([...nodeArgs, script], env, run.workspace);
    const entries = fake.log.entries.slice(first);
    const violations = fake.takeViolations();
    const errors = parseWorkflowCommands(timed.stdout).annotations.filter((a) => a.level === "error");
    const tail = `\n${timed.stdout.slice(-2000)}\n${timed.stderr.slice(-2000)}`;
    if (timed.status !== 0) return `exited with ${timed.status ?? timed.signal}${tail}`;
    if (errors.length) return `reported errors: ${errors.map((e) => e.message).join("; ")}${tail}`;
    if (violations.length) return `broke GitHub's contract:\n${formatViolations(violations)}`;
    const outputs = parseKeyValueFile(await readFile(files.output, "utf8"));
    const query = (q: Record<string, string>) => (Object.keys(q).length ? `?${new URLSearchParams(q).toString()}` : "");
    return {
      timed,
      calls: callNames(entries),
      paths: entries.map((e) => `${e.method} ${e.path}${query(e.query)}`),
      outputs,
    };
  };

  log(
    `9: cold start of ${all.length} actions (${all.map((s) => s.action).join(", ")}), each against the floor of its kind, against the fake GitHub (1 warm-up + ${input.reps} rounds)...`,
  );
  try {
    for (let round = 0; round <= input.reps; round++) {
      const timed = round > 0;
      for (const s of all) {
        const m = measured.get(s.action)!;
        if (m.failure) continue;
        const dir = join(input.work, `coldstart-${s.action}`);
        const fake = await startFakeGitHub({ now: () => clock.now });
        try {
          const run = await s.prepare(fake, dir);
          clock.now = new Date(run.at);
          const entry = join(input.dists[s.action], "index.mjs");
          const a = await runOnce(fake, run, entry, run.inputs);
          if (typeof a === "string") throw new Error(`the ${s.action} action ${a}`);
          const problem = run.check(a.outputs, a.timed.stdout);
          if (problem) throw new Error(`the ${s.action} action did not do its typical run: ${problem}`);
          if (JSON.stringify(a.calls) !== JSON.stringify(s.expected))
            throw new Error(
              `the ${s.action} action made ${JSON.stringify(a.calls)}, expected ${JSON.stringify(s.expected)}`,
            );
          m.calls = a.calls;
          // The floor of its kind: the same context and client, the action's first request of this round.
          const request = s.tokenless ? "none" : a.paths[0];
          if (!request || (request !== "none" && !request.startsWith("GET ")))
            throw new Error(`the ${s.action} action's first call is ${request ?? "missing"}: the floor needs a GET`);
          m.floorRequest = request;
          const floorInputs = { ...(s.tokenless ? {} : { "github-token": fake.token }), "floor-request": request };
          const f = await runOnce(fake, run, floorEntry, floorInputs);
          if (typeof f === "string") throw new Error(`the floor of ${s.action} ${f}`);
          const floorCalls = s.tokenless ? [] : [a.calls[0]!];
          if (JSON.stringify(f.calls) !== JSON.stringify(floorCalls))
            throw new Error(
              `the floor of ${s.action} made ${JSON.stringify(f.calls)}, expected ${JSON.stringify(floorCalls)}`,
            );
          if (timed) {
            m.action.push(a.timed.ms);
            m.floor.push(f.timed.ms);
            if (a.timed.cpuMs !== undefined) m.actionCpu.push(a.timed.cpuMs);
            if (f.timed.cpuMs !== undefined) m.floorCpu.push(f.timed.cpuMs);
          }
        } catch (error) {
          m.failure = (error as Error).message;
        } finally {
          await fake.close();
          if (s.action === "trade") cleanTradeWorkspaces();
        }
      }
    }
  } finally {
    cleanTradeWorkspaces();
  }

  const profiles = new Map<ColdStartAction, string>();
  if (input.profileDir) {
    log("9: load-only runs and a CPU profile of each action...");
    for (const s of all) {
      if (measured.get(s.action)!.failure) continue;
      const dir = join(input.work, `coldstart-${s.action}`);
      const fake = await startFakeGitHub({ now: () => clock.now });
      try {
        const run = await s.prepare(fake, dir);
        clock.now = new Date(run.at);
        const entry = join(input.dists[s.action], "index.mjs");
        // Loading only: the bundle is parsed and evaluated, then the first check of the run fails.
        const loads: number[] = [];
        for (let i = 0; i < 3; i++) {
          await resetFiles(files, run.event.payload);
          const env = runnerEnvironment(
            {
              eventName: run.event.eventName,
              payload: run.event.payload,
              apiUrl: fake.url,
              inputs: { ...run.inputs, repo: join(input.work, "no-such-repo") },
            },
            files,
            run.workspace,
            files.dir,
          );
          delete env["GITHUB_REPOSITORY"];
          const t = await spawnTimed([entry], env, run.workspace);
          if (t.status === 0) throw new Error(`the ${s.action} action succeeded without a repository`);
          loads.push(t.ms);
        }
        const profDir = join(input.profileDir, s.action);
        const a = await runOnce(fake, run, entry, run.inputs, ["--cpu-prof", `--cpu-prof-dir=${profDir}`]);
        if (typeof a === "string") throw new Error(`the profiled ${s.action} action ${a}`);
        const p = await summarizeProfiles(profDir, 10);
        const phases = await inclusiveTimes(profDir, PHASES);
        const split = [...phases]
          .sort((x, y) => y[1] - x[1])
          .map(([name, ms]) => `${name} ${duration(ms)}`)
          .join(", ");
        profiles.set(
          s.action,
          `load only (parse + evaluate the bundle, then fail the first check) ${duration(median(loads))}; profiled run ${duration(p.totalMs)}; inclusive: ${split}; top self time:\n${p.top.map((t) => `    ${t.ms.toFixed(0).padStart(5)} ms ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.name}`).join("\n")}`,
        );
      } catch (error) {
        profiles.set(s.action, `profile failed: ${(error as Error).message.slice(0, 500)}`);
      } finally {
        await fake.close();
        if (s.action === "trade") cleanTradeWorkspaces();
      }
    }
  }

  const rows: Row[] = [];
  const notes: string[] = [];
  for (const s of all) {
    const id = coldStartId(s.action);
    const m = measured.get(s.action)!;
    const size = await bundleSize(input.dists[s.action]);
    const calls = m.calls.length;
    const sizeNote = `bundle ${kb(size.entry)}${size.chunks ? ` + ${kb(size.chunks)} lazily loaded chunks` : ""}`;
    const apiCalls = `${m.failure ? "?" : calls} API call${calls === 1 ? "" : "s"}`;
    const what = `${s.action} action cold start, ${s.label} (${apiCalls}; bundle ${kb(size.entry)})`;
    if (m.failure || m.action.length === 0) {
      rows.push({ id, what, figure: "failed", baseline: "-", ratio: "-", target: "<= 2x floor", met: false });
      notes.push(`${id}: FAILED after ${m.action.length} timed rounds: ${(m.failure ?? "not measured").trim()}`);
      continue;
    }
    const ms = median(m.action);
    const floorMs = median(m.floor);
    rows.push({
      id,
      what,
      figure: duration(ms),
      baseline: `${duration(floorMs)} (floor: ${s.tokenless ? "runner context, no client, no call" : "context + Octokit + 1st call"})`,
      ratio: ratio(ms / floorMs),
      target: "<= 2x floor",
      met: ms / floorMs <= 2,
    });
    const cpu =
      m.actionCpu.length && m.floorCpu.length
        ? `CPU of the children ${duration(median(m.actionCpu))} vs floor ${duration(median(m.floorCpu))} (${ratio(median(m.actionCpu) / median(m.floorCpu))})`
        : "no CPU times on this platform";
    notes.push(
      `${id}: ${s.action}: ${sizeNote}; ${cpu}; calls [${m.calls.join(", ")}]; floor request ${m.floorRequest}`,
    );
    const profile = profiles.get(s.action);
    if (profile) notes.push(`${id}: ${s.action}: ${profile}`);
  }
  notes.push(
    `9: ${process.execPath} ${process.version} runs each action (GitHub runs node24), timed from spawn to exit, interleaved with its floor (build/action-floor.mjs) in every round; each round starts a fresh fake seeded as the action's e2e test does (untimed)`,
  );
  return { rows, notes };
}

/** The table id of an action's row: 9a (handoff) to 9h (validate), in {@link COLDSTART_ACTIONS} order. */
export function coldStartId(action: ColdStartAction): string {
  return `9${String.fromCharCode(97 + COLDSTART_ACTIONS.indexOf(action))}`;
}
