import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../core/model/index.js";
import { loadRotationsAt, loadTradeRevisions, mergeBase, resolveCommit } from "./revision.js";
import { makeTestRepo, removeTestRepo } from "./test-repo.js";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeTestRepo));
});

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
    },
  }).trim();
}

/** The minimal fixture as a git repository with one commit on main. */
async function repo(): Promise<string> {
  const dir = await makeTestRepo();
  dirs.push(dir);
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "base");
  return dir;
}

async function edit(dir: string, file: string, from: string, to: string): Promise<void> {
  const path = join(dir, file);
  const text = await readFile(path, "utf8");
  if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
  await writeFile(path, text.replace(from, to));
}

const BOB_JAN_12 = "2026-01-12T11:00:00-05:00, end: 2026-01-19T11:00:00-05:00, login: bob";
const ALICE_JAN_19 = "2026-01-19T11:00:00-05:00, end: 2026-01-26T11:00:00-05:00, login: alice";

describe("loadRotationsAt", () => {
  it("reads a revision's files with git show, not the working tree", async () => {
    const dir = await repo();
    await edit(dir, "rotations/schedule.yaml", BOB_JAN_12, BOB_JAN_12.replace("bob", "alice"));
    const committed = await loadRotationsAt(dir, "main");
    const working = await loadRotationsAt(dir, null);
    expect(committed.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(committed.org.shifts[2]?.login).toBe("bob");
    expect(working.org.shifts[2]?.login).toBe("alice");
    expect(committed.present).toEqual(new Set(["people", "rotation", "schedule", "overrides"]));
    expect(committed.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("runs the loader's rules and places their findings by file, line and column", async () => {
    const dir = await repo();
    await edit(dir, "rotations/schedule.yaml", BOB_JAN_12, BOB_JAN_12.replace("bob", "nobody-here"));
    const data = await loadRotationsAt(dir, null);
    expect(data.problems).toContainEqual(
      expect.objectContaining({ file: "rotations/schedule.yaml", line: 5, rule: "unknown-login", severity: "error" }),
    );
    const pos = data.position({
      severity: "error",
      rule: "x",
      message: "m",
      src: { file: "rotations/schedule.yaml", path: ["shifts", 2] },
      field: "login",
    });
    expect(pos).toMatchObject({ file: "rotations/schedule.yaml", line: 5 });
    expect(pos.column).toBeGreaterThan(1);
  });

  it("reports missing and broken files instead of failing", async () => {
    const dir = await repo();
    git(dir, "rm", "-q", "rotations/people.yaml");
    await writeFile(join(dir, "rotations/schedule.yaml"), "shifts: [\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "break");
    const data = await loadRotationsAt(dir, "HEAD");
    expect(data.present.has("people")).toBe(false);
    expect(data.present.has("schedule")).toBe(false);
    expect(data.problems.map((p) => p.rule)).toEqual(expect.arrayContaining(["missing-file", "yaml-syntax"]));
  });

  it("names a revision it cannot find", async () => {
    const dir = await repo();
    await expect(loadRotationsAt(dir, "no-such-branch")).rejects.toThrow(UserError);
    await expect(resolveCommit(dir, "no-such-branch")).rejects.toThrow(/fetch it first/);
    await expect(resolveCommit(dir, "--output=x")).rejects.toThrow(/not a git revision/);
  });
});

describe("loadTradeRevisions", () => {
  it("compares with the merge base, so later commits on the base branch are not the trade's", async () => {
    const dir = await repo();
    const start = git(dir, "rev-parse", "HEAD");
    git(dir, "checkout", "-q", "-b", "trade");
    await edit(dir, "rotations/schedule.yaml", BOB_JAN_12, BOB_JAN_12.replace("bob", "alice"));
    await edit(dir, "rotations/schedule.yaml", ALICE_JAN_19, ALICE_JAN_19.replace("alice", "bob"));
    git(dir, "commit", "-q", "-am", "trade");
    git(dir, "checkout", "-q", "main");
    await edit(dir, "rotations/people.yaml", "  - login: raj", "  # a comment on main\n  - login: raj");
    git(dir, "commit", "-q", "-am", "main moves on");

    expect(await mergeBase(dir, "main", "trade")).toBe(start);
    const { base, head, changed } = await loadTradeRevisions(dir, "main", "trade");
    expect(base.sha).toBe(start);
    expect(base.label).toBe("main");
    expect(head.org.shifts[2]?.login).toBe("alice");
    expect(changed).toEqual(["rotations/schedule.yaml"]);
  });

  it("uses the working tree as the head when no head ref is given", async () => {
    const dir = await repo();
    const same = await loadTradeRevisions(dir, "main", null);
    expect(same.changed).toEqual([]);
    await edit(dir, "rotations/overrides.yaml", "overrides:", "# edited\noverrides:");
    expect((await loadTradeRevisions(dir, "main", null)).changed).toEqual(["rotations/overrides.yaml"]);
  });
});
