/**
 * Fuzzing what a trade is read from (issue 10 item 13): the rotation files at a pull request's head
 * (`loadRotationTexts`, the YAML side of `trade check`), the comparison that turns them into the
 * trade's changes (`checkTrade`), and the arguments of `oncall trade swap|cover`. The head is written
 * by whoever opened the pull request, so every byte of it is hostile: arbitrary Unicode and Markdown
 * spliced into the files, whole files replaced, values swapped for junk.
 *
 * Whatever the texts, nothing throws, and the output is bounded by the input:
 *
 * - problems: at most one per 4 characters of the head's files plus 50, their texts together at most
 *   4 characters per character of the files plus 20,000;
 * - changes and newly published stretches: at most 4 per shift or override of the two sides plus 8;
 * - the summary: at most 200 characters per change plus 200.
 *
 * The CLI's swap and cover either run (exit 0 or 1) or refuse with a user error (a message, exit 1
 * or 2), never another exception.
 * (Fails before issue 10 item 13 only in the sense that no such test existed; no bug was found here.)
 */
import fc from "fast-check";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run as tradeCommand } from "./trade.js";
import { ROTATION_FILES, UserError } from "../core/model/index.js";
import { EDGE_CHARACTERS, fuzzRuns, hostileLine, hostileText, textSize } from "../core/model/fuzz-test-kit.js";
import { checkTrade } from "../core/trade/index.js";
import { loadRotationTexts, type RevisionData } from "../repo/revision.js";
import { makeTestRepo, readFixture, removeTestRepo } from "../repo/test-repo.js";

const NOW = DateTime.fromISO("2026-01-10T12:00:00Z", { zone: "utc" });
let base: Map<string, string>;
let baseData: RevisionData;

beforeAll(async () => {
  const fixture = await readFixture("minimal");
  base = new Map(ROTATION_FILES.flatMap((p) => (fixture.has(p) ? [[p, fixture.get(p)!] as const] : [])));
  baseData = loadRotationTexts(base, "base");
  expect(baseData.problems.filter((p) => p.severity === "error")).toEqual([]);
});

/** One edit of a rotation file's text, as a hostile pull request might make it. */
type Mutation = (text: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Splice hostile text anywhere (inside a flow mapping, a key, a comment, a timestamp).
  fc.tuple(fc.nat(), hostileText(3)).map(
    ([at, noise]): Mutation =>
      (t) =>
        t.slice(0, at % (t.length + 1)) + noise + t.slice(at % (t.length + 1)),
  ),
  // Replace one value (a login, a layer name, a time) with a hostile one on the same line.
  fc
    .tuple(
      fc.constantFrom(
        "alice",
        "bob",
        "lena",
        "raj",
        "sam-lee",
        "rot-a",
        "rot-b",
        "11:00:00",
        "-05:00",
        "2026-01",
        "dana",
      ),
      fc.oneof(hostileLine(), fc.constantFrom(...EDGE_CHARACTERS)),
      fc.boolean(),
    )
    .map(
      ([from, to, all]): Mutation =>
        (t) =>
          all ? t.split(from).join(to) : t.replace(from, to),
    ),
  // A whole file of hostile text, or emptied.
  hostileText(12).map(
    (noise): Mutation =>
      () =>
        noise,
  ),
  fc.constant<Mutation>(() => ""),
  // An appended override whose fields are hostile.
  fc.tuple(hostileLine(), hostileLine(), hostileLine()).map(
    ([layer, by, reason]): Mutation =>
      (t) =>
        `${t}\n  - layer: ${layer}\n    start: 2026-01-23T09:00:00-05:00\n    end: 2026-01-24T09:00:00-05:00\n    by: ${by}\n    reason: ${JSON.stringify(reason)}\n`,
  ),
);

/** Edits that keep the files readable, so the comparison itself is fuzzed too. */
const wellFormed: fc.Arbitrary<Mutation> = fc.oneof(
  // A well-formed trade: the k-th shift or override of one person given to another (or a stranger).
  fc
    .tuple(
      fc.constantFrom("alice", "bob", "lena", "raj", "sam-lee"),
      fc.constantFrom("alice", "bob", "lena", "raj", "sam-lee", "dana", "nobody"),
      fc.nat(8),
    )
    .map(([from, to, k]): Mutation => (t) => {
      let seen = -1;
      return t.replace(new RegExp(`(login|by): ${from}\\b`, "g"), (m, key: string) =>
        ++seen === k ? `${key}: ${to}` : m,
      );
    }),
  // A shift moved by some hours (gaps, overlaps, a start after its end).
  fc.tuple(fc.nat(40), fc.integer({ min: 0, max: 23 })).map(([k, hour]): Mutation => (t) => {
    let seen = -1;
    return t.replace(/T11:00:00/g, (m) => (++seen === k ? `T${String(hour).padStart(2, "0")}:00:00` : m));
  }),
);

