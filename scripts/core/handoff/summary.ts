/**
 * The handoff summary of one layer at one handoff instant (SPEC section 8): who hands over to whom, what
 * happened in the outgoing shift, what is coming, and the outgoing engineer's report, prefilled.
 */
import { DateTime } from "luxon";
import type { CoverageSegment, Incident } from "../model/index.js";
import { buildWhoIndex, coverageWindow, previewCoverage, whoAt } from "../schedule/index.js";
import { orgDeadlineFinder, withRegionHolidays, type OrgDeadlineFinder } from "../slo/index.js";
import { handoffLayer, nextLayerHandoff, previousLayerHandoff, type LayerHandoff } from "./instants.js";
import { offHoursOfWindow } from "./off-hours.js";
import { onCallReport } from "./report.js";
import { localLabel } from "./text.js";
import type {
  HandoffIncident,
  HandoffInput,
  HandoffPostmortem,
  HandoffSlo,
  HandoffSummary,
  HandoffUnfilled,
  IncomingShift,
  OpenIncident,
} from "./model.js";

/** Days ahead of the handoff in which unfilled shifts are listed. */
const UNFILLED_LOOKAHEAD_DAYS = 14;

const utc = (dt: DateTime): string => dt.toUTC().toISO({ suppressMilliseconds: true })!;
const instant = (millis: number): DateTime => DateTime.fromMillis(millis, { zone: "UTC" });
const ms = (iso: string | undefined | null): number => (iso ? Date.parse(iso) : Number.NaN);

/** Builds the summary of `input.layer`'s handoff at `input.at`. Pure. */
export function handoffSummary(input: HandoffInput): HandoffSummary {
  const { org, at } = input;
  const settings = input.settings ?? org.rotation.handoff;
  const layer = handoffLayer(org.rotation, input.layer);
  const handoff: LayerHandoff = { layer, at, shiftLayer: layer };
  const start = previousLayerHandoff(org, handoff).at;
  const atMs = at.toMillis();

  const holder = (instant: DateTime): string | null => {
    const answer = previewCoverage({ ...coverageOf(input), at: instant });
    return answer.entries.find((e) => e.slot === layer)?.login ?? null;
  };
  const outgoing = holder(at.minus({ milliseconds: 1 }));
  const incoming = holder(at);

  const next = nextLayerHandoff(org, handoff).at;
  const lookahead = at.plus({ days: UNFILLED_LOOKAHEAD_DAYS });
  const ahead = coverageWindow({ ...coverageOf(input), from: at, to: next > lookahead ? next : lookahead });

  const incidents = mergeIncidents(input.records, input.openIncidents ?? [], input.repoUrl);
  const startMs = start.toMillis();
  const inWindow = (t: number) => t >= startMs && t < atMs;
  const opened = incidents.filter((i) => inWindow(ms(i.view.reportedAt)) && i.view.status !== "not-incident");
  const resolved = incidents.filter((i) => i.view.status === "resolved" && inWindow(ms(i.view.resolvedAt)));
  const active = incidents.filter(
    (i) =>
      i.view.status !== "not-incident" &&
      ms(i.view.reportedAt) < atMs &&
      !(ms(i.view.resolvedAt) < atMs) &&
      (i.view.status !== "resolved" || ms(i.view.resolvedAt) >= atMs),
  );
  const ofWindow = unique([...opened, ...resolved, ...active]);

  const summary: HandoffSummary = {
    layer,
    at: utc(at),
    outgoing,
    incoming,
    window: { start: utc(start), end: utc(at) },
    incidents: {
      opened: opened.map((i) => i.view),
      resolved: resolved.map((i) => i.view),
      active: active.map((i) => i.view),
    },
    slo: sloResults(input, ofWindow, at),
    postmortemsDue: postmortemsDue(input, at, next),
    followups: input.records
      .filter((r) => r.status !== "not-incident")
      .flatMap((r) =>
        r.followups.filter((f) => !f.closed).map((f) => ({ incident: r.id, issue: f.issue, title: f.title })),
      ),
    unfilled: unfilledAhead(input, ahead.segments, at, lookahead),
    offHours: offHoursOfWindow({
      people: org.people,
      records: input.records,
      openIncidents: input.openIncidents ?? [],
      window: { start, end: at },
      calendar: withRegionHolidays(input.calendar, org.rotation.regionHolidays),
      orgHolidays: org.rotation.orgHolidays,
    }),
    report: "",
    incomingNextShift: incomingShift(input, ahead.segments, layer, incoming, at),
    checklist: [...settings.checklist],
  };
  summary.report = onCallReport(summary, settings, org.rotation.timezone);
  return summary;
}

