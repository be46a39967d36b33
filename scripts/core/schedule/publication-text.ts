/**
 * The words of a schedule publication: the pull request that proposes it and the issue that announces
 * it once merged. Pure text from data; logins come from rotations/people.yaml (validated), so
 * mentioning them is safe and is the point: GitHub notifies each person of their new shifts.
 *
 * The pull request body ends with a hidden line recording the publication's window, so that the run
 * after the merge can announce exactly the shifts it added without keeping any state of its own.
 */
import type { DateTime } from "luxon";
import type { Person, Shift } from "../model/index.js";
import { offsetName, type ShiftEdit } from "../rotation/index.js";

/** What one publication covers. */
export interface PublicationWindow {
  /** Start of the earliest shift it adds or changes (ISO-8601 with offset). */
  from: string;
  /** Calendar date (rotation zone) through which every layer is published, YYYY-MM-DD. */
  through: string;
}

/** GitHub refuses bodies over 65,536 characters; stay clear of it. */
const MAX_BODY = 60_000;

const WINDOW_MARKER = /<!-- oncall-schedule-publication (\{[^\n]*?\}) -->/;

/** The hidden line that records a publication's window in its pull request body. */
export function windowMarker(window: PublicationWindow): string {
  return `<!-- oncall-schedule-publication ${JSON.stringify(window)} -->`;
}

/**
 * The window recorded in a publication's pull request: from the hidden line, else (someone rewrote the
 * body) the date in the title, "through YYYY-MM-DD", with no start. Undefined when neither is there.
 */
export function parsePublicationWindow(
  title: string,
  body: string | null,
): (Partial<PublicationWindow> & { through: string }) | undefined {
  const found = WINDOW_MARKER.exec(body ?? "")?.[1];
  if (found) {
    try {
      const data = JSON.parse(found) as Partial<Record<keyof PublicationWindow, unknown>>;
      if (typeof data.through === "string" && /^\d{4}-\d{2}-\d{2}$/.test(data.through)) {
        return { through: data.through, ...(typeof data.from === "string" ? { from: data.from } : {}) };
      }
    } catch {
      // A hand-edited marker: fall back to the title.
    }
  }
  const through = /through (\d{4}-\d{2}-\d{2})\b/.exec(title)?.[1];
  return through ? { through } : undefined;
}

/** `Mon 18 Jan 11:00` in the zone; the year only when it differs from `year`. */
function stamp(dt: DateTime, zone: string, year?: number): string {
  const local = dt.setZone(zone).setLocale("en-US");
  return local.toFormat(local.year === year ? "ccc d LLL HH:mm" : "ccc d LLL yyyy HH:mm");
}

/** One shift on a line: layer, start and end in the rotation zone, with the end's UTC offset. */
function shiftSpan(s: Shift, zone: string): string {
  const start = s.start.setZone(zone);
  return `\`${s.layer}\` ${stamp(start, zone)} → ${stamp(s.end, zone, start.year)} ${offsetName(s.end.setZone(zone))}`;
}

function byStart(a: Shift, b: Shift): number {
  return a.start.toMillis() - b.start.toMillis() || a.layer.localeCompare(b.layer);
}

/**
 * Shifts grouped by person, each person mentioned once with their name, in login order; unfilled
 * shifts come last with the fallback who covers them mentioned.
 */
function shiftsByPersonMarkdown(shifts: readonly Shift[], people: readonly Person[], zone: string): string[] {
  const names = new Map(people.map((p) => [p.login, p.name]));
  const groups = new Map<string, Shift[]>();
  const unfilled: Shift[] = [];
  for (const s of shifts) {
    if (s.login === null) unfilled.push(s);
    else groups.set(s.login, [...(groups.get(s.login) ?? []), s]);
  }
  const out: string[] = [];
  for (const login of [...groups.keys()].sort()) {
    const name = names.get(login);
    out.push(`**@${login}**${name && name !== login ? ` (${name})` : ""}`);
    for (const s of groups.get(login)!.sort(byStart)) out.push(`- ${shiftSpan(s, zone)}`);
    out.push("");
  }
  if (unfilled.length) {
    out.push("**Unfilled** (the fallback covers the shift until someone puts their login on it):");
    for (const s of unfilled.sort(byStart))
      out.push(`- ${shiftSpan(s, zone)}: ${s.fallback ? `fallback @${s.fallback}` : "no fallback"}`);
    out.push("");
  }
  return out;
}

/** Sentences for edits of published shifts: who leaves a shift and who takes it. */
function editLines(edits: readonly ShiftEdit[], published: readonly Shift[], zone: string): string[] {
  const out: string[] = [];
  for (const e of edits) {
    const before = published[e.index];
    if (!before) continue;
    const after = e.replacement.map(
      (s) =>
        (s.login ? `@${s.login}` : `no-one (fallback ${s.fallback ? `@${s.fallback}` : "none"})`) +
        ` from ${stamp(s.start, zone)}`,
    );
    out.push(
      `- ${shiftSpan(before, zone)}, held by ${before.login ? `@${before.login}` : "no-one"}: now ${after.join(", then ")}`,
    );
  }
  return out;
}

