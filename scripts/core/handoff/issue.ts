/**
 * The text of a handoff issue: its title, the reminder that opens it, the summary added at the handoff,
 * the catch-up line, and the chat message. One issue per handoff of a layer; every phase it records
 * leaves its marker (`<!-- oncall:handoff/<layer>/<UTC stamp>/<phase> -->`) in the body, so one listing
 * of the `handoff` issues tells a run what is done. Everything here stays under GitHub's 65,536-character
 * limit: the free text parts (report, summary) are cut to fit, markers never are.
 */
import type { DateTime } from "luxon";
import { markerText, neutralizeMentions } from "../model/index.js";
import { phaseKey, type DuePhase, type HandoffPhaseKind } from "./phases.js";

/** GitHub's limit on an issue body or comment, characters. */
export const GITHUB_TEXT_LIMIT = 65_536;
/** Room kept free for the markers and the adapter's own key marker. */
const MARKER_ROOM = 2_000;
/** Label of handoff issues (also the only issues a run lists). */
export const HANDOFF_LABEL = "handoff";

/** Someone handing over or taking over, with the zone their times are shown in. */
export interface HandoffPerson {
  /** Empty when no one covers the shift, not even a fallback. */
  login: string;
  /** IANA zone (default: the rotation's). */
  timezone?: string;
}

/** What the issue text of one handoff needs. */
export interface HandoffIssueText {
  layer: string;
  /** The handoff instant. */
  at: DateTime;
  /** The rotation's zone, whose wall clock fixes handoffs. */
  zone: string;
  outgoing: HandoffPerson;
  incoming: HandoffPerson;
  /** Start-of-shift checklist items (config `handoff.checklist`). */
  checklist: readonly string[];
  /** The outgoing person's prefilled on-call report (Markdown, from the core summary). */
  report: string;
}

/** `America/New_York` -> `New York`, `UTC` -> `UTC`: the city a reader recognises. */
function zoneCity(zone: string): string {
  return (zone.split("/").pop() ?? zone).replace(/_/g, " ");
}

/** `Mon 7 Dec 11:00 New York` in the given zone. */
export function whenIn(at: DateTime, zone: string): string {
  return `${at.setZone(zone).setLocale("en-GB").toFormat("ccc d LLL HH:mm")} ${zoneCity(zone)}`;
}

/** The issue title: `rot-a handoff Mon 7 Dec 11:00 New York: @alice -> @bob` (well under 256 characters). */
export function handoffIssueTitle(
  t: Pick<HandoffIssueText, "layer" | "at" | "zone" | "outgoing" | "incoming">,
): string {
  return `${t.layer} handoff ${whenIn(t.at, t.zone)}: ${at(t.outgoing)} -> ${at(t.incoming)}`;
}

/** `@login`, or `nobody` for a shift no one covers (not even a fallback). */
function at(p: HandoffPerson): string {
  return p.login ? `@${p.login}` : "nobody";
}

/** The marker recording one done phase. */
export function phaseMarker(layer: string, at: DateTime, kind: HandoffPhaseKind): string {
  return markerText(phaseKey(layer, at, kind));
}

/** Cuts Markdown to `max` characters with a note saying so. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = "\n\n_(cut to fit GitHub's size limit)_";
  return `${text.slice(0, Math.max(0, max - note.length))}${note}`;
}

/**
 * The reminder that opens the issue: the incoming person mentioned with the start in their own zone,
 * the checklist, and the outgoing person's report to take notes in until the handoff.
 */
export function upcomingSection(t: HandoffIssueText): string {
  const incomingZone = t.incoming.timezone ?? t.zone;
  const local = whenIn(t.at, incomingZone);
  const rotation = whenIn(t.at, t.zone);
  // The built-in report ends with the checklist already; a custom reportTemplate may leave it out.
  const checklist = /start-of-shift checklist/i.test(t.report)
    ? []
    : [
        "### Start-of-shift checklist",
        "",
        ...(t.checklist.length > 0 ? t.checklist.map((c) => `- [ ] ${neutralizeMentions(c)}`) : ["- (none)"]),
        "",
      ];
  return [
    `${at(t.incoming)}: your **${t.layer}** shift starts **${local}**` +
      `${local === rotation ? "" : ` (${rotation})`}, taking over from ${at(t.outgoing)}.`,
    "",
    ...checklist,
    `${at(t.outgoing)}: below is your on-call report, prefilled. Edit this issue to take notes in it until ` +
      "the handoff; the summary of the shift is added underneath then.",
    "",
    neutralizeMentions(t.report),
  ].join("\n");
}

/** The part added at the handoff: who hands over, the link to the previous handoff, the summary. */
export function atHandoffSection(t: HandoffIssueText, summary: string, previous?: number): string {
  return [
    `## At the handoff, ${whenIn(t.at, t.zone)}`,
    "",
    `${at(t.outgoing)} hands **${t.layer}** over to ${at(t.incoming)}.` +
      (previous !== undefined ? ` Previous handoff: #${previous}.` : ""),
    "",
    summary,
  ].join("\n");
}

/** One line naming phases that were missed for longer than the catch-up limit, oldest first. */
export function catchUpLine(stale: readonly DuePhase[], zone: string, catchUpDays: number): string {
  const shown = stale.slice(0, 20).map((p) => `${p.layer} ${phaseName(p.kind)} of ${whenIn(p.handoff, zone)}`);
  const more = stale.length > shown.length ? ` and ${stale.length - shown.length} more` : "";
  return (
    `**Catch-up:** no run posted these within ${catchUpDays} day(s), so they are only listed here: ` +
    `${shown.join("; ")}${more}.`
  );
}

/** "reminder" or "summary". */
export function phaseName(kind: HandoffPhaseKind): string {
  return kind === "upcoming" ? "reminder" : "summary";
}

/** Parts of a handoff issue body, joined and bounded by {@link composeBody}. */
export interface BodyParts {
  /** The body as it is on GitHub (people may have edited it), or "" for a new issue. */
  existing: string;
  /** New text to add after it (already rendered sections), in order. */
  added: readonly string[];
  /** Phase markers to add (never cut). */
  markers: readonly string[];
}

/**
 * The whole body: the existing text (kept as it is, so notes taken in it survive), the added sections
 * cut so that the total stays under {@link GITHUB_TEXT_LIMIT}, then the markers.
 */
export function composeBody(parts: BodyParts): string {
  const markers = parts.markers.join("\n");
  const room = GITHUB_TEXT_LIMIT - MARKER_ROOM - markers.length;
  const existing = cut(parts.existing.trimEnd(), Math.max(0, room - 2_000));
  const added = cut(parts.added.filter((s) => s !== "").join("\n\n"), room - existing.length - 4);
  return [existing, added, markers].filter((s) => s !== "").join("\n\n");
}

/**
 * The chat message at a handoff, in Slack's incoming-webhook format (`text` with `<url|label>` links).
 * Logins go without `@`: chat handles differ from GitHub's.
 */
export function handoffChatMessage(
  t: Pick<HandoffIssueText, "layer" | "at" | "zone" | "outgoing" | "incoming">,
  issueUrl: string,
  highlights: readonly string[] = [],
): { text: string } {
  const [from, to] = [t.outgoing.login || "nobody", t.incoming.login || "nobody"];
  const head = `${t.layer} handoff ${whenIn(t.at, t.zone)}: ${from} -> ${to}`;
  const lines = [`${head} (<${issueUrl}|summary>)`, ...highlights.slice(0, 10).map((h) => `• ${h}`)];
  return { text: cut(lines.join("\n"), 3_000) };
}
