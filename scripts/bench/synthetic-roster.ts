/**
 * The roster and rotation config of the synthetic organisation: people spread over eight zones (each
 * with a holiday region date-holidays knows), managers who only stand in as fallbacks, a few new hires
 * and leavers during the schedule, and regular layers with explicit `members` lists handing off at
 * 11:00 New York time on different weekdays. The default holiday period applies (one volunteer layer
 * per regular layer).
 */
import type { People, RotationConfiguration } from "../core/model/generated/types.js";
import type { Person, RotationConfig } from "../core/model/index.js";
import { normalizeRotation } from "../core/rotation/index.js";
import type { OrgSize } from "./org-size.js";
import type { Random } from "./random.js";

/** The zones people work in and the holiday region of each. */
const ZONES: readonly { timezone: string; region: string }[] = [
  { timezone: "America/New_York", region: "US-NY" },
  { timezone: "America/Los_Angeles", region: "US-CA" },
  { timezone: "America/Sao_Paulo", region: "BR-SP" },
  { timezone: "Europe/London", region: "GB-ENG" },
  { timezone: "Europe/Berlin", region: "DE-BE" },
  { timezone: "Asia/Kolkata", region: "IN-KA" },
  { timezone: "Australia/Sydney", region: "AU-NSW" },
  { timezone: "Pacific/Auckland", region: "NZ" },
];

/** Teams, matching the owners of the services in the example policy. */
const TEAMS = ["platform", "payments", "data", "web"] as const;

/** First day of the rotation (a Monday); the schedule runs `years` years from it. */
export const ROTATION_START = "2022-01-03";
const ZONE = "America/New_York";
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;

const FIRST = [
  "Amara",
  "Bruno",
  "Chen",
  "Dalia",
  "Emeka",
  "Farah",
  "Goran",
  "Hana",
  "Ines",
  "Jonas",
  "Kiri",
  "Lucia",
  "Mateo",
  "Nadia",
  "Omar",
  "Priya",
  "Quinn",
  "Rafael",
  "Saanvi",
  "Tomas",
  "Uma",
  "Viktor",
  "Wen",
  "Ximena",
  "Yusuf",
  "Zoe",
  "Aiko",
  "Bram",
  "Carmen",
  "Dev",
  "Elif",
  "Felix",
  "Greta",
  "Hugo",
  "Isla",
  "Jae",
  "Kofi",
  "Leila",
  "Mika",
  "Noor",
];
const LAST = [
  "Abbott",
  "Banerjee",
  "Costa",
  "Dubois",
  "Eriksen",
  "Ferreira",
  "Gallagher",
  "Hartmann",
  "Iyer",
  "Jensen",
  "Kowalski",
  "Lindqvist",
  "Moreau",
  "Nakamura",
  "Oyelaran",
  "Petrov",
  "Quintero",
  "Rossi",
  "Schmidt",
  "Tanaka",
  "Ueda",
  "Varga",
  "Walsh",
  "Xu",
  "Yamamoto",
  "Zielinski",
  "Achebe",
  "Brennan",
  "Castillo",
  "Delacroix",
  "Engel",
  "Fujita",
  "Gupta",
  "Haddad",
  "Ibsen",
  "Jovanovic",
  "Kaur",
  "Larsen",
  "Mensah",
  "Novak",
];

