import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { UsageError } from "../model/index.js";
import { NO_HOLIDAYS, fixedHolidayCalendar } from "../slo/index.js";
import { shift } from "../rotation/test-kit.js";
import { weekly } from "../trade/test-kit.js";
import {
  handoffSummary,
  handoffSummaryMarkdown,
  latestHandoffs,
  layerHandoffsBetween,
  nextLayerHandoff,
  previousLayerHandoff,
  REPORT_BUDGET,
  SUMMARY_BUDGET,
} from "./index.js";
import { at, CONFIG, org, postmortem, record, yearShifts } from "./test-kit.js";

const utc = (dt: DateTime) => dt.toUTC().toISO({ suppressMilliseconds: true });
const summaryAt = (layer: string, iso: string, fields: Partial<Parameters<typeof handoffSummary>[0]> = {}) =>
  handoffSummary({ org: org(), layer, at: at(iso), records: [], calendar: NO_HOLIDAYS, ...fields });

// Fails before issue 12 item 1: there was no core/handoff.
describe("handoff instants across the US and EU DST changes (issue 12 item 1)", () => {
  it("follow 11:00 New York: 16:00 UTC in winter, 15:00 UTC from 8 March and until 1 November", () => {
    const found = layerHandoffsBetween(org(), at("2026-03-01T00:00"), at("2026-03-17T00:00"));
    expect(found.map((h) => `${h.layer} ${utc(h.at)}`)).toEqual([
      "rot-a 2026-03-02T16:00:00Z",
      "rot-b 2026-03-04T16:00:00Z",
      "rot-a 2026-03-09T15:00:00Z",
      "rot-b 2026-03-11T15:00:00Z",
      "rot-a 2026-03-16T15:00:00Z",
    ]);
    expect(
      layerHandoffsBetween(org(), at("2026-10-25T00:00"), at("2026-11-05T00:00"), "rot-a").map((h) => utc(h.at)),
    ).toEqual(["2026-10-26T15:00:00Z", "2026-11-02T16:00:00Z"]);
  });

  it.each([
    // [layer, asked at, handoff (UTC), outgoing, incoming, incoming's start on their own clock]
    ["rot-a", "2026-03-09T10:59", "2026-03-02T16:00:00Z", "bob", "carol", "2026-03-02T11:00:00-05:00"],
    ["rot-a", "2026-03-09T11:00", "2026-03-09T15:00:00Z", "carol", "alice", "2026-03-09T11:00:00-04:00"],
    // New York is on summer time, Berlin not yet (EU changes on 29 March): 11:00 New York is 16:00 Berlin.
    ["rot-b", "2026-03-11T12:00", "2026-03-11T15:00:00Z", "ed", "erin", "2026-03-11T16:00:00+01:00"],
    ["rot-b", "2026-03-25T12:00", "2026-03-25T15:00:00Z", "ravi", "ed", "2026-03-26T02:00:00+11:00"],
    ["rot-b", "2026-04-01T11:00", "2026-04-01T15:00:00Z", "ed", "erin", "2026-04-01T17:00:00+02:00"],
    ["rot-b", "2026-04-08T11:00", "2026-04-08T15:00:00Z", "erin", "ravi", "2026-04-08T20:30:00+05:30"],
    // Europe is back on winter time from 25 October, New York only from 1 November: 11:00 is 16:00 Berlin.
    ["rot-b", "2026-10-28T11:00", "2026-10-28T15:00:00Z", "ed", "erin", "2026-10-28T16:00:00+01:00"],
    ["rot-b", "2026-11-04T11:00", "2026-11-04T16:00:00Z", "erin", "ravi", "2026-11-04T21:30:00+05:30"],
  ] as const)("%s asked at %s: handoff %s from %s to %s", (layer, asked, h, outgoing, incoming, start) => {
    const [latest] = latestHandoffs(org(), at(asked), layer);
    expect(utc(latest!.at)).toBe(h);
    const summary = summaryAt(layer, latest!.at.toISO()!);
    expect(summary).toMatchObject({ layer, at: h, outgoing, incoming });
    expect(summary.incomingNextShift?.start).toBe(start);
    expect(summary.window.end).toBe(h);
    expect(Date.parse(summary.window.end) - Date.parse(summary.window.start)).toBeGreaterThan(6.9 * 86_400_000);
  });

  it("latest handoffs of every layer come in config order; an unknown layer is a user error", () => {
    expect(latestHandoffs(org(), at("2026-03-12T00:00")).map((h) => `${h.layer} ${utc(h.at)}`)).toEqual([
      "rot-a 2026-03-09T15:00:00Z",
      "rot-b 2026-03-11T15:00:00Z",
    ]);
    expect(() => latestHandoffs(org(), at("2026-03-12T00:00"), "rot-z")).toThrow(UsageError);
    expect(() => latestHandoffs(org(), at("2026-03-12T00:00"), "rot-z")).toThrow(/rot-a, rot-b, holiday-a, holiday-b/);
  });
});

