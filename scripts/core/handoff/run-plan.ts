/**
 * The plan of one run of the `handoff` workflow: from the handoff issues already on GitHub (their
 * markers say which phases are done) and `now`, the effects that post every phase due since the last
 * run, in order, plus the chat messages and the team changes that go with the summaries.
 *
 * One issue per handoff of a layer (found again by its key marker). The reminder opens it; the summary
 * is appended to its body (so notes the outgoing person took in it stay), the outgoing person is
 * assigned too, and the layer's previous handoff issue is closed. Phases missed for longer than
 * `catchUpDays` go on one catch-up line in the first issue this run writes, with their markers, so they
 * are never posted later either.
 */
import type { DateTime } from "luxon";
import { bodyHasMarker, markerKeysIn, type Effect, type IssueTarget } from "../model/index.js";

/** A handoff's own key (layer and instant, no phase), as the issue body carries it. */
const HANDOFF_KEY = /^handoff\/[a-z0-9.]+\/\d{8}T\d{4}Z$/;
import {
  HANDOFF_LABEL,
  atHandoffSection,
  catchUpLine,
  composeBody,
  handoffIssueTitle,
  phaseMarker,
  upcomingSection,
  type HandoffPerson,
} from "./issue.js";
import { duePhases, handoffKey, latestDoneByLayer, lookbackStart, phaseMarkersIn, type DuePhase } from "./phases.js";

/** A handoff issue as listed (only issues the bot wrote). */
export interface ListedHandoffIssue {
  number: number;
  state: "open" | "closed";
  body: string;
  url: string;
}

/** What the run knows about one handoff: the people, the report and the summary of the outgoing window. */
export interface HandoffView {
  outgoing: HandoffPerson;
  incoming: HandoffPerson;
  /** The outgoing person's prefilled on-call report (Markdown). */
  report: string;
  /** The summary of the outgoing window (Markdown); read only for a summary phase. */
  summary: () => string;
  /** A few one-line highlights for the chat message. */
  highlights?: () => string[];
}

export interface HandoffRunInput {
  now: DateTime;
  /** The rotation's zone. */
  zone: string;
  layers: readonly string[];
  /** The layer's handoff instants in [from, to). */
  handoffsOf: (layer: string, from: DateTime, to: DateTime) => DateTime[];
  /** The layer's handoff just before `at`. */
  previousOf: (layer: string, at: DateTime) => DateTime;
  view: (layer: string, at: DateTime) => HandoffView;
  reminderHours: number;
  catchUpDays: number;
  checklist: readonly string[];
  /** Logins on call at `now` in any layer: never removed from the team. Default none. */
  onCallNow?: readonly string[];
  /** The bot's handoff issues, newest first (one listing). */
  issues: readonly ListedHandoffIssue[];
}

/** A chat message due when the summary of `issue` is written by this run. */
interface HandoffChat {
  layer: string;
  at: DateTime;
  /** The issue the summary went to: a number, or the create-issue key. */
  issue: IssueTarget;
  view: HandoffView;
}

export interface HandoffRunPlan {
  effects: Effect[];
  /** Phases posted one by one, oldest first. */
  due: DuePhase[];
  /** Phases only listed on the catch-up line. */
  stale: DuePhase[];
  chats: HandoffChat[];
  /** Team changes of the newest summary per layer: add first, then remove. */
  team: { add: string[]; remove: string[] };
}

