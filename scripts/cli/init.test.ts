/**
 * `oncall init` end to end (issue 16, items 12 and 14): the built CLI run as a process on a scratch
 * repository made from the test fixtures (scripts/fixtures/minimal plus the issue form of
 * scripts/fixtures/adoption), never on the example organisation at the root.
 *
 * Fails before issue 16 item 12: there was no `init` command (exit 2, "unknown command").
 */
import { describe, expect, it } from "vitest";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import { parse } from "yaml";
import { runCli } from "./run-cli.js";
import { fixtureDir } from "../repo/test-repo.js";
import { markExampleRoster } from "../repo/init-texts.js";

const ADOPTION = fileURLToPath(new URL("../fixtures/adoption/", import.meta.url));
const CSV = join(ADOPTION, "people.csv");
const AT = "2026-09-28T12:00:00Z"; // Monday 08:00 in New York: the first handoff is at 11:00 that day.

/** A scratch repository shaped like a fresh copy of the template, its roster marked as the example's. */
function templateCopy(options: { marked?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "oncall-init-"));
  cpSync(fixtureDir("minimal"), dir, { recursive: true });
  mkdirSync(join(dir, ".github/ISSUE_TEMPLATE"), { recursive: true });
  for (const f of ["incident.yml", "config.yml"])
    cpSync(join(ADOPTION, "issue-template", f), join(dir, ".github/ISSUE_TEMPLATE", f));
  if (options.marked !== false) {
    const roster = join(dir, "rotations/people.yaml");
    writeFileSync(roster, markExampleRoster(readFileSync(roster, "utf8")));
  }
  return dir;
}

/** Every file under `dir` with its text, to show that a refused run wrote nothing. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const abs = join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.set(relative(dir, abs), readFileSync(abs, "utf8"));
    }
  };
  walk(dir);
  return out;
}

interface ShiftLine {
  layer: string;
  start: string;
  end: string;
  login: string | null;
  fallback?: string;
}

/** The CSV's people by login (columns as in the file; the fixture has no quoted commas in these columns). */
function csvPeople(): Map<string, { timezone: string; start: string; end: string }> {
  const [header, ...rows] = readFileSync(CSV, "utf8").trim().split("\n");
  const cols = header!.split(",");
  const out = new Map<string, { timezone: string; start: string; end: string }>();
  for (const row of rows) {
    // The name may hold a quoted comma; the columns after it are plain.
    const cells = row.replace(/"((?:[^"]|"")*)"/g, (_, v: string) => v.replace(/,/g, ";")).split(",");
    const get = (c: string) => cells[cols.indexOf(c)]!.replace(/"/g, "");
    out.set(get("login"), { timezone: get("timezone"), start: get("start"), end: get("end") });
  }
  return out;
}

/** DST changes of both hemispheres in 2026-27, and the first handoffs after the US ones, in UTC. */
const INSTANTS = [
  ["2026-10-03T16:29:59Z", "2026-10-03T16:30:00Z"], // Adelaide moves to +10:30
  ["2026-10-25T00:59:59Z", "2026-10-25T01:00:00Z"], // Berlin back to +01:00
  ["2026-11-01T05:59:59Z", "2026-11-01T06:00:00Z"], // New York and Los Angeles back to standard time
  ["2026-11-02T15:59:00Z", "2026-11-02T16:00:00Z"], // rot-a handoff, Monday 11:00 EST
  ["2026-11-04T15:59:00Z", "2026-11-04T16:00:00Z"], // rot-b handoff, Wednesday 11:00 EST
  ["2027-03-14T06:59:59Z", "2027-03-14T07:00:00Z"], // New York and Los Angeles to summer time
  ["2027-03-15T14:59:00Z", "2027-03-15T15:00:00Z"], // rot-a handoff, Monday 11:00 EDT
  ["2027-03-28T00:59:59Z", "2027-03-28T01:00:00Z"], // Berlin to +02:00
  ["2027-04-03T16:29:59Z", "2027-04-03T16:30:00Z"], // Adelaide back to +09:30
].flat();

