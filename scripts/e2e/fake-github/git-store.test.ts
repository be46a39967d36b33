import { describe, expect, it } from "vitest";
import { GitStore } from "./git-store.js";

const who = { name: "t", email: "t@example.com", date: "2024-01-01T00:00:00Z" };

describe("GitStore", () => {
  it("uses git's blob ids and shares identical trees", () => {
    const git = new GitStore();
    expect(git.putBlob("hello\n")).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
    const a = git.commitFiles("main", { "x/y.txt": "1", "z.txt": "2" }, "one", who);
    const tree = git.commits.get(a)?.tree ?? "";
    expect([...git.flatten(tree).keys()]).toEqual(["x/y.txt", "z.txt"]);
    const b = git.commitFiles("other", { "z.txt": "2", "x/y.txt": "1" }, "two", who);
    expect(git.commits.get(b)?.tree).toBe(tree);
  });

  it("looks up files and directories and resolves refs in their usual spellings", () => {
    const git = new GitStore();
    const sha = git.commitFiles("main", { "a/b/c.txt": "c" }, "m", who);
    expect(git.resolveCommit("main")).toBe(sha);
    expect(git.resolveCommit("refs/heads/main")).toBe(sha);
    expect(git.resolveCommit(sha)).toBe(sha);
    expect(git.resolveCommit("nope")).toBeUndefined();
    expect(git.lookup(sha, "a/b")).toMatchObject({
      kind: "tree",
      path: "a/b",
      entries: [{ name: "c.txt", type: "blob" }],
    });
    expect(git.lookup(sha, "a/b/c.txt")).toMatchObject({ kind: "blob", content: Buffer.from("c") });
    expect(git.lookup(sha, "a/b/c.txt/d")).toBeUndefined();
  });

  it("diffs a branch against its merge base, ignoring what the base did since", () => {
    const git = new GitStore();
    const root = git.commitFiles("main", { "keep.txt": "k\n", "edit.txt": "1\n2\n", "gone.txt": "x\n" }, "root", who);
    git.refs.set("heads/feature", root);
    const head = git.commitFiles(
      "feature",
      { "edit.txt": "1\n3\n4\n", "gone.txt": null, "new.txt": "n\n" },
      "feature",
      who,
    );
    const base = git.commitFiles("main", { "main-only.txt": "m\n" }, "main moves on", who);
    expect(git.mergeBase(base, head)).toBe(root);
    expect(git.diff(git.mergeBase(base, head), head)).toEqual([
      { filename: "edit.txt", status: "modified", sha: expect.any(String), additions: 2, deletions: 1 },
      { filename: "gone.txt", status: "removed", sha: expect.any(String), additions: 0, deletions: 1 },
      { filename: "new.txt", status: "added", sha: expect.any(String), additions: 1, deletions: 0 },
    ]);
  });
});
