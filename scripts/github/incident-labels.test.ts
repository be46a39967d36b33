import { describe, expect, it } from "vitest";
import { freshState } from "../core/incident/test-kit.js";
import type { IssueSnapshot } from "./apply-context.js";
import type { Effect } from "./effects.js";
import { adjustIncidentLabels, incidentLabelCatalog, incidentLabels } from "./incident-labels.js";

const acked = {
  ...freshState(),
  status: "identified" as const,
  acknowledgedAt: "2026-10-22T15:35:00Z",
  acknowledgedBy: "alice",
};
const snapshot: IssueSnapshot = {
  number: 57,
  state: "open",
  stateReason: null,
  title: "t",
  body: "",
  labels: ["incident", "severity:P2", "status:investigating", "slo:warned"],
  assignees: ["alice"],
  url: "",
};

describe("incident labels", () => {
  it("adds acknowledged once the state says so, and the catalogue has every label the flow uses", () => {
    expect(incidentLabels(freshState())).toEqual(["incident", "severity:P2", "status:investigating"]);
    expect(incidentLabels(acked)).toEqual(["incident", "severity:P2", "status:identified", "acknowledged"]);
    const names = incidentLabelCatalog().map((l) => l.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "incident",
        "severity:unknown",
        "status:resolved",
        "not-incident",
        "follow-up",
        "acknowledged",
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it("folds acknowledged into the additions, ensures the catalogue on the first run only", () => {
    const plan: Effect[] = [
      { kind: "remove-labels", issue: 57, labels: ["status:investigating"] },
      { kind: "ensure-labels", labels: [{ name: "status:identified", color: "1d76db" }] },
      { kind: "add-labels", issue: 57, labels: ["status:identified"] },
    ];
    const later = adjustIncidentLabels(plan, { issue: 57, state: acked, labels: snapshot.labels, firstRun: false });
    expect(later).toEqual([plan[0], { kind: "add-labels", issue: 57, labels: ["status:identified", "acknowledged"] }]);
    const first = adjustIncidentLabels(plan, { issue: 57, state: acked, labels: snapshot.labels, firstRun: true });
    expect(first.map((e) => e.kind)).toEqual(["remove-labels", "ensure-labels", "add-labels"]);
    expect(first[1]).toMatchObject({ labels: incidentLabelCatalog() });
    const onlyAck = adjustIncidentLabels([], { issue: 57, state: acked, labels: ["incident"], firstRun: false });
    expect(onlyAck).toEqual([{ kind: "add-labels", issue: 57, labels: ["acknowledged"] }]);
    expect(
      adjustIncidentLabels([], { issue: 57, state: acked, labels: ["incident", "Acknowledged"], firstRun: false }),
    ).toEqual([]);
  });
});
