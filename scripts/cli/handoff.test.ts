/**
 * `oncall handoff` (issue 12 item 2) against the example organisation's test copy, in process through
 * `main`: at 20 instants (ordinary weeks, both DST changes, overrides at and inside a shift, the holiday
 * period's two-day slots and fallbacks, and past the published schedule), every handoff it reports names
 * the people `oncall who` names one second before and at the handoff.
 *
 * Fails before issue 12 item 2: there was no `handoff` command ("unknown command").
 */
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { main } from "./main.js";

const repo = new URL("../fixtures/example/", import.meta.url).pathname;
/** Volunteer layers of the fixture's holiday period and the layer each replaces. */
const SLOT: Record<string, string> = { "holiday-a": "rot-a", "holiday-b": "rot-b" };

async function oncall(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main([...argv, "--repo", repo], {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    env: {},
    now: () => DateTime.fromISO("2026-11-23T12:00:00Z", { setZone: true }),
  });
  return { code, out, err };
}

async function json<T>(...argv: string[]): Promise<T> {
  const r = await oncall(...argv, "--json");
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as T;
}

interface Who {
  oncall: { layer: string; login: string }[];
}
interface Handoffs {
  handoffs: { layer: string; at: string; outgoing: string | null; incoming: string | null }[];
}

async function whoIn(layer: string, at: DateTime): Promise<string | null> {
  const who = await json<Who>("who", "--at", at.toUTC().toISO()!);
  return who.oncall.find((e) => (SLOT[e.layer] ?? e.layer) === layer)?.login ?? null;
}

const INSTANTS = [
  "2026-09-15T12:00",
  "2026-10-05T10:59:59",
  "2026-10-05T11:00",
  "2026-10-26T09:00", // Europe on winter time, New York not yet
  "2026-11-02T11:00", // New York back on winter time: 16:00 UTC
  "2026-11-04T12:00",
  "2026-12-01T10:00", // inside a one-day override of rot-a
  "2026-12-16T11:00", // an override of rot-b starts at the handoff itself
  "2026-12-17T12:00",
  "2026-12-22T12:00",
  "2026-12-23T11:00", // the holiday period begins: unfilled slots go to fallbacks
  "2026-12-24T00:00",
  "2026-12-26T09:00",
  "2026-12-28T12:00", // a Monday inside the holiday period: no regular handoff
  "2027-01-02T15:00",
  "2027-01-03T11:30", // the holiday period has ended
  "2027-01-04T11:00",
  "2027-01-14T12:00", // inside an override of rot-b
  "2027-01-27T12:00", // past the published schedule: a preview
  "2027-02-10T12:00",
];

describe("oncall handoff --json (issue 12 item 2)", () => {
  it("has the fields of the issue, one entry per layer", async () => {
    const { handoffs } = await json<{ handoffs: Record<string, unknown>[] }>("handoff", "--at", "2026-12-26T09:00");
    expect(handoffs.map((h) => h.layer)).toEqual(["rot-a", "rot-b"]);
    for (const h of handoffs) {
      expect(Object.keys(h)).toEqual(
        expect.arrayContaining([
          "layer",
          "at",
          "outgoing",
          "incoming",
          "window",
          "incidents",
          "slo",
          "postmortemsDue",
          "followups",
          "unfilled",
          "offHours",
          "report",
        ]),
      );
      expect(h.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Object.keys(h.incidents as object)).toEqual(["opened", "resolved", "active"]);
    }
  });

  it.each(INSTANTS)("at %s names who `oncall who` names just before and just after each handoff", async (text) => {
    const asked = DateTime.fromISO(text, { zone: "America/New_York" });
    const { handoffs } = await json<Handoffs>("handoff", "--at", text);
    expect(handoffs.map((h) => h.layer)).toEqual(["rot-a", "rot-b"]);
    for (const h of handoffs) {
      const at = DateTime.fromISO(h.at, { zone: "UTC" });
      expect(at <= asked).toBe(true);
      expect(asked.diff(at, "days").days).toBeLessThan(7.1);
      expect({ layer: h.layer, outgoing: h.outgoing, incoming: h.incoming }).toEqual({
        layer: h.layer,
        outgoing: await whoIn(h.layer, at.minus({ seconds: 1 })),
        incoming: await whoIn(h.layer, at),
      });
    }
  });

  it("--layer picks one layer (a volunteer layer means the one it replaces); an unknown layer is a clear error", async () => {
    const one = await json<Handoffs>("handoff", "--at", "2026-12-26T09:00", "--layer", "holiday-b");
    expect(one.handoffs.map((h) => [h.layer, h.at])).toEqual([["rot-b", "2026-12-25T16:00:00Z"]]);
    const bad = await oncall("handoff", "--layer", "rot-z");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('There is no layer "rot-z"');
    expect(bad.err).not.toMatch(/at .*\.[mc]?[jt]s:\d+/);
    expect((await oncall("handoff", "--json", "--markdown")).code).toBe(2);
  });

  it("--markdown prints the summary and the report, text mode a short overview", async () => {
    const md = await oncall("handoff", "--at", "2026-12-26T09:00", "--layer", "rot-a", "--markdown");
    expect(md.code).toBe(0);
    expect(md.out).toMatch(/^## rot-a handoff: @\S+ → @\S+/);
    expect(md.out).toContain("### Better-engineering work");
    const text = await oncall("handoff", "--at", "2026-12-26T09:00");
    expect(text.out).toMatch(/^rot-a: handoff Fri 2026-12-25 11:00 UTC-05:00, \S+ -> \S+/);
  });
});
