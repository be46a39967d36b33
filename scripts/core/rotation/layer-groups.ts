/**
 * Which people are members of which regular layer on a given day.
 *
 * Only people who take part (`oncall !== false`) and have not passed their end date count; people who
 * have not started yet do count, so that membership does not change on their first day (the new-hire
 * rule keeps them off the schedule instead). Layers with `members` take exactly those people. Everyone
 * not listed in any `members` is grouped by zone: US Eastern zones to the `eastern` layer, all others to
 * the `others` layer. When the two groups differ in size by more than `balanceTolerance`, or one is
 * empty while the other has two or more people, balance wins over Eastern coverage and people move from
 * the larger group to the smaller one, one at a time, in this deterministic order:
 *
 * - moving into the eastern layer: the person whose zone's UTC offset is closest to the rotation zone's
 *   (so Eastern hours stay as well covered as possible), then the most recent joiner, then login;
 * - moving out of the eastern layer: the most recent joiner, then login (all Eastern zones are alike).
 *
 * Most recent joiners move first because they have the fewest habits and trades tied to their layer,
 * and because later joiners keep taking the move, earlier moves tend to stay put as the team grows.
 */
import type { LayerConfig, Person, RotationConfig } from "../model/index.js";
import { offsetMinutes } from "./wall-clock.js";

/** Members per regular layer on one day, and an explanation of every balancing move. */
export interface LayerAssignment {
  /** Logins per regular layer name (every layer of the config has an entry), sorted by login. */
  members: Map<string, string[]>;
  /** One sentence per person moved by balancing. */
  notes: string[];
  /** The same moves as data, so that a caller can say each once for the period it applies to. */
  moves: BalanceMove[];
}

/** A person moved from their time-zone group's layers to the other group's by balancing. */
export interface BalanceMove {
  login: string;
  timezone: string;
  /** The layers they move to, comma-separated. */
  to: string;
  /** The group sizes before the move (`2 eastern vs 5 others`). */
  sizes: string;
  /** The balance tolerance they exceed. */
  tolerance: number;
}

/** Whether a person counts for layer membership on `onDate` (YYYY-MM-DD). */
export function isRostered(person: Pick<Person, "oncall" | "end">, onDate: string): boolean {
  return person.oncall !== false && (person.end === undefined || person.end >= onDate);
}

/**
 * Distance between a zone and the rotation zone: absolute UTC offset difference in minutes, summed over
 * mid-January and mid-July of `year` so that both DST seasons count and the order is stable all year.
 */
function zoneDistance(zone: string, rotationZone: string, year: number): number {
  let total = 0;
  for (const month of [0, 6]) {
    const ms = Date.UTC(year, month, 15, 12);
    total += Math.abs(offsetMinutes(ms, zone) - offsetMinutes(ms, rotationZone));
  }
  return total;
}

/** Everyone in `from`, in the order they would move (deterministic, see the module comment). */
function moveOrder(from: Person[], intoEastern: boolean, config: RotationConfig, year: number): Person[] {
  const distance = new Map<string, number>();
  if (intoEastern)
    for (const p of from)
      if (!distance.has(p.timezone)) distance.set(p.timezone, zoneDistance(p.timezone, config.timezone, year));
  return [...from].sort((a, b) => {
    const d = intoEastern ? distance.get(a.timezone)! - distance.get(b.timezone)! : 0;
    if (d !== 0) return d;
    if (a.start !== b.start) return a.start < b.start ? 1 : -1;
    return a.login < b.login ? -1 : a.login > b.login ? 1 : 0;
  });
}

const byLogin = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Assign the rostered people to the regular layers of `config` as of `onDate` (YYYY-MM-DD).
 * Every layer naming a group takes the whole group; when only one of the two groups has a layer, that
 * layer takes everyone not listed explicitly, and no balancing happens.
 */
export function assignLayers(config: RotationConfig, people: readonly Person[], onDate: string): LayerAssignment {
  const rostered = people.filter((p) => isRostered(p, onDate));
  const byLoginMap = new Map(rostered.map((p) => [p.login, p]));
  const members = new Map<string, string[]>();
  const notes: string[] = [];
  const moves: BalanceMove[] = [];

  const listed = new Set<string>();
  for (const layer of config.layers) {
    if (!layer.members) continue;
    const logins = layer.members.filter((login) => byLoginMap.has(login));
    logins.forEach((login) => listed.add(login));
    members.set(layer.name, logins.sort(byLogin));
  }

  const grouped = rostered.filter((p) => !listed.has(p.login));
  const eastern = new Set(config.easternZones);
  const easternLayers = config.layers.filter((l) => !l.members && l.group === "eastern");
  const otherLayers = config.layers.filter((l) => !l.members && l.group === "others");
  let east = grouped.filter((p) => eastern.has(p.timezone));
  let rest = grouped.filter((p) => !eastern.has(p.timezone));

  if (easternLayers.length === 0 || otherLayers.length === 0) {
    east = rest = grouped;
  } else {
    const year = Number(onDate.slice(0, 4));
    const tolerance = config.balanceTolerance;
    const unbalanced = (): boolean => {
      const [small, large] = east.length <= rest.length ? [east.length, rest.length] : [rest.length, east.length];
      return large - small > tolerance || (small === 0 && large >= 2);
    };
    // Moving one person narrows the difference by two, so the direction never flips: order the larger
    // group once and move from the front.
    const intoEastern = rest.length > east.length;
    const queue = moveOrder(intoEastern ? rest : east, intoEastern, config, year);
    for (const mover of queue) {
      if (!unbalanced()) break;
      const before = `${east.length} eastern vs ${rest.length} others`;
      if (intoEastern) {
        rest = rest.filter((p) => p !== mover);
        east = [...east, mover];
      } else {
        east = east.filter((p) => p !== mover);
        rest = [...rest, mover];
      }
      const move = {
        login: mover.login,
        timezone: mover.timezone,
        to: layerNames(intoEastern ? easternLayers : otherLayers),
        sizes: before,
        tolerance,
      };
      moves.push(move);
      notes.push(
        `balance: ${move.login} (${move.timezone}) moves to ${move.to} ` +
          `(${before} differs by more than the tolerance of ${tolerance}; balance wins over Eastern coverage)`,
      );
    }
  }

  for (const layer of config.layers) {
    if (layer.members) continue;
    const group = layer.group === "eastern" ? east : layer.group === "others" ? rest : [];
    members.set(layer.name, group.map((p) => p.login).sort(byLogin));
  }
  return { members, notes, moves };
}

function layerNames(layers: LayerConfig[]): string {
  return layers.map((l) => l.name).join(", ");
}
