/** `oncall ics [--login L] [--layer NAME] --out FILE`: an iCalendar feed of the effective schedule. */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { UsageError, UserError } from "../core/model/index.js";
import { effectiveCoverage } from "../core/schedule/index.js";
import { calendarFeed } from "../core/calendar/index.js";
import { publishedUntil } from "../core/schedule/index.js";
import { parse, repoDir, AT, nowOrAt, instantFlag } from "./args.js";
import { loadForCommand } from "../repo/load-for-command.js";
import type { CommandIO } from "./command.js";

export const usage = `oncall ics [--login L] [--layer NAME] --out FILE [--from ISO] [--to ISO] [--repo DIR]

Writes an RFC 5545 calendar of the effective schedule (overrides, volunteers and fallbacks included) for
one person, one layer, or everyone, from --from (default 8 weeks before now) to the end of the
published schedule. Event UIDs are stable, so a subscribed calendar updates instead of duplicating.
--out - writes to standard output.`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parse(argv, {
    ...AT,
    login: { type: "string" },
    layer: { type: "string" },
    out: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
  });
  if (typeof values.out !== "string") throw new UsageError("--out FILE is required (use --out - for standard output).");
  const dir = repoDir(values);
  const now = await nowOrAt(values, io, dir);
  const { org } = await loadForCommand(dir, now, "rotations");
  const { rotation: config } = org;
  const login = typeof values.login === "string" ? values.login : undefined;
  const layer = typeof values.layer === "string" ? values.layer : undefined;
  if (login && !org.people.some((p) => p.login === login))
    throw new UsageError(`--login ${login} is not in rotations/people.yaml.`);
  const layers = new Set([
    ...config.layers.map((l) => l.name),
    ...(config.holidayPeriod?.layers.map((l) => l.name) ?? []),
  ]);
  if (layer && !layers.has(layer))
    throw new UsageError(`--layer ${layer} is not a layer; layers are ${[...layers].join(", ")}.`);
  const reach = [...publishedUntil(org.shifts, config).values()];
  const from = instantFlag(values, "from", config.timezone) ?? now.minus({ weeks: 8 });
  const to = instantFlag(values, "to", config.timezone) ?? reach.reduce((a, b) => (b > a ? b : a), now);
  const segments = effectiveCoverage({
    shifts: org.shifts,
    overrides: org.overrides,
    people: org.people,
    config,
    from,
    to,
  }).filter((s) => (!login || s.login === login) && (!layer || s.layer === layer || s.slot === layer));
  const name = login ? `On call: ${login}` : layer ? `On call: ${layer}` : "On call";
  const text = calendarFeed(segments, { name, zone: config.timezone, people: org.people });
  if (values.out === "-") io.out(text);
  else {
    // A folder, a missing folder or a read-only place is the user's to fix, not a bug.
    await writeFile(resolve(values.out), text).catch((e: NodeJS.ErrnoException) => {
      const reasons: Record<string, string> = { EISDIR: "it is a folder", ENOENT: "its folder does not exist" };
      const why = reasons[e.code ?? ""] ?? e.code ?? e.message;
      throw new UserError(`cannot write ${values.out}: ${why}.`);
    });
    io.err(`Wrote ${segments.length} event(s) to ${values.out}.\n`);
  }
  return 0;
}
