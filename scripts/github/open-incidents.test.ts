import { describe, expect, it } from "vitest";
import { buildEvent } from "../e2e/event-payloads.js";
import { openIncidentQuery, toIncidentIssue, withEventIssue, type OpenIncidents } from "./open-incidents.js";

const listed: OpenIncidents = {
  incidents: [
    {
      number: 7,
      createdAt: "2026-12-02T15:00:00Z",
      labels: ["incident"],
      assignees: ["kbarrett"],
      title: "Down",
      url: "https://github.com/acme/oncall/issues/7",
      state: "open",
    },
  ],
  snapshots: [
    {
      number: 7,
      state: "open",
      stateReason: null,
      title: "Down",
      body: "",
      labels: ["incident"],
      assignees: ["kbarrett"],
      url: "https://github.com/acme/oncall/issues/7",
    },
  ],
};

describe("openIncidentQuery", () => {
  it("asks for live open incidents only, so GitHub filters the rest server-side", () => {
    expect(openIncidentQuery({ owner: "acme", repo: "oncall" })).toBe(
      'repo:acme/oncall is:issue is:open label:"incident" -label:"acknowledged" -label:"not-incident" -label:"slo:escalated" -label:"status:triage"',
    );
  });
});

describe("toIncidentIssue", () => {
  it("takes label objects or names and assignee logins", () => {
    const issue = toIncidentIssue({
      number: 3,
      created_at: "2026-12-02T15:00:00Z",
      state: "open",
      title: "t",
      html_url: "https://x/3",
      labels: ["incident", { name: "slo:warned" }, {}],
      assignees: [{ login: "nkim" }],
    });
    expect(issue).toEqual({
      number: 3,
      createdAt: "2026-12-02T15:00:00Z",
      labels: ["incident", "slo:warned"],
      assignees: ["nkim"],
      title: "t",
      url: "https://x/3",
      state: "open",
    });
  });
});

describe("withEventIssue", () => {
  it("adds the event's issue last and replaces the listed snapshot", () => {
    const { payload } = buildEvent("issues.labeled", {
      issue: {
        number: 7,
        labels: ["incident", "acknowledged"],
        assignees: ["kbarrett"],
        created_at: "2026-12-02T15:00:00Z",
        state: "open",
      },
    });
    const merged = withEventIssue(listed, payload);
    expect(merged.incidents.map((i) => [i.number, i.labels])).toEqual([
      [7, ["incident"]],
      [7, ["incident", "acknowledged"]],
    ]);
    expect(merged.snapshots).toHaveLength(1);
    expect(merged.snapshots[0]!.labels).toEqual(["incident", "acknowledged"]);
  });

  it("leaves the listing alone for payloads without an issue", () => {
    expect(withEventIssue(listed, buildEvent("schedule").payload)).toBe(listed);
    expect(withEventIssue(listed, { issue: { number: 7 } })).toBe(listed);
  });
});
