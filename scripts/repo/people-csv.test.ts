/**
 * The roster CSV of `oncall init` (issue 16, item 12): RFC 4180 quoting and problems at the CSV's line
 * and column. Fails before issue 16 item 12: there was no CSV reader.
 */
import { describe, expect, it } from "vitest";
import { parseCsvRows, parsePeopleCsv } from "./people-csv.js";

const HEADER = "login,name,timezone,region,start,end,manager,team";

describe("people CSV", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, CRLF and a byte order mark", () => {
    const { rows, problems } = parseCsvRows('\uFEFFa,"b, c","say ""hi"""\r\n"multi\r\nline",x,\r\n', "p.csv");
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.map((c) => c.value))).toEqual([
      ["a", "b, c", 'say "hi"'],
      ["multi\nline", "x", ""],
    ]);
    expect(rows[1]!.map((c) => [c.line, c.column])).toEqual([
      [2, 1],
      [3, 7],
      [3, 9],
    ]);
  });

  it("takes columns in any order and case, an optional oncall column, and managers listed later", () => {
    const csv = [
      "Team,LOGIN,name,timezone,region,start,end,manager,oncall",
      "web,ann,Ann,Europe/Berlin,DE-BE,2020-01-06,,dan,",
      "web,dan,Dan,Europe/Berlin,DE-BE,2019-01-07,,,false",
      "",
    ].join("\n");
    const { people, problems } = parsePeopleCsv(csv, "p.csv");
    expect(problems).toEqual([]);
    expect(people.map((p) => [p.login, p.team, p.manager, p.oncall])).toEqual([
      ["ann", "web", "dan", true],
      ["dan", "web", undefined, false],
    ]);
  });

  it("names the line and column of header and row problems", () => {
    const at = (csv: string) => parsePeopleCsv(csv, "p.csv").problems.map((p) => `${p.line}:${p.column} ${p.message}`);
    expect(at("")[0]).toMatch(/^1:1 the file is empty/);
    expect(at("login,name,colour\nann,Ann,red\n")).toEqual([
      '1:12 unknown column "colour"; the columns are login, name, timezone, region, start, end, manager, team, oncall.',
      "1:1 the header row lacks the column(s) timezone, region, start, end, manager, team " +
        "(end and manager may be empty in every row, but their columns are needed).",
    ]);
    expect(at(`${HEADER}\n`)).toEqual(["1:1 no people: add one row per person under the header row."]);
    expect(at(`${HEADER}\nann,"Ann,Europe/Berlin\n`)[0]).toMatch(/^2:5 this quoted field is never closed/);
    expect(at(`${HEADER}\nann,,UTC+1,DE-BE,2020-01-06,2019-01-01,,web\n`)).toEqual([
      "2:5 name is empty; every person needs one.",
      '2:6 unknown time zone "UTC+1": use an IANA name such as America/Los_Angeles, Europe/Berlin or Asia/Kolkata.',
      "2:29 end 2019-01-01 is before start 2020-01-06.",
    ]);
    expect(at(`${HEADER}\nann,Ann,Europe/Berlin,DE-BE,2020-01-06,,ann,web\n`)).toEqual([
      "2:41 ann cannot be their own manager.",
    ]);
  });
});
