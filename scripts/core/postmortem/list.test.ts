// Fails before issue 13 item 6: there was no postmortem list (due, overdue, by review meeting).
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import type { Postmortem } from "../model/index.js";
import { postmortemList } from "./list.js";

function pm(n: number, status: "draft" | "in-review" | "final", due: string, review?: string): Postmortem {
  return {
    path: `postmortems/2026/INC-${n}-x.md`,
    bodyLine: 20,
    body: "",
    frontMatter: {
      incident: `INC-${n}`,
      title: `Incident ${n}`,
      severity: "P1",
      status,
      authors: ["bob"],
      due,
      ...(review && { review }),
    },
  };
}

describe("postmortemList (issue 13 item 6)", () => {
  const all = [
    pm(3, "draft", "2026-11-20"),
    pm(1, "final", "2026-10-01", "2026-10-07"),
    pm(2, "in-review", "2026-11-10", "2026-11-25"),
    pm(4, "draft", "2026-11-23", "2026-11-25"),
  ];
  const at = DateTime.fromISO("2026-11-23T23:30:00", { zone: "America/New_York" });
  const ids = (kind: Parameters<typeof postmortemList>[2]) => postmortemList(all, at, kind).map((e) => e.incident);

  it("filters by what is owed, what is late and by review meeting, ordered by due date", () => {
    expect(ids({ kind: "all" })).toEqual(["INC-1", "INC-2", "INC-3", "INC-4"]);
    expect(ids({ kind: "due" })).toEqual(["INC-2", "INC-3", "INC-4"]);
    // A draft due today is not overdue; one in review is not overdue whatever its due date.
    expect(ids({ kind: "overdue" })).toEqual(["INC-3"]);
    expect(ids({ kind: "review", date: "2026-11-25" })).toEqual(["INC-2", "INC-4"]);
  });

  it("gives the Summary section's text without placeholders, for the review agenda", () => {
    const withBody = {
      ...pm(5, "draft", "2026-11-20"),
      body:
        "# INC-5\n\n## Summary\n\nCheckout **failed** for\n[EU cards](x.md).\n\n" +
        "<!-- TODO: more -->\n\n## Impact\n\nLots.\n",
    };
    const draft = { ...pm(6, "draft", "2026-11-20"), body: "## Summary\n\n<!-- TODO: what happened -->\n" };
    const [five, six] = postmortemList([withBody, draft], at);
    expect(five!.summary).toBe("Checkout failed for EU cards.");
    expect(six!.summary).toBeUndefined();
  });

  it("counts the days overdue on the calendar of `at`'s zone", () => {
    expect(postmortemList(all, at, { kind: "overdue" })[0]).toMatchObject({ overdue: true, daysOverdue: 3 });
  });
});
