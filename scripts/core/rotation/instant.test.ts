/**
 * The one rule for instants people type (issue 11 item 5, issue 16 point 6). Fails before those
 * items: there was no shared parser; commands read a value without offset as UTC (`who`, `slo`,
 * `schedule show`, `ics`), `trade` read it in the rotation zone, and one action in the machine's zone.
 */
import { describe, expect, it } from "vitest";
import { UsageError } from "../model/index.js";
import { parseInstant } from "./instant.js";

const NY = "America/New_York";
const iso = (text: string, zone = NY) => parseInstant(text, zone, "--at").toISO();
const utc = (text: string, zone = NY) => parseInstant(text, zone, "--at").toUTC().toISO();

describe("parseInstant", () => {
  it("keeps an instant given with an offset", () => {
    expect(iso("2026-12-21T12:00:00-05:00")).toBe("2026-12-21T12:00:00.000-05:00");
    expect(iso("2026-12-21T12:00Z")).toBe("2026-12-21T12:00:00.000Z");
    expect(utc("2026-12-21T17:00:00Z", "Asia/Kolkata")).toBe("2026-12-21T17:00:00.000Z");
  });

  it("reads +05:30 and +05:45 offsets", () => {
    expect(utc("2026-12-21T12:00+05:30")).toBe("2026-12-21T06:30:00.000Z");
    expect(utc("2026-12-21T12:00+05:45")).toBe("2026-12-21T06:15:00.000Z");
    expect(utc("2026-12-21T12:00+0545")).toBe("2026-12-21T06:15:00.000Z");
  });

  it("reads a time without offset as wall-clock time in the rotation zone", () => {
    // Fails before: `who --at 2026-12-21T12:00` answered for 07:00 New York (noon UTC).
    expect(iso("2026-12-21T12:00")).toBe("2026-12-21T12:00:00.000-05:00");
    expect(iso("2026-07-01T09:30:15", NY)).toBe("2026-07-01T09:30:15.000-04:00");
    expect(iso("2026-12-21T12:00", "Asia/Kathmandu")).toBe("2026-12-21T12:00:00.000+05:45");
    expect(iso("2026-12-21T12:00", "Asia/Kolkata")).toBe("2026-12-21T12:00:00.000+05:30");
    expect(parseInstant("2026-12-21T12:00", NY, "--at").zoneName).toBe(NY);
  });

  it("reads a date alone as the start of that day in the rotation zone", () => {
    // Fails before: `slo report --since 2026-11-01` started at midnight UTC, 20:00 the day before in New York.
    expect(iso("2026-11-01")).toBe("2026-11-01T00:00:00.000-04:00");
    expect(iso("2026-10-04", "Australia/Adelaide")).toBe("2026-10-04T00:00:00.000+09:30");
    // Midnight skipped (Santiago springs forward at 00:00): the day starts at 01:00.
    expect(iso("2026-09-06", "America/Santiago")).toBe("2026-09-06T01:00:00.000-03:00");
  });

  it("refuses a time inside a DST gap, naming the gap", () => {
    expect(() => parseInstant("2027-03-14T02:30", NY, "--at")).toThrow(
      "--at 2027-03-14T02:30 does not exist in America/New_York: on 2027-03-14 the clocks there jump from 02:00 to 03:00 (UTC-05:00 to UTC-04:00).",
    );
    expect(() => parseInstant("2026-10-04T02:15", "Australia/Adelaide", "--from")).toThrow(
      /jump from 02:00 to 03:00 \(UTC\+09:30 to UTC\+10:30\)/,
    );
    expect(() => parseInstant("2027-03-14T02:30", NY, "--at")).toThrow(UsageError);
    // Just outside the gap is fine.
    expect(iso("2027-03-14T03:00")).toBe("2027-03-14T03:00:00.000-04:00");
    expect(iso("2027-03-14T01:59")).toBe("2027-03-14T01:59:00.000-05:00");
  });

  it("takes the earlier instant for an ambiguous time, as the generator does", () => {
    expect(iso("2026-11-01T01:30")).toBe("2026-11-01T01:30:00.000-04:00");
    expect(iso("2027-04-04T02:30", "Australia/Adelaide")).toBe("2027-04-04T02:30:00.000+10:30");
    expect(iso("2026-11-01T01:30-05:00")).toBe("2026-11-01T01:30:00.000-05:00");
  });

  it("says which forms it takes when the text is not an instant", () => {
    for (const bad of ["", "tomorrow", "2026-13-01", "2026-12-21T25:00", "12/21/2026"]) {
      expect(() => parseInstant(bad, NY, 'Input "at"')).toThrow(
        `Input "at" must be a date (2026-12-07, the start of that day in America/New_York), a time in America/New_York (2026-12-07T11:00) or an instant with an offset (2026-12-07T11:00-05:00, 2026-12-07T16:00Z), not "${bad}".`,
      );
    }
  });
});
