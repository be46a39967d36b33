/**
 * The normalized domain model every core module works on. The repository loader (scripts/repo/) turns
 * the YAML and Markdown files into these shapes after schema validation, applying documented defaults;
 * core modules never see raw files, positions or the clock.
 *
 * Instants are luxon `DateTime`s that always carry an explicit zone (never the machine's local zone).
 * Calendar dates stay ISO `YYYY-MM-DD` strings: a date has no zone until a rule gives it one.
 */
import type { DateTime } from "luxon";
import type {
  IncidentRecord,
  PostmortemFrontMatter,
  PlaybookFrontMatter,
  SeverityLevel,
  CatalogueService,
  ContactLink,
} from "./generated/types.js";

/**
 * Where an entity came from: a repository-relative file and the data path inside it
 * (for example `["shifts", 12]`). The loader turns it into a line and column for messages.
 */
export interface SourceRef {
  file: string;
  path: (string | number)[];
}

/** A person on the roster (rotations/people.yaml). */
export interface Person {
  login: string;
  name: string;
  /** IANA zone of the person's working hours. */
  timezone: string;
  /** Holiday region: ISO 3166 country with optional subdivision, `US-NY`. */
  region: string;
  /** First day at the company, YYYY-MM-DD. */
  start: string;
  /** Last day at the company, YYYY-MM-DD, when leaving. */
  end?: string;
  manager?: string;
  team: string;
  /** False for people who are only fallbacks (managers), never scheduled. */
  oncall: boolean;
  src?: SourceRef;
}

export type Weekday = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";

/** A regular layer with every default applied. */
export interface LayerConfig {
  name: string;
  handoffDay: Weekday;
  /** HH:MM on the rotation zone's wall clock. */
  handoffTime: string;
  shiftWeeks: number;
  /** Either a group (resolved from zones) or explicit members. */
  group?: "eastern" | "others";
  members?: string[];
  src?: SourceRef;
}

export interface HolidayLayerConfig {
  name: string;
  /** The regular layer this volunteer layer stands in for during the holiday period. */
  replaces: string;
}

export interface HolidayPeriodConfig {
  /** MM-DD of the first day (default 12-23). */
  from: string;
  /** MM-DD of the last day (default 01-02). */
  to: string;
  /** Length of a volunteer slot in days (default 2). */
  shiftDays: number;
  layers: HolidayLayerConfig[];
  /** Days before an unfilled slot starts that it is flagged (default 14). */
  flagDays: number;
}

/** `handoff` of rotations/config.yaml with every default applied (see `DEFAULT_HANDOFF`). */
export interface HandoffSettings {
  /** Hours before a handoff that the incoming person is reminded (default 24). */
  reminderHours: number;
  /** Phases older than this many days are posted as one catch-up line instead of one by one (default 3). */
  catchUpDays: number;
  /** Start-of-shift checklist shown to the incoming person, one item per entry. */
  checklist: string[];
  /** Markdown of the outgoing engineer's report, replacing the built-in layout; absent for the default. */
  reportTemplate?: string;
}

/** rotations/config.yaml with every default applied. */
export interface RotationConfig {
  /** Zone whose wall clock fixes handoffs (default America/New_York). */
  timezone: string;
  seed: number;
  /** YYYY-MM-DD before which nothing is generated, if given. */
  start?: string;
  /** Days after a start date before a first shift may start (default 60). */
  newHireDays: number;
  /** Weeks the published schedule must reach ahead (default 5). */
  horizonWeeks: number;
  /** Allowed member-count difference between the eastern and other layers (default 2). */
  balanceTolerance: number;
  easternZones: string[];
  layers: LayerConfig[];
  /** Absent when disabled. */
  holidayPeriod?: HolidayPeriodConfig;
  /** Organisation-wide days off, YYYY-MM-DD. */
  orgHolidays: string[];
  /**
   * Public holidays the organisation lists per holiday region (region code -> YYYY-MM-DD dates), added
   * to the holiday library's; lets a roster use a region the library lacks. Absent or empty: none.
   */
  regionHolidays?: Readonly<Record<string, readonly string[]>>;
  /** Handoff reminders, catch-up and the report (SPEC section 8). */
  handoff: HandoffSettings;
}

