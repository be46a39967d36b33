/**
 * "Your shifts changed": after a change to rotations/ is merged, the people whose already published
 * on-call time it moves, and who did not approve it, are told once, each with their shifts before and
 * after in their own time zone (SPEC section 8, last line). A trade normally has everyone's approval,
 * but a manager may approve for a report, a roster edit (a leaver's shifts falling back to their
 * manager) or a cover may be merged with nobody else's, and the publication pull request may release
 * a leaver's shifts: this is how the people concerned hear of it.
 *
 * Only time from `at` on counts (the merge): the past cannot be traded, and a shift under way whose
 * remaining part is unchanged is not news. Newly published time (beyond the old schedule's end) moves
 * nobody's shifts and counts neither. Which time moved comes from {@link diffCoverage}, so schedule
 * edits, overrides and roster changes are all seen the same way, as who is actually on call.
 *
 * Pure: the two revisions, the instant and who approved in; the people to tell, their lines and the
 * one comment out.
 */
import type { DateTime } from "luxon";
import type { CoverageSegment, CoverageSource, Effect } from "../model/index.js";
import { effectiveCoverage } from "../schedule/index.js";
import { inZone, offsetName } from "../rotation/index.js";
import { latestDecisions, type ReviewInput } from "./consent.js";
import { diffCoverage, type TradeChange, type TradeSide } from "./diff.js";

/** Marker key of the one comment on the merged pull request; a rerun that finds it posts nothing. */
export const SHIFT_CHANGES_KEY = "shift-changes";

/** One person to tell: their moved time before and after, as lines in their own zone. */
export interface PersonShiftChange {
  login: string;
  /** The IANA zone the lines are written in (the person's, else the rotation's). */
  zone: string;
  /** Their on-call periods that the change touched, as they were; empty when they had none there. */
  before: string[];
  /** The same stretch of time as it is now. */
  after: string[];
}

export interface ShiftChangeInput {
  /** The rotation data before the change (the commit before the push). */
  before: TradeSide;
  /** The rotation data after it (the pushed commit). */
  after: TradeSide;
  /** Time before this instant does not count (the merge, or the run's clock). */
  at: DateTime;
  /** Who opened the pull request: they made the change and are not told. */
  author: string;
  /** Logins whose latest decision on the pull request approved it (see {@link approversOf}). */
  approvers: Iterable<string>;
}

/**
 * Logins whose latest review decision is an approval, lower-cased. Comment-only reviews leave a
 * decision as it was; a later "changes requested" or a dismissal withdraws it, as on GitHub. Logins
 * come from the API's review list (`user.login`), never from text someone typed.
 */
export function approversOf(reviews: readonly ReviewInput[]): Set<string> {
  const out = new Set<string>();
  for (const [login, d] of latestDecisions(reviews)) if (d.decision === "approved") out.add(login);
  return out;
}

const SOURCE_NOTE: Partial<Record<CoverageSource, string>> = {
  override: " (covering)",
  fallback: " (as fallback)",
  holiday: " (holiday volunteer)",
};

/**
 * `rot-a Mon 7 Dec 2026 17:00 to Mon 14 Dec 2026 17:00 UTC+01:00`, in `zone`; each end carries its
 * own UTC offset when they differ (a DST change inside the period).
 */
function periodLine(seg: Pick<CoverageSegment, "layer" | "start" | "end" | "source">, zone: string): string {
  const a = seg.start.setZone(zone);
  const b = seg.end.setZone(zone);
  const f = "ccc d LLL yyyy HH:mm";
  const sameOffset = a.offset === b.offset;
  const from = sameOffset ? a.toFormat(f) : `${a.toFormat(f)} ${offsetName(a)}`;
  return `${seg.layer} ${from} to ${b.toFormat(f)} ${offsetName(b)}${SOURCE_NOTE[seg.source] ?? ""}`;
}

const lower = (s: string) => s.toLowerCase();

/** The instants both sides' shifts and overrides span, widened to include `at`, in epoch ms. */
function window(sides: readonly TradeSide[], at: number): [number, number] {
  let from = at;
  let to = at;
  for (const side of sides)
    for (const e of [...side.shifts, ...side.overrides]) {
      from = Math.min(from, e.start.toMillis());
      to = Math.max(to, e.end.toMillis());
    }
  return [from, to];
}

/** A stretch of one slot's time. */
type Stretch = Pick<CoverageSegment, "slot" | "start" | "end">;

/** Whether `s` shares time with a stretch of the same slot in `list`. */
function overlapsAny(s: Stretch, list: readonly Stretch[]): boolean {
  return list.some((c) => c.slot === s.slot && s.start < c.end && c.start < s.end);
}

/**
 * The people whose published time from `at` on moved and who neither wrote nor approved the change,
 * sorted by login, each with their before and after lines (see the module comment).
 */
