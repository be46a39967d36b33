/**
 * Rules across files: every login, zone, region, service and reference must point at something that
 * exists. Pure: the organisation in, findings out (positions are resolved by the loader).
 * Schedule invariants (gaps, overlaps, the 60-day rule, ...) live in core/schedule-rules.ts.
 */
import { IANAZone, type DateTime } from "luxon";
import type { Finding, Organisation, SourceRef } from "../core/model/index.js";
import { HOLIDAY_REGIONS } from "../core/model/generated/regions.js";
import { INCIDENT_FILE, POSTMORTEM_FILE } from "../core/model/index.js";
import { NO_REGION } from "../core/slo/index.js";
import { checkPostmortem } from "../core/postmortem/index.js";
import { checkLinks, outlineMarkdown, stalePlaybooks } from "../core/playbook/index.js";
import type { LinkCheckContext, MarkdownOutline } from "../core/playbook/index.js";

const err = (rule: string, message: string, src: SourceRef | undefined, field?: string | number): Finding => ({
  severity: "error",
  rule,
  message,
  ...(src && { src }),
  ...(field !== undefined && { field }),
});

const warn = (rule: string, message: string, src: SourceRef | undefined, field?: string | number): Finding => ({
  ...err(rule, message, src, field),
  severity: "warning",
});

/** Extends a source ref by a sub-path, for findings about an item inside a list field. */
const at = (src: SourceRef | undefined, ...path: (string | number)[]): SourceRef | undefined =>
  src && { file: src.file, path: [...src.path, ...path] };

export interface CrossRuleOptions {
  /** Which fixed files were present and valid; rules that need a missing file are skipped. */
  present: Set<string>;
  /** For warnings that depend on the date (stale playbooks). Validity never depends on it. */
  now?: DateTime;
  /** Every repository path that exists (for links and postmortem paths), when known. */
  paths?: Set<string>;
  /**
   * Parse Markdown for the link, anchor and placeholder checks (default true). Actions that only read
   * the organisation turn it off: the parse is most of their load time, and the validate workflow
   * reports those problems.
   */
  markdown?: boolean;
}

/**
 * Whether `zone` is an IANA zone, asked once per distinct name: each question builds an
 * Intl.DateTimeFormat (about half a millisecond), and a roster repeats a handful of zones.
 */
const zoneValidity = new Map<string, boolean>();
function validZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) zoneValidity.set(zone, (valid = IANAZone.isValidZone(zone)));
  return valid;
}

