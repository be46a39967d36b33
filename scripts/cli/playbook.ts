/** `oncall playbook stale [--at ISO] [--json]`: playbooks not reviewed within the policy's playbookReviewDays. */
import { UsageError } from "../core/model/index.js";
import { stalePlaybooks } from "../core/playbook/index.js";
import { loadForCommand } from "../repo/load-for-command.js";
import { parse, repoDir, AT, nowOrAt } from "./args.js";
import { table } from "./format.js";
import type { CommandIO } from "./command.js";

export const usage = `oncall playbook stale [--at ISO] [--repo DIR] [--json]

The playbooks whose lastReviewed date is more than playbookReviewDays (incidents/policy.yaml, default
180) days before --at (default now), most overdue first, with their owners. Review one, then set its
lastReviewed to the day of the review.`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== "stale")
    throw new UsageError(
      sub && !sub.startsWith("-")
        ? `unknown subcommand "playbook ${sub}"; use "playbook stale".`
        : 'say "playbook stale".',
    );
  const { values } = parse(rest, AT);
  const dir = repoDir(values);
  const at = await nowOrAt(values, io, dir);
  const { org } = await loadForCommand(dir, at);
  const stale = stalePlaybooks(org.playbooks, at, org.policy.playbookReviewDays);
  if (values.json) {
    io.out(JSON.stringify({ reviewDays: org.policy.playbookReviewDays, stale }, null, 2) + "\n");
    return 0;
  }
  if (!stale.length) {
    io.out(`Every playbook was reviewed within the last ${org.policy.playbookReviewDays} days.\n`);
    return 0;
  }
  io.out(
    table(
      ["Playbook", "Owners", "Last reviewed", "Days over", "File"],
      stale.map((s) => [s.title, s.owners.map((o) => `@${o}`).join(" "), s.lastReviewed, String(s.daysOver), s.path]),
    ),
  );
  return 0;
}