/** Cuts an over-long body at a line boundary, saying so. */
function fit(lines: readonly string[], tail: readonly string[]): string {
  const end = tail.join("\n");
  let body = lines.join("\n");
  if (body.length + end.length > MAX_BODY) {
    body = body.slice(0, MAX_BODY - end.length - 200);
    body = `${body.slice(0, body.lastIndexOf("\n"))}\n\n… (the list is too long for GitHub; the diff has every shift)\n`;
  }
  return `${body}\n${end}`.trimEnd() + "\n";
}

export interface PublicationBodyInput {
  window: PublicationWindow;
  zone: string;
  horizonWeeks: number;
  /** Where the published schedule reached before (rotation zone date), undefined when it was empty. */
  reachedBefore?: string;
  added: readonly Shift[];
  edits: readonly ShiftEdit[];
  /** The schedule as published, for the edits' "before". */
  published: readonly Shift[];
  notes: readonly string[];
  people: readonly Person[];
}

/** The pull request's body: why it exists, each person's new shifts, roster changes, what to do. */
export function publicationBody(input: PublicationBodyInput): string {
  const { window, zone } = input;
  const lines = [
    `This pull request publishes the on-call schedule through **${window.through}** (${zone}). ` +
      (input.reachedBefore ? `The published schedule reached ${input.reachedBefore}; ` : "Nothing is published yet; ") +
      `it is kept at least ${input.horizonWeeks} week${input.horizonWeeks === 1 ? "" : "s"} ahead, so the schedule workflow proposes the next weeks now.`,
    "",
    `Merging it ${input.added.length ? `appends ${input.added.length} shift(s) to \`rotations/schedule.yaml\`` : "adds no shift"}` +
      `${input.edits.length ? ` and changes ${input.edits.length} published shift(s) for roster changes` : ""}. No other published shift moves.`,
    "",
  ];
  if (input.added.length) lines.push("### New shifts", "", ...shiftsByPersonMarkdown(input.added, input.people, zone));
  if (input.edits.length) lines.push("### Roster changes", "", ...editLines(input.edits, input.published, zone), "");
  if (input.notes.length) lines.push("### Notes", "", ...input.notes.map((n) => `- ${n}`), "");
  const tail = [
    "### Before merging",
    "",
    "- Check your shifts. To swap one, merge this first, then trade by pull request (swap two logins in `rotations/schedule.yaml`) or add an entry to `rotations/overrides.yaml`.",
    "- Commits pushed to this branch are replaced the next time the schedule workflow runs: it rebuilds the proposal from the default branch.",
    "- After the merge the workflow announces the new schedule and refreshes the calendar feeds.",
    "",
    windowMarker(window),
  ];
  return fit(lines, tail);
}

export interface AnnouncementInput {
  window: Partial<PublicationWindow> & { through: string };
  pull: { number: number; url: string };
  zone: string;
  /** Published shifts the publication added (or changed), as they are now on the default branch. */
  shifts: readonly Shift[];
  people: readonly Person[];
  /** Absolute URL of a person's calendar feed, when the feeds are published. */
  feedUrl?: (login: string) => string;
  /** URL of the page listing every feed. */
  feedsPage?: string;
}

/** Title of the announcement issue. */
export function announcementTitle(through: string): string {
  return `On-call schedule published through ${through}`;
}

/** The announcement issue's body: the new shifts per person (mentioned), unfilled ones, calendars. */
export function announcementBody(input: AnnouncementInput): string {
  const { zone } = input;
  const lines = [
    `The on-call schedule is published through **${input.window.through}** (${zone}): #${input.pull.number} was merged.`,
    "",
  ];
  if (input.shifts.length)
    lines.push("### New shifts", "", ...shiftsByPersonMarkdown(input.shifts, input.people, zone));
  else lines.push("No new shift: the publication only changed published shifts for roster changes.", "");
  const tail = ["### Calendars", ""];
  if (input.feedUrl && input.feedsPage) {
    const logins = [...new Set(input.shifts.flatMap((s) => (s.login ? [s.login] : [])))].sort();
    tail.push(
      `Subscribe once and your calendar follows every trade and override (feeds for everyone and each layer: ${input.feedsPage}):`,
      "",
    );
    for (const login of logins) tail.push(`- @${login}: ${input.feedUrl(login)}`);
  } else {
    tail.push("Export your shifts with `oncall ics --login YOUR-LOGIN --out oncall.ics`.");
  }
  tail.push(
    "",
    "To trade a shift, open a pull request that swaps two logins in `rotations/schedule.yaml`, or add an override to `rotations/overrides.yaml`.",
  );
  return fit(lines, tail);
}
