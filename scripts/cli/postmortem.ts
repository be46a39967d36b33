/**
 * `oncall postmortem new INC-<n> [--at ISO]`: writes the draft of a resolved incident's postmortem from
 * its record, and names it in the record.
 * `oncall postmortem list [--due | --overdue | --review DATE] [--at ISO] [--json]`: what is owed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { DateTime } from "luxon";
import { UsageError, UserError } from "../core/model/index.js";
import {
  draftPostmortem,
  findPlaceholders,
  needsPostmortem,
  postmortemList,
  type PostmortemFilter,
} from "../core/postmortem/index.js";
import { loadHolidayCalendar } from "../repo/holidays.js";
import { loadForCommand } from "../repo/load-for-command.js";
import { issueBase, setRecordPostmortem } from "../repo/postmortem-files.js";
import { parse, repoDir, AT, nowOrAt } from "./args.js";
import { table } from "./format.js";
import type { CommandIO } from "./command.js";

export const usage = `oncall postmortem new INC-<n> [--at ISO] [--repo DIR] [--json]
oncall postmortem list [--due | --overdue | --review DATE] [--at ISO] [--repo DIR] [--json]

new: writes postmortems/<year>/INC-<n>-<slug>.md for a resolved incident whose severity needs a
postmortem (incidents/policy.yaml), from its record: status draft, the commander and communications
officer as authors, due postmortemDueBusinessDays business days after the resolution (in the first
author's calendar), booked into the first review meeting on or after that day that has room (policy
reviews), the timeline in UTC and in the commander's zone, follow-ups as action items, and a
<!-- TODO: ... --> placeholder wherever a person has to write. The record then names the file.
--at is the time of the run (default now); the due date counts from the record's resolvedAt.
Action items link their issues under GITHUB_REPOSITORY when set, else under the address other
postmortems use.
list: every postmortem, or --due (not final yet), --overdue (drafts past their due date) or
--review DATE (booked into that review meeting). "Today" is --at's day in the rotation zone.`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "new") return draft(rest, io);
  if (sub === "list") return list(rest, io);
  throw new UsageError(
    sub && !sub.startsWith("-")
      ? `unknown subcommand "postmortem ${sub}"; use "postmortem new" or "postmortem list".`
      : `say "postmortem new INC-<n>" or "postmortem list".`,
  );
}

async function draft(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(argv, AT, true);
  if (positionals.length !== 1) throw new UsageError("name one incident: postmortem new INC-<n>.");
  const id = /^(?:INC-)?([1-9]\d*)$/i.exec(positionals[0]!)?.[1];
  if (!id) throw new UsageError(`"${positionals[0]}" is not an incident id such as INC-63.`);
  const dir = repoDir(values);
  const at = await nowOrAt(values, io, dir);
  const { org } = await loadForCommand(dir, at);
  const record = org.incidents.find((i) => i.id === `INC-${id}`);
  if (!record)
    throw new UserError(`INC-${id} has no valid record (incidents/<year>/INC-${id}.yaml); run "oncall validate".`);
  const existing = org.postmortems.find((p) => p.frontMatter.incident === record.id);
  if (existing) throw new UserError(`${record.id} already has a postmortem: ${existing.path}.`);
  if (record.postmortem && existsSync(join(dir, record.postmortem)))
    throw new UserError(`${record.id} already has a postmortem: ${record.postmortem}.`);
  if (record.status !== "resolved")
    throw new UserError(
      `${record.id} is not resolved (status ${record.status}); its postmortem starts after /resolve.`,
    );
  if (!needsPostmortem(org.policy, record.severity))
    throw new UserError(
      `${record.id} is ${record.severity ?? "without a severity"}, and incidents/policy.yaml asks for a postmortem ` +
        `only for ${
          org.policy.severities
            .filter((s) => s.postmortem)
            .map((s) => s.id)
            .join(", ") || "no severity"
        }.`,
    );
  const links = org.postmortems.flatMap((p) => (p.frontMatter.actionItems ?? []).flatMap((a) => a.issue ?? []));
  const base = issueBase(io.env, links);
  const result = draftPostmortem({
    record,
    policy: org.policy,
    org,
    calendar: await loadHolidayCalendar(),
    booked: org.postmortems.flatMap((p) => p.frontMatter.review ?? []),
    ...(record.resolvedAt && { resolvedAt: DateTime.fromISO(record.resolvedAt, { setZone: true }) }),
    ...(base && { issueUrl: (n: number) => `${base}${n}` }),
  });
  const target = join(dir, result.path);
  if (existsSync(target)) throw new UserError(`${result.path} exists already; nothing was written.`);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, result.content);
  if (record.src?.file) {
    const recordPath = join(dir, record.src.file);
    writeFileSync(recordPath, setRecordPostmortem(readFileSync(recordPath, "utf8"), result.path));
  }
  const fm = result.frontMatter;
  const todo = findPlaceholders(result.content).length;
  if (values.json) {
    io.out(JSON.stringify({ path: result.path, frontMatter: fm, placeholders: todo }, null, 2) + "\n");
    return 0;
  }
  io.out(
    `Wrote ${result.path}: due ${fm.due}, ` +
      (fm.review ? `review meeting ${fm.review}` : "no review meeting booked (incidents/policy.yaml has no reviews)") +
      `, authors ${fm.authors.map((a) => `@${a}`).join(" and ")}.\n` +
      `${record.src?.file ?? "The record"} now names it. ${todo} placeholder(s) (<!-- TODO: ... -->) to fill; ` +
      "commit it on a branch and open a pull request to invite comments.\n",
  );
  if (base === undefined && fm.actionItems?.length)
    io.out("note: action items have no issue links; set GITHUB_REPOSITORY=owner/name to link the follow-ups.\n");
  return 0;
}

async function list(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parse(argv, {
    ...AT,
    due: { type: "boolean" },
    overdue: { type: "boolean" },
    review: { type: "string" },
  });
  const chosen = [values.due, values.overdue, values.review !== undefined].filter(Boolean).length;
  if (chosen > 1) throw new UsageError("give at most one of --due, --overdue and --review DATE.");
  if (typeof values.review === "string" && !DateTime.fromISO(values.review).isValid)
    throw new UsageError(`--review must be a date YYYY-MM-DD, not "${values.review}".`);
  const filter: PostmortemFilter = values.due
    ? { kind: "due" }
    : values.overdue
      ? { kind: "overdue" }
      : typeof values.review === "string"
        ? { kind: "review", date: DateTime.fromISO(values.review).toISODate()! }
        : { kind: "all" };
  const dir = repoDir(values);
  const at = await nowOrAt(values, io, dir);
  const { org } = await loadForCommand(dir, at);
  const entries = postmortemList(org.postmortems, at.setZone(org.rotation.timezone), filter);
  if (values.json) {
    io.out(JSON.stringify(entries, null, 2) + "\n");
    return 0;
  }
  if (!entries.length) {
    io.out(`No postmortems${filter.kind === "all" ? "" : ` ${describe(filter)}`}.\n`);
    return 0;
  }
  io.out(
    table(
      ["Incident", "Severity", "Status", "Due", "Review", "Authors", "File"],
      entries.map((e) => [
        e.incident,
        e.severity,
        e.status,
        e.overdue ? `${e.due} OVERDUE ${e.daysOverdue}d` : e.due,
        e.review ?? "not booked",
        e.authors.map((a) => `@${a}`).join(" "),
        e.path,
      ]),
    ),
  );
  return 0;
}

function describe(filter: PostmortemFilter): string {
  switch (filter.kind) {
    case "due":
      return "still to finish";
    case "overdue":
      return "overdue";
    case "review":
      return `booked for the review of ${filter.date}`;
    default:
      return "";
  }
}
