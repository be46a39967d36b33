/**
 * The `oncall` command. Thin: picks the command, runs it, and turns errors into messages and exit
 * codes. User mistakes print one clear message; anything unexpected is reported as a bug.
 */
import { UserError } from "../core/model/index.js";
import type { Command, CommandIO } from "./command.js";

const COMMANDS: Record<string, () => Promise<Command>> = {
  validate: () => import("./validate.js"),
  status: () => import("./status.js"),
  schedule: () => import("./schedule.js"),
  who: () => import("./who.js"),
  handoff: () => import("./handoff.js"),
  ics: () => import("./ics.js"),
  slo: () => import("./slo.js"),
  trade: () => import("./trade.js"),
  form: () => import("./form.js"),
  init: () => import("./init.js"),
  report: () => import("./report.js"),
  postmortem: () => import("./postmortem.js"),
  playbook: () => import("./playbook.js"),
  import: () => import("./import.js"),
  site: () => import("./site.js"),
};

const HELP = `oncall: the on-call process of this repository, from the command line.

Usage: oncall <command> [options]

Commands:
  validate     check every file against its schema and the rules across files
  status       who is on call now, next handoffs, open incidents, postmortems due
  schedule     generate (extend the published schedule) or show shifts
  who          who is on call at an instant
  handoff      the latest handoff of each layer: summary of the outgoing shift and the on-call report
  ics          an iCalendar feed for a person, a layer or everyone
  slo          deadline (acknowledgement deadline of a report) or report (attainment, MTTA, MTTR)
  trade        swap two shifts, cover part of one (override), or check a trade between two revisions
  form         copy the policy's services and links into the GitHub issue form and chooser
  init         replace the example organisation with your team, from a CSV of people
  report       fairness: hours on call, off-hours, weekend and holiday load per person, balance per layer
  postmortem   new (draft the postmortem of a resolved incident) or list (due, overdue, by review)
  playbook     stale (playbooks not reviewed within the policy's playbookReviewDays)
  import       move in from Opsgenie or PagerDuty: roster, rotations, schedule and overrides, verified
  site         a static site: who is on call, the coming weeks, incidents, SLO, fairness, people

Every command accepts --repo DIR (default: the current directory) and --json where it prints data,
before or after the command name.
Times (--at, --from, --to, --since, --until, --reported-at) take an offset (2026-12-21T12:00-05:00,
...Z); without one they are wall-clock time in the rotation's zone (rotations/config.yaml), and a date
alone is the start of that day there. A time the clocks skip is refused; a repeated one is the first.
Run "oncall <command> --help" for a command's options.`;

/**
 * The command line with the global flags written before the command (`oncall --repo . who`,
 * `oncall --json who`) moved after it, where every command's parser reads them.
 */
function hoistGlobalFlags(argv: readonly string[]): string[] {
  const global: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json" || a.startsWith("--repo=")) global.push(a);
    else if (a === "--repo" && i + 1 < argv.length) global.push(a, argv[++i]!);
    else break;
  }
  const [name, ...rest] = argv.slice(i);
  return name === undefined ? global : [name, ...rest, ...global];
}

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = hoistGlobalFlags(argv);
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(HELP + "\n");
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`oncall: unknown command "${name}".\n\n${HELP}\n`);
    return 2;
  }
  try {
    const command = await load();
    if (rest.includes("--help") || rest.includes("-h")) {
      io.out(command.usage + "\n");
      return 0;
    }
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UserError) {
      io.err(`oncall ${name}: ${err.message}\n`);
      if (err.exitCode === 2) io.err(`Run "oncall ${name} --help" for usage.\n`);
      return err.exitCode;
    }
    io.err(
      `oncall ${name}: internal error (this is a bug in oncall-as-code, please report it):\n${(err as Error)?.stack ?? String(err)}\n`,
    );
    return 70;
  }
}