/** The roster and rotation of the synthetic organisation, as model objects and as file contents. */
export interface SyntheticRoster {
  people: Person[];
  /** Normalized rotation config (defaults applied), as the engine takes it. */
  config: RotationConfig;
  peopleFile: People;
  configFile: RotationConfiguration;
  /** Logins on the rotation who are experienced, never leave and may stand in for anyone of their layer. */
  steady: Map<string, string[]>;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function randomDate(random: Random, from: string, to: string): string {
  return isoDay(random.int(Date.parse(from), Date.parse(to)));
}

/** A unique lower-case login for a name. */
function loginFor(first: string, last: string, taken: Set<string>): string {
  const base = `${first}-${last}`.toLowerCase();
  let login = base;
  for (let n = 2; taken.has(login); n++) login = `${base}${n}`;
  taken.add(login);
  return login;
}

/** Builds the roster: `size.people` people, of whom one manager per team (at most a tenth) is not on call. */
export function syntheticRoster(size: OrgSize, random: Random): SyntheticRoster {
  const taken = new Set<string>();
  const managerCount = Math.max(1, Math.min(TEAMS.length, Math.floor(size.people / 10)));
  const startMs = Date.parse(ROTATION_START);
  const endMs = Date.UTC(Number(ROTATION_START.slice(0, 4)) + size.years, 0, 3);
  const people: Person[] = [];
  const managers: Person[] = [];
  for (let m = 0; m < managerCount; m++) {
    const zone = ZONES[(m * 3) % ZONES.length]!;
    const manager: Person = {
      login: loginFor(random.pick(FIRST), random.pick(LAST), taken),
      name: "",
      ...zone,
      start: randomDate(random, "2012-01-01", "2016-12-31"),
      team: TEAMS[m % TEAMS.length]!,
      oncall: false,
    };
    managers.push(manager);
  }
  const engineers = size.people - managerCount;
  const layerMembers: string[][] = Array.from({ length: size.layers }, () => []);
  const steady = new Map<string, string[]>();
  for (let i = 0; i < engineers; i++) {
    const first = random.pick(FIRST);
    const last = random.pick(LAST);
    const login = loginFor(first, last, taken);
    // Every layer gets people from every zone: layer = i mod layers, zone advances once per layer cycle.
    const layer = i % size.layers;
    const zone = ZONES[Math.floor(i / size.layers) % ZONES.length]!;
    const manager = managers[i % managers.length]!;
    // About one in 25 joins while the schedule runs, one in 30 of the others leaves during it.
    const newHire = i % 25 === 24;
    const leaver = !newHire && i % 30 === 29;
    const start = newHire
      ? isoDay(random.int(startMs + 60 * 86_400_000, endMs - 200 * 86_400_000))
      : randomDate(random, "2014-01-01", "2021-09-01");
    const person: Person = {
      login,
      name: `${first} ${last}`,
      ...zone,
      start,
      manager: manager.login,
      team: manager.team,
      oncall: true,
    };
    if (leaver) person.end = isoDay(random.int(startMs + 90 * 86_400_000, endMs - 30 * 86_400_000));
    else if (!newHire) steady.set(layerName(layer), [...(steady.get(layerName(layer)) ?? []), login]);
    people.push(person);
    layerMembers[layer]!.push(login);
  }
  for (const m of managers)
    m.name = `${m.login
      .split("-")
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join(" ")}`;
  const roster = [...managers, ...people];

  const configFile: RotationConfiguration = {
    timezone: ZONE,
    seed: 20_220_103,
    start: ROTATION_START,
    newHireDays: 60,
    horizonWeeks: 5,
    layers: layerMembers.map((members, l) => ({
      name: layerName(l),
      handoffDay: WEEKDAYS[l % WEEKDAYS.length]!,
      handoffTime: "11:00",
      members,
    })) as RotationConfiguration["layers"],
    orgHolidays: Array.from({ length: size.years }, (_, y) => `${Number(ROTATION_START.slice(0, 4)) + y}-11-25`),
  };
  const peopleFile: People = {
    people: roster.map((p) => ({
      login: p.login,
      name: p.name,
      timezone: p.timezone,
      region: p.region,
      start: p.start,
      ...(p.end !== undefined && { end: p.end }),
      ...(p.manager !== undefined && { manager: p.manager }),
      team: p.team,
      ...(!p.oncall && { oncall: false }),
    })),
  };
  return { people: roster, config: normalizeRotation(configFile), peopleFile, configFile, steady };
}

/** rot-a, rot-b, ... rot-z, then rot-26, rot-27 ... */
function layerName(index: number): string {
  return index < 26 ? `rot-${String.fromCharCode(97 + index)}` : `rot-${index}`;
}
