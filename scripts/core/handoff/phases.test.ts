import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  duePhases,
  handoffKey,
  latestDoneByLayer,
  lookbackStart,
  phaseKey,
  phaseMarkersIn,
  type HandoffInstant,
} from "./phases.js";

const NY = "America/New_York";
const t = (iso: string) => DateTime.fromISO(iso, { zone: NY });
const h1 = t("2026-12-07T11:00"); // Monday 11:00 New York = 16:00 UTC
const h2 = t("2026-12-14T11:00");
const handoffs: HandoffInstant[] = [
  { layer: "rot-a", at: h1 },
  { layer: "rot-a", at: h2 },
];
const show = (p: { due: { key: string }[]; stale: { key: string }[] }) => ({
  due: p.due.map((d) => d.key),
  stale: p.stale.map((d) => d.key),
});

// Fails before the issue item 3: there was no phase logic at all (core/handoff did not exist).
describe("duePhases (issue 12 item 3: each phase once, in order, old ones caught up)", () => {
  it("keys are marker-safe: hyphens become dots, the instant is UTC to the minute", () => {
    expect(handoffKey("rot-a", h1)).toBe("handoff/rot.a/20261207T1600Z");
    expect(phaseKey("a--b", h1, "at-handoff")).toBe("handoff/a..b/20261207T1600Z/at-handoff");
  });

  it.each([
    ["before the reminder", "2026-12-06T10:59", [], []],
    ["at the reminder (24 h before)", "2026-12-06T11:00", ["upcoming"], []],
    ["between reminder and handoff", "2026-12-07T10:59", ["upcoming"], []],
    ["5 hours after the handoff (late run): both, reminder first", "2026-12-07T16:00", ["upcoming", "at-handoff"], []],
    ["3 days and 1 hour after the reminder: reminder stale", "2026-12-09T12:00", ["at-handoff"], ["upcoming"]],
  ])("%s", (_name, now, due, stale) => {
    const plan = duePhases({ handoffs: handoffs.slice(0, 1), now: t(now), done: new Set() });
    expect(plan.due.map((p) => p.kind)).toEqual(due);
    expect(plan.stale.map((p) => p.kind)).toEqual(stale);
  });

  it("skips what is done; a done summary makes its reminder moot", () => {
    const now = t("2026-12-13T12:00");
    const done = new Set([phaseKey("rot-a", h1, "at-handoff")]);
    expect(show(duePhases({ handoffs, now, done }))).toEqual({
      due: [phaseKey("rot-a", h2, "upcoming")],
      stale: [],
    });
  });

  it("orders several layers by due instant, then layer, reminder before summary", () => {
    const b = t("2026-12-07T09:00");
    const plan = duePhases({
      handoffs: [...handoffs, { layer: "rot-b", at: b }, { layer: "rot-a", at: h1 }],
      now: t("2026-12-07T12:00"),
      reminderHours: 2,
      done: new Set(),
    });
    expect(plan.due.map((p) => `${p.layer} ${p.kind} ${p.dueAt.toFormat("dd HH:mm")}`)).toEqual([
      "rot-b upcoming 07 07:00",
      "rot-a upcoming 07 09:00",
      "rot-b at-handoff 07 09:00",
      "rot-a at-handoff 07 11:00",
    ]);
  });

  it("reminderHours 0 puts both phases at the handoff, reminder first", () => {
    const plan = duePhases({ handoffs, now: h1, reminderHours: 0, done: new Set() });
    expect(plan.due.map((p) => p.kind)).toEqual(["upcoming", "at-handoff"]);
  });

  it("catchUpDays decides what is stale", () => {
    const now = t("2026-12-14T12:00");
    const plan = duePhases({ handoffs, now, catchUpDays: 2, done: new Set() });
    expect(show(plan)).toEqual({
      due: [phaseKey("rot-a", h2, "upcoming"), phaseKey("rot-a", h2, "at-handoff")],
      stale: [phaseKey("rot-a", h1, "upcoming"), phaseKey("rot-a", h1, "at-handoff")],
    });
  });
});

describe("markers", () => {
  it("reads phase markers out of a body and the latest done handoff per layer", () => {
    const body = `text\n<!-- oncall:${phaseKey("rot-a", h1, "upcoming")} -->\n<!-- oncall:${phaseKey("rot-a", h2, "at-handoff")} -->\n<!-- oncall:other -->`;
    const keys = phaseMarkersIn(body);
    expect(keys).toEqual([phaseKey("rot-a", h1, "upcoming"), phaseKey("rot-a", h2, "at-handoff")]);
    expect(latestDoneByLayer(keys)).toEqual(new Map([["rot-a", h2.toMillis()]]));
    expect(phaseMarkersIn(null)).toEqual([]);
  });

  it("looks back to the latest done handoff, at most catchUpDays + 28 days, catchUpDays on a first run", () => {
    const now = t("2026-12-10T12:00");
    expect(lookbackStart(undefined, now, 3).toMillis()).toBe(now.minus({ days: 3 }).toMillis());
    expect(lookbackStart(h1.toMillis(), now, 3).toMillis()).toBe(h1.toMillis());
    expect(lookbackStart(t("2026-01-01T00:00").toMillis(), now, 3).toMillis()).toBe(now.minus({ days: 31 }).toMillis());
  });
});
