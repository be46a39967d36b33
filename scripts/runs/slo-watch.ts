/**
 * One run of the `slo-watch` action (issue 10 item 14): started by the event that opens an incident or
 * confirms it (`/confirm`), it watches that one incident. About once a minute it reads the issue (one
 * API call) and posts the warning at half the target and the breach and escalation at the deadline
 * with the sweep's own planner (scripts/core/slo/watch.ts), so the two never post anything twice. It
 * ends as soon as the incident is acknowledged, closed, dismissed, escalated or in triage, or when the
 * next step is due after `max-wait-minutes`: the hourly `slo` sweep is the backstop for those.
 *
 * Each poll has the run's shape: load (one read) -> plan -> carry out -> report.
 */
import { instantInput } from "../repo/instant-input.js";
import * as core from "@actions/core";
import { DateTime } from "luxon";
import { UserError } from "../core/model/index.js";
import { describeSloDecision } from "../core/slo/index.js";
import {
  CONFIRM_GRACE_MINUTES,
  DEFAULT_MAX_WAIT_MINUTES,
  planWatchPoll,
  POLL_SECONDS,
  type WatchEnd,
} from "../core/slo/index.js";
import type { ActionContext } from "../github/action-context.js";
import { clientOptionsFromEnv } from "../github/octokit.js";
import { readIncident, scaledClock, watchStartOf } from "../github/slo-watch-event.js";
import { loadHolidayCalendar } from "../repo/holidays.js";
import { loadForCommand } from "../repo/load-for-command.js";
import { carryOut } from "./carry-out.js";
import { dueNotifications, notify } from "./slo-notify.js";

/** Longest `max-wait-minutes` accepted: GitHub stops any job after 360 minutes. */
const MAX_WAIT_LIMIT = 300;

/** The `slo-watch` action's inputs as given (empty when not set). */
export interface SloWatchInputs {
  /** Where escalations are announced in chat (a secret). */
  webhookUrl: string;
  /** How long to watch at most, in minutes (1 to 300; default the core's). */
  maxWaitMinutes: string;
  /**
   * Where the clock starts. With the runner's ONCALL_GITHUB_TIME_SCALE_MS the clock also runs faster:
   * for end-to-end tests and replays only; never set either in a workflow.
   */
  at: string;
}

/** Watches the incident the event is about (see the module comment). */
export async function runSloWatch(ctx: ActionContext, inputs: SloWatchInputs): Promise<void> {
  const { webhookUrl } = inputs;
  if (webhookUrl) core.setSecret(webhookUrl);
  const maxWait = minutesInput("max-wait-minutes", inputs.maxWaitMinutes, DEFAULT_MAX_WAIT_MINUTES);
  const start = watchStartOf(ctx.eventName, ctx.payload);
  if (start.kind === "none") {
    core.info(`No SLO watch: ${start.reason}.`);
    setOutputs({ ended: "none", polls: 0, posted: [] });
    return;
  }

  const clock = scaledClock({
    ...optional("start", inputs.at ? await instantInput(ctx.workspace, inputs.at, 'Input "at"') : undefined),
    ...optional("timeScaleMs", clientOptionsFromEnv().timeScaleMs),
  });
  const began = clock.now();
  const { org } = await loadForCommand(ctx.workspace, began, "rotations");
  const calendar = await loadHolidayCalendar();
  const waitUntil = began.plus({ minutes: maxWait });
  const triageGraceUntil = began.plus({ minutes: Math.min(CONFIRM_GRACE_MINUTES, maxWait) });
  core.info(
    `Watching #${start.issue} (${start.origin}; SLO clock from ${iso(start.clockStart)}) until at most ${iso(waitUntil)}.`,
  );

  const posted: string[] = [];
  let polls = 0;
  let deadline: DateTime | null | undefined;
  for (;;) {
    const { issue, snapshot } = await readIncident(ctx.octokit, ctx.repo, start.issue);
    polls++;
    const now = clock.now();
    const poll = planWatchPoll({
      now,
      issue,
      origin: start.origin,
      clockStart: start.clockStart,
      waitUntil,
      triageGraceUntil,
      org,
      calendar,
    });
    if (poll.deadline !== undefined) deadline = poll.deadline;
    for (const decision of poll.plan.decisions) core.info(`${iso(now)} ${describeSloDecision(decision)}`);
    if (poll.plan.effects.length > 0) {
      // An escalation whose comment went out before a failure still gets its chat message.
      const { dryRun, applied, failure } = await carryOut(ctx, poll.plan.effects, {
        known: { issues: [snapshot] },
        keepPartial: true,
      });
      if (dryRun) {
        setOutputs({ ended: "dry-run", polls, posted: [], deadline });
        return;
      }
      posted.push(
        ...applied.flatMap((a) =>
          a.outcome === "created" && a.effect.kind === "upsert-comment" ? [a.effect.key] : [],
        ),
      );
      const undelivered = await notify(webhookUrl, dueNotifications(poll.plan.notifications, applied));
      if (failure !== undefined) throw failure;
      if (undelivered > 0)
        core.setFailed(
          `${undelivered} escalation chat message(s) could not be delivered; the escalation is on GitHub.`,
        );
    }
    if (poll.next.kind === "stop") {
      core.info(`${iso(clock.now())} Watch of #${start.issue} ends after ${polls} read(s): ${poll.next.detail}.`);
      setOutputs({ ended: poll.next.reason, polls, posted, deadline });
      await core.summary
        .addRaw(
          `## Acknowledgement SLO watch of #${start.issue}\n\n${poll.next.detail} (${polls} read(s); posted: ${posted.join(", ") || "nothing"}).\n`,
        )
        .write();
      return;
    }
    // Wake at the due instant when it comes before the next regular read.
    const untilDue = Math.max(0, poll.next.at.toMillis() - clock.now().toMillis()) + 100;
    await clock.sleep(Math.min(POLL_SECONDS * 1000, untilDue));
  }
}

function setOutputs(o: {
  ended: WatchEnd | "none" | "dry-run";
  polls: number;
  posted: readonly string[];
  deadline?: DateTime | null | undefined;
}): void {
  core.setOutput("ended", o.ended);
  core.setOutput("polls", o.polls);
  core.setOutput("posted", o.posted.join(","));
  core.setOutput("deadline", o.deadline ? iso(o.deadline) : "");
}

function iso(at: DateTime): string {
  return at.toUTC().toISO({ suppressMilliseconds: true }) ?? "";
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** A whole number of minutes between 1 and {@link MAX_WAIT_LIMIT}; `fallback` when empty. */
function minutesInput(name: string, raw: string, fallback: number): number {
  const value = raw.trim();
  if (!value) return fallback;
  const minutes = Number(value);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_WAIT_LIMIT) {
    throw new UserError(`Input ${name} must be a whole number of minutes from 1 to ${MAX_WAIT_LIMIT}, not "${value}".`);
  }
  return minutes;
}
