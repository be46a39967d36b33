/**
 * The roster as the generator asks about it thousands of times: people by login, each person's
 * availability window, layer membership per day and the fallback manager of a group. Answers are cached
 * (layer membership only changes when someone's end date passes or the year turns), which keeps ten
 * years of generation for sixty people well under a second.
 */
import type { Person, RotationConfig } from "../model/index.js";
import { availableUntilMillis, firstShiftAllowedMillis } from "./availability.js";
import { assignLayers, type BalanceMove } from "./layer-groups.js";
import { isoDate, localDay } from "./wall-clock.js";

export class RosterView {
  private readonly byLogin = new Map<string, Person>();
  /** Sorted end dates: the layer assignment only changes when one passes (or the year turns). */
  private readonly endDates: string[];
  private readonly members = new Map<string, Map<string, string[]>>();
  /** Per login: [first instant a shift may start, instant availability ends], epoch ms. */
  private readonly windows = new Map<string, [number, number]>();

  /** Balancing moves by login and destination, with the first and last day they were applied on. */
  private readonly moves = new Map<string, { move: BalanceMove; from: string; to: string; sizes: Set<string> }>();
  /** The moves of each cached assignment. */
  private readonly movesOf = new Map<string, BalanceMove[]>();

  constructor(
    private readonly config: RotationConfig,
    people: readonly Person[],
  ) {
    for (const p of people) this.byLogin.set(p.login, p);
    this.endDates = people.flatMap((p) => (p.end === undefined ? [] : [p.end])).sort();
  }

  get(login: string): Person | undefined {
    return this.byLogin.get(login);
  }

  /** [first instant a shift of `person` may start, instant their availability ends] (availability.ts). */
  window(person: Person): [number, number] {
    let w = this.windows.get(person.login);
    if (!w) {
      w = [
        firstShiftAllowedMillis(person, this.config.newHireDays, this.config.timezone),
        availableUntilMillis(person, this.config.timezone),
      ];
      this.windows.set(person.login, w);
    }
    return w;
  }

  /** Whether `person` may hold [startMs, endMs): past the new-hire period and not past their end date. */
  canHold(person: Person, startMs: number, endMs: number): boolean {
    const [from, until] = this.window(person);
    return startMs >= from && endMs <= until;
  }

  /** Members of regular layer `layer` on the rotation-zone calendar day of `ms` (layer-groups.ts). */
  membersAt(layer: string, ms: number): Person[] {
    const date = isoDate(localDay(ms, this.config.timezone));
    let passed = 0;
    while (passed < this.endDates.length && this.endDates[passed]! < date) passed++;
    const key = `${date.slice(0, 4)}|${passed}`;
    let byLayer = this.members.get(key);
    if (!byLayer) {
      const assignment = assignLayers(this.config, [...this.byLogin.values()], date);
      byLayer = assignment.members;
      this.members.set(key, byLayer);
      this.movesOf.set(key, assignment.moves);
    }
    for (const move of this.movesOf.get(key)!) {
      const id = `${move.login}>${move.to}`;
      const seen = this.moves.get(id);
      if (!seen) this.moves.set(id, { move, from: date, to: date, sizes: new Set([move.sizes]) });
      else {
        if (date < seen.from) seen.from = date;
        if (date > seen.to) seen.to = date;
        seen.sizes.add(move.sizes);
      }
    }
    return (byLayer.get(layer) ?? []).map((login) => this.byLogin.get(login)!);
  }

  /**
   * One note per person moved by balancing, with the days (rotation zone) of the first and last shift
   * start it applied to among those asked about: said once however many years or leavers the answers span.
   */
  balanceNotes(): string[] {
    return [...this.moves.values()].map(({ move, from, to, sizes }) => {
      const period = from === to ? `for the shift starting ${from}` : `for shifts starting ${from} to ${to}`;
      const apart = sizes.size === 1 ? "differs" : "differ";
      return (
        `balance: ${move.login} (${move.timezone}) moves to ${move.to} ${period} ` +
        `(${[...sizes].join(", then ")} ${apart} by more than the tolerance of ${move.tolerance}; ` +
        `balance wins over Eastern coverage)`
      );
    });
  }

  /**
   * The manager most common among `people` (ties by login), skipping managers whose own end date is
   * before the day of `ms`; `people` defaults to everyone in the roster file, leavers included (their
   * manager is still around).
   */
  commonManager(ms: number, people: readonly Person[] = [...this.byLogin.values()]): string | undefined {
    const date = isoDate(localDay(ms, this.config.timezone));
    const counts = new Map<string, number>();
    for (const p of people) {
      if (!p.manager) continue;
      const end = this.byLogin.get(p.manager)?.end;
      if (end !== undefined && end < date) continue;
      counts.set(p.manager, (counts.get(p.manager) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  }
}