function coverageOf(input: HandoffInput) {
  const { rotation, people, shifts, overrides } = input.org;
  return { config: rotation, people, shifts, overrides };
}

/** An incident with the record it came from (if any) and its summary view. */
interface Tracked {
  record: Incident | undefined;
  open: OpenIncident | undefined;
  view: HandoffIncident;
}

function unique(list: readonly Tracked[]): Tracked[] {
  return [...new Set(list)].sort((a, b) => ms(a.view.reportedAt) - ms(b.view.reportedAt));
}

/** Records and GitHub's open incidents by issue number; GitHub's current fields win over the record's. */
function mergeIncidents(records: readonly Incident[], open: readonly OpenIncident[], repoUrl?: string): Tracked[] {
  const byNumber = new Map<number, Tracked>();
  const link = (n: number) => (repoUrl ? `${repoUrl.replace(/\/+$/, "")}/issues/${n}` : null);
  for (const r of records) {
    const last = r.timeline.at(-1);
    byNumber.set(r.issue, {
      record: r,
      open: undefined,
      view: {
        id: r.id,
        number: r.issue,
        title: r.title,
        severity: r.severity,
        status: r.status,
        commander: r.roles.commander ?? null,
        url: link(r.issue),
        reportedAt: r.reportedAt,
        resolvedAt: r.resolvedAt ?? null,
        latest: last ? last.text.slice(0, 200) : null,
      },
    });
  }
  for (const o of open) {
    const seen = byNumber.get(o.number);
    const view: HandoffIncident = {
      id: seen?.view.id ?? `INC-${o.number}`,
      number: o.number,
      title: o.title,
      severity: o.severity,
      status: o.status,
      commander: o.commander ?? seen?.view.commander ?? null,
      url: o.url ?? link(o.number),
      reportedAt: seen?.view.reportedAt ?? o.reportedAt,
      // Open on GitHub: not resolved, whatever an older record said.
      resolvedAt: null,
      latest: seen?.view.latest ?? null,
    };
    byNumber.set(o.number, { record: seen?.record, open: o, view });
  }
  return [...byNumber.values()].sort((a, b) => ms(a.view.reportedAt) - ms(b.view.reportedAt));
}

/**
 * The SLO outcome of each incident of the window as of `at`: from the acknowledgement and the deadline
 * (the record's saved deadline, or one computed from the schedule). Reports still in triage have no clock.
 */
function sloResults(input: HandoffInput, incidents: readonly Tracked[], at: DateTime): HandoffSlo[] {
  const counted = incidents.filter((i) => i.view.status !== "triage" && i.view.status !== "not-incident");
  let finder: OrgDeadlineFinder | undefined;
  const clockStart = (i: Tracked) => i.open?.confirmedAt ?? i.record?.confirmedAt ?? i.view.reportedAt;
  const needing = counted.filter((i) => !i.record?.slo).map((i) => ms(clockStart(i)));
  if (needing.length) {
    const { rotation, people, shifts, overrides } = input.org;
    const [lo, hi] = [Math.min(...needing), Math.max(...needing)];
    finder = orgDeadlineFinder({ rotation, people, shifts, overrides }, input.calendar, {
      from: instant(lo),
      to: instant(hi),
    });
  }
  return counted.map((i) => {
    const ackIso = i.record?.acknowledgedAt ?? i.open?.acknowledgedAt ?? null;
    const saved = i.record?.slo?.deadline;
    const computed = saved === undefined ? finder!.deadline(instant(ms(clockStart(i)))) : undefined;
    const deadlineMs = saved !== undefined ? ms(saved) : (computed?.deadline?.toMillis() ?? Number.NaN);
    const deadline = Number.isNaN(deadlineMs) ? null : new Date(deadlineMs).toISOString().replace(".000Z", "Z");
    const ack = ackIso !== null && ms(ackIso) <= at.toMillis() ? ms(ackIso) : null;
    let outcome: HandoffSlo["outcome"];
    if (ack !== null) outcome = deadline === null || ack <= deadlineMs ? "met" : "breached";
    else outcome = deadline !== null && at.toMillis() > deadlineMs ? "breached" : "pending";
    return { id: i.view.id, outcome, deadline, acknowledgedAt: ack === null ? null : ackIso };
  });
}