describe("latest, previous and next handoffs agree with the list (issue 12 item 1)", () => {
  it("at 400 instants over two years, holiday periods and DST changes included", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const start = at("2026-01-01T00:00").toMillis();
    for (let i = 0; i < 400; i++) {
      const q = DateTime.fromMillis(start + Math.floor(random() * 730 * 86_400_000), { zone: "UTC" });
      for (const latest of latestHandoffs(org(), q)) {
        const listed = layerHandoffsBetween(org(), q.minus({ days: 16 }), q.plus({ milliseconds: 1 }), latest.layer);
        expect(utc(latest.at), utc(q) ?? "").toBe(utc(listed.at(-1)!.at));
        const before = previousLayerHandoff(org(), latest);
        expect(utc(before.at)).toBe(utc(listed.at(-2)!.at));
        const next = nextLayerHandoff(org(), latest);
        expect(next.at > q).toBe(true);
        const between = layerHandoffsBetween(org(), latest.at.plus({ milliseconds: 1 }), next.at, latest.layer);
        expect(between).toEqual([]);
      }
    }
  });
});

describe("holiday period: two-day volunteer slots (issue 12 item 1)", () => {
  // rot-a until the window, holiday-a slots (one unclaimed, falling back to carol), rot-a again after it.
  const shifts = [
    ...weekly("rot-a", "2026-12-14T11:00", ["alice"]),
    shift("rot-a", "2026-12-21T11:00", "2026-12-23T11:00", "bob"),
    shift("holiday-a", "2026-12-23T11:00", "2026-12-25T11:00", "alice"),
    shift("holiday-a", "2026-12-25T11:00", "2026-12-27T11:00", null, { fallback: "carol" }),
    shift("holiday-a", "2026-12-27T11:00", "2026-12-29T11:00", "bob"),
    shift("holiday-a", "2026-12-29T11:00", "2026-12-31T11:00", "carol"),
    shift("holiday-a", "2026-12-31T11:00", "2027-01-02T11:00", "alice"),
    shift("holiday-a", "2027-01-02T11:00", "2027-01-03T11:00", "bob"),
    shift("rot-a", "2027-01-03T11:00", "2027-01-04T11:00", "carol"),
    ...weekly("rot-a", "2027-01-04T11:00", ["alice"]),
    ...weekly("rot-b", "2026-12-16T11:00", ["erin"]),
  ];

  it("hands off at every slot edge and at the window's edges, not at the regular Monday inside it", () => {
    const found = layerHandoffsBetween(org(shifts), at("2026-12-20T00:00"), at("2027-01-05T00:00"), "holiday-a");
    expect(found.map((h) => `${h.at.toFormat("MM-dd HH:mm")} ${h.shiftLayer}`)).toEqual([
      "12-21 11:00 rot-a",
      "12-23 11:00 holiday-a",
      "12-25 11:00 holiday-a",
      "12-27 11:00 holiday-a",
      "12-29 11:00 holiday-a",
      "12-31 11:00 holiday-a",
      "01-02 11:00 holiday-a",
      "01-03 11:00 rot-a",
      "01-04 11:00 rot-a",
    ]);
  });

  it("a handoff into an unclaimed slot goes to the fallback; its window is the two-day slot", () => {
    const [h] = latestHandoffs(org(shifts), at("2026-12-26T09:00"), "rot-a");
    expect(utc(h!.at)).toBe("2026-12-25T16:00:00Z");
    const s = handoffSummary({ org: org(shifts), layer: "rot-a", at: h!.at, records: [], calendar: NO_HOLIDAYS });
    expect(s).toMatchObject({ outgoing: "alice", incoming: "carol" });
    expect(s.window).toEqual({ start: "2026-12-23T16:00:00Z", end: "2026-12-25T16:00:00Z" });
    expect(s.incomingNextShift).toMatchObject({ login: "carol", end: "2026-12-27T11:00:00-05:00" });
  });

  it("lists the unclaimed slot among the unfilled shifts of the next 14 days", () => {
    const s = handoffSummary({
      org: org(shifts),
      layer: "rot-a",
      at: at("2026-12-21T11:00"),
      records: [],
      calendar: NO_HOLIDAYS,
    });
    expect(s.unfilled).toContainEqual({
      layer: "holiday-a",
      start: "2026-12-25T16:00:00Z",
      end: "2026-12-27T16:00:00Z",
      fallback: "carol",
    });
  });
});