/** The head's texts: the base with a few mutations, some files possibly removed. */
const headTexts = fc.array(
  fc.oneof(
    {
      arbitrary: fc.tuple(fc.constantFrom("rotations/schedule.yaml", "rotations/overrides.yaml"), wellFormed),
      weight: 6,
    },
    { arbitrary: fc.tuple(fc.constantFrom(...ROTATION_FILES), mutation), weight: 3 },
    { arbitrary: fc.tuple(fc.constantFrom(...ROTATION_FILES), fc.constant(null)), weight: 1 },
  ),
  { minLength: 1, maxLength: 4 },
);

function headOf(edits: readonly (readonly [string, Mutation | null])[]): Map<string, string> {
  const texts = new Map(base);
  for (const [path, edit] of edits) {
    if (edit === null) texts.delete(path);
    else texts.set(path, edit(texts.get(path) ?? ""));
  }
  return texts;
}

describe("the trade's files under fuzzing", () => {
  it("load, compare and summarise without throwing, with output bounded by the files", () => {
    fc.assert(
      fc.property(headTexts, (edits) => {
        const texts = headOf(edits);
        const size = [...texts.values()].reduce((n, t) => n + t.length, 0);
        const head = loadRotationTexts(texts, "head");
        expect(head.problems.length).toBeLessThanOrEqual(size / 4 + 50);
        expect(textSize(head.problems)).toBeLessThanOrEqual(4 * size + 20_000);
        const result = checkTrade({ before: baseData, after: head, position: head.position, now: NOW });
        const records = [baseData, head].reduce((n, d) => n + d.org.shifts.length + d.org.overrides.length, 0);
        expect(result.changes.length + result.published.length).toBeLessThanOrEqual(4 * records + 8);
        expect(result.summary.length).toBeLessThanOrEqual(
          200 * (result.changes.length + result.published.length) + 200,
        );
      }),
      fuzzRuns(80),
    );
  });
});

describe("oncall trade swap|cover arguments under fuzzing", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTestRepo();
  });
  afterAll(async () => {
    await removeTestRepo(dir);
  });

  const io = () => {
    let out = "";
    return {
      io: { out: (t: string) => void (out += t), err: (t: string) => void (out += t), env: {}, now: () => NOW },
      output: () => out,
    };
  };

  /** Runs the command; only a user error may escape, and what it prints stays bounded. */
  async function runBounded(argv: string[]): Promise<void> {
    const { io: commandIO, output } = io();
    try {
      const code = await tradeCommand(argv, commandIO);
      expect([0, 1]).toContain(code);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      expect(err.message.length).toBeGreaterThan(0);
      expect(err.message.length).toBeLessThanOrEqual(2 * argv.join(" ").length + 2000);
    }
    expect(output().length).toBeLessThanOrEqual(4 * argv.join(" ").length + 20_000);
  }

  const login = fc.oneof(fc.constantFrom("alice", "bob", "lena", "raj", "dana", ""), hostileLine(3));
  const when = fc.oneof(
    fc.constantFrom(
      "2026-01-12",
      "2026-01-14T12:00",
      "2026-02-30",
      "9999-99-99",
      "2026-01-12T25:00",
      "2026-01-12T11:00:00+14:00",
    ),
    hostileLine(3),
  );

  it("swap refuses hostile shift names with a message", async () => {
    await fc.assert(
      fc.asyncProperty(login, when, login, when, async (a, x, b, y) =>
        runBounded(["swap", `${a}@${x}`, `${b}@${y}`, "--repo", dir, "--dry-run", "--at", NOW.toISO()!]),
      ),
      fuzzRuns(30),
    );
  });

  it("cover refuses hostile logins, times, layers and reasons with a message", async () => {
    await fc.assert(
      fc.asyncProperty(
        login,
        when,
        when,
        fc.option(hostileLine(3)),
        fc.option(hostileLine(6)),
        async (who, from, to, layer, reason) => {
          const argv = ["cover", who, `--from=${from}`, `--to=${to}`, "--repo", dir, "--dry-run", "--at", NOW.toISO()!];
          if (layer !== null) argv.push(`--layer=${layer}`);
          if (reason !== null) argv.push(`--reason=${reason}`);
          await runBounded(argv);
        },
      ),
      fuzzRuns(30),
    );
  });
});
