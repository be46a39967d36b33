/**
 * The bad-input corpus: each case edits the minimal fixture a little and checks that the loader names
 * the exact file, line, column, rule and message of the mistake, and reports nothing else.
 */
import { afterAll, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { loadRepository } from "./load-repository.js";
import type { Problem } from "../core/model/index.js";
import { makeTestRepo, removeTestRepo, type Edit } from "./test-repo.js";
import type { BadInputCase, ExpectedProblem } from "./bad-input-cases/types.js";
import { syntaxCases } from "./bad-input-cases/syntax.js";
import { typeCases, fieldCases, valueCases } from "./bad-input-cases/schema.js";
import { referenceCases } from "./bad-input-cases/references.js";
import { fileCases } from "./bad-input-cases/files.js";
import { scheduleCases } from "./bad-input-cases/schedule.js";
import { postmortemCases } from "./bad-input-cases/postmortems.js";

/** Every date-dependent warning is computed for this instant, never for today. */
const NOW = DateTime.fromISO("2026-01-14T12:00:00Z", { setZone: true });

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map(removeTestRepo));
});

async function load(edits: Edit[]): Promise<Problem[]> {
  const dir = await makeTestRepo(edits);
  dirs.push(dir);
  return (await loadRepository(dir, { now: NOW })).problems;
}

const show = (p: Problem) => `${p.file}:${p.line}:${p.column} ${p.severity} [${p.rule}] ${p.message}`;
const showExpected = (e: ExpectedProblem) =>
  `${e.file}:${e.line}:${e.column} ${e.severity ?? "error"} [${e.rule}] ...${e.message}...`;

function matches(p: Problem, e: ExpectedProblem): boolean {
  return (
    p.file === e.file &&
    p.line === e.line &&
    p.column === e.column &&
    p.rule === e.rule &&
    p.severity === (e.severity ?? "error") &&
    p.message.includes(e.message) &&
    (e.excludes === undefined || !p.message.includes(e.excludes))
  );
}

/** Pairs expected with actual problems one to one; what is left over on either side is a failure. */
function compare(problems: Problem[], expected: ExpectedProblem[]): { missing: string[]; unexpected: string[] } {
  const left = [...problems];
  const missing: string[] = [];
  for (const e of expected) {
    const i = left.findIndex((p) => matches(p, e));
    if (i < 0) missing.push(showExpected(e));
    else left.splice(i, 1);
  }
  return { missing, unexpected: left.map(show) };
}

function exactCheck(problems: Problem[], expected: ExpectedProblem[]): void {
  expect(compare(problems, expected), problems.map(show).join("\n")).toEqual({ missing: [], unexpected: [] });
}

function defineCases(title: string, cases: BadInputCase[]): void {
  describe(title, () => {
    for (const c of cases) {
      const bug = c.bug;
      if (!bug) {
        it(c.name, async () => exactCheck(await load(c.edits), c.expect));
        continue;
      }
      if (bug.absent) {
        it(`${c.name} (loads without throwing; the problem is missed, a known loader bug)`, async () => {
          await expect(load(c.edits)).resolves.toBeInstanceOf(Array);
        });
      } else if (bug.extra) {
        // Known loader bug that adds problems: everything else is still checked exactly...
        it(`${c.name} (with the extra problems of a known loader bug)`, async () =>
          exactCheck(await load(c.edits), [...c.expect, ...bug.extra!]));
      } else {
        // Known loader bug in a position or message: the right rule must still fire in the right file...
        it(`${c.name} (rule and file only; the rest is a known loader bug)`, async () => {
          const problems = await load(c.edits);
          for (const e of c.expect) {
            expect(
              problems.some((p) => p.file === e.file && p.rule === e.rule),
              `${showExpected(e)}\n${problems.map(show).join("\n")}`,
            ).toBe(true);
          }
          expect(problems.filter((p) => !c.expect.some((e) => e.file === p.file)).map(show)).toEqual([]);
        });
      }
      // ...and the exact expectation fails until the loader is fixed; then remove `bug` from the case.
      it.fails(`${c.name} [known loader bug: ${bug.note}]`, async () => exactCheck(await load(c.edits), c.expect));
    }
  });
}

describe("the minimal fixture", () => {
  it("is valid: no errors and no warnings", async () => {
    const dir = await makeTestRepo();
    dirs.push(dir);
    const result = await loadRepository(dir, { now: NOW });
    expect(result.problems.map(show)).toEqual([]);
    expect([...result.present].sort()).toEqual(["overrides", "people", "policy", "rotation", "schedule"]);
    expect(result.org.people).toHaveLength(6);
    expect(result.org.shifts).toHaveLength(14);
    expect(result.org.incidents).toHaveLength(1);
    expect(result.org.postmortems).toHaveLength(1);
    expect(result.org.playbooks).toHaveLength(2);
  });

  it("is valid whatever the date: only warnings change with `now`", async () => {
    const dir = await makeTestRepo();
    dirs.push(dir);
    for (const now of ["2019-06-01T00:00:00Z", "2026-02-20T12:00:00Z", "2041-12-25T06:00:00+14:00"]) {
      const { problems } = await loadRepository(dir, { now: DateTime.fromISO(now, { setZone: true }) });
      expect(problems.filter((p) => p.severity === "error").map(show), now).toEqual([]);
    }
    expect((await loadRepository(dir)).problems.map(show)).toEqual([]);
  });

  it("has at least 60 bad-input cases with unique names", () => {
    const all = [
      ...syntaxCases,
      ...typeCases,
      ...fieldCases,
      ...valueCases,
      ...referenceCases,
      ...fileCases,
      ...scheduleCases,
    ];
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
  });
});

defineCases("YAML syntax and whole documents", syntaxCases);
defineCases("schema: types", typeCases);
defineCases("schema: unknown and missing fields", fieldCases);
defineCases("schema: dates, instants, enums and patterns", valueCases);
defineCases("cross-file references", referenceCases);
defineCases("file layout", fileCases);
defineCases("schedule invariants", scheduleCases);
defineCases("postmortem life cycle and Markdown links (issue 13)", postmortemCases);