export function crossFileRules(org: Organisation, opts: CrossRuleOptions): Finding[] {
  const out: Finding[] = [];
  const logins = new Set(org.people.map((p) => p.login));
  const hasPeople = opts.present.has("people");
  const knownLogin = (l: string | undefined) => !hasPeople || l === undefined || logins.has(l);
  const unknown = (l: string, what: string) => `${what} "${l}" is not in rotations/people.yaml.`;

  // People
  const seen = new Map<string, number>();
  for (const p of org.people) {
    const lower = p.login.toLowerCase();
    if (seen.has(lower))
      out.push(
        err(
          "duplicate-login",
          `"${p.login}" is listed twice in the roster (GitHub logins are case-insensitive).`,
          p.src,
          "login",
        ),
      );
    seen.set(lower, 1);
    if (!validZone(p.timezone))
      out.push(
        err("unknown-timezone", `"${p.timezone}" is not an IANA time zone known to this system.`, p.src, "timezone"),
      );
    // A region is usable when the holiday library has data for it or the organisation lists its days.
    if (p.region !== NO_REGION && !HOLIDAY_REGIONS.has(p.region) && !org.rotation.regionHolidays?.[p.region])
      out.push(
        err(
          "unknown-region",
          `"${p.region}" is not a holiday region with public holiday data ` +
            "(use an ISO 3166 code such as US-NY, DE-BE or IN). " +
            "For a region the holiday library lacks, list its days under regionHolidays in rotations/config.yaml; " +
            "write none when only the organisation's days off apply.",
          p.src,
          "region",
        ),
      );
    if (p.manager !== undefined) {
      if (p.manager === p.login)
        out.push(err("self-manager", `${p.login} cannot be their own manager.`, p.src, "manager"));
      else if (!logins.has(p.manager)) out.push(err("unknown-login", unknown(p.manager, "Manager"), p.src, "manager"));
    }
    if (p.end !== undefined && p.end < p.start)
      out.push(
        err("end-before-start", `${p.login}'s end date ${p.end} is before their start date ${p.start}.`, p.src, "end"),
      );
  }
  out.push(...managerCycles(org.people));

  // Rotation config
  if (opts.present.has("rotation")) {
    const rot = org.rotation;
    if (!validZone(rot.timezone))
      out.push(
        err(
          "unknown-timezone",
          `"${rot.timezone}" is not an IANA time zone known to this system.`,
          { file: "rotations/config.yaml", path: [] },
          "timezone",
        ),
      );
    rot.easternZones.forEach((z, i) => {
      if (!validZone(z))
        out.push(
          err(
            "unknown-timezone",
            `"${z}" is not an IANA time zone known to this system.`,
            { file: "rotations/config.yaml", path: ["easternZones"] },
            i,
          ),
        );
    });
    const names = new Set<string>();
    for (const layer of rot.layers) {
      if (names.has(layer.name))
        out.push(err("duplicate-layer", `Layer "${layer.name}" is defined twice.`, layer.src, "name"));
      names.add(layer.name);
      if ((layer.group === undefined) === (layer.members === undefined))
        out.push(
          err(
            "layer-members",
            `Layer "${layer.name}" needs either "group" or "members", not ${layer.group === undefined ? "neither" : "both"}.`,
            layer.src,
          ),
        );
      layer.members?.forEach((m, i) => {
        if (!knownLogin(m)) out.push(err("unknown-login", unknown(m, "Layer member"), at(layer.src, "members"), i));
      });
    }
    rot.holidayPeriod?.layers.forEach((h, i) => {
      const src = { file: "rotations/config.yaml", path: ["holidayPeriod", "layers", i] };
      if (!names.has(h.replaces))
        out.push(
          err(
            "unknown-layer",
            `Holiday layer "${h.name}" replaces "${h.replaces}", which is not a layer.`,
            src,
            "replaces",
          ),
        );
      if (names.has(h.name))
        out.push(err("duplicate-layer", `Holiday layer "${h.name}" has the name of a regular layer.`, src, "name"));
    });
  }

  // Schedule and overrides: logins
  for (const s of org.shifts) {
    if (s.login !== null && !knownLogin(s.login))
      out.push(err("unknown-login", unknown(s.login, "Shift person"), s.src, "login"));
    if (s.fallback !== undefined && !knownLogin(s.fallback))
      out.push(err("unknown-login", unknown(s.fallback, "Fallback"), s.src, "fallback"));
  }
  for (const o of org.overrides) {
    if (!knownLogin(o.by)) out.push(err("unknown-login", unknown(o.by, "Override person"), o.src, "by"));
  }

  // Policy
  const services = new Set(org.policy.services.map((s) => s.name));
  const hasPolicy = opts.present.has("policy");
  if (hasPolicy) {
    org.policy.severities.forEach((s, i) => {
      const expected = `P${i + 1}`;
      if (s.id !== expected)
        out.push(
          err(
            "severity-order",
            `Severity levels must be listed P1 to P5 in order; item ${i + 1} is ${s.id}, expected ${expected}.`,
            { file: org.policy.src?.file ?? "incidents/policy.yaml", path: ["severities", i] },
            "id",
          ),
        );
    });
    const names = new Set<string>();
    org.policy.services.forEach((s, i) => {
      if (names.has(s.name))
        out.push(
          err(
            "duplicate-service",
            `Service "${s.name}" is listed twice.`,
            { file: org.policy.src?.file ?? "incidents/policy.yaml", path: ["services", i] },
            "name",
          ),
        );
      names.add(s.name);
    });
  }
  const knownService = (s: string) => !hasPolicy || services.has(s);

  // Incidents. Which records exist is decided by file name, so a record with a schema error (or one
  // not loaded in a partial run) still counts as existing for the postmortems that point at it.
  const recordFiles = new Map<string, string[]>();
  for (const path of opts.paths ?? org.incidents.map((i) => i.src?.file ?? "")) {
    const m = INCIDENT_FILE.exec(path);
    if (m) recordFiles.set(`INC-${m[2]}`, [...(recordFiles.get(`INC-${m[2]}`) ?? []), path]);
  }
  for (const inc of org.incidents) {
    const file = inc.src?.file ?? "";
    const m = INCIDENT_FILE.exec(file);
    if (m) {
      if (inc.id !== `INC-${m[2]}`)
        out.push(
          err("incident-id", `The record's id is ${inc.id} but the file is named INC-${m[2]}.yaml.`, inc.src, "id"),
        );
      // The year as written in the record (its own offset), which is the folder a person expects.
      const year = inc.reportedAt.slice(0, 4);
      if (year !== m[1])
        out.push(
          err(
            "incident-year",
            `The incident was reported in ${year}, so its record belongs in incidents/${year}/, not incidents/${m[1]}/.`,
            inc.src,
            "reportedAt",
          ),
        );
    }
    if (inc.id !== `INC-${inc.issue}`)
      out.push(err("incident-id", `The id ${inc.id} does not match issue number ${inc.issue}.`, inc.src, "issue"));
    const sameNumber = m ? (recordFiles.get(`INC-${m[2]}`) ?? []) : [];
    if (sameNumber.length > 1 && sameNumber[0] !== file)
      out.push(
        err("duplicate-incident", `INC-${m![2]} is recorded twice: here and in ${sameNumber[0]}.`, inc.src, "id"),
      );
    inc.services.forEach((s, i) => {
      if (!knownService(s))
        out.push(
          err(
            "unknown-service",
            `Service "${s}" is not in the catalogue in incidents/policy.yaml.`,
            at(inc.src, "services"),
            i,
          ),
        );
    });
    const people: [string | undefined, (string | number)[]][] = [
      [inc.roles.commander, ["roles", "commander"]],
      [inc.roles.comms, ["roles", "comms"]],
      [inc.acknowledgedBy, ["acknowledgedBy"]],
      ...inc.oncall.map((l, i): [string, (string | number)[]] => [l, ["oncall", i]]),
      ...inc.responders.map((l, i): [string, (string | number)[]] => [l, ["responders", i]]),
    ];
    for (const [login, path] of people) {
      if (login !== undefined && !knownLogin(login))
        out.push(
          err("unknown-login", unknown(login, "Person"), at(inc.src, ...path.slice(0, -1)), path[path.length - 1]),
        );
    }
    if (inc.postmortem && opts.paths && !opts.paths.has(inc.postmortem))
      out.push(err("missing-postmortem", `The postmortem ${inc.postmortem} does not exist.`, inc.src, "postmortem"));
    // A problem is reported after it begins; a later startedAt is a typo or the wrong offset.
    if (inc.startedAt !== undefined && Date.parse(inc.startedAt) > Date.parse(inc.reportedAt))
      out.push(
        err(
          "incident-times",
          `startedAt (${inc.startedAt}) is after reportedAt (${inc.reportedAt}); ` +
            "an incident cannot be reported before it starts (check the offsets).",
          inc.src,
          "startedAt",
        ),
      );
    for (const [a, b] of [
      ["reportedAt", "acknowledgedAt"],
      ["reportedAt", "resolvedAt"],
      ["acknowledgedAt", "resolvedAt"],
    ] as const) {
      const x = inc[a],
        y = inc[b];
      // Instants passed the schema's pattern (offset always present), so Date.parse reads them exactly.
      if (x && y && Date.parse(y) < Date.parse(x))
        out.push(err("incident-times", `${b} (${y}) is before ${a} (${x}).`, inc.src, b));
    }
  }

  // Postmortems and playbooks are Markdown: parse each body once for the placeholder, link and anchor checks.
  // Parsed lazily: most bodies need no parse at all (no link, no placeholder, no anchor linked to).
  const bodies = new Map([...org.playbooks, ...org.postmortems].map((d) => [d.path, d.body]));
  const outlines = new Map<string, MarkdownOutline>();
  const outlineOf = (path: string): MarkdownOutline => {
    let outline = outlines.get(path);
    if (!outline) outlines.set(path, (outline = outlineMarkdown(bodies.get(path) ?? "")));
    return outline;
  };
  const markdownPaths = new Set(bodies.keys());
  const anchorSets = new Map<string, Set<string>>();
  const linkContext: LinkCheckContext = {
    exists: (path) => (opts.paths ? opts.paths.has(path) : markdownPaths.has(path)),
    anchorsOf: (path) => {
      if (!bodies.has(path)) return undefined;
      let set = anchorSets.get(path);
      if (!set) anchorSets.set(path, (set = new Set(outlineOf(path).anchors)));
      return set;
    },
  };

  // Postmortems
  for (const pm of org.postmortems) {
    const fm = pm.frontMatter;
    const m = POSTMORTEM_FILE.exec(pm.path);
    if (m && fm.incident !== `INC-${m[2]}`)
      out.push(
        err(
          "postmortem-incident",
          `The front matter names ${fm.incident} but the file name says INC-${m[2]}.`,
          pm.src,
          "incident",
        ),
      );
    if (!recordFiles.has(fm.incident))
      out.push(
        err(
          "postmortem-incident",
          `${fm.incident} has no incident record (expected incidents/<year>/${fm.incident}.yaml).`,
          pm.src,
          "incident",
        ),
      );
    const context = {
      knownLogin,
      ...(opts.markdown !== false && { outline: () => outlineOf(pm.path) }),
      ...(opts.now && { at: opts.now }),
    };
    out.push(...checkPostmortem(pm, context));
  }

  // Playbooks
  for (const pb of org.playbooks) {
    const fm = pb.frontMatter;
    fm.services.forEach((s, i) => {
      if (!knownService(s))
        out.push(
          err(
            "unknown-service",
            `Service "${s}" is not in the catalogue in incidents/policy.yaml.`,
            at(pb.src, "services"),
            i,
          ),
        );
    });
    fm.owners.forEach((o, i) => {
      if (!knownLogin(o)) out.push(err("unknown-login", unknown(o, "Owner"), at(pb.src, "owners"), i));
    });
  }
  // Links and heading anchors of every playbook and postmortem.
  if (opts.markdown !== false)
    for (const doc of [...org.playbooks, ...org.postmortems])
      out.push(...checkLinks(doc, linkContext, () => outlineOf(doc.path)));
  if (opts.now && hasPolicy) {
    for (const s of stalePlaybooks(org.playbooks, opts.now, org.policy.playbookReviewDays)) {
      const pb = org.playbooks.find((p) => p.path === s.path)!;
      out.push(
        warn(
          "playbook-stale",
          `Last reviewed ${s.lastReviewed}, ${s.age} days ago ` +
            `(the policy asks for a review every ${org.policy.playbookReviewDays} days).`,
          pb.src,
          "lastReviewed",
        ),
      );
    }
  }
  return out;
}

/**
 * Chains of managers that loop back (a manages b, b manages a): fallbacks and trade approvals walk up
 * the chain, which must end at someone without a manager. One error per cycle, at its first member in
 * roster order; a person who is their own manager is reported by `self-manager` instead.
 */
function managerCycles(people: Organisation["people"]): Finding[] {
  const managerOf = new Map(people.map((p) => [p.login, p.manager]));
  const reported = new Set<string>();
  const out: Finding[] = [];
  for (const p of people) {
    if (reported.has(p.login)) continue;
    const chain: string[] = [];
    let at: string | undefined = p.login;
    while (at !== undefined && !chain.includes(at)) {
      chain.push(at);
      at = managerOf.get(at);
    }
    // The walk stopped at someone already seen: a cycle when that is where this person started.
    if (at !== p.login || chain.length < 2) continue;
    for (const login of chain) reported.add(login);
    const loop = [...chain, p.login].join(" -> ");
    const message =
      `The managers of ${chain.join(", ")} form a cycle (${loop}); ` + "the top of a management chain has no manager.";
    out.push(err("manager-cycle", message, p.src, "manager"));
  }
  return out;
}
