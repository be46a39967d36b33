/**
 * Size limits on everything the incident bot writes. GitHub refuses an issue or comment body over
 * 65,536 characters (HTTP 422) and a title over 256; a refused write of the bot comment would lose
 * the saved state and jam every later event. Text comes from reporters and commenters, so it can be
 * anything: a 60,000-character form answer, a list of thousands of repeated names, thousands of
 * command lines. Lists are deduplicated and cut with "and N more", long text is cut with a note, and
 * the saved state itself is kept under a budget so the bot comment always fits.
 */
import { serializeStateMarker } from "./marker.js";
import type { IncidentState, TimelineEntry } from "./model.js";

/** GitHub's limit on issue and comment bodies, in characters. */
export const GITHUB_BODY_LIMIT = 65_536;
/** GitHub's limit on issue titles, in characters. */
export const GITHUB_TITLE_LIMIT = 256;
/** What any body the bot writes stays under: well clear of the limit, room for the marker line. */
export const BODY_BUDGET = 60_000;
/** What the hidden state block may take of the bot comment, so the visible part keeps room. */
export const STATE_MARKER_BUDGET = 36_000;

/** Per-field caps of the saved state, in characters (the record keeps the same text). */
const FIELD_CAP = { title: GITHUB_TITLE_LIMIT, text: 2_000, link: 500, problem: 1_000 } as const;
const LIST_CAP = { links: 20, formProblems: 12 } as const;

/** `text` cut to at most `max` characters, saying how much was left out. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = (n: number) => `… (${n} more characters)`;
  const keep = max - note(text.length).length;
  return keep <= 0 ? text.slice(0, Math.max(0, max)) : `${text.slice(0, keep)}${note(text.length - keep)}`;
}

/**
 * `items` without duplicates (first occurrence kept), at most `max` of them; when some are cut, the
 * last item says how many: "and 12 more".
 */
export function capList(items: readonly string[], max: number): string[] {
  const unique = [...new Set(items)];
  if (unique.length <= max) return unique;
  const shown = unique.slice(0, Math.max(0, max - 1));
  return [...shown, `and ${unique.length - shown.length} more`];
}

/**
 * Lines joined with newlines, taking whole lines while they fit `max` characters; the rest is
 * summarised as "and N more lines". For replies and notes built from many small parts.
 */
export function capLines(lines: readonly string[], max: number): string {
  const out: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i;
    const tail = `_… and ${rest} more ${rest === 1 ? "line" : "lines"}, left out to keep this comment short._`;
    const piece = capText(line, Math.min(FIELD_CAP.text * 2, max));
    if (length + piece.length + 1 > max - tail.length - 1) {
      out.push(tail);
      return out.join("\n");
    }
    out.push(piece);
    length += piece.length + 1;
  }
  return out.join("\n");
}

/**
 * The state with every text field and list capped, and, when its hidden block would still take more
 * than {@link STATE_MARKER_BUDGET}, compacted: the processed list keeps one key per comment (a
 * comment is handled as a whole), long timeline texts of older entries are shortened, and at last
 * the oldest entries are dropped with a note saying how many. Idempotent.
 */
export function boundState(state: IncidentState): IncidentState {
  const s: IncidentState = {
    ...state,
    title: capText(state.title, FIELD_CAP.title),
    links: [...new Set(state.links.map((l) => capText(l, FIELD_CAP.link)))].slice(0, LIST_CAP.links),
    formProblems: capList(
      state.formProblems.map((p) => capText(p, FIELD_CAP.problem)),
      LIST_CAP.formProblems,
    ),
    timeline: state.timeline.map((e) =>
      e.text.length > FIELD_CAP.text ? { ...e, text: capText(e.text, FIELD_CAP.text) } : e,
    ),
    followups: state.followups.map((f) =>
      f.title.length > FIELD_CAP.title ? { ...f, title: capText(f.title, FIELD_CAP.title) } : f,
    ),
  };
  for (const field of ["impact", "summary", "notIncidentReason"] as const) {
    const value = s[field];
    if (value !== undefined && value.length > FIELD_CAP.text) s[field] = capText(value, FIELD_CAP.text);
  }
  if (markerSize(s) <= STATE_MARKER_BUDGET) return s;
  s.processed = onePerComment(s.processed);
  for (const max of [500, 200, 80]) {
    if (markerSize(s) <= STATE_MARKER_BUDGET) return s;
    s.timeline = s.timeline.map((e, i) =>
      i < s.timeline.length - 20 && e.text.length > max ? { ...e, text: capText(e.text, max) } : e,
    );
  }
  while (markerSize(s) > STATE_MARKER_BUDGET && s.timeline.length > 2) s.timeline = dropOldest(s.timeline);
  return s;
}

function markerSize(state: IncidentState): number {
  return serializeStateMarker(state).length;
}

/** The first key (`<comment id>:<line>`) of each comment, in order. */
function onePerComment(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  return keys.filter((k) => {
    const id = k.slice(0, k.lastIndexOf(":"));
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

const DROPPED = /^(\d+) earlier timeline entries were dropped/;

/** Drops the oldest quarter of the entries after the first (the report), counting them in a note. */
function dropOldest(timeline: readonly TimelineEntry[]): TimelineEntry[] {
  const [first, ...rest] = timeline;
  if (!first) return [];
  const previous = rest[0] && DROPPED.exec(rest[0].text);
  const body = previous ? rest.slice(1) : rest;
  const cut = Math.max(1, Math.ceil(body.length / 4));
  const count = cut + (previous ? Number(previous[1]) : 0);
  const note: TimelineEntry = {
    at: body[cut - 1]?.at ?? first.at,
    author: first.author,
    kind: "note",
    text: `${count} earlier timeline entries were dropped to keep the saved state within GitHub's comment size.`,
  };
  return [first, note, ...body.slice(cut)];
}