describe("oncall init (process)", () => {
  it("adopts a 25-person roster in six zones; validate, status and who follow the schedule across DST", () => {
    const dir = templateCopy();
    const formBefore = readFileSync(join(dir, ".github/ISSUE_TEMPLATE/incident.yml"), "utf8");
    const r = runCli(["init", "--repo", dir, "--people", CSV, "--at", AT]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // The steps left on GitHub.
    for (const word of [
      "validate",
      "oncall/consent",
      "Pages",
      "ONCALL_CONSENT_APP_ID",
      "ONCALL_APP_ID",
      "ONCALL_BOT_LOGIN",
      "ONCALL_CONSENT_APP_KEY",
      "ONCALL_APP_PRIVATE_KEY",
      "CODEOWNERS",
      "npm test",
    ]) {
      expect(r.stdout).toContain(word);
    }

    // The example's history is gone; the policy stays.
    expect(existsSync(join(dir, "incidents/2026"))).toBe(false);
    expect(existsSync(join(dir, "incidents/policy.yaml"))).toBe(true);
    expect(readdirSync(join(dir, "playbooks"))).toEqual([]);
    expect(existsSync(join(dir, "postmortems/2026"))).toBe(false);
    expect(parse(readFileSync(join(dir, "rotations/overrides.yaml"), "utf8"))).toEqual({ overrides: [] });

    // The roster is the CSV's, quoted fields included.
    const roster = parse(readFileSync(join(dir, "rotations/people.yaml"), "utf8")) as {
      people: { login: string; name: string; oncall?: boolean; end?: string }[];
    };
    expect(roster.people).toHaveLength(25);
    expect(roster.people.find((p) => p.login === "lnguyen")!.name).toBe('Nguyen, Thi "Lan"');
    expect(roster.people.filter((p) => p.oncall === false).map((p) => p.login)).toEqual([
      "ava-okafor",
      "jonas-keller",
      "priya-menon",
    ]);

    // The rotation starts at the first handoff after --at, in the default zone.
    const config = parse(readFileSync(join(dir, "rotations/config.yaml"), "utf8")) as {
      timezone: string;
      start: string;
    };
    expect(config).toMatchObject({ timezone: "America/New_York", start: "2026-09-28" });
    const published = (parse(readFileSync(join(dir, "rotations/schedule.yaml"), "utf8")) as { shifts: ShiftLine[] })
      .shifts;
    expect(published.length).toBeGreaterThan(0);
    expect(published[0]).toMatchObject({ layer: "rot-a", start: "2026-09-28T11:00:00-04:00" });
    expect(published.every((s) => Date.parse(s.start) > Date.parse(AT))).toBe(true);

    // The form offers the policy's services; the rest of it is byte for byte the same.
    const form = readFileSync(join(dir, ".github/ISSUE_TEMPLATE/incident.yml"), "utf8");
    expect(
      (parse(form) as { body: { id?: string; attributes: { options?: string[] } }[] }).body.find(
        (b) => b.id === "services",
      )!.attributes.options,
    ).toEqual(["api-gateway", "checkout", "auth"]);
    const around = (t: string) =>
      t.replace(/(options:\n)(\s+- [a-z-]+\n)+(\s+validations:\n\s+required: false)/, "$1<services>$3");
    expect(around(form)).toBe(around(formBefore));

    // Extend through the spring DST changes with the ordinary command, then check everything.
    const gen = runCli(["schedule", "generate", "--repo", dir, "--until", "2027-04-30T00:00:00Z", "--at", AT]);
    expect(gen.stderr).toBe("");
    expect(gen.code).toBe(0);
    const v = runCli(["validate", "--repo", dir, "--at", AT]);
    expect(v.stdout).toMatch(/^(All \d+ files are valid\.|0 errors, \d+ warnings? in \d+ files checked\.)$/m);
    expect(v.code).toBe(0);

    const shifts = (parse(readFileSync(join(dir, "rotations/schedule.yaml"), "utf8")) as { shifts: ShiftLine[] })
      .shifts;
    const people = csvPeople();
    // Nobody is scheduled after leaving or before the new-hire rule allows.
    for (const s of shifts) {
      if (s.login === null) continue;
      const p = people.get(s.login)!;
      if (p.end) expect(s.end.slice(0, 10) <= p.end, `${s.login} after leaving: ${s.start}`).toBe(true);
      expect(
        DateTime.fromISO(s.start) >= DateTime.fromISO(p.start, { zone: "America/New_York" }).plus({ days: 60 }),
        `${s.login} too early: ${s.start}`,
      ).toBe(true);
    }
    // Regular handoffs stay at 11:00 New York time on both sides of the US changes.
    for (const s of shifts.filter((x) => /^2026-1[01]|^2027-0[34]/.test(x.start))) {
      expect(DateTime.fromISO(s.start, { zone: "America/New_York" }).toFormat("HH:mm"), s.start).toBe("11:00");
    }

    for (const at of INSTANTS) {
      const ms = Date.parse(at);
      const who = runCli(["who", "--repo", dir, "--at", at, "--json"]);
      expect(who.stderr, at).toBe("");
      expect(who.code, at).toBe(0);
      const answer = JSON.parse(who.stdout) as {
        preview?: boolean;
        oncall: { layer: string; login: string; timezone: string; source: string }[];
      };
      expect(answer.preview, at).toBeUndefined();
      const expected = shifts
        .filter((s) => Date.parse(s.start) <= ms && ms < Date.parse(s.end))
        .map((s) => ({
          layer: s.layer,
          login: s.login ?? s.fallback!,
          timezone: people.get(s.login ?? s.fallback!)!.timezone,
          source: s.login ? "schedule" : "fallback",
        }))
        .sort((a, b) => a.layer.localeCompare(b.layer));
      expect(expected, at).toHaveLength(2);
      expect(
        [...answer.oncall].sort((a, b) => a.layer.localeCompare(b.layer)),
        at,
      ).toEqual(expected);
      for (const o of answer.oncall) {
        const end = people.get(o.login)!.end;
        if (end)
          expect(
            DateTime.fromMillis(ms, { zone: people.get(o.login)!.timezone }).toISODate()! <= end,
            `${o.login} has left at ${at}`,
          ).toBe(true);
      }
      if (INSTANTS.indexOf(at) % 2 === 0) continue; // status once per change, just after it
      const status = runCli(["status", "--repo", dir, "--at", at]);
      expect(status.stderr, at).toBe("");
      expect(status.code, at).toBe(0);
      for (const o of answer.oncall) expect(status.stdout, at).toContain(`@${o.login}`);
    }
  });

  it("refuses to replace a roster that is not the untouched example unless --force, writing nothing", () => {
    // Fails before issue 16 item 12: no init command.
    const own = templateCopy({ marked: false });
    const before = snapshot(own);
    const r = runCli(["init", "--repo", own, "--people", CSV, "--at", AT]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("rotations/people.yaml is not the example roster");
    expect(r.stderr).toContain("--force");
    expect(snapshot(own)).toEqual(before);

    const edited = templateCopy();
    const roster = join(edited, "rotations/people.yaml");
    writeFileSync(roster, readFileSync(roster, "utf8").replace("name: Alice Archer", "name: Alice Archer-Smith"));
    const before2 = snapshot(edited);
    const e = runCli(["init", "--repo", edited, "--people", CSV, "--at", AT]);
    expect(e.code).toBe(1);
    expect(e.stderr).toContain("example roster with edits");
    expect(snapshot(edited)).toEqual(before2);

    const forced = runCli(["init", "--repo", own, "--people", CSV, "--at", AT, "--force"]);
    expect(forced.stderr).toBe("");
    expect(forced.code).toBe(0);
    // A second init finds the team's roster and refuses.
    const again = runCli(["init", "--repo", own, "--people", CSV, "--at", AT]);
    expect(again.code).toBe(1);
  });

  it("reports bad CSV rows at file:line:column, unknown zones and managers included, and writes nothing", () => {
    const dir = templateCopy();
    const before = snapshot(dir);
    const csv = join(mkdtempSync(join(tmpdir(), "oncall-csv-")), "people.csv");
    writeFileSync(
      csv,
      [
        "login,name,timezone,region,start,end,manager,team",
        "ann,Ann Ames,Europe/Berlim,DE-BE,2020-01-06,,,platform",
        'bob,"Bob, Jr.",Asia/Kathmandu,IN,2020-01-06,,carol,platform',
        "ann,Ann Again,Europe/Berlin,DE-BE,2020-13-01,,,platform",
        "dora,Dora,Asia/Kolkata,IN-KA,2020-01-06,,,platform,extra",
        'eve,"Eve "the" Eng",Asia/Kolkata,IN-KA,2020-01-06,,,platform',
        "",
      ].join("\r\n"),
    );
    const r = runCli(["init", "--repo", dir, "--people", csv, "--at", AT]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/at .*\.m?[jt]s:\d+/);
    expect(r.stderr).toContain(`${csv}:2:14: unknown time zone "Europe/Berlim"`);
    expect(r.stderr).toContain(`${csv}:3:46: unknown manager "carol"`);
    expect(r.stderr).toContain(`${csv}:4:1: "ann" is already on line 2`);
    expect(r.stderr).toContain(`${csv}:4:35: start "2020-13-01" is not a date`);
    expect(r.stderr).toContain(`${csv}:5:52: this row has 9 field(s) but the header has 8`);
    expect(r.stderr).toContain(`${csv}:6:11: unexpected text after a closing quote`);
    expect(snapshot(dir)).toEqual(before);

    // A value only the repository's rules reject (an unknown holiday region) is still shown in the CSV.
    writeFileSync(
      csv,
      "login,name,timezone,region,start,end,manager,team\nann,Ann Ames,Europe/Berlin,XX,2020-01-06,,,platform\n",
    );
    const region = runCli(["init", "--repo", dir, "--people", csv, "--at", AT]);
    expect(region.code).toBe(1);
    expect(region.stderr).toContain(`${csv}:2:28: "XX" is not a holiday region`);
    expect(snapshot(dir)).toEqual(before);

    const usage = runCli(["init", "--repo", dir, "--people", csv, "--zone", "Mars/Olympus"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--zone must be an IANA time zone");
    expect(runCli(["init", "--repo", dir]).code).toBe(2);
  });
});
