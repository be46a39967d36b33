/**
 * Which schema a repository file is validated with, decided by its path alone. The layout is fixed:
 * rotations/{people,config,schedule,overrides}.yaml, incidents/policy.yaml,
 * incidents/<year>/INC-<n>.yaml, postmortems/<year>/INC-<n>-<slug>.md and playbooks/*.md.
 */
import type { FileKind } from "./schema-check.js";

const FIXED_FILES: Readonly<Record<string, FileKind>> = {
  "rotations/people.yaml": "people",
  "rotations/config.yaml": "rotation",
  "rotations/schedule.yaml": "schedule",
  "rotations/overrides.yaml": "overrides",
  "incidents/policy.yaml": "policy",
};

/** Files that must exist for the repository to be usable. */
export const REQUIRED_FILES = ["rotations/people.yaml", "rotations/config.yaml", "rotations/schedule.yaml", "incidents/policy.yaml"];

/** The data folders the loader reads. */
export const DATA_DIRS = ["rotations", "incidents", "postmortems", "playbooks"];

export const INCIDENT_FILE = /^incidents\/(\d{4})\/INC-([1-9]\d*)\.yaml$/;
export const POSTMORTEM_FILE = /^postmortems\/(\d{4})\/INC-([1-9]\d*)-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
export const PLAYBOOK_FILE = /^playbooks\/([A-Za-z0-9][A-Za-z0-9._-]*)\.md$/;

export type Classified = { kind: FileKind } | { kind: null; message?: string };

/** Classifies a repository-relative path (forward slashes). `kind: null` with a message is a misplaced file. */
export function classify(file: string): Classified {
  const fixed = FIXED_FILES[file];
  if (fixed) return { kind: fixed };
  if (INCIDENT_FILE.test(file)) return { kind: "incident" };
  if (POSTMORTEM_FILE.test(file)) return { kind: "postmortem" };
  if (PLAYBOOK_FILE.test(file)) return /^playbooks\/readme\.md$/i.test(file) ? { kind: null } : { kind: "playbook" };
  if (/\.(ya?ml)$/.test(file) && file.startsWith("incidents/"))
    return { kind: null, message: "Incident records must be named incidents/<year>/INC-<issue number>.yaml." };
  if (file.endsWith(".md") && file.startsWith("postmortems/") && !/\/readme\.md$/i.test(file))
    return { kind: null, message: "Postmortems must be named postmortems/<year>/INC-<issue number>-<slug>.md (slug in lower case with dashes)." };
  if (/\.(ya?ml)$/.test(file) && file.startsWith("rotations/"))
    return { kind: null, message: "Unknown file in rotations/: only people.yaml, config.yaml, schedule.yaml and overrides.yaml are read." };
  return { kind: null };
}
