/**
 * Runs a bundled action (`dist/index.mjs`) the way the GitHub runner does: a separate `node`
 * process with the runner's environment (event payload file, repository, API URLs, token, inputs,
 * the `GITHUB_OUTPUT` / `GITHUB_STEP_SUMMARY` / `GITHUB_ENV` / `GITHUB_STATE` / `GITHUB_PATH`
 * files), then collects exit code, output streams, outputs, summary and annotations.
 *
 * The child gets a clean environment (only PATH and HOME are inherited) so nothing from the test
 * process leaks in; proxies are bypassed for the local fake.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { TIME_SCALE_ENV } from "../github/octokit.js";
import { parseKeyValueFile, parseWorkflowCommands, type Annotation } from "./workflow-commands.js";

export interface RunActionOptions {
  /** Path of the bundled entry, e.g. `.github/actions/incident/dist/index.mjs`. */
  entry: string;
  /** `GITHUB_EVENT_NAME` (`issues`, `issue_comment`, `schedule`, ...). */
  eventName: string;
  /** Webhook payload, written to the file `GITHUB_EVENT_PATH` names. */
  payload: Record<string, unknown>;
  /** API root, normally the fake's `url`. */
  apiUrl: string;
  /** `owner/name` (default: the payload's `repository.full_name`, else `acme/oncall`). */
  repository?: string;
  /** `GITHUB_SERVER_URL` (default `https://github.com`). */
  serverUrl?: string;
  /** `GITHUB_GRAPHQL_URL` (default `<apiUrl>/graphql`). */
  graphqlUrl?: string;
  /** `GITHUB_TOKEN` (default `fake-token`). Pass it as an input too if the action reads one. */
  token?: string;
  /** `GITHUB_WORKSPACE` and the child's working directory (default: an empty temp directory). */
  workspace?: string;
  /** `GITHUB_SHA` (default forty zeros). */
  sha?: string;
  /** `GITHUB_REF` (default `refs/heads/main`). */
  ref?: string;
  /** `GITHUB_ACTOR` (default: the payload's sender, else `octocat`). */
  actor?: string;
  /** `GITHUB_RUN_ID` (default `1`). */
  runId?: string;
  /** `GITHUB_ACTION` (default `__oncall_action`). */
  action?: string;
  /** Action inputs by name as in action.yml; become `INPUT_<NAME>` (spaces to `_`, upper-cased, hyphens kept). */
  inputs?: Record<string, string | number | boolean>;
  /** Extra environment variables (win over everything above). */
  env?: Record<string, string>;
  /** Node binary (default: the one running the tests). */
  nodePath?: string;
  /** Kill the action after this long (default 60 s). */
  timeoutMs?: number;
  /**
   * Milliseconds per GitHub second for the adapter's retries and pacing, passed as
   * `ONCALL_GITHUB_TIME_SCALE_MS` (default 1, so scripted rate limits cost nothing).
   */
  apiTimeScaleMs?: number;
}

export interface ActionRun {
  /** Process exit code; `null` when killed (see `timedOut`). */
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** From `GITHUB_OUTPUT`. */
  outputs: Record<string, string>;
  /** Text written to `GITHUB_STEP_SUMMARY`. */
  summary: string;
  /** `::error`/`::warning`/`::notice` commands from stdout. */
  annotations: Annotation[];
  /** Variables exported through `GITHUB_ENV`. */
  exportedEnv: Record<string, string>;
  /** Values saved through `GITHUB_STATE`. */
  state: Record<string, string>;
  /** Directories added through `GITHUB_PATH`. */
  addedPath: string[];
  /** `::debug::` messages. */
  debug: string[];
}

