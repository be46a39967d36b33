/**
 * Publishing the schedule on GitHub, as a plan: what the schedule action should do on this run, given
 * the repository (the default branch's checkout), the instant and the last merged publication.
 *
 * 1. Propose. When the published schedule would fall short of the horizon before the next weekly run,
 *    or a roster change needs published shifts edited, one pull request "Publish on-call schedule
 *    through DATE" on the branch {@link PUBLICATION_BRANCH} carries the new `rotations/schedule.yaml`
 *    (edited in place for leavers and joiners, generated shifts appended) and lists each person's new
 *    shifts, mentioning them. A rerun rebuilds the proposal from the default branch and updates the same
 *    pull request; nothing to publish means no effect at all.
 * 2. Announce. Once a publication is merged (the default branch reaches its end date), one issue
 *    labelled `announcement`, keyed by that date, lists the new shifts per person and the calendar
 *    feeds. The adapter finds the issue again by its marker, so every later run leaves it alone.
 *
 * Pure: no clock, disk or network; the action gathers the inputs and applies the effects.
 */
import type { DateTime } from "luxon";
import type { Effect, LabelSpec } from "../model/index.js";
import { FIXED_FILES, type Organisation, type Shift } from "../model/index.js";
import type { ShiftEdit } from "../rotation/index.js";
import { planScheduleUpdate } from "./update.js";
import {
  announcementBody,
  announcementTitle,
  parsePublicationWindow,
  publicationBody,
  type PublicationWindow,
} from "./publication-text.js";
import { publishedUntil } from "./who.js";

/** Head branch of the publication pull request: the one place a rerun looks for it. */
export const PUBLICATION_BRANCH = "oncall/publish-schedule";

/** The file a publication writes: `FIXED_FILES.schedule` (this name stays for the schedule run). */
export const SCHEDULE_FILE = FIXED_FILES.schedule;

/**
 * How far before the horizon falls short a publication is proposed (weeks). The workflow runs weekly:
 * proposing one week early keeps the schedule at least `horizonWeeks` ahead when the pull request is
 * merged within the week, so the horizon warning never shows.
 */
const LEAD_WEEKS = 1;

/**
 * Weeks published beyond the horizon (default 4), so that a publication comes about once a month
 * instead of a pull request every week.
 */
const BATCH_WEEKS = 4;

const PUBLICATION_LABEL: LabelSpec = {
  name: "schedule",
  color: "0e8a16",
  description: "Publishes the on-call schedule",
};
const ANNOUNCEMENT_LABEL: LabelSpec = {
  name: "announcement",
  color: "5319e7",
  description: "News for everyone on call",
};

/** The most recently merged pull request from {@link PUBLICATION_BRANCH}. */
export interface MergedPublication {
  number: number;
  title: string;
  body: string | null;
  url: string;
}

export interface SchedulePublicationInput {
  /** The default branch's data (the base of the publication). */
  org: Pick<Organisation, "people" | "rotation" | "shifts" | "overrides">;
  /**
   * The new rotations/schedule.yaml after these edits and appended shifts: the repository layer's
   * writer (scripts/repo/schedule-file.ts) over the file `org.shifts` was read from.
   */
  renderSchedule: (edits: readonly ShiftEdit[], added: readonly Shift[]) => string;
  now: DateTime;
  /** Overrides the rotation's `horizonWeeks`. */
  horizonWeeks?: number;
  /** Base branch of the pull request (default: the repository's default branch). */
  base?: string;
  /** The last merged publication, if any, for the announcement. */
  merged?: MergedPublication | null;
  /** Where the calendar feed site is served, for links in the announcement. */
  feedUrl?: (login: string) => string;
  feedsPage?: string;
}

/** A proposed publication. */
interface Publication {
  window: PublicationWindow;
  added: Shift[];
  edits: ShiftEdit[];
  notes: string[];
  /** The new rotations/schedule.yaml. */
  content: string;
  title: string;
}

export interface SchedulePublicationPlan {
  effects: Effect[];
  publication: Publication | null;
  /** Marker key of the announcement this run makes sure exists. */
  announcement: { key: string; through: string; pull: number } | null;
  /** What was decided and why, one sentence each, for the log. */
  log: string[];
}

/** Title of the publication pull request. */
function publicationTitle(through: string): string {
  return `Publish on-call schedule through ${through}`;
}

/** Marker key of the announcement of the publication through `through`. */
export function announcementKey(through: string): string {
  return `schedule-published:${through}`;
}

/** Earliest end over the slots (every layer is covered until then); undefined when a slot has none. */
function reachOf(shifts: readonly Shift[], config: SchedulePublicationInput["org"]["rotation"]): DateTime | undefined {
  const ends = publishedUntil(shifts, config);
  if (config.layers.some((l) => !ends.has(l.name))) return undefined;
  return [...ends.values()].reduce<DateTime | undefined>((a, b) => (a === undefined || b < a ? b : a), undefined);
}

function applyEdits(shifts: readonly Shift[], edits: readonly ShiftEdit[]): Shift[] {
  const byIndex = new Map(edits.map((e) => [e.index, e.replacement]));
  return shifts.flatMap((s, i) => byIndex.get(i) ?? [s]);
}