describe("handoff to a fallback manager (issue 12 item 1)", () => {
  it("names the manager of a no-one shift, and of a leaver's shift, as the incoming person", () => {
    const shifts = [
      ...weekly("rot-a", "2026-03-02T11:00", ["alice", null, "carol"]).map((s) =>
        s.login === null ? { ...s, fallback: "dana" } : s,
      ),
      ...weekly("rot-b", "2026-03-04T11:00", ["erin", "ravi", "ed"]),
    ];
    const s = handoffSummary({
      org: org(shifts),
      layer: "rot-a",
      at: at("2026-03-09T11:00"),
      records: [],
      calendar: NO_HOLIDAYS,
    });
    expect(s).toMatchObject({ outgoing: "alice", incoming: "dana" });
    expect(s.unfilled[0]).toMatchObject({ layer: "rot-a", fallback: "dana", start: "2026-03-09T15:00:00Z" });
    expect(s.incomingNextShift).toMatchObject({ login: "dana", end: "2026-03-16T11:00:00-04:00" });

    // ravi leaves on 31 March: from midnight after, his shift of 8 April goes to his manager frank.
    const people = org().people.map((p) => (p.login === "ravi" ? { ...p, end: "2026-03-31" } : p));
    const leaver = handoffSummary({
      org: org(yearShifts(), { people }),
      layer: "rot-b",
      at: at("2026-04-08T11:00"),
      records: [],
      calendar: NO_HOLIDAYS,
    });
    expect(leaver).toMatchObject({ outgoing: "erin", incoming: "frank" });
  });
});

