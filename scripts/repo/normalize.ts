/**
 * The normalize stage: schema-valid file data -> the domain model of scripts/core/model.ts, with
 * documented defaults applied and every entity remembering where it came from (for positions later).
 * Files that failed their schema check contribute nothing, so rules never trip over half-valid data.
 */
import { DateTime } from "luxon";
import {
  DEFAULT_COMMAND_LIMITS,
  type Organisation,
  type Person,
  type Shift,
  type Override,
  type Postmortem,
  type Playbook,
  type Policy,
} from "../core/model/index.js";
import type {
  People,
  PublishedSchedule,
  Overrides,
  IncidentPolicy,
  IncidentRecord,
  PostmortemFrontMatter,
  PlaybookFrontMatter,
  RotationConfiguration,
} from "../core/model/generated/types.js";
import { normalizeRotation, DEFAULT_ROTATION } from "../core/rotation/index.js";
import type { ParsedFile } from "./parse-file.js";
import { PLAYBOOK_FILE } from "../core/model/index.js";

/** Parses an instant written with an explicit offset, keeping that offset as the zone. */
function instant(iso: string, zone?: string): DateTime {
  const dt = DateTime.fromISO(iso, { setZone: true });
  return zone ? dt.setZone(zone) : dt;
}

/** Builds the organisation from parsed files; `present` tells which of the fixed files were valid. */
export function normalize(files: ParsedFile[]): { org: Organisation; present: Set<string> } {
  const present = new Set<string>();
  const org: Organisation = {
    people: [],
    rotation: DEFAULT_ROTATION,
    shifts: [],
    overrides: [],
    policy: {
      severities: [],
      services: [],
      postmortemDueBusinessDays: 2,
      playbookReviewDays: 180,
      reporters: "anyone",
      commands: { ...DEFAULT_COMMAND_LIMITS },
    },
    incidents: [],
    postmortems: [],
    playbooks: [],
  };
  // The rotation zone is needed to place shifts, so read the config first.
  const byKind = (k: ParsedFile["kind"]) => files.filter((f) => f.kind === k && f.valid);
  for (const f of byKind("rotation")) {
    org.rotation = normalizeRotation(f.data as RotationConfiguration, { file: f.file, path: [] });
    present.add("rotation");
  }
  const zone = org.rotation.timezone;
  for (const f of files) {
    if (!f.valid) continue;
    switch (f.kind) {
      case "people":
        org.people = people(f.data as People, f.file);
        present.add("people");
        break;
      case "schedule":
        org.shifts = shifts(f.data as PublishedSchedule, f.file, zone);
        present.add("schedule");
        break;
      case "overrides":
        org.overrides = overrides(f.data as Overrides, f.file, zone);
        present.add("overrides");
        break;
      case "policy":
        org.policy = policy(f.data as IncidentPolicy, f.file);
        present.add("policy");
        break;
      case "incident":
        org.incidents.push({ ...(f.data as IncidentRecord), src: { file: f.file, path: [] } });
        break;
      case "postmortem":
        org.postmortems.push(postmortem(f));
        break;
      case "playbook":
        org.playbooks.push(playbook(f));
        break;
      default:
        break;
    }
  }
  return { org, present };
}

function people(data: People, file: string): Person[] {
  return data.people.map((p, i) => ({
    login: p.login,
    name: p.name,
    timezone: p.timezone,
    region: p.region,
    start: p.start,
    ...(p.end !== undefined && { end: p.end }),
    ...(p.manager !== undefined && { manager: p.manager }),
    team: p.team,
    oncall: p.oncall ?? true,
    src: { file, path: ["people", i] },
  }));
}

function shifts(data: PublishedSchedule, file: string, zone: string): Shift[] {
  return data.shifts.map((s, i) => ({
    layer: s.layer,
    start: instant(s.start, zone),
    end: instant(s.end, zone),
    login: s.login,
    ...(s.fallback !== undefined && { fallback: s.fallback }),
    ...(s.round !== undefined && { round: s.round }),
    ...(s.correction !== undefined && { correction: s.correction }),
    src: { file, path: ["shifts", i] },
  }));
}

function overrides(data: Overrides, file: string, zone: string): Override[] {
  return data.overrides.map((o, i) => ({
    layer: o.layer,
    start: instant(o.start, zone),
    end: instant(o.end, zone),
    by: o.by,
    ...(o.reason !== undefined && { reason: o.reason }),
    ...(o.correction !== undefined && { correction: o.correction }),
    src: { file, path: ["overrides", i] },
  }));
}

function policy(data: IncidentPolicy, file: string): Policy {
  return {
    severities: data.severities,
    services: data.services,
    ...(data.contactLinks && { contactLinks: data.contactLinks }),
    postmortemDueBusinessDays: data.postmortemDueBusinessDays ?? 2,
    playbookReviewDays: data.playbookReviewDays ?? 180,
    ...(data.reviews && {
      reviews: { maxPerMeeting: 4, agendaDays: 2, ...data.reviews },
    }),
    reporters: data.reporters ?? "anyone",
    commands: { ...DEFAULT_COMMAND_LIMITS, ...data.commands },
    src: { file, path: [] },
  };
}

function postmortem(f: ParsedFile): Postmortem {
  return {
    path: f.file,
    bodyLine: f.bodyLine ?? 1,
    frontMatter: f.data as PostmortemFrontMatter,
    body: f.body ?? "",
    src: { file: f.file, path: [] },
  };
}

function playbook(f: ParsedFile): Playbook {
  const id = PLAYBOOK_FILE.exec(f.file)?.[1] ?? f.file;
  return {
    path: f.file,
    id,
    bodyLine: f.bodyLine ?? 1,
    frontMatter: f.data as PlaybookFrontMatter,
    body: f.body ?? "",
    src: { file: f.file, path: [] },
  };
}