/** Decides this run's effects. */
export function planSchedulePublication(input: SchedulePublicationInput): SchedulePublicationPlan {
  const log: string[] = [];
  const effects: Effect[] = [];
  const announcement = planAnnouncement(input, log);
  const proposed = planPublication(input, log);
  const labels = [...(proposed ? [PUBLICATION_LABEL] : []), ...(announcement ? [ANNOUNCEMENT_LABEL] : [])];
  if (labels.length) effects.push({ kind: "ensure-labels", labels });
  if (announcement) effects.push(announcement.effect);
  if (proposed) {
    const { publication, body } = proposed;
    effects.push({
      kind: "commit-file",
      files: [{ path: SCHEDULE_FILE, content: publication.content }],
      message: publication.title,
      pullRequest: {
        branch: PUBLICATION_BRANCH,
        title: publication.title,
        body,
        labels: [PUBLICATION_LABEL.name],
        ...(input.base ? { base: input.base } : {}),
      },
    });
  }
  return {
    effects,
    publication: proposed?.publication ?? null,
    announcement: announcement
      ? { key: announcement.effect.key, through: announcement.through, pull: announcement.pull }
      : null,
    log,
  };
}

function planPublication(
  input: SchedulePublicationInput,
  log: string[],
): { publication: Publication; body: string } | null {
  const { org, now } = input;
  const config = org.rotation;
  const zone = config.timezone;
  const horizonWeeks = input.horizonWeeks ?? config.horizonWeeks;
  const reach = reachOf(org.shifts, config);
  const due = now.plus({ weeks: horizonWeeks + LEAD_WEEKS });
  const short = reach === undefined || reach < due;
  const until = short ? now.plus({ weeks: horizonWeeks + BATCH_WEEKS }) : now;
  const update = planScheduleUpdate({ config, people: org.people, shifts: org.shifts, now, until });
  if (!update.added.length && !update.edits.length) {
    log.push(
      `Nothing to publish: the schedule reaches ${reach ? reach.setZone(zone).toISODate() : "nowhere"}, ${horizonWeeks} weeks ahead is ${now.plus({ weeks: horizonWeeks }).setZone(zone).toISODate()}, and no roster change needs a published shift edited.`,
    );
    return null;
  }
  const after = [...applyEdits(org.shifts, update.edits), ...update.added];
  const through = (reachOf(after, config) ?? now).setZone(zone).toISODate()!;
  const changed = [...update.added, ...update.edits.flatMap((e) => e.replacement)];
  const from = changed.reduce((a, s) => (s.start < a ? s.start : a), changed[0]!.start);
  const window: PublicationWindow = { from: from.setZone(zone).toISO({ suppressMilliseconds: true })!, through };
  const content = input.renderSchedule(update.edits, update.added);
  const title = publicationTitle(through);
  const reachedBefore = reach?.setZone(zone).toISODate() ?? undefined;
  const body = publicationBody({
    window,
    zone,
    horizonWeeks,
    ...(reachedBefore ? { reachedBefore } : {}),
    added: update.added,
    edits: update.edits,
    published: org.shifts,
    notes: update.notes,
    people: org.people,
  });
  log.push(
    `${short ? `The schedule reaches only ${reachedBefore ?? "nowhere"} (wanted: ${due.setZone(zone).toISODate()}); ` : ""}proposing ${update.added.length} new and ${update.edits.length} edited shift(s) through ${through} on ${PUBLICATION_BRANCH}.`,
  );
  return {
    publication: { window, added: update.added, edits: update.edits, notes: update.notes, content, title },
    body,
  };
}

function planAnnouncement(
  input: SchedulePublicationInput,
  log: string[],
): { effect: Extract<Effect, { kind: "create-issue" }>; through: string; pull: number } | null {
  const { org, now, merged } = input;
  if (!merged) return null;
  const config = org.rotation;
  const zone = config.timezone;
  const window = parsePublicationWindow(merged.title, merged.body);
  if (!window) {
    log.push(`#${merged.number} says no publication date (title or hidden line); not announcing it.`);
    return null;
  }
  const reached = reachOf(org.shifts, config)?.setZone(zone).toISODate();
  // Merged means the default branch has it; a revert (or a checkout of another branch) would not.
  if (!reached || reached < window.through) {
    log.push(
      `#${merged.number} publishes through ${window.through} but the schedule here reaches ${reached ?? "nowhere"}; not announcing it.`,
    );
    return null;
  }
  // An old publication (its announcement lost or deleted) is not news any more.
  if (window.through < now.setZone(zone).toISODate()!) {
    log.push(`#${merged.number} published through ${window.through}, which is past; not announcing it.`);
    return null;
  }
  const fromMs = window.from ? Date.parse(window.from) : now.toMillis();
  const shifts = org.shifts.filter((s) => s.start.toMillis() >= (Number.isNaN(fromMs) ? now.toMillis() : fromMs));
  const body = announcementBody({
    window,
    pull: { number: merged.number, url: merged.url },
    zone,
    shifts,
    people: org.people,
    ...(input.feedUrl ? { feedUrl: input.feedUrl } : {}),
    ...(input.feedsPage ? { feedsPage: input.feedsPage } : {}),
  });
  const key = announcementKey(window.through);
  log.push(`#${merged.number} (through ${window.through}) is merged: making sure it is announced (${key}).`);
  return {
    effect: {
      kind: "create-issue",
      key,
      title: announcementTitle(window.through),
      body,
      labels: [ANNOUNCEMENT_LABEL.name],
    },
    through: window.through,
    pull: merged.number,
  };
}
