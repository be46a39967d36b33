// Fails before issue 13 item 5: core/playbook (stalePlaybooks, checkLinks with heading anchors) did not exist.
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import type { Playbook } from "../model/index.js";
import { checkLinks, outlineMarkdown, stalePlaybooks } from "./index.js";

function playbook(path: string, lastReviewed: string, body = ""): Playbook {
  return {
    path,
    id: path.slice(10, -3),
    bodyLine: 10,
    body,
    frontMatter: { title: path, services: ["checkout"], owners: ["bob", "lena"], lastReviewed },
  };
}

describe("stalePlaybooks (issue 13 item 5)", () => {
  it("flags playbooks older than reviewDays, most overdue first", () => {
    const at = DateTime.fromISO("2026-12-04T12:00:00Z", { zone: "UTC" });
    const list = [
      playbook("playbooks/a.md", "2026-06-07"), // 180 days: not yet
      playbook("playbooks/b.md", "2026-06-06"), // 181 days
      playbook("playbooks/c.md", "2025-12-04"), // 365 days
    ];
    const entry = (path: string, lastReviewed: string, age: number, daysOver: number) => ({
      path,
      title: path,
      owners: ["bob", "lena"],
      lastReviewed,
      age,
      daysOver,
    });
    expect(stalePlaybooks(list, at, 180)).toEqual([
      entry("playbooks/c.md", "2025-12-04", 365, 185),
      entry("playbooks/b.md", "2026-06-06", 181, 1),
    ]);
  });
});

describe("checkLinks (issue 13 item 5)", () => {
  const target = "# Checkout errors\n\n## Root causes & fixes\n\n## Diagnosis\n\n## Diagnosis\n";
  const anchors = new Set(outlineMarkdown(target).anchors);
  const ctx = {
    exists: (p: string) => p === "playbooks/checkout.md" || p === "postmortems/2026/INC-1-x.md",
    anchorsOf: (p: string) => (p === "playbooks/checkout.md" ? anchors : undefined),
  };
  const doc = (body: string) => ({ path: "playbooks/gateway.md", body, bodyLine: 10 });

  it("makes anchors as GitHub does, numbering repeated headings", () => {
    expect([...anchors]).toEqual(["checkout-errors", "root-causes--fixes", "diagnosis", "diagnosis-1"]);
  });

  it("reports missing files and headings at the link's file line and column", () => {
    const body = [
      "See [ok](checkout.md#diagnosis-1), [gone](missing.md) and", // line 1 -> file line 10
      "  [typo](checkout.md#diagnosys), [up](../postmortems/2026/INC-1-x.md#anything).",
      "",
      "[ref]: checkout.md#root-causes--fixes",
      "[bad ref]: ./nope.md",
      "",
      "External [site](https://example.com/x.md) and [self](#nowhere).",
    ].join("\n");
    const found = checkLinks(doc(body), ctx).map((f) => `${f.line}:${f.column} ${f.rule}`);
    expect(found).toEqual(["10:36 broken-link", "11:3 missing-anchor", "14:1 broken-link", "16:47 missing-anchor"]);
  });

  it("does not read links inside code", () => {
    expect(checkLinks(doc("```\n[x](missing.md)\n```\n\n`[y](missing.md)`\n"), ctx)).toEqual([]);
  });
});