/** `INPUT_<NAME>` as @actions/core's getInput reads it. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}

function payloadRepository(payload: Record<string, unknown>): string | undefined {
  const repo = payload["repository"] as { full_name?: unknown } | undefined;
  return typeof repo?.full_name === "string" ? repo.full_name : undefined;
}

function payloadSender(payload: Record<string, unknown>): string | undefined {
  const sender = payload["sender"] as { login?: unknown } | undefined;
  return typeof sender?.login === "string" ? sender.login : undefined;
}

/** Runs the action to completion and reports what it did. Temp files are removed afterwards. */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const temp = await mkdtemp(join(tmpdir(), "oncall-action-"));
  try {
    const runnerTemp = join(temp, "runner-temp");
    const workspace = options.workspace ?? join(temp, "workspace");
    await mkdir(runnerTemp, { recursive: true });
    await mkdir(workspace, { recursive: true });
    const files = {
      event: join(temp, "event.json"),
      output: join(temp, "output"),
      summary: join(temp, "summary.md"),
      env: join(temp, "env"),
      state: join(temp, "state"),
      path: join(temp, "path"),
    };
    await writeFile(files.event, JSON.stringify(options.payload, null, 2));
    for (const f of [files.output, files.summary, files.env, files.state, files.path]) await writeFile(f, "");

    const env = runnerEnvironment(options, { ...files, runnerTemp }, workspace, temp);
    Object.assign(env, options.env);

    // CI sets ONCALL_ACTION_NODE to a Node 24 binary: GitHub runs actions on node24.
    const child = spawn(
      options.nodePath ?? process.env.ONCALL_ACTION_NODE ?? process.execPath,
      [resolve(options.entry)],
      { cwd: workspace, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 60_000);
    const exitCode = await new Promise<number | null>((done, fail) => {
      child.on("error", fail);
      child.on("close", (code) => done(code));
    }).finally(() => clearTimeout(timer));

    const commands = parseWorkflowCommands(stdout);
    return {
      exitCode,
      timedOut,
      stdout,
      stderr,
      outputs: parseKeyValueFile(await readFile(files.output, "utf8")),
      summary: await readFile(files.summary, "utf8"),
      annotations: commands.annotations,
      exportedEnv: parseKeyValueFile(await readFile(files.env, "utf8")),
      state: parseKeyValueFile(await readFile(files.state, "utf8")),
      addedPath: (await readFile(files.path, "utf8")).split(/\r?\n/).filter((l) => l !== ""),
      debug: commands.debug,
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** Where the runner's files of one run are (event payload, outputs, summary, ...). */
export interface RunnerFiles {
  event: string;
  output: string;
  summary: string;
  env: string;
  state: string;
  path: string;
  runnerTemp: string;
}

/**
 * The environment the runner gives an action: only PATH and HOME inherited, the GITHUB_* and RUNNER_*
 * variables, the inputs as INPUT_*, and the runner's files. `options.env` is not applied here.
 */
export function runnerEnvironment(
  options: Omit<RunActionOptions, "entry">,
  files: RunnerFiles,
  workspace: string,
  home: string,
): Record<string, string> {
  const repository = options.repository ?? payloadRepository(options.payload) ?? "acme/oncall";
  const env: Record<string, string> = {
    PATH: process.env["PATH"] ?? "",
    HOME: process.env["HOME"] ?? home,
    TZ: "UTC",
    CI: "true",
    GITHUB_ACTIONS: "true",
    NO_PROXY: "127.0.0.1,localhost",
    no_proxy: "127.0.0.1,localhost",
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split("/")[0] ?? "",
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: options.serverUrl ?? "https://github.com",
    GITHUB_GRAPHQL_URL: options.graphqlUrl ?? `${options.apiUrl.replace(/\/+$/, "")}/graphql`,
    GITHUB_TOKEN: options.token ?? "fake-token",
    GITHUB_WORKSPACE: resolve(workspace),
    GITHUB_SHA: options.sha ?? "0".repeat(40),
    GITHUB_REF: options.ref ?? "refs/heads/main",
    GITHUB_ACTOR: options.actor ?? payloadSender(options.payload) ?? "octocat",
    GITHUB_RUN_ID: options.runId ?? "1",
    GITHUB_RUN_NUMBER: "1",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_WORKFLOW: "e2e",
    GITHUB_JOB: "e2e",
    GITHUB_ACTION: options.action ?? "__oncall_action",
    RUNNER_TEMP: files.runnerTemp,
    RUNNER_OS: "Linux",
    RUNNER_ARCH: "X64",
    RUNNER_NAME: "fake-runner",
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ENV: files.env,
    GITHUB_STATE: files.state,
    GITHUB_PATH: files.path,
    [TIME_SCALE_ENV]: String(options.apiTimeScaleMs ?? 1),
  };
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[inputEnvName(name)] = String(value);
  return env;
}
