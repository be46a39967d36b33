/**
 * `oncall report fairness` (issue 14 item 1), end to end through the built `oncall` on the minimal
 * fixture (rot-a alice/bob, rot-b lena/raj/sam-lee, one incident on 15 January, an organisation holiday
 * on 16 February). Every case fails before the item: `report` was an unknown command (exit 2).
 */
import { describe, expect, it } from "vitest";
import { fixtureDir } from "../repo/test-repo.js";
import { runCli } from "./run-cli.js";

const repo = fixtureDir("minimal");
const WINDOW = ["--from", "2026-01-05", "--to", "2026-02-02"];
const fairness = (...args: string[]) => runCli(["report", "fairness", "--repo", repo, ...args]);

describe("oncall report fairness (issue 14 item 1)", () => {
  it("--json: the window in the rotation zone, one line per person, balance per layer", () => {
    const r = fairness(...WINDOW, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    const person = (login: string, fields: Record<string, number>) => ({
      login,
      volunteerSlots: 0,
      acknowledged: 0,
      commanded: 0,
      offHoursResponseMinutes: 0,
      holidayHours: 0,
      ...fields,
    });
    expect(report).toEqual({
      from: "2026-01-05T00:00:00-05:00",
      to: "2026-02-02T00:00:00-05:00",
      people: [
        // alice's shift of 19-26 January starts on Martin Luther King Day (US-NY): 13 holiday hours.
        person("alice", { hours: 336, offHoursHours: 262, weekendHours: 96, holidayHours: 13 }),
        // bob acknowledged and commanded INC-1 at 09:00-10:10 Toronto time: no off-hours minutes.
        person("bob", { hours: 325, offHoursHours: 247, weekendHours: 96, acknowledged: 1, commanded: 1 }),
        person("lena", { hours: 277, offHoursHours: 221, weekendHours: 96 }),
        // raj, on call and comms for INC-1, spent 19:30-20:40 in Kolkata on it; his override adds 24 hours.
        person("raj", { hours: 192, offHoursHours: 144, weekendHours: 48, offHoursResponseMinutes: 70 }),
        person("sam-lee", { hours: 144, offHoursHours: 112, weekendHours: 48 }),
      ],
      layers: [
        {
          // The published schedule starts at 11:00 on 5 January (rot-a) and 7 January (rot-b).
          layer: "rot-a",
          balance: 0.9673,
          hours: 661,
          members: [
            { login: "alice", hours: 336, share: 0.5083, expectedShare: 0.5 },
            { login: "bob", hours: 325, share: 0.4917, expectedShare: 0.5 },
          ],
        },
        {
          layer: "rot-b",
          // (192/277 + 144/277 + 144/192) / 3
          balance: 0.6543,
          hours: 613,
          members: [
            { login: "lena", hours: 277, share: 0.4519, expectedShare: 0.3333 },
            { login: "raj", hours: 192, share: 0.3132, expectedShare: 0.3333 },
            { login: "sam-lee", hours: 144, share: 0.2349, expectedShare: 0.3333 },
          ],
        },
      ],
    });
  });

  it("--csv: the same columns, one row per person, RFC 4180 with CRLF", () => {
    const r = fairness(...WINDOW, "--csv");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "login,hours,offHoursHours,weekendHours,holidayHours,volunteerSlots,acknowledged,commanded," +
          "offHoursResponseMinutes",
        "alice,336.00,262.00,96.00,13.00,0,0,0,0",
        "bob,325.00,247.00,96.00,0.00,0,1,1,0",
        "lena,277.00,221.00,96.00,0.00,0,0,0,0",
        "raj,192.00,144.00,48.00,0.00,0,0,0,70",
        "sam-lee,144.00,112.00,48.00,0.00,0,0,0,0",
        "",
      ].join("\r\n"),
    );
  });

  it("--markdown (the default): a table of people and one per layer with its balance", () => {
    const r = fairness(...WINDOW, "--markdown");
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("# On-call fairness, 2026-01-05T00:00:00-05:00 to 2026-02-02T00:00:00-05:00");
    expect(r.stdout).toContain("| raj | 192.00 | 144.00 | 48.00 | 0.00 | 0 | 0 | 0 | 70 |");
    expect(r.stdout).toContain("## rot-b: balance 0.65");
    expect(r.stdout).toContain("| sam-lee | 144.00 | 23.5% | 33.3% |");
    expect(fairness(...WINDOW).stdout).toBe(r.stdout);
  });

  it("defaults to the 4 weeks before the day of --at; --layer keeps one layer and its members", () => {
    const byDefault = fairness("--at", "2026-02-02T15:00", "--json");
    expect(byDefault.stdout).toBe(fairness(...WINDOW, "--json").stdout);
    const onlyB = JSON.parse(fairness(...WINDOW, "--layer", "rot-b", "--json").stdout) as {
      people: { login: string; hours: number; acknowledged: number }[];
      layers: { layer: string }[];
    };
    expect(onlyB.people.map((p) => [p.login, p.hours])).toEqual([
      ["lena", 277],
      ["raj", 192],
      ["sam-lee", 144],
    ]);
    expect(onlyB.layers.map((l) => l.layer)).toEqual(["rot-b"]);
  });

  it("says when the window runs past the published schedule, and refuses bad flags in words", () => {
    const late = fairness("--from", "2026-02-16", "--to", "2026-03-02", "--layer", "rot-b", "--csv");
    expect(late.code).toBe(0);
    expect(late.stderr).toBe(
      "note: rot-b: the published schedule ends 2026-02-25 11:00 UTC-05:00; " +
        "the window's later hours count for nobody.\n",
    );
    // sam-lee (Los Angeles) from the window start to 11:00 New York on 18 February: Sunday 21:00 to
    // Wednesday 08:00 her time, 59 hours: 3 of Sunday (weekend), the organisation holiday of Monday 16
    // February whole (24), Tuesday's 16 and Wednesday's 8 off-hours.
    expect(late.stdout).toContain("sam-lee,59.00,51.00,3.00,24.00,0,0,0,0\r\n");

    const cases: [string[], RegExp][] = [
      [["--layer", "holiday-a"], /holiday-a is a holiday volunteer layer standing in for rot-a: use --layer rot-a/],
      [["--layer", "rot-z"], /no layer named "rot-z"; the layers are rot-a, rot-b/],
      [["--from", "2026-02-02", "--to", "2026-01-05"], /--to \(2026-01-05 00:00 UTC-05:00\) must be after --from/],
      [["--json", "--csv"], /choose one output: --json or --csv/],
      [["--from", "2026-13-01"], /--from must be a date/],
    ];
    for (const [args, message] of cases) {
      const r = fairness(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(runCli(["report", "--repo", repo]).stderr).toMatch(/say "report fairness"/);
  });
});
