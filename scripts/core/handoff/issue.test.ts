import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  GITHUB_TEXT_LIMIT,
  atHandoffSection,
  catchUpLine,
  composeBody,
  handoffChatMessage,
  handoffIssueTitle,
  phaseMarker,
  upcomingSection,
  type HandoffIssueText,
} from "./issue.js";
import { duePhases, phaseMarkersIn } from "./phases.js";

const at = DateTime.fromISO("2026-12-07T11:00", { zone: "America/New_York" });
const text: HandoffIssueText = {
  layer: "rot-a",
  at,
  zone: "America/New_York",
  outgoing: { login: "alice", timezone: "America/New_York" },
  incoming: { login: "bob", timezone: "Europe/Berlin" },
  checklist: ["Check the pager app", "Ping @carol"],
  report: "## What happened\n\n- nothing",
};

// Fails before the issue item 3: handoff issues had no text at all (core/handoff/issue.ts did not exist).
describe("handoff issue text (issue 12 item 3)", () => {
  it("titles the issue with the wall-clock time in the rotation zone", () => {
    expect(handoffIssueTitle(text)).toBe("rot-a handoff Mon 7 Dec 11:00 New York: @alice -> @bob");
  });

  it("mentions the incoming person with the start in their own zone and lists the checklist", () => {
    const body = upcomingSection(text);
    expect(body).toContain("@bob: your **rot-a** shift starts **Mon 7 Dec 17:00 Berlin** (Mon 7 Dec 11:00 New York)");
    expect(body).toContain("- [ ] Check the pager app");
    expect(body).toContain("- [ ] Ping @\u200bcarol"); // config text notifies nobody
    expect(body).toContain("@alice: below is your on-call report, prefilled.");
    expect(upcomingSection({ ...text, report: "### Start-of-shift checklist\n- [ ] x" })).not.toContain(
      "Check the pager app",
    );
  });

  it("keeps the existing body, adds the summary, and stays under the limit with every marker", () => {
    const markers = [phaseMarker("rot-a", at, "upcoming"), phaseMarker("rot-a", at, "at-handoff")];
    const huge = "x".repeat(100_000);
    const body = composeBody({
      existing: "notes by alice\n" + huge,
      added: [atHandoffSection(text, huge, 12)],
      markers,
    });
    expect(body.length).toBeLessThan(GITHUB_TEXT_LIMIT - 1_000);
    expect(body.startsWith("notes by alice")).toBe(true);
    expect(body).toContain("Previous handoff: #12.");
    expect(phaseMarkersIn(body)).toHaveLength(2);
  });

  it("names stale phases on one line, oldest first, at most 20", () => {
    const handoffs = Array.from({ length: 15 }, (_, i) => ({ layer: "rot-a", at: at.plus({ weeks: i }) }));
    const { stale } = duePhases({ handoffs, now: at.plus({ weeks: 20 }), done: new Set() });
    const line = catchUpLine(stale, "America/New_York", 3);
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toContain("rot-a reminder of Mon 7 Dec 11:00 New York; rot-a summary of Mon 7 Dec 11:00 New York;");
    expect(line).toContain("and 10 more.");
  });

  it("writes a Slack-compatible chat message", () => {
    expect(handoffChatMessage(text, "https://github.com/o/r/issues/3", ["1 incident still open"])).toEqual({
      text: "rot-a handoff Mon 7 Dec 11:00 New York: alice -> bob (<https://github.com/o/r/issues/3|summary>)\n• 1 incident still open",
    });
  });
});
