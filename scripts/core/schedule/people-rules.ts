/**
 * Schedule invariants about people: the new-hire rule, end dates, one person on two slots at the same
 * instant, and (as a warning) two first-timers side by side. Called by `checkSchedule` with shifts and
 * overrides whose layer and window are already known to be sane. Logins missing from the roster are
 * skipped here: the loader reports them.
 */
import type { Finding, Override, Person, RotationConfig, Shift } from "../model/index.js";
import { availableUntilMillis, firstShiftAllowedMillis, firstShiftStarts, isExperienced } from "../rotation/index.js";
import { scheduleEpoch, standIns } from "../rotation/index.js";
import { coveragePieces, slotOfLayer } from "./effective.js";
import { describe, finding } from "./findings.js";
import { formatInstant, inZone } from "../rotation/index.js";

/** What the people rules look at. */
export interface PeopleCheckInput {
  shifts: readonly Shift[];
  overrides: readonly Override[];
  people: readonly Person[];
  config: RotationConfig;
}

/**
 * new-hire-too-early, after-end-date, both-layers, fallback-no-manager (errors), first-timers-paired and
 * fallback-departed (warnings).
 */
export function checkSchedulePeople(input: PeopleCheckInput): Finding[] {
  const { config, shifts, overrides } = input;
  const zone = config.timezone;
  const people = new Map(input.people.map((p) => [p.login, p]));
  const findings: Finding[] = [];

  const checkDates = (entity: Shift | Override, login: string | null, field: string): void => {
    const person = login === null ? undefined : people.get(login);
    if (!person) return;
    const allowed = firstShiftAllowedMillis(person, config.newHireDays, zone);
    if (entity.start.toMillis() < allowed) {
      findings.push(
        finding(
          "error",
          "new-hire-too-early",
          `${describe(entity, zone)} starts before ${person.login} may be on call (start ${person.start} + ${config.newHireDays} days = ${formatInstant(allowed, zone)})`,
          entity,
          field,
        ),
      );
    }
    const until = availableUntilMillis(person, zone);
    if (entity.end.toMillis() > until) {
      const how = entity.start.toMillis() >= until ? "is after" : "runs past";
      // A shift is released by the next publication (or by hand); an override is the team's own entry.
      const fix =
        "by" in entity ? '; end the override by then, or name someone else in "by"' : "; release it to their manager";
      const message = `${describe(entity, zone)} ${how} ${person.login}'s end date ${person.end}${fix}`;
      findings.push(finding("error", "after-end-date", message, entity, field));
    }
  };
  for (const s of shifts) checkDates(s, s.login, "login");
  for (const o of overrides) checkDates(o, o.by, "by");
  for (const s of shifts) {
    if (s.login !== null || s.fallback === undefined || !people.has(s.fallback)) continue;
    findings.push(...fallbackLeft(s, s.fallback, people, zone));
  }

  findings.push(...bothLayers(input));
  findings.push(...firstTimersPaired(input));
  return findings;
}

/** One person holding two slots at once, after overrides are folded in (fallbacks are stand-ins, not holders). */
function bothLayers(input: PeopleCheckInput): Finding[] {
  const { config, shifts, overrides } = input;
  if (shifts.length + overrides.length === 0) return [];
  const all = [...shifts, ...overrides];
  const from = Math.min(...all.map((e) => e.start.toMillis()));
  const to = Math.max(...all.map((e) => e.end.toMillis()));
  const pieces = coveragePieces({
    ...input,
    from: inZone(from, config.timezone),
    to: inZone(to, config.timezone),
  }).filter((p) => p.source !== "fallback");
  const byLogin = new Map<string, typeof pieces>();
  for (const p of pieces) {
    const list = byLogin.get(p.login);
    if (list) list.push(p);
    else byLogin.set(p.login, [p]);
  }

  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const [login, list] of byLogin) {
    list.sort((a, b) => a.startMs - b.startMs);
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      for (let j = i + 1; j < list.length && list[j]!.startMs < a.endMs; j++) {
        const b = list[j]!;
        if (b.slot === a.slot) continue;
        const key = [login, a.slot, b.slot, a.origin.start.toMillis(), b.origin.start.toMillis()].join("|");
        if (reported.has(key)) continue;
        reported.add(key);
        const field = "by" in b.origin ? "by" : "login";
        findings.push(
          finding(
            "error",
            "both-layers",
            `${login} is on call for both ${a.slot} and ${b.slot} from ${formatInstant(b.startMs, config.timezone)} (${describe(a.origin, config.timezone)} and ${describe(b.origin, config.timezone)})`,
            b.origin,
            field,
          ),
        );
      }
    }
  }
  return findings;
}

