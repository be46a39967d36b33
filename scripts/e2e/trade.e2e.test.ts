/**
 * End-to-end: the bundled trade action runs as a process, against the fake GitHub, on pull_request
 * and pull_request_review payloads shaped like GitHub's, in a workspace laid out like the workflow's
 * (a git repository with the base checked out and the head commit fetched). Every run is held to the
 * API budget of six calls, read from the fake's request log.
 *
 * The fake's commit ids are not git's, so each test registers the workspace's real base and head
 * commits in the fake under their git ids (the same trees), as GitHub would have them.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runAction, type ActionRun } from "./action-runner.js";
import { buildEvent, userObject } from "./event-payloads.js";
import { useFakeGitHub } from "./fake-github/test-helper.js";
import type { ReviewState } from "./fake-github/index.js";
import { CLI } from "../cli/run-cli.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The example organisation's test copy, so a team's own data at the root never changes these runs. */
const example = join(root, "scripts/fixtures/example");
const ENTRY = join(root, ".github/actions/trade/dist/index.mjs");
const MARKER = "<!-- oncall:trade -->";
const BUDGET = 6;
const PEOPLE = [
  "jrivera",
  "nkim",
  "claire-tremblay",
  "marcus-bell",
  "dana-whitfield",
  "kbarrett",
  "emily-zhao",
  "tobias-wren",
];

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function git(dir: string, ...args: string[]): string {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "t",
    GIT_AUTHOR_EMAIL: "t@example.com",
    GIT_COMMITTER_NAME: "t",
    GIT_COMMITTER_EMAIL: "t@example.com",
  };
  return execFileSync("git", args, { cwd: dir, encoding: "utf8", env }).trim();
}

/** `rotations/schedule.yaml` with the logins of the shifts starting at two instants exchanged. */
function swapLines(text: string, a: [string, string], b: [string, string]): string {
  const line = ([login, start]: [string, string]) => new RegExp(`^.*start: ${start}[^\\n]*login: ${login},.*$`, "m");
  const la = line(a).exec(text)?.[0];
  const lb = line(b).exec(text)?.[0];
  if (!la || !lb) throw new Error(`no line for ${a.join("@")} or ${b.join("@")}`);
  return text
    .replace(la, la.replace(`login: ${a[0]},`, `login: ${b[0]},`))
    .replace(lb, lb.replace(`login: ${b[0]},`, `login: ${a[0]},`));
}

const SCHEDULE = "rotations/schedule.yaml";
const JRIVERA_DEC_7: [string, string] = ["jrivera", "2026-12-07T11:00:00-05:00"];
const NKIM_DEC_14: [string, string] = ["nkim", "2026-12-14T11:00:00-05:00"];