describe("incidents, SLO, postmortems, follow-ups and the report (issue 12 item 1)", () => {
  // rot-b handoff Wed 7 Oct 2026 11:00 New York (15:00Z); its window began Wed 30 Sep 15:00Z.
  const h = "2026-10-07T11:00";
  const records = [
    record(1, { reportedAt: "2026-09-20T12:00:00Z", status: "resolved", resolvedAt: "2026-09-21T12:00:00Z" }),
    record(2, {
      title: "Checkout down for @everyone <!-- oncall:state -->",
      reportedAt: "2026-10-01T10:00:00Z",
      status: "resolved",
      resolvedAt: "2026-10-01T12:00:00Z",
      acknowledgedAt: "2026-10-01T10:05:00Z",
      slo: { tier: "full", targetMinutes: 10, deadline: "2026-10-01T10:10:00Z", outcome: "met" },
      followups: [
        { issue: 40, title: "Add an alert" },
        { issue: 41, title: "Done already", closed: true },
      ],
    }),
    record(3, {
      reportedAt: "2026-10-06T14:30:00Z",
      roles: { commander: "ravi" },
      timeline: [{ at: "2026-10-06T15:00:00Z", author: "ravi", kind: "note", text: "Rolled back the deploy" }],
    }),
    record(4, { reportedAt: "2026-09-25T12:00:00Z", status: "monitoring", acknowledgedAt: "2026-09-25T12:20:00Z" }),
    record(5, { reportedAt: "2026-10-02T12:00:00Z", status: "not-incident", resolvedAt: "2026-10-02T13:00:00Z" }),
    record(6, { reportedAt: "2026-10-08T12:00:00Z" }),
  ];

  it("sorts the window's incidents into opened, resolved and active, with SLO results", () => {
    const s = summaryAt("rot-b", h, { records, postmortems: [postmortem("INC-2", { due: "2026-10-05" })] });
    expect(s.window).toEqual({ start: "2026-09-30T15:00:00Z", end: "2026-10-07T15:00:00Z" });
    expect(s.incidents.opened.map((i) => i.id)).toEqual(["INC-2", "INC-3"]);
    expect(s.incidents.resolved.map((i) => i.id)).toEqual(["INC-2"]);
    expect(s.incidents.active.map((i) => i.id)).toEqual(["INC-4", "INC-3"]);
    expect(s.incidents.active[1]).toMatchObject({ commander: "ravi", latest: "Rolled back the deploy" });
    const slo = Object.fromEntries(s.slo.map((x) => [x.id, x.outcome]));
    // INC-3 was reported at 10:30 New York on a Tuesday and never acknowledged: breached a week later.
    expect(slo).toEqual({ "INC-2": "met", "INC-3": "breached", "INC-4": "met" });
    expect(s.postmortemsDue).toEqual([
      expect.objectContaining({ incident: "INC-2", overdue: true, authors: ["carol"] }),
    ]);
    expect(s.followups).toEqual([{ incident: "INC-2", issue: 40, title: "Add an alert" }]);
  });

  it("GitHub's open incidents add the ones without a record and win over a stale record", () => {
    const s = summaryAt("rot-b", h, {
      records,
      openIncidents: [
        { number: 3, title: "Incident 3", severity: "P1", status: "identified", commander: "erin", reportedAt: "x" },
        { number: 9, title: "New", severity: null, status: "investigating", reportedAt: "2026-10-07T14:55:00Z" },
      ],
      repoUrl: "https://github.com/acme/oncall",
    });
    expect(s.incidents.active.map((i) => [i.id, i.severity, i.status, i.commander])).toEqual([
      ["INC-4", "P2", "monitoring", null],
      ["INC-3", "P1", "identified", "erin"],
      ["INC-9", null, "investigating", null],
    ]);
    expect(s.incidents.active[2]!.url).toBe("https://github.com/acme/oncall/issues/9");
    expect(s.slo.find((x) => x.id === "INC-9")?.outcome).toBe("pending");
  });

  it("prefills the report and escapes what people typed", () => {
    const s = summaryAt("rot-b", h, { records });
    for (const section of [
      "### What happened",
      "### Still open",
      "### Better-engineering work",
      "### Notes for the next shift",
    ])
      expect(s.report).toContain(section);
    expect(s.report).toContain("- [ ] Read the outgoing engineer's report");
    expect(s.report).toMatch(
      /#3 P2 Incident 3 \(investigating\): commander `ravi`; latest: Rolled back the deploy\. Next step:/,
    );
    expect(s.report).not.toMatch(/@everyone|<!--/);
    const md = handoffSummaryMarkdown(s, org());
    expect(md).toContain("## rot-b handoff: @ed → @erin");
    expect(md).not.toMatch(/@everyone|<!--/);
    expect(md).toContain("- `ravi`: ");

    const templated = summaryAt("rot-b", h, {
      records,
      settings: {
        ...CONFIG.handoff,
        reportTemplate: "# {{layer}} from {{outgoing}}\n{{stillOpen}}\n{{unknown}} @team",
      },
    });
    expect(templated.report).toMatch(/^# rot-b from `ed`\n- #4 /);
    expect(templated.report).toContain("{{unknown}} @\u200bteam");
  });

  it("stays under GitHub's limit with thousands of long incidents", () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      record(100 + i, { reportedAt: "2026-10-01T10:00:00Z", title: "x".repeat(5000), roles: { commander: "ravi" } }),
    );
    const s = summaryAt("rot-b", h, { records: many });
    expect(s.report.length).toBeLessThanOrEqual(REPORT_BUDGET);
    const md = handoffSummaryMarkdown(s, org());
    expect(md.length).toBeLessThanOrEqual(SUMMARY_BUDGET);
    expect(md).toContain("and 2960 more");
  });
});