/** Drafts due by the end of the incoming shift (the next handoff's date), overdue when due before `at`'s date. */
function postmortemsDue(input: HandoffInput, at: DateTime, next: DateTime): HandoffPostmortem[] {
  const zone = input.org.rotation.timezone;
  const today = at.setZone(zone).toISODate()!;
  const until = next.setZone(zone).toISODate()!;
  return (input.postmortems ?? [])
    .filter((p) => p.frontMatter.status === "draft" && p.frontMatter.due <= until)
    .map((p) => ({
      incident: p.frontMatter.incident,
      path: p.path,
      title: p.frontMatter.title,
      status: p.frontMatter.status,
      due: p.frontMatter.due,
      overdue: p.frontMatter.due < today,
      authors: [...p.frontMatter.authors],
    }))
    .sort((a, b) => a.due.localeCompare(b.due) || a.path.localeCompare(b.path));
}

/**
 * Unfilled stretches of every slot in [at, until): fallback coverage (no-one shifts, unclaimed holiday
 * slots, a leaver's shifts) and stretches nobody covers at all (no fallback either).
 */
function unfilledAhead(
  input: HandoffInput,
  segments: readonly CoverageSegment[],
  at: DateTime,
  until: DateTime,
): HandoffUnfilled[] {
  const fromMs = at.toMillis();
  const toMs = until.toMillis();
  const out: HandoffUnfilled[] = [];
  for (const s of segments) {
    if (s.source !== "fallback" || s.start.toMillis() >= toMs || s.end.toMillis() <= fromMs) continue;
    const last = out.at(-1);
    if (last && last.layer === s.layer && last.fallback === s.login && ms(last.end) === s.start.toMillis())
      last.end = utc(s.end);
    else out.push({ layer: s.layer, start: utc(s.start), end: utc(s.end), fallback: s.login });
  }
  for (const shift of input.org.shifts) {
    if (shift.login !== null || shift.fallback) continue;
    if (shift.start.toMillis() >= toMs || shift.end.toMillis() <= fromMs) continue;
    out.push({ layer: shift.layer, start: utc(shift.start), end: utc(shift.end), fallback: null });
  }
  return out.sort((a, b) => ms(a.start) - ms(b.start) || a.layer.localeCompare(b.layer));
}

/** The incoming person's stretch of the slot from `at`, joined across adjacent segments, in their zone. */
function incomingShift(
  input: HandoffInput,
  segments: readonly CoverageSegment[],
  slot: string,
  login: string | null,
  at: DateTime,
): IncomingShift | null {
  if (login === null) return null;
  const mine = segments.filter((s) => s.slot === slot).sort((a, b) => a.start.toMillis() - b.start.toMillis());
  const index = buildWhoIndex(mine);
  if (!whoAt(index, at.toMillis()).some((e) => e.login === login)) return null;
  let end = at;
  for (const s of mine) {
    if (s.end <= end) continue;
    if (s.start.toMillis() > end.toMillis() || s.login !== login) break;
    end = s.end;
  }
  const zone = input.org.people.find((p) => p.login === login)?.timezone ?? input.org.rotation.timezone;
  return {
    login,
    timezone: zone,
    start: at.setZone(zone).toISO({ suppressMilliseconds: true })!,
    end: end.setZone(zone).toISO({ suppressMilliseconds: true })!,
    startLocal: localLabel(at, zone),
  };
}
