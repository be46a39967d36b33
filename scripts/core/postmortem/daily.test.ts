/**
 * The daily postmortem planners of issue 13 item 4, pure: data and `now` in, effects out. The end-to-end
 * behaviour is in scripts/e2e/postmortem-daily.e2e.test.ts; these pin the decisions at their edges.
 */
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  ACTION_ITEMS_BRANCH,
  actionItemIssues,
  actionItemKey,
  agendaKey,
  ANNOUNCE_WITHIN_DAYS,
  announcementKey,
  BODY_LIMIT,
  capBody,
  FOLLOWUP_LABEL,
  isOverdue,
  needsReviewDate,
  overdueKeyPrefix,
  pendingActionItems,
  planAgendas,
  planAnnouncements,
  planReminders,
  REMINDER_GAP_HOURS,
  unscheduledKey,
  writeBackEffect,
  writeBackFiles,
  type PostmortemFacts,
} from "./index.js";

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
const repoUrl = "https://github.com/acme/oncall";
const pm = (over: Partial<PostmortemFacts> = {}): PostmortemFacts => ({
  path: "postmortems/2026/INC-7-sign-in.md",
  incident: 7,
  title: "Sign-in",
  severity: "P1",
  status: "draft",
  authors: ["ana", "ben"],
  due: "2026-12-01",
  review: "2026-12-10",
  summary: "Sign-in failed.",
  responders: ["ana", "cy"],
  actionItems: [],
  ...over,
});

describe("reminders", () => {
  // Fails before the issue 13 item 4: nothing reminded anyone.
  it("reminds about an overdue draft when the last reminder is at least the gap old, whatever the hour", () => {
    const now = utc("2026-12-03T06:00:00Z");
    const at = (hours: number) => [{ key: `${overdueKeyPrefix(7)}x`, createdAt: now.minus({ hours }) }];
    const plan = (hours: number | null) =>
      planReminders({
        now,
        postmortems: [pm()],
        marked: new Map(hours === null ? [] : [[7, at(hours)]]),
        oncall: [],
        repoUrl,
      });
    expect(plan(null)).toHaveLength(1);
    expect(plan(REMINDER_GAP_HOURS)).toHaveLength(1);
    expect(plan(REMINDER_GAP_HOURS - 1)).toHaveLength(0);
    expect(plan(null)[0]).toMatchObject({
      kind: "upsert-comment",
      issue: 7,
      key: "postmortem-overdue:INC-7:2026-12-03",
    });
  });

  it("counts a draft overdue from the day after its due date, and only drafts", () => {
    expect(isOverdue(pm(), utc("2026-12-01T23:59:00Z"))).toBe(false);
    expect(isOverdue(pm(), utc("2026-12-02T00:00:00Z"))).toBe(true);
    expect(isOverdue(pm({ status: "in-review" }), utc("2026-12-09T00:00:00Z"))).toBe(false);
  });

  it("asks the people on call once to book a review for a postmortem without one", () => {
    const now = utc("2026-11-20T06:00:00Z");
    const unbooked = pm({ review: undefined, due: "2026-12-01" });
    expect(needsReviewDate(unbooked)).toBe(true);
    expect(needsReviewDate(pm({ review: undefined, status: "final" }))).toBe(false);
    const first = planReminders({ now, postmortems: [unbooked], marked: new Map(), oncall: ["dee"], repoUrl });
    expect(first).toEqual([
      expect.objectContaining({ key: unscheduledKey(7), body: expect.stringContaining("@dee:") }),
    ]);
    const asked = new Map([[7, [{ key: unscheduledKey(7), createdAt: now.minus({ days: 9 }) }]]]);
    expect(planReminders({ now, postmortems: [unbooked], marked: asked, oncall: ["dee"], repoUrl })).toEqual([]);
  });
});