/** One published shift. `login: null` is an unfilled (no-one) shift that `fallback` covers. */
export interface Shift {
  layer: string;
  start: DateTime;
  end: DateTime;
  login: string | null;
  fallback?: string;
  round?: number;
  correction?: string;
  src?: SourceRef;
}

/** Someone else taking a whole or partial shift. */
export interface Override {
  layer: string;
  start: DateTime;
  end: DateTime;
  by: string;
  reason?: string;
  correction?: string;
  src?: SourceRef;
}

export type Policy = {
  severities: SeverityLevel[];
  services: CatalogueService[];
  /**
   * The issue chooser's links (.github/ISSUE_TEMPLATE/config.yml), when the policy manages them;
   * undefined when config.yml is kept by hand.
   */
  contactLinks?: ContactLink[];
  /** Business days after resolution by which a postmortem is due (default 2). */
  postmortemDueBusinessDays: number;
  /** Days after which an unreviewed playbook is flagged (default 180). */
  playbookReviewDays: number;
  /** Whose reports start as incidents at once; others start in triage (default `anyone`). */
  reporters: ReporterPolicy;
  /** Per-comment command limits (defaults in {@link DEFAULT_COMMAND_LIMITS}). */
  commands: CommandLimits;
  src?: SourceRef;
};

/** `reporters` of incidents/policy.yaml: anyone, the roster plus triage-or-more collaborators, or the roster. */
type ReporterPolicy = "anyone" | "collaborators" | "roster";

/** `commands` of incidents/policy.yaml, defaults filled in. */
export interface CommandLimits {
  /** Commands applied from one comment; the rest are refused by name (default 10). */
  perComment: number;
  /** Follow-up issues one comment may open (default 3). */
  followupsPerComment: number;
  /** Who /responder may pull in: `members` (roster or triage-or-more access, the default) or `anyone`. */
  responders: "members" | "anyone";
}

/** The defaults of incidents/policy.yaml's `commands` (kept equal to the schema's defaults by a test). */
export const DEFAULT_COMMAND_LIMITS: Readonly<CommandLimits> = {
  perComment: 10,
  followupsPerComment: 3,
  responders: "members",
};

export interface Incident extends IncidentRecord {
  src?: SourceRef;
}

export interface Postmortem {
  path: string;
  /** 1-based line of the file where the Markdown body starts. */
  bodyLine: number;
  frontMatter: PostmortemFrontMatter;
  body: string;
  src?: SourceRef;
}

export interface Playbook {
  path: string;
  /** File name without .md, used as the playbook's id in links. */
  id: string;
  /** 1-based line of the file where the Markdown body starts. */
  bodyLine: number;
  frontMatter: PlaybookFrontMatter;
  body: string;
  src?: SourceRef;
}

/** Everything in one repository, normalized. */
export interface Organisation {
  people: Person[];
  rotation: RotationConfig;
  shifts: Shift[];
  overrides: Override[];
  policy: Policy;
  incidents: Incident[];
  postmortems: Postmortem[];
  playbooks: Playbook[];
}

/** Why a person is on call in a coverage segment. */
export type CoverageSource = "schedule" | "override" | "holiday" | "fallback" | "preview";

/**
 * One piece of the effective schedule: overrides and fallbacks folded in, so every instant of a slot is
 * covered by exactly one segment. `slot` is the regular layer being covered (rot-a); `layer` is the
 * layer that supplied the person (rot-a, holiday-a).
 */
export interface CoverageSegment {
  slot: string;
  layer: string;
  start: DateTime;
  end: DateTime;
  login: string;
  source: CoverageSource;
}
