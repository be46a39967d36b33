/**
 * `oncall report fairness [--from DATE] [--to DATE] [--layer L] [--json|--csv|--markdown]`: who carried
 * how much of the on-call load, and how much of it fell outside their working hours.
 */
import { UsageError } from "../core/model/index.js";
import { fairnessCsv, fairnessMarkdown, fairnessReport } from "../core/fairness/index.js";
import { startOfDateMillis, inZone, formatInstant } from "../core/rotation/index.js";
import { publishedUntil } from "../core/schedule/index.js";
import { loadHolidayCalendar } from "../repo/holidays.js";
import { loadForCommand } from "../repo/load-for-command.js";
import { parse, repoDir, AT, instantFlag, nowOrAt } from "./args.js";
import type { CommandIO } from "./command.js";

export const usage = `oncall report fairness [--from DATE] [--to DATE] [--layer L] [--json | --csv | --markdown]
                      [--at ISO] [--repo DIR]

fairness: per person over the window [--from, --to): hours on call, off-hours (outside 09:00-17:00 in
their own zone on their workdays; weekends and public or organisation holidays count whole), weekend
hours, holiday hours (public and organisation holidays and the holiday period, weekends excluded),
holiday volunteer slots, incidents acknowledged and commanded, and off-hours minutes spent on
incidents. Per layer: the balance score (mean over pairs of members of the smaller hours over the
larger; 1 is even) and each member's share against the share expected from the time they could be
scheduled (people who joined or left inside the window are expected to carry less).
Hours come from the published schedule with overrides, volunteers and fallbacks folded in.
Window: dates are read in the rotation zone, --to excluded. Default: the 28 days (4 weeks) before
today (before the day of --at); with only --from or only --to, 4 weeks from or up to it.
--layer  only that regular layer (rot-a): its members and their hours in it.
Output: Markdown (default), --json, or --csv (RFC 4180, one row per person, for payroll).`;

const WEEKS = 4;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "fairness") return fairness(rest, io);
  throw new UsageError(
    sub && !sub.startsWith("-")
      ? `unknown report "${sub}"; the report is "report fairness".`
      : `say "report fairness".`,
  );
}

async function fairness(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parse(argv, {
    ...AT,
    from: { type: "string" },
    to: { type: "string" },
    layer: { type: "string" },
    csv: { type: "boolean" },
    markdown: { type: "boolean" },
  });
  const formats = (["json", "csv", "markdown"] as const).filter((f) => values[f] === true);
  if (formats.length > 1) throw new UsageError(`choose one output: ${formats.map((f) => `--${f}`).join(" or ")}.`);
  const dir = repoDir(values);
  const now = await nowOrAt(values, io, dir);
  const { org } = await loadForCommand(dir, now);
  const config = org.rotation;
  const zone = config.timezone;

  let from = instantFlag(values, "from", zone);
  let to = instantFlag(values, "to", zone);
  const today = () => inZone(startOfDateMillis(now.setZone(zone).toISODate()!, zone), zone);
  if (!to) to = from ? from.plus({ weeks: WEEKS }) : today();
  if (!from) from = to.minus({ weeks: WEEKS });
  const shown = (dt: typeof now) => formatInstant(dt.toMillis(), zone);
  if (!(to > from)) throw new UsageError(`--to (${shown(to)}) must be after --from (${shown(from)}).`);

  const layer = typeof values.layer === "string" ? values.layer : undefined;
  if (layer !== undefined && !config.layers.some((l) => l.name === layer)) {
    const volunteer = config.holidayPeriod?.layers.find((l) => l.name === layer);
    throw new UsageError(
      volunteer
        ? `${layer} is a holiday volunteer layer standing in for ${volunteer.replaces}: ` +
            `use --layer ${volunteer.replaces}.`
        : `no layer named "${layer}"; the layers are ${config.layers.map((l) => l.name).join(", ")}.`,
    );
  }

  const report = fairnessReport({
    org,
    records: org.incidents,
    from,
    to,
    ...(layer !== undefined && { layer }),
    calendar: await loadHolidayCalendar(),
  });

  // Time past the end of the published schedule is nobody's: say so rather than under-count silently.
  const published = publishedUntil(org.shifts, config);
  for (const l of config.layers) {
    if (layer !== undefined && l.name !== layer) continue;
    const end = published.get(l.name);
    if (!end || end < to)
      io.err(
        `note: ${l.name}: the published schedule ${end ? `ends ${shown(end)}` : "has no shifts"}; ` +
          "the window's later hours count for nobody.\n",
      );
  }

  if (values.json) io.out(JSON.stringify(report, null, 2) + "\n");
  else if (values.csv) io.out(fairnessCsv(report));
  else io.out(fairnessMarkdown(report));
  return 0;
}
