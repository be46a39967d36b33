/**
 * A roster from a spreadsheet: the CSV `oncall init --people` reads (RFC 4180: a header row, fields
 * separated by commas, double quotes around fields that hold commas, quotes or line breaks, `""` for a
 * quote inside one). Columns, in any order and any case: login, name, timezone, region, start, end,
 * manager, team, and optionally oncall (true/false, default true: false for managers who only stand
 * in as fallbacks). Every problem names the CSV's line and column, the way a spreadsheet user finds it.
 *
 * Pure: text in, people or problems out. Checks that need the rest of the repository (holiday regions,
 * the new-hire rule) are left to the loader; `cellOf` maps its findings back to the CSV.
 */
import { DateTime, IANAZone } from "luxon";
import { sortProblems, type Problem } from "../core/model/index.js";

/** The columns a row must have a header for; `end` and `manager` may be empty. */
const REQUIRED_COLUMNS = ["login", "name", "timezone", "region", "start", "end", "manager", "team"] as const;
/** Columns that may be left out of the header. */
const OPTIONAL_COLUMNS = ["oncall"] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One field as read, with where it starts (1-based line and column of the CSV). */
export interface CsvCell {
  value: string;
  line: number;
  column: number;
}

/** A person read from one row, with the cells the values came from. */
export interface CsvPerson {
  login: string;
  name: string;
  timezone: string;
  region: string;
  start: string;
  end?: string;
  manager?: string;
  team: string;
  oncall: boolean;
  /** Where each column's value is, for messages about it. */
  cells: Partial<Record<Column, CsvCell>>;
  /** Line of the row. */
  line: number;
}

export interface PeopleCsv {
  people: CsvPerson[];
  /** Problems with file (the CSV path as given), line and column; the people are unusable if there is any. */
  problems: Problem[];
}