export function movedShifts(input: ShiftChangeInput): PersonShiftChange[] {
  const atMs = input.at.toMillis();
  const { changes } = diffCoverage(input.before, input.after);
  // The future part of each change only.
  const future: TradeChange[] = changes
    .filter((c) => c.end.toMillis() > atMs)
    .map((c) => (c.start.toMillis() < atMs ? { ...c, start: inZone(atMs, c.start.zoneName ?? "UTC") } : c));
  const skip = new Set([lower(input.author), ...[...input.approvers].map(lower)]);
  const logins = new Set<string>();
  for (const c of future) for (const l of [c.from, c.to]) if (l !== null && !skip.has(lower(l))) logins.add(l);
  if (logins.size === 0) return [];

  const [fromMs, toMs] = window([input.before, input.after], atMs);
  const zone = input.after.config.timezone;
  const coverage = (side: TradeSide) =>
    effectiveCoverage({ ...side, from: inZone(fromMs, zone), to: inZone(toMs, zone) });
  const old = coverage(input.before);
  const now = coverage(input.after);
  const zones = new Map([...input.before.people, ...input.after.people].map((p) => [p.login, p.timezone]));

  return [...logins]
    .sort((x, y) => x.localeCompare(y))
    .map((login) => {
      // The moved stretches that concern this person, widened to their periods (either side) that overlap
      // one, so the part of a shift left to them beside a cover shows too; then every period of theirs there.
      const stretches: Stretch[] = future.filter((c) => c.from === login || c.to === login);
      const theirs = [...old, ...now].filter((s) => s.login === login && s.end.toMillis() > atMs);
      const wide = [...stretches, ...theirs.filter((s) => overlapsAny(s, stretches))];
      const personZone = zones.get(login) ?? zone;
      const lines = (list: readonly CoverageSegment[]) =>
        list
          .filter((s) => s.login === login && s.end.toMillis() > atMs && overlapsAny(s, wide))
          .map((s) => periodLine(s, personZone));
      return { login, zone: personZone, before: lines(old), after: lines(now) };
    });
}

/** Caps that keep the comment under GitHub's 65,536 characters whatever the change. */
export const SHIFT_CHANGE_LIMITS = { linesPerSide: 20, body: 60_000 } as const;

/** `@login` for a login GitHub could have; anything else (never from a valid roster) as code. */
const mention = (login: string) => (/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(login) ? `@${login}` : `\`${login}\``);

function sideLines(title: string, lines: readonly string[]): string[] {
  if (lines.length === 0) return [`- ${title}: not on call then`];
  const max = SHIFT_CHANGE_LIMITS.linesPerSide;
  const shown = lines.slice(0, max).map((l) => `  - ${l}`);
  if (lines.length > max) shown.push(`  - … and ${lines.length - max} more`);
  return [`- ${title}:`, ...shown];
}

const mentions = (people: readonly PersonShiftChange[]) => people.map((p) => mention(p.login)).join(" ");

/** One person's section of the comment. */
function section(p: PersonShiftChange): string {
  return [
    `**${mention(p.login)}** (times in ${p.zone})`,
    ...sideLines("Before", p.before),
    ...sideLines("After", p.after),
  ].join("\n");
}

/**
 * The comment's Markdown (the adapter appends the hidden marker): each person mentioned once, with
 * their lines. Sections that would take it past {@link SHIFT_CHANGE_LIMITS}.body are left out, and
 * those people are still mentioned in a closing line, so nobody concerned goes untold.
 */
export function renderShiftChangeComment(people: readonly PersonShiftChange[], at: DateTime): string {
  const head = [
    "### Your on-call shifts changed",
    "",
    "This merged pull request moves on-call time that was already published, and the people below did not " +
      "approve it. Each sees their shifts before and after, in their own time zone, from " +
      `${at.toUTC().toFormat("ccc d LLL yyyy HH:mm")} UTC on. If the new time does not work for you, ` +
      "trade it with a pull request, or talk to whoever opened this one.",
    "",
  ].join("\n");
  const tail = (rest: readonly PersonShiftChange[]) =>
    rest.length ? `\n\nAlso moved (too many to list here; \`oncall who\` shows each): ${mentions(rest)}` : "";
  let body = head;
  let i = 0;
  for (; i < people.length; i++) {
    const next = `${body}\n${section(people[i]!)}\n`;
    // Room for the closing line of everyone not listed yet (a mention is at most 41 characters).
    if (next.length + tail(people.slice(i + 1)).length > SHIFT_CHANGE_LIMITS.body) break;
    body = next;
  }
  let rest = people.slice(i);
  while (rest.length && body.length + tail(rest).length > SHIFT_CHANGE_LIMITS.body) rest = rest.slice(0, -1);
  return `${body.trimEnd()}${tail(rest)}`;
}

/** What the run does about a merged change: the people to tell and the comment to post (if any). */
export interface ShiftChangePlan {
  people: PersonShiftChange[];
  effects: Effect[];
}

/**
 * The plan for the merged pull request `pull`: one comment mentioning everyone from
 * {@link movedShifts}, or nothing when nobody is to be told or `posted` (an earlier run's comment with
 * the marker, by our own bot, exists: telling people is done once, never edited into a second ping).
 */
export function planShiftChangeNotice(input: ShiftChangeInput & { pull: number; posted: boolean }): ShiftChangePlan {
  const people = movedShifts(input);
  if (people.length === 0 || input.posted) return { people, effects: [] };
  return {
    people,
    effects: [
      {
        kind: "upsert-comment",
        issue: input.pull,
        key: SHIFT_CHANGES_KEY,
        body: renderShiftChangeComment(people, input.at),
      },
    ],
  };
}