/** Plans one run (see the module comment). */
export function planHandoffRun(input: HandoffRunInput): HandoffRunPlan {
  const done = new Set(input.issues.flatMap((i) => phaseMarkersIn(i.body)));
  const latest = latestDoneByLayer(done);
  const horizonEnd = input.now.plus({ hours: input.reminderHours, minutes: 1 });
  const handoffs = input.layers.flatMap((layer) =>
    input
      .handoffsOf(layer, lookbackStart(latest.get(layer), input.now, input.catchUpDays), horizonEnd)
      .map((at) => ({ layer, at })),
  );
  const { due, stale } = duePhases({ ...input, handoffs, done });
  const byKey = (key: string) => input.issues.find((i) => bodyHasMarker(i.body, key));
  const created = new Set<string>();
  const effects: Effect[] = [];
  const chats: HandoffChat[] = [];
  const newestSummary = new Map<string, { outgoing: string; incoming: string }>();
  const groups = groupByHandoff(due);
  if (groups.length === 0 && stale.length > 0) groups.push({ ...stale[stale.length - 1]!, phases: [] });
  let catchUp = stale.length > 0;
  const closing = new Set<number>();
  for (const group of groups) {
    const { layer, handoff: at } = group;
    const view = input.view(layer, at);
    const text = { layer, at, zone: input.zone, ...view, checklist: input.checklist };
    const key = handoffKey(layer, at);
    const kinds = new Set(group.phases.map((p) => p.kind));
    const summaryDue = kinds.has("at-handoff");
    const previous = summaryDue ? previousTarget(input, layer, at, byKey, created) : undefined;
    const added = [
      ...(catchUp ? [catchUpLine(stale, input.zone, input.catchUpDays)] : []),
      ...(kinds.has("upcoming") ? [upcomingSection(text)] : []),
      ...(summaryDue
        ? [atHandoffSection(text, view.summary(), typeof previous?.issue === "number" ? previous.issue : undefined)]
        : []),
    ];
    const markers = [
      ...(catchUp ? stale.map((p) => phaseMarker(p.layer, p.handoff, p.kind)) : []),
      ...group.phases.map((p) => phaseMarker(p.layer, p.handoff, p.kind)),
    ];
    catchUp = false;
    const existing = byKey(key);
    let target: IssueTarget;
    if (existing) {
      target = existing.number;
      effects.push({
        kind: "update-issue",
        issue: target,
        body: composeBody({ existing: existing.body, added, markers }),
      });
      if (summaryDue && view.outgoing.login)
        effects.push({ kind: "add-assignees", issue: target, assignees: [view.outgoing.login] });
    } else {
      target = { createdBy: key };
      created.add(key);
      effects.push({
        kind: "create-issue",
        key,
        title: handoffIssueTitle(text),
        body: composeBody({ existing: "", added, markers }),
        labels: [HANDOFF_LABEL],
        assignees: (summaryDue ? [view.incoming.login, view.outgoing.login] : [view.incoming.login]).filter(Boolean),
      });
    }
    if (previous?.open) effects.push({ kind: "close-issue", issue: previous.issue, reason: "completed" });
    // Older handoff issues of the layer still open (their own summary was only caught up) close too.
    if (summaryDue)
      for (const older of olderOpen(input.issues, layer, at))
        if (older !== previous?.issue && !closing.has(older)) {
          closing.add(older);
          effects.push({ kind: "close-issue", issue: older, reason: "completed" });
        }
    if (summaryDue) {
      chats.push({ layer, at, issue: target, view });
      newestSummary.set(layer, { outgoing: view.outgoing.login, incoming: view.incoming.login });
    }
  }
  const incoming = [...newestSummary.values()].map((s) => s.incoming).filter(Boolean);
  const onCall = new Set([...incoming, ...(input.onCallNow ?? [])].map((l) => l.toLowerCase()));
  return {
    effects,
    due,
    stale,
    chats,
    team: {
      add: unique(incoming),
      remove: unique([...newestSummary.values()].map((s) => s.outgoing)).filter(
        (l) => l !== "" && !onCall.has(l.toLowerCase()),
      ),
    },
  };
}

interface Group {
  layer: string;
  handoff: DateTime;
  phases: DuePhase[];
}

/** Due phases grouped per handoff, in the order of each handoff's first due phase. */
function groupByHandoff(due: readonly DuePhase[]): Group[] {
  const groups: Group[] = [];
  for (const phase of due) {
    const key = handoffKey(phase.layer, phase.handoff);
    const group = groups.find((g) => handoffKey(g.layer, g.handoff) === key);
    if (group) group.phases.push(phase);
    else groups.push({ layer: phase.layer, handoff: phase.handoff, phases: [phase] });
  }
  return groups;
}

/** Open listed handoff issues of `layer` for handoffs before `at`, by their key marker. */
function olderOpen(issues: readonly ListedHandoffIssue[], layer: string, at: DateTime): number[] {
  const prefix = handoffKey(layer, at).replace(/\/[^/]+$/, "/");
  const stamp = handoffKey(layer, at).slice(prefix.length);
  return issues
    .filter((i) => i.state === "open")
    .filter((i) =>
      markerKeysIn(i.body).some((k) => HANDOFF_KEY.test(k) && k.startsWith(prefix) && k.slice(prefix.length) < stamp),
    )
    .map((i) => i.number);
}

/** The previous handoff issue of the layer, when there is one to link and close. */
function previousTarget(
  input: HandoffRunInput,
  layer: string,
  at: DateTime,
  byKey: (key: string) => ListedHandoffIssue | undefined,
  created: ReadonlySet<string>,
): { issue: IssueTarget; open: boolean } | undefined {
  const key = handoffKey(layer, input.previousOf(layer, at));
  if (created.has(key)) return { issue: { createdBy: key }, open: true };
  const listed = byKey(key);
  return listed ? { issue: listed.number, open: listed.state === "open" } : undefined;
}

function unique(logins: readonly string[]): string[] {
  const seen = new Set<string>();
  return logins.filter((l) => !seen.has(l.toLowerCase()) && seen.add(l.toLowerCase()));
}
