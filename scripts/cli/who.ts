/** `oncall who [--at ISO] [--json]`: who is on call at an instant, one line per layer. */
import type { DateTime } from "luxon";
import { previewCoverage } from "../core/schedule/index.js";
import { parse, repoDir, AT, nowOrAt } from "./args.js";
import { loadForCommand } from "../repo/load-for-command.js";
import { iso, localTime, when } from "./format.js";
import type { CommandIO } from "./command.js";

export const usage = `oncall who [--at ISO] [--repo DIR] [--json]

Who is on call at --at (default now) in each layer, and why (scheduled, override, holiday volunteer,
fallback, or a preview when the published schedule ends earlier).`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parse(argv, AT);
  const dir = repoDir(values);
  const at = await nowOrAt(values, io, dir);
  const { org } = await loadForCommand(dir, at, "rotations");
  const answer = previewCoverage({
    config: org.rotation,
    people: org.people,
    shifts: org.shifts,
    overrides: org.overrides,
    at,
  });
  const people = new Map(org.people.map((p) => [p.login, p]));
  const zone = org.rotation.timezone;
  if (values.json) {
    const oncall = answer.entries.map((e) => ({
      layer: e.layer,
      login: e.login,
      timezone: people.get(e.login)?.timezone ?? null,
      source: e.source,
    }));
    io.out(
      JSON.stringify(
        { at: iso(at, zone), oncall, ...(answer.preview && { preview: true, notes: answer.notes }) },
        null,
        2,
      ) + "\n",
    );
    return 0;
  }
  io.out(`On call at ${when(at, zone)}:\n`);
  if (!answer.entries.length) {
    const first = org.shifts.reduce<DateTime | undefined>((a, s) => (!a || s.start < a ? s.start : a), undefined);
    io.out(
      first && at < first
        ? `  nobody is on call yet: the first shift starts ${when(first, zone)}.\n`
        : "  nobody: the rotation has no layer that covers this instant.\n",
    );
  }
  for (const e of answer.entries) {
    const p = people.get(e.login);
    const local = p ? ` (${localTime(at, p.timezone)} for them)` : "";
    io.out(
      `  ${e.layer.padEnd(10)} @${e.login}${p ? ` ${p.name}` : ""}${local}${e.source === "schedule" ? "" : ` [${e.source}]`}\n`,
    );
  }
  for (const n of answer.notes) io.out(`note: ${n}\n`);
  return 0;
}