/** Splits CSV text into rows of positioned cells; a broken quote is a problem, never an exception. */
export function parseCsvRows(text: string, file: string): { rows: CsvCell[][]; problems: Problem[] } {
  const rows: CsvCell[][] = [];
  const problems: Problem[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;
  let row: CsvCell[] = [];
  const atEndOfRow = () =>
    i >= text.length || text[i] === "\n" || (text[i] === "\r" && text[i + 1] === "\n") || text[i] === "\r";
  while (i <= text.length) {
    const cell: CsvCell = { value: "", line, column: i - lineStart + 1 };
    if (text[i] === '"') {
      const openLine = line;
      const openColumn = cell.column;
      i++;
      let value = "";
      let closed = false;
      while (i < text.length) {
        const ch = text[i]!;
        if (ch === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (ch === "\n") {
          line++;
          lineStart = i + 1;
        }
        value += ch;
        i++;
      }
      if (!closed) {
        problems.push(
          err(
            file,
            openLine,
            openColumn,
            "this quoted field is never closed: end it with a double quote " +
              "(write a quote inside a field as two quotes).",
            "csv-syntax",
          ),
        );
        return { rows, problems };
      }
      cell.value = value.replace(/\r\n/g, "\n");
      if (!atEndOfRow() && text[i] !== ",") {
        problems.push(
          err(
            file,
            line,
            i - lineStart + 1,
            "unexpected text after a closing quote: put the whole field in quotes, " +
              "and write a quote inside it as two quotes.",
            "csv-syntax",
          ),
        );
        while (!atEndOfRow() && text[i] !== ",") i++;
      }
    } else {
      let value = "";
      while (!atEndOfRow() && text[i] !== ",") value += text[i++];
      if (value.includes('"'))
        problems.push(
          err(
            file,
            line,
            cell.column + value.indexOf('"'),
            "a double quote inside a field that does not start with one: quote the whole field and double the quote.",
            "csv-syntax",
          ),
        );
      cell.value = value;
    }
    row.push(cell);
    if (text[i] === ",") {
      i++;
      continue;
    }
    // End of row (or of the text).
    if (!(row.length === 1 && row[0]!.value.trim() === "")) rows.push(row);
    row = [];
    if (i >= text.length) break;
    i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
    line++;
    lineStart = i;
  }
  return { rows, problems };
}

/** The people of a roster CSV, or the problems that stop it being one. */
export function parsePeopleCsv(text: string, file: string): PeopleCsv {
  const { rows, problems } = parseCsvRows(text, file);
  // A stray quote spoils one field: the other rows are still worth checking. An unclosed one swallows the rest.
  if (problems.some((p) => p.message.includes("never closed"))) return { people: [], problems };
  const [header, ...body] = rows;
  if (!header)
    return {
      people: [],
      problems: [
        err(
          file,
          1,
          1,
          `the file is empty: the first row names the columns (${REQUIRED_COLUMNS.join(", ")}), ` +
            "then one row per person.",
          "csv-header",
        ),
      ],
    };
  const index = new Map<Column, number>();
  header.forEach((cell, i) => {
    const name = cell.value.trim().toLowerCase() as Column;
    if (
      !(REQUIRED_COLUMNS as readonly string[]).includes(name) &&
      !(OPTIONAL_COLUMNS as readonly string[]).includes(name)
    ) {
      problems.push(
        err(
          file,
          cell.line,
          cell.column,
          `unknown column "${cell.value}"; the columns are ${[...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS].join(", ")}.`,
          "csv-header",
        ),
      );
    } else if (index.has(name))
      problems.push(err(file, cell.line, cell.column, `column "${name}" appears twice.`, "csv-header"));
    else index.set(name, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length)
    problems.push(
      err(
        file,
        header[0]!.line,
        1,
        `the header row lacks the column(s) ${missing.join(", ")} ` +
          "(end and manager may be empty in every row, but their columns are needed).",
        "csv-header",
      ),
    );
  if (!body.length)
    problems.push(
      err(file, header[0]!.line, 1, "no people: add one row per person under the header row.", "csv-header"),
    );
  if (problems.some((p) => p.rule === "csv-header")) return { people: [], problems };

  const people: CsvPerson[] = [];
  const firstLine = new Map<string, number>();
  for (const row of body) {
    const rowLine = row[0]!.line;
    if (row.length !== header.length) {
      const last = row[row.length - 1]!;
      const where =
        row.length > header.length ? row[header.length]! : { line: last.line, column: last.column + last.value.length };
      problems.push(
        err(
          file,
          where.line,
          where.column,
          `this row has ${row.length} field(s) but the header has ${header.length}; ` +
            "a comma inside a value needs the value in double quotes.",
          "csv-row",
        ),
      );
      continue;
    }
    const cells: Partial<Record<Column, CsvCell>> = {};
    for (const [name, i] of index) cells[name] = { ...row[i]!, value: row[i]!.value.trim() };
    const get = (c: Column) => cells[c]?.value ?? "";
    const at = (c: Column, message: string) => {
      const cell = cells[c]!;
      problems.push(err(file, cell.line, cell.column, message, "csv-row"));
    };
    const before = problems.length;
    for (const c of ["login", "name", "timezone", "region", "start", "team"] as const)
      if (!get(c)) at(c, `${c} is empty; every person needs one.`);
    const login = get("login");
    if (login && !LOGIN.test(login))
      at("login", `"${login}" is not a GitHub login (letters, digits and single dashes, at most 39 characters).`);
    else if (login && firstLine.has(login.toLowerCase()))
      at("login", `"${login}" is already on line ${firstLine.get(login.toLowerCase())}; each person once.`);
    else if (login) firstLine.set(login.toLowerCase(), rowLine);
    const zone = get("timezone");
    if (zone && !(IANAZone.isValidZone(zone) && zone.includes("/")))
      at(
        "timezone",
        `unknown time zone "${zone}": use an IANA name such as America/Los_Angeles, Europe/Berlin or Asia/Kolkata.`,
      );
    for (const c of ["start", "end"] as const) {
      const v = get(c);
      if (v && !(DATE.test(v) && DateTime.fromISO(v).isValid)) at(c, `${c} "${v}" is not a date written YYYY-MM-DD.`);
    }
    if (get("end") && get("start") && get("end") < get("start"))
      at("end", `end ${get("end")} is before start ${get("start")}.`);
    const oncall = get("oncall").toLowerCase();
    if (oncall && !["true", "false", "yes", "no"].includes(oncall))
      at("oncall", `oncall must be true or false (empty means true), not "${get("oncall")}".`);
    if (problems.length > before) continue;
    people.push({
      login,
      name: get("name"),
      timezone: zone,
      region: get("region"),
      start: get("start"),
      ...(get("end") && { end: get("end") }),
      ...(get("manager") && { manager: get("manager") }),
      team: get("team"),
      oncall: oncall !== "false" && oncall !== "no",
      cells,
      line: rowLine,
    });
  }
  // Managers are checked once every login is known (a manager may come later in the file).
  const logins = new Map(people.map((p) => [p.login.toLowerCase(), p.login]));
  for (const p of people) {
    if (p.manager === undefined) continue;
    const cell = p.cells.manager!;
    const known = logins.get(p.manager.toLowerCase());
    if (known === undefined)
      problems.push(
        err(
          file,
          cell.line,
          cell.column,
          `unknown manager "${p.manager}": a manager must have a row of their own ` +
            "(with oncall false if they take no shifts).",
          "csv-row",
        ),
      );
    else if (known === p.login)
      problems.push(err(file, cell.line, cell.column, `${p.login} cannot be their own manager.`, "csv-row"));
    else p.manager = known;
  }
  return { people: problems.length ? [] : people, problems: sortProblems(problems) };
}

/** The CSV cell of a roster field (`people[i].field` of the rotations/people.yaml made from the CSV). */
export function cellOf(people: readonly CsvPerson[], index: number, field: string | undefined): CsvCell | undefined {
  const p = people[index];
  if (!p) return undefined;
  return p.cells[field as Column] ?? { value: "", line: p.line, column: 1 };
}

function err(file: string, line: number, column: number, message: string, rule: string): Problem {
  return { file, line, column, message, severity: "error", rule, path: "" };
}