/**
 * Two people on their very first shift at the same time in different slots. People already past the
 * new-hire period when the schedule begins are assumed to have served before (see `isExperienced`).
 */
function firstTimersPaired(input: PeopleCheckInput): Finding[] {
  const { config, shifts } = input;
  const epoch = scheduleEpoch(shifts);
  if (epoch === undefined) return [];
  const people = new Map(input.people.map((p) => [p.login, p]));
  const first = firstShiftStarts(shifts);
  const firsts = shifts.filter((s) => {
    const person = s.login === null ? undefined : people.get(s.login);
    return (
      person !== undefined && first.get(person.login) === s.start.toMillis() && !isExperienced(person, config, epoch)
    );
  });
  const slotOf = slotOfLayer(config);
  const findings: Finding[] = [];
  for (let i = 0; i < firsts.length; i++) {
    for (let j = i + 1; j < firsts.length; j++) {
      const a = firsts[i]!;
      const b = firsts[j]!;
      if (slotOf.get(a.layer) === slotOf.get(b.layer) || a.login === b.login || !(a.start < b.end && b.start < a.end))
        continue;
      const later = a.start > b.start ? a : b;
      findings.push(
        finding(
          "warning",
          "first-timers-paired",
          `${a.login} and ${b.login} are both on their first shift at the same time (${describe(a, config.timezone)}; ${describe(b, config.timezone)}); trade one of them with someone experienced`,
          later,
          "login",
        ),
      );
    }
  }
  return findings;
}

/**
 * An unfilled shift whose fallback leaves before it ends. Coverage then moves up the management chain
 * (`standIns`): a warning naming who left and who takes over; when nobody in the chain is still at the
 * company at the end, an error, since a person who has left would be shown on call.
 */
function fallbackLeft(shift: Shift, fallback: string, people: ReadonlyMap<string, Person>, zone: string): Finding[] {
  const pieces = standIns(fallback, shift.start.toMillis(), shift.end.toMillis(), people, zone);
  const last = pieces[pieces.length - 1]!;
  const lastPerson = people.get(last.login)!;
  const leaves = (login: string) => `${login} (end date ${people.get(login)!.end})`;
  if (availableUntilMillis(lastPerson, zone) < shift.end.toMillis()) {
    const chain = [...last.via, last.login];
    const who =
      chain.length > 1
        ? `its fallback ${fallback} and every manager above (${chain.slice(1).map(leaves).join(", ")}) leave`
        : `its fallback ${leaves(fallback)} leaves`;
    const message =
      `${describe(shift, zone)}: ${who} before it ends, and no manager still at the company can take over; ` +
      "name another fallback";
    return [finding("error", "fallback-no-manager", message, shift, "fallback")];
  }
  const moves = pieces.filter((p) => p.via.length > 0);
  if (!moves.length) return [];
  const text = moves
    .map((p) => {
      const left = `${leaves(p.via[p.via.length - 1]!)} has left by ${formatInstant(p.startMs, zone)}`;
      return `${left}, so ${p.login} (their manager) covers it from then`;
    })
    .join("; ");
  return [finding("warning", "fallback-departed", `${describe(shift, zone)}: its fallback ${text}`, shift, "fallback")];
}
