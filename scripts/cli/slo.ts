/**
 * `oncall slo deadline --reported-at ISO`: the acknowledgement deadline of an incident reported then.
 * `oncall slo report [--since DATE] [--until DATE] [--json|--markdown]`: attainment, MTTA and MTTR.
 */
import { UsageError } from "../core/model/index.js";
import { deadlineFor } from "../core/slo/index.js";
import { sloReport, renderSloReportMarkdown } from "../core/slo/index.js";
import { loadHolidayCalendar } from "../repo/holidays.js";
import { parse, repoDir, AT, instantFlag, nowOrAt } from "./args.js";
import { instantInput } from "../repo/instant-input.js";
import { loadForCommand } from "../repo/load-for-command.js";
import { when } from "./format.js";
import type { CommandIO } from "./command.js";

export const usage = `oncall slo deadline --reported-at ISO [--repo DIR] [--json]
oncall slo report [--since DATE] [--until DATE] [--json | --markdown] [--repo DIR]

deadline: the acknowledgement deadline for an incident reported at that instant, by the local support
hours of the people on call (the shortest target among them counts, and a better tier starting
soon can make the deadline earlier). Support hours, in each person's own time zone:
  full     workdays 09:00-17:00                                 acknowledge within 10 minutes
  partial  workdays 07:00-09:00 and 17:00-19:00,
           non-workdays 09:00-17:00                             acknowledge within 30 minutes
  limited  any other time                                       no target: the clock starts when
                                                                someone's full or partial hours begin
Workdays are Monday to Friday, less the public holidays of the person's region (people.yaml) and the
organisation's holidays (rotations/config.yaml orgHolidays).
report: attainment per tier and month, MTTA and MTTR per severity, acknowledgements per person, from
the incident records.`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "deadline") return deadline(rest, io);
  if (sub === "report") return report(rest, io);
  throw new UsageError(
    sub && !sub.startsWith("-")
      ? `unknown subcommand "slo ${sub}"; use "slo deadline" or "slo report".`
      : `say "slo deadline" or "slo report".`,
  );
}

async function deadline(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parse(argv, { "reported-at": { type: "string" } });
  if (typeof values["reported-at"] !== "string") throw new UsageError("--reported-at ISO is required.");
  const dir = repoDir(values);
  const reportedAt = await instantInput(dir, values["reported-at"], "--reported-at");
  const { org } = await loadForCommand(dir, reportedAt, "rotations");
  const d = deadlineFor(org, reportedAt, await loadHolidayCalendar());
  const utc = (x: typeof reportedAt) => x.toUTC().toISO({ suppressMilliseconds: true })!;
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          reportedAt: utc(d.reportedAt),
          tier: d.tier,
          targetMinutes: d.targetMinutes,
          deadline: d.deadline ? utc(d.deadline) : null,
          oncall: d.oncall,
          ...(d.preview && { preview: true }),
        },
        null,
        2,
      ) + "\n",
    );
    return 0;
  }
  const zone = org.rotation.timezone;
  io.out(`Reported ${when(reportedAt, zone)}; on call: ${d.oncall.map((l) => `@${l}`).join(", ") || "nobody"}.\n`);
  if (!d.deadline)
    io.out("No one on call is in supported hours in the next 14 days: there is no acknowledgement deadline.\n");
  else
    io.out(
      `Acknowledge by ${when(d.deadline, zone)} (${d.deadline.toUTC().toFormat("HH:mm 'UTC'")}): ${d.tier} support, target ${d.targetMinutes} minutes` +
        (d.setBy && d.setBy.instant > reportedAt
          ? `, counted from ${when(d.setBy.instant, zone)} when ${d.setBy.login}'s support hours begin.\n`
          : ".\n"),
    );
  if (d.preview)
    io.out("note: the published schedule ends before the deadline window; who is on call comes from a preview.\n");
  return 0;
}

async function report(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parse(argv, {
    ...AT,
    since: { type: "string" },
    until: { type: "string" },
    markdown: { type: "boolean" },
  });
  const dir = repoDir(values);
  const now = await nowOrAt(values, io, dir);
  const { org } = await loadForCommand(dir, now);
  const zone = org.rotation.timezone;
  const since = instantFlag(values, "since", zone);
  const until = instantFlag(values, "until", zone);
  const r = sloReport({ incidents: org.incidents, zone, ...(since && { since }), ...(until && { until }) });
  io.out(values.json ? JSON.stringify(r, null, 2) + "\n" : renderSloReportMarkdown(r));
  return 0;
}