describe("agenda", () => {
  const meeting = DateTime.fromISO("2026-12-10T15:00", { zone: "Europe/Berlin" });
  const plan = (now: string, postmortems = [pm()]) =>
    planAgendas({ now: utc(now), meetings: [meeting], agendaDays: 2, postmortems, repoUrl });

  it("opens the agenda from agendaDays before the meeting until it starts, keyed by the meeting date", () => {
    expect(plan("2026-12-08T13:59:00Z")).toEqual([]);
    const effects = plan("2026-12-08T14:00:00Z");
    expect(effects.map((e) => e.kind)).toEqual(["create-issue", "update-issue"]);
    expect(effects[0]).toMatchObject({ key: agendaKey("2026-12-10"), title: "Incident review 2026-12-10" });
    expect(plan("2026-12-10T13:59:00Z")).toHaveLength(2);
    expect(plan("2026-12-10T14:00:00Z")).toEqual([]);
    expect(plan("2026-12-09T00:00:00Z", [pm({ review: "2026-12-17" })])).toEqual([]);
  });
});

describe("announcements", () => {
  it("announces final postmortems of the top severity reviewed in the last days only", () => {
    const now = utc("2026-12-02T06:00:00Z");
    const final = pm({ status: "final", review: "2026-11-26" });
    const plan = (p: PostmortemFacts) => planAnnouncements({ now, topSeverity: "P1", postmortems: [p], repoUrl });
    expect(plan(final).effects).toEqual([
      expect.objectContaining({ key: announcementKey(7), labels: ["announcement"] }),
    ]);
    expect(plan(final).announcements[0]?.message.text).toContain("Postmortem of INC-7 (P1) is final");
    expect(plan({ ...final, severity: "P2" }).effects).toEqual([]);
    expect(plan({ ...final, status: "in-review" }).effects).toEqual([]);
    const old = now.minus({ days: ANNOUNCE_WITHIN_DAYS + 1 }).toISODate() ?? "";
    expect(plan({ ...final, review: old }).effects).toEqual([]);
  });
});

describe("action items", () => {
  const source = [
    "---",
    "incident: INC-7",
    "# the team's comment stays",
    "actionItems:",
    "  - title: Alert on errors",
    "    owner: ana",
    "  - title: Canary",
    "    owner: ben",
    "    issue: https://github.com/acme/oncall/issues/3",
    "---",
    "",
    "# Body stays as it was",
    "",
  ].join("\n");
  const facts = pm({
    actionItems: [
      { title: "Alert on errors", owner: "ana" },
      { title: "Canary", owner: "ben", issue: "https://github.com/acme/oncall/issues/3" },
      { title: "<!-- TODO: more -->", owner: "ben" },
    ],
  });

  it("opens one follow-up issue per item without an issue, skipping placeholders, assigned to its owner", () => {
    const items = pendingActionItems([facts], (t) => t.includes("TODO"));
    expect(items.map((i) => i.key)).toEqual([actionItemKey(7, 0, "Alert on errors")]);
    expect(actionItemKey(7, 0, "Alert on errors")).not.toBe(actionItemKey(7, 0, "Alert on error rates"));
    expect(actionItemIssues(items, repoUrl)).toEqual([
      expect.objectContaining({ kind: "create-issue", labels: [FOLLOWUP_LABEL], assignees: ["ana"] }),
    ]);
  });

  it("writes the issue links back into the front matter only, keeping comments and the body", () => {
    const items = pendingActionItems([facts], (t) => t.includes("TODO"));
    const links = new Map([[items[0]?.key ?? "", "https://github.com/acme/oncall/issues/12"]]);
    const files = writeBackFiles(items, links, new Map([[facts.path, source]]));
    expect(files).toHaveLength(1);
    const text = files[0]?.content ?? "";
    expect(text).toContain("    owner: ana\n    issue: https://github.com/acme/oncall/issues/12\n");
    expect(text).toContain("# the team's comment stays");
    expect(text.endsWith("---\n\n# Body stays as it was\n")).toBe(true);
    expect(writeBackFiles(items, new Map(), new Map([[facts.path, source]]))).toEqual([]);
    expect(writeBackEffect(files, [12])).toMatchObject({ pullRequest: { branch: ACTION_ITEMS_BRANCH } });
    expect(writeBackEffect([], [])).toBeNull();
  });

  it("keeps what it writes under GitHub's body limit", () => {
    expect(capBody("x".repeat(BODY_LIMIT * 2)).length).toBeLessThanOrEqual(BODY_LIMIT);
  });
});
