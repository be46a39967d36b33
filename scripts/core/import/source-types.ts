/**
 * The parts of the Opsgenie v2 and PagerDuty REST responses that an import reads, as their published
 * documentation describes them. Every field is optional where the documentation allows it to be
 * missing; anything not listed here is ignored. These are the bodies as saved by `curl` (Opsgenie's
 * `{data: ...}` envelope included) or as the API client collects them.
 */

/** Opsgenie `GET /v2/users` (one page's `data` items; the client joins the pages). */
interface OpsgenieUser {
  id?: string;
  username: string;
  fullName?: string;
  timeZone?: string;
}

/** A rotation participant: a user, a team, an escalation, or the reserved `none` (an unfilled turn). */
interface OpsgenieParticipant {
  type: string;
  id?: string;
  username?: string;
  name?: string;
}

/** Opsgenie rotation, from `GET /v2/schedules/{id}?expand=rotation`. */
export interface OpsgenieRotation {
  id?: string;
  name?: string;
  /** ISO instant of the first handoff. */
  startDate: string;
  endDate?: string;
  type: string;
  /** Turn length in units of `type` (default 1). */
  length?: number;
  participants?: OpsgenieParticipant[];
  timeRestriction?: { type?: string; [key: string]: unknown } | null;
}

interface OpsgenieSchedule {
  id?: string;
  name?: string;
  timezone: string;
  enabled?: boolean;
  ownerTeam?: { id?: string; name?: string };
  rotations?: OpsgenieRotation[];
}

/** Opsgenie `GET /v2/schedules/{id}/overrides` items. No rotations means every rotation of the schedule. */
interface OpsgenieOverride {
  alias?: string;
  user: { type: string; id?: string; username?: string; name?: string };
  startDate: string;
  endDate: string;
  rotations?: { id?: string; name?: string }[];
}

/** One period of a rotation in an Opsgenie timeline; `recipient.name` is the username for users. */
export interface OpsgeniePeriod {
  startDate: string;
  endDate: string;
  type?: string;
  recipient?: { type?: string; id?: string; name?: string };
}

export interface OpsgenieTimelineRotation {
  id?: string;
  name?: string;
  periods?: OpsgeniePeriod[];
}

/** Opsgenie `GET /v2/schedules/{id}/timeline?expand=base,override` (`data`). */
interface OpsgenieTimeline {
  startDate?: string;
  endDate?: string;
  finalTimeline?: { rotations?: OpsgenieTimelineRotation[] };
  baseTimeline?: { rotations?: OpsgenieTimelineRotation[] };
}

/** Everything an Opsgenie import reads. */
export interface OpsgenieSource {
  schedule: OpsgenieSchedule;
  overrides: OpsgenieOverride[];
  users: OpsgenieUser[];
  timeline?: OpsgenieTimeline;
}

/** A PagerDuty reference to a user (`user_reference`). */
interface PagerDutyUserRef {
  id: string;
  type?: string;
  summary?: string;
}

/** PagerDuty `GET /users` items. */
interface PagerDutyUser {
  id: string;
  name?: string;
  email: string;
  time_zone?: string;
}

/** An entry of a rendered schedule (`rendered_schedule_entries`). A missing user is nobody on call. */
export interface PagerDutyEntry {
  start: string;
  end: string;
  user?: PagerDutyUserRef | null;
}

export interface PagerDutyLayer {
  id?: string;
  name?: string;
  start: string;
  end?: string | null;
  users?: { user: PagerDutyUserRef }[];
  rotation_virtual_start: string;
  rotation_turn_length_seconds: number;
  restrictions?: { type?: string; [key: string]: unknown }[];
  /** Precedence when present: a higher index wins. Without it the first listed layer is the top one. */
  rendering_index?: number;
  rendered_schedule_entries?: PagerDutyEntry[];
}

/** PagerDuty `GET /schedules/{id}` (`schedule`), with `since`/`until` so the rendered entries are included. */
interface PagerDutySchedule {
  id?: string;
  name?: string;
  time_zone: string;
  schedule_layers?: PagerDutyLayer[];
  final_schedule?: { rendered_schedule_entries?: PagerDutyEntry[] };
  teams?: { id?: string; summary?: string }[];
}

/** PagerDuty `GET /schedules/{id}/overrides` items. */
interface PagerDutyOverride {
  id?: string;
  start: string;
  end: string;
  user: PagerDutyUserRef;
}

/** Everything a PagerDuty import reads. */
export interface PagerDutySource {
  schedule: PagerDutySchedule;
  overrides: PagerDutyOverride[];
  users: PagerDutyUser[];
}