describe("off-hours response time per person (issue 12 item 1)", () => {
  it("counts each person's time outside their local 09:00-17:00, across midnight and DST, once per night", () => {
    const calendar = fixedHolidayCalendar({});
    const records = [
      // Kolkata (+05:30): Tue 6 Oct 20:00 to Wed 7 Oct 10:00 local: 4 h + 9 h off, 1 h at work.
      record(1, {
        reportedAt: "2026-10-06T20:00:00+05:30",
        resolvedAt: "2026-10-07T10:00:00+05:30",
        status: "resolved",
        roles: { commander: "ravi" },
      }),
      // The same night again for ravi (overlap counts once), and Sydney across the start of DST:
      // Sat 3 Oct 22:00 AEST to Sun 4 Oct 04:00 AEDT is 5 hours, all weekend.
      record(2, {
        reportedAt: "2026-10-03T22:00:00+10:00",
        resolvedAt: "2026-10-04T04:00:00+11:00",
        status: "resolved",
        oncall: ["ed"],
      }),
      record(3, {
        reportedAt: "2026-10-06T21:00:00+05:30",
        resolvedAt: "2026-10-06T23:00:00+05:30",
        status: "resolved",
        oncall: ["ravi"],
        // A New Yorker's note at 22:00 New York counts 15 minutes; a bot's note counts nothing.
        timeline: [
          { at: "2026-10-05T22:00:00-04:00", author: "alice", text: "looked at the graphs" },
          { at: "2026-10-05T22:00:00-04:00", author: "github-actions", text: "label" },
        ],
      }),
    ];
    const s = summaryAt("rot-b", "2026-10-07T11:00", { records, calendar });
    expect(s.offHours).toEqual([
      { login: "ravi", minutes: 13 * 60 },
      { login: "ed", minutes: 5 * 60 },
      { login: "alice", minutes: 15 },
    ]);
  });

  it("counts only the part inside the outgoing window, and a holiday whole", () => {
    // ravi, Kolkata, from Tue 29 Sep 09:00 local to Wed 30 Sep 23:00 local; the window starts 30 Sep 20:30.
    const records = [
      record(1, {
        reportedAt: "2026-09-29T09:00:00+05:30",
        resolvedAt: "2026-09-30T23:00:00+05:30",
        status: "resolved",
        oncall: ["ravi"],
      }),
    ];
    expect(summaryAt("rot-b", "2026-10-07T11:00", { records }).offHours).toEqual([{ login: "ravi", minutes: 150 }]);
    const holiday = fixedHolidayCalendar({ IN: ["2026-09-30"] });
    expect(summaryAt("rot-b", "2026-10-07T11:00", { records, calendar: holiday }).offHours).toEqual([
      { login: "ravi", minutes: 150 },
    ]);
    const record2 = [
      { ...records[0]!, reportedAt: "2026-10-01T09:00:00+05:30", resolvedAt: "2026-10-01T17:00:00+05:30" },
    ];
    expect(summaryAt("rot-b", "2026-10-07T11:00", { records: record2 }).offHours).toEqual([]);
    expect(
      summaryAt("rot-b", "2026-10-07T11:00", {
        records: record2,
        calendar: fixedHolidayCalendar({ IN: ["2026-10-01"] }),
      }).offHours,
    ).toEqual([{ login: "ravi", minutes: 480 }]);
  });
});
