/**
 * The repository's layout, owned here and nowhere else (pure data, so core and repo/ share it): which schema a file is validated with
 * (decided by its path alone), where each fixed file lives, and the sets of files each reader needs
 * (the rotation files for schedule questions and trades, what must exist, what partial validation
 * always reads). The layout is fixed: rotations/{people,config,schedule,overrides}.yaml,
 * incidents/policy.yaml, incidents/<year>/INC-<n>.yaml, postmortems/<year>/INC-<n>-<slug>.md and
 * playbooks/*.md.
 */
/** The kinds of file, each validated with its own schema (schemas/<kind>.schema.json, rotation: config). */
export type FileKind =
  "people" | "rotation" | "schedule" | "overrides" | "policy" | "incident" | "postmortem" | "playbook";

/** The fixed files by kind: their one path each. */
export const FIXED_FILES = {
  people: "rotations/people.yaml",
  rotation: "rotations/config.yaml",
  schedule: "rotations/schedule.yaml",
  overrides: "rotations/overrides.yaml",
  policy: "incidents/policy.yaml",
} as const satisfies Partial<Record<FileKind, string>>;

const KIND_OF: ReadonlyMap<string, FileKind> = new Map(
  Object.entries(FIXED_FILES).map(([kind, file]) => [file, kind as FileKind]),
);

/** The folder of the rotation files; a problem under it stops the commands that answer schedule questions. */
export const ROTATIONS_DIR = "rotations/";

/**
 * The rotation files: everything who is on call depends on, and all a trade can change. Reading only
 * these keeps `oncall who` fast and a trade check small.
 */
export const ROTATION_FILES = [
  FIXED_FILES.people,
  FIXED_FILES.rotation,
  FIXED_FILES.schedule,
  FIXED_FILES.overrides,
] as const;

/** The rotation files' kinds that a schedule answer cannot do without (overrides are optional). */
export const NEEDED_ROTATION_KINDS = ["people", "rotation", "schedule"] as const;

/** Files that must exist for the repository to be usable. */
export const REQUIRED_FILES: readonly string[] = [
  ...NEEDED_ROTATION_KINDS.map((k) => FIXED_FILES[k]),
  FIXED_FILES.policy,
];

/** Files other files refer to: partial (--changed-since) validation always reads them. */
export const CONTEXT_FILES: readonly string[] = [FIXED_FILES.people, FIXED_FILES.rotation, FIXED_FILES.policy];

/** The data folders the loader reads. */
export const DATA_DIRS = ["rotations", "incidents", "postmortems", "playbooks"];

export const INCIDENT_FILE = /^incidents\/(\d{4})\/INC-([1-9]\d*)\.yaml$/;
export const POSTMORTEM_FILE = /^postmortems\/(\d{4})\/INC-([1-9]\d*)-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;
export const PLAYBOOK_FILE = /^playbooks\/([A-Za-z0-9][A-Za-z0-9._-]*)\.md$/;

export type Classified = { kind: FileKind } | { kind: null; message?: string };

/** Classifies a repository-relative path (forward slashes). `kind: null` with a message is a misplaced file. */
export function classify(file: string): Classified {
  const fixed = KIND_OF.get(file);
  if (fixed) return { kind: fixed };
  if (INCIDENT_FILE.test(file)) return { kind: "incident" };
  if (POSTMORTEM_FILE.test(file)) return { kind: "postmortem" };
  if (PLAYBOOK_FILE.test(file)) return /^playbooks\/readme\.md$/i.test(file) ? { kind: null } : { kind: "playbook" };
  if (/\.(ya?ml)$/.test(file) && file.startsWith("incidents/"))
    return { kind: null, message: "Incident records must be named incidents/<year>/INC-<issue number>.yaml." };
  if (file.endsWith(".md") && file.startsWith("postmortems/") && !/\/readme\.md$/i.test(file))
    return {
      kind: null,
      message:
        "Postmortems must be named postmortems/<year>/INC-<issue number>-<slug>.md (slug in lower case with dashes).",
    };
  if (/\.(ya?ml)$/.test(file) && file.startsWith(ROTATIONS_DIR))
    return {
      kind: null,
      message: "Unknown file in rotations/: only people.yaml, config.yaml, schedule.yaml and overrides.yaml are read.",
    };
  return { kind: null };
}