describe("trade action (bundled, against the fake GitHub)", () => {
  let clock = Date.parse("2026-11-23T12:00:00Z");
  const fake = useFakeGitHub({ now: () => new Date((clock += 1000)) });

  /** A pull request whose head changes `files` of the example organisation; returns what the events need. */
  function openTrade(
    author: string,
    change: (read: (file: string) => string) => Record<string, string>,
    prep?: (dir: string) => void,
  ) {
    const dir = mkdtempSync(join(tmpdir(), "oncall-trade-e2e-"));
    made.push(dir);
    for (const d of ["rotations", "incidents", "postmortems", "playbooks"])
      cpSync(join(example, d), join(dir, d), { recursive: true });
    git(dir, "init", "-q", "-b", "main");
    prep?.(dir);
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "base");
    const base = git(dir, "rev-parse", "HEAD");
    const read = (file: string) => readFileSync(join(dir, file), "utf8");
    const files = change(read);
    git(dir, "checkout", "-q", "-b", "trade");
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
    git(dir, "commit", "-q", "-am", "trade");
    const head = git(dir, "rev-parse", "HEAD");
    // As in the workflow: the base is checked out, the head is only present as git objects.
    git(dir, "checkout", "-q", "main");

    const f = fake();
    for (const login of PEOPLE) f.seed.user(login, { permission: "write" });
    f.seed.files(Object.fromEntries(Object.keys(files).map((p) => [p, read(p)])));
    const pull = f.seed.pull({ title: "Shift trade", head: "trade", user: author, files });
    const store = f.repo().git;
    for (const [sha, ref] of [
      [base, "heads/main"],
      [head, "heads/trade"],
    ] as const) {
      store.commits.set(sha, { ...store.commits.get(store.resolveCommit(ref)!)!, sha });
      store.refs.set(ref, sha);
    }
    return { dir, base, head, number: pull.number, author, pull };
  }

  type Trade = ReturnType<typeof openTrade>;

  function pullFields(t: Trade) {
    return { number: t.number, user: t.author, head: "trade", headSha: t.head, base: "main", baseSha: t.base };
  }

  /** Fills what GitHub puts in every pull request payload from the fake's current state. */
  function stamp(payload: Record<string, unknown>, t: Trade, at: string) {
    const pr = payload["pull_request"] as Record<string, unknown>;
    pr["updated_at"] = at;
    pr["requested_reviewers"] = t.pull.pull.requestedReviewers.map(userObject);
    return payload;
  }

  function pullEvent(t: Trade, action: "opened" | "synchronize", at = "2026-11-23T12:00:00Z") {
    const { eventName, payload } = buildEvent(`pull_request.${action}`, {
      pullRequest: pullFields(t),
      sender: t.author,
      apiUrl: fake().url,
    });
    return { eventName, payload: stamp(payload, t, at) };
  }

  /** Records the review in the fake (as GitHub would) and returns the webhook for it. */
  function review(t: Trade, user: string, state: ReviewState, at = "2026-11-23T15:00:00Z") {
    const record = fake().seed.review(t.number, { user, state });
    const { eventName, payload } = buildEvent("pull_request_review.submitted", {
      pullRequest: pullFields(t),
      review: { id: record.id, user, state: state.toLowerCase() as "approved", commit_id: t.head },
      sender: user,
      apiUrl: fake().url,
    });
    (payload["review"] as Record<string, unknown>)["submitted_at"] = at;
    return { eventName, payload: stamp(payload, t, at) };
  }

  async function run(
    t: Trade,
    event: { eventName: string; payload: Record<string, unknown> },
  ): Promise<ActionRun & { calls: string[] }> {
    fake().log.clear();
    const result = await runAction({
      entry: ENTRY,
      ...event,
      apiUrl: fake().url,
      workspace: t.dir,
      inputs: { "github-token": fake().token },
    });
    expect(result.stderr).toBe("");
    expect(result.exitCode, result.stdout).toBe(0);
    const calls = fake().log.summary();
    expect(calls.length, calls.join("\n")).toBeLessThanOrEqual(BUDGET);
    return { ...result, calls };
  }

  const status = (t: Trade) =>
    fake()
      .repo()
      .statuses.filter((s) => s.sha === t.head && s.context === "oncall/consent")
      .at(-1);
  const comments = (t: Trade) =>
    fake()
      .comments(t.number)
      .filter((c) => c.body.includes(MARKER));
  const requested = (t: Trade) => [...t.pull.pull.requestedReviewers].sort();

  it("passes a swap once both people agree (the author by opening, the other by approving)", async () => {
    const t = openTrade("jrivera", (read) => ({ [SCHEDULE]: swapLines(read(SCHEDULE), JRIVERA_DEC_7, NKIM_DEC_14) }));
    const opened = await run(t, pullEvent(t, "opened"));
    // The worst case is exactly the budget: reviews, comments, new comment, statuses, new status, request.
    expect(opened.calls).toEqual([
      "GET pulls/list-reviews 200",
      "GET issues/list-comments 200",
      "POST issues/create-comment 201",
      "GET repos/get-combined-status-for-ref 200",
      "POST repos/create-commit-status 201",
      "POST pulls/request-reviewers 201",
    ]);
    expect(status(t)).toMatchObject({ state: "pending", description: "Waiting for approval from nkim" });
    expect(requested(t)).toEqual(["nkim"]);
    expect(opened.outputs).toMatchObject({ state: "pending", affected: "jrivera,nkim", problems: "0" });
    const body = comments(t)[0]!.body;
    expect(body).toContain("> nkim takes jrivera's rot-a shift 7-14 Dec; jrivera takes nkim's 14-21 Dec");
    expect(body).toContain("| `jrivera` | ✅ | author of the pull request |");
    expect(body).toContain("| `nkim` | ⏳ | waiting for `nkim` or their manager `dana-whitfield` to approve |");
    expect(body).toContain("<summary><code>nkim</code></summary>");

    await run(t, review(t, "nkim", "APPROVED"));
    expect(status(t)).toMatchObject({ state: "success", description: "All 2 affected people agreed" });
    expect(comments(t)).toHaveLength(1);
    expect(comments(t)[0]!.body).toContain("| `nkim` | ✅ | approved |");
  });

  it("stays pending while an affected person has not approved, whoever else does", async () => {
    const t = openTrade("jrivera", (read) => ({ [SCHEDULE]: swapLines(read(SCHEDULE), JRIVERA_DEC_7, NKIM_DEC_14) }));
    await run(t, pullEvent(t, "opened"));
    await run(t, review(t, "marcus-bell", "APPROVED"));
    expect(status(t)).toMatchObject({ state: "pending", description: "Waiting for approval from nkim" });
    // A later "changes requested" withdraws an approval; a dismissal too.
    await run(t, review(t, "nkim", "APPROVED", "2026-11-23T16:00:00Z"));
    expect(status(t)?.state).toBe("success");
    await run(t, review(t, "nkim", "CHANGES_REQUESTED", "2026-11-23T17:00:00Z"));
    expect(status(t)?.state).toBe("pending");
    await run(t, review(t, "nkim", "APPROVED", "2026-11-23T18:00:00Z"));
    const last = fake().repo().reviews.at(-1)!;
    last.state = "DISMISSED";
    const { eventName, payload } = buildEvent("pull_request_review.dismissed", {
      pullRequest: pullFields(t),
      review: { id: last.id, user: "nkim", state: "dismissed" },
      sender: "dana-whitfield",
      apiUrl: fake().url,
    });
    await run(t, { eventName, payload: stamp(payload, t, "2026-11-23T19:00:00Z") });
    expect(status(t)).toMatchObject({ state: "pending", description: "Waiting for approval from nkim" });
    expect(comments(t)[0]!.body).toContain("approval was dismissed");
  });

  it("needs both people when a third person edits their shifts", async () => {
    const t = openTrade("claire-tremblay", (read) => ({
      [SCHEDULE]: swapLines(read(SCHEDULE), JRIVERA_DEC_7, NKIM_DEC_14),
    }));
    const opened = await run(t, pullEvent(t, "opened"));
    expect(status(t)).toMatchObject({ state: "pending", description: "Waiting for approval from jrivera, nkim" });
    expect(opened.calls).toContain("POST pulls/request-reviewers 201");
    expect(requested(t)).toEqual(["jrivera", "nkim"]);
    await run(t, review(t, "jrivera", "APPROVED"));
    expect(status(t)).toMatchObject({ state: "pending", description: "Waiting for approval from nkim" });
    await run(t, review(t, "nkim", "APPROVED", "2026-11-23T16:00:00Z"));
    expect(status(t)?.state).toBe("success");
  });

  it("counts a manager's approval for their report", async () => {
    const t = openTrade("jrivera", (read) => ({ [SCHEDULE]: swapLines(read(SCHEDULE), JRIVERA_DEC_7, NKIM_DEC_14) }));
    await run(t, pullEvent(t, "opened"));
    await run(t, review(t, "dana-whitfield", "APPROVED"));
    expect(status(t)).toMatchObject({ state: "success" });
    expect(comments(t)[0]!.body).toContain("| `nkim` | ✅ | approved by their manager `dana-whitfield` |");
  });

  it("fails an edit of a shift that has started, naming the file and line", async () => {
    const t = openTrade("claire-tremblay", (read) => ({
      [SCHEDULE]: swapLines(
        read(SCHEDULE),
        ["claire-tremblay", "2026-11-16T11:00:00-05:00"],
        ["marcus-bell", "2026-11-23T11:00:00-05:00"],
      ),
    }));
    const r = await run(t, pullEvent(t, "opened", "2026-11-23T12:00:00Z"));
    expect(status(t)).toMatchObject({ state: "failure", description: "1 problem to fix: see the trade comment" });
    expect(r.outputs["problems"]).toBe("1");
    expect(comments(t)[0]!.body).toMatch(
      /- `rotations\/schedule\.yaml:26:\d+` rot-a shift 2026-11-16 11:00 UTC-05:00 - 2026-11-23 11:00 UTC-05:00 \(marcus-bell\) changes who was on call/i,
    );
    expect(r.annotations).toContainEqual(
      expect.objectContaining({ level: "error", file: SCHEDULE, line: 26, title: "trade-past-change" }),
    );
    // Approvals do not help.
    await run(t, review(t, "marcus-bell", "APPROVED"));
    expect(status(t)?.state).toBe("failure");
  });

  it("fails a gap", async () => {
    const t = openTrade("kbarrett", (read) => ({
      [SCHEDULE]: read(SCHEDULE).replace(/^.*start: 2026-12-09T11:00:00-05:00.*login: kbarrett.*\n/m, ""),
    }));
    await run(t, pullEvent(t, "opened"));
    expect(status(t)?.state).toBe("failure");
    const body = comments(t)[0]!.body;
    expect(body).toContain("> nobody is on call for rot-b 9-16 Dec (was kbarrett)");
    expect(body).toMatch(
      /- `rotations\/schedule\.yaml:34:\d+` rot-b has nobody on call from 2026-12-09 11:00 UTC-05:00 until 2026-12-16 11:00 UTC-05:00/i,
    );
  });

  it("leaves exactly one comment however often it reruns, and a rerun of the same event writes nothing", async () => {
    const t = openTrade("jrivera", (read) => ({ [SCHEDULE]: swapLines(read(SCHEDULE), JRIVERA_DEC_7, NKIM_DEC_14) }));
    const event = pullEvent(t, "opened");
    await run(t, event);
    const again = await run(t, event);
    expect(again.calls).toEqual([
      "GET pulls/list-reviews 200",
      "GET issues/list-comments 200",
      "GET repos/get-combined-status-for-ref 200",
    ]);
    await run(t, pullEvent(t, "synchronize", "2026-11-23T13:00:00Z"));
    expect(comments(t)).toHaveLength(1);
    expect(
      fake()
        .repo()
        .statuses.filter((s) => s.sha === t.head),
    ).toHaveLength(1);
  });

  it("from a fork on pull_request (a read-only token): fails naming pull_request_target, keeps the verdict in the summary, writes nothing", async () => {
    const t = openTrade("jrivera", (read) => ({ [SCHEDULE]: swapLines(read(SCHEDULE), JRIVERA_DEC_7, NKIM_DEC_14) }));
    const event = pullEvent(t, "opened");
    const head = (event.payload["pull_request"] as { head: { repo: Record<string, unknown> } }).head;
    Object.assign(head.repo, { fork: true, full_name: "jrivera/oncall", name: "oncall" });
    // GitHub answers every write of a fork's pull_request token with this 403.
    for (const method of ["POST", "PATCH", "PUT", "DELETE"])
      fake().faults.add({ kind: "read-only-token", method, path: "/repos/**", times: 50 });
    fake().log.clear();
    const r = await runAction({
      entry: ENTRY,
      ...event,
      apiUrl: fake().url,
      workspace: t.dir,
      inputs: { "github-token": fake().token },
    });
    expect(r.exitCode).toBe(1);
    const errors = r.annotations.filter((a) => a.level === "error").map((a) => a.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("Resource not accessible by integration");
    expect(errors[0]).toContain("pull_request_target");
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at /);
    expect(r.summary).toContain("> nkim takes jrivera's rot-a shift 7-14 Dec; jrivera takes nkim's 14-21 Dec");
    expect(r.outputs).toMatchObject({ state: "pending", affected: "jrivera,nkim" });
    expect(comments(t)).toEqual([]);
    expect(status(t)).toBeUndefined();
    expect(requested(t)).toEqual([]);
    // The first write is refused and nothing after it is tried.
    expect(
      fake()
        .log.summary()
        .filter((c) => !c.startsWith("GET")),
    ).toEqual(["POST issues/create-comment 403 (read-only-token)"]);
  });

  it("stays within the budget on a long schedule", async () => {
    // Two years of published shifts on both sides: the data comes from git, never from the API.
    const t = openTrade(
      "jrivera",
      (read) => ({ [SCHEDULE]: swapLines(read(SCHEDULE), JRIVERA_DEC_7, NKIM_DEC_14) }),
      (dir) =>
        execFileSync(
          process.execPath,
          [CLI, "schedule", "generate", "--repo", dir, "--at", "2026-11-23T12:00:00Z", "--until", "2028-12-31"],
          { encoding: "utf8" },
        ),
    );
    expect(readFileSync(join(t.dir, SCHEDULE), "utf8").split("\n").length).toBeGreaterThan(250);
    const r = await run(t, pullEvent(t, "opened"));
    expect(r.calls.length).toBeLessThanOrEqual(BUDGET);
    expect(status(t)?.state).toBe("pending");
  });

  it("posts only a success status for a review on a pull request that leaves rotations/ alone", async () => {
    const t = openTrade("jrivera", (read) => ({
      "playbooks/api-gateway-5xx.md": `${read("playbooks/api-gateway-5xx.md")}\nOne more line.\n`,
    }));
    const r = await run(t, review(t, "nkim", "APPROVED"));
    expect(r.calls).toEqual(["GET repos/get-combined-status-for-ref 200", "POST repos/create-commit-status 201"]);
    expect(status(t)).toMatchObject({ state: "success", description: "No change to the rotation files" });
    expect(comments(t)).toEqual([]);
  });
});
