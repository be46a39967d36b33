/**
 * The one pull request comment a trade gets (updated in place on every run): the plain-words summary,
 * where consent stands, the problems, the changed stretches, and a before/after table per affected
 * person. People are named in code spans, never @-mentioned: the review requests notify them once,
 * where a mention would ping them again on every edit. Text that comes from the files (problem
 * messages quote values) is made safe for Markdown.
 */
import type { DateTime } from "luxon";
import type { Consent, ConsentEntry, StaleApproval } from "./consent.js";
import type { TradeCheck } from "./check.js";
import type { PersonWeeks } from "./weeks.js";
import { safeInline } from "../model/index.js";
import { offsetName } from "../rotation/index.js";

/**
 * Who earlier runs asked to review, kept in the comment itself as a hidden line: the event payload's
 * list of requested reviewers is as old as the event, so a re-run would otherwise ask (and notify)
 * the same people again. Only the bot's own comment is ever read for it.
 */
function askedLine(logins: readonly string[]): string {
  return `<!-- oncall:trade-asked ${[...logins].sort((a, b) => a.localeCompare(b)).join(",")} -->`;
}

/** The logins {@link askedLine} recorded in a comment body (none when absent). */
export function askedIn(body: string | null | undefined): string[] {
  const m = /<!-- oncall:trade-asked ([A-Za-z0-9,_-]*) -->/.exec(body ?? "");
  return m?.[1] ? m[1].split(",").filter(Boolean) : [];
}

/**
 * Approvals whose reviews were requested again because the trade changed after them, kept in the
 * comment as `login@commit` so that each stale approval is re-requested once, not on every run.
 */
function reaskedLine(keys: readonly string[]): string {
  return `<!-- oncall:trade-reasked ${[...keys].sort((a, b) => a.localeCompare(b)).join(",")} -->`;
}

/** The keys {@link reaskedLine} recorded in a comment body (none when absent). */
export function reaskedIn(body: string | null | undefined): string[] {
  const m = /<!-- oncall:trade-reasked ([A-Za-z0-9,@_-]*) -->/.exec(body ?? "");
  return m?.[1] ? m[1].split(",").filter(Boolean) : [];
}

/** The key of a stale approval in {@link reaskedLine}: the reviewer and the commit they approved. */
export function staleKey(s: StaleApproval): string {
  return `${s.login.toLowerCase()}@${s.commit ?? "unknown"}`;
}

/** The commit status's state and description (GitHub keeps at most 140 characters). */
export interface TradeVerdict {
  state: "success" | "pending" | "failure";
  description: string;
}

/** Fails on problems, waits for missing consent, else succeeds. */
export function tradeVerdict(check: TradeCheck, consent: Consent): TradeVerdict {
  const n = check.problems.length;
  if (n) return { state: "failure", description: `${n} problem${n === 1 ? "" : "s"} to fix: see the trade comment` };
  if (!consent.complete)
    return { state: "pending", description: cut(`Waiting for approval from ${consent.missing.join(", ")}`, 140) };
  if (!check.affected.length)
    return {
      state: "success",
      description: check.published.length
        ? "Publishes new shifts; no published shift changes"
        : "No published shift changes",
    };
  return { state: "success", description: `All ${check.affected.length} affected people agreed` };
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const code = (login: string) => `\`${login}\``;

/**
 * Caps that keep the comment far below GitHub's 65,536 characters whatever the trade (a roster edit
 * can move many shifts); the CLI's `trade check` always lists everything.
 */
export const LIMITS = { problems: 30, changes: 40, people: 12 } as const;

function capped(lines: string[], max: number, more: (n: number) => string): string[] {
  return lines.length > max ? [...lines.slice(0, max), more(lines.length - max)] : lines;
}

function agreedHow(e: ConsentEntry): string {
  const manager = e.by !== undefined && e.by !== e.login ? code(e.by) : undefined;
  if (e.how === "author") return manager ? `opened by their manager ${manager}` : "author of the pull request";
  return manager ? `approved by their manager ${manager}` : "approved";
}

function consentLine(e: ConsentEntry): string {
  const who = code(e.login);
  if (e.approved) return `| ${who} | ✅ | ${agreedHow(e)} |`;
  const how = e.manager ? `${who} or their manager ${code(e.manager)} to approve` : `${who} to approve`;
  if (e.stale) return `| ${who} | ⏳ | ${staleWhy(e, e.stale)}; waiting for ${how} again |`;
  const why =
    e.withdrawn === "changes-requested"
      ? "requested changes; waiting for "
      : e.withdrawn === "dismissed"
        ? "approval was dismissed; waiting for "
        : "waiting for ";
  return `| ${who} | ⏳ | ${why}${how} |`;
}

/** Why an approval stopped counting, in words: which commit it was given on and what happened since. */
function staleWhy(e: ConsentEntry, s: StaleApproval): string {
  const who = s.login.toLowerCase() === e.login.toLowerCase() ? "approved" : `their manager ${code(s.login)} approved`;
  const commit = s.commit ? ` ${s.commit.slice(0, 7)}` : "";
  return s.reason === "changed"
    ? `${who}${commit}, but a later push changed what the trade does`
    : `${who}${commit}, a commit that can no longer be read (force-pushed away?), so that approval no longer counts`;
}

function problemLine(p: TradeCheck["problems"][number]): string {
  const where = p.line > 0 ? `${p.file}:${p.line}${p.column > 0 ? `:${p.column}` : ""}` : p.file;
  return `- \`${where}\` ${safeInline(p.message, 600)}`;
}

/** The comment's Markdown (the adapter appends the hidden marker). */
export function renderTradeComment(input: {
  check: TradeCheck;
  consent: Consent;
  weeks: readonly PersonWeeks[];
  headSha: string;
  now: DateTime;
  asked?: readonly string[];
  reasked?: readonly string[];
}): string {
  const { check, consent } = input;
  const zone = check.after.config.timezone;
  const verdict = tradeVerdict(check, consent);
  const icon = verdict.state === "success" ? "✅" : verdict.state === "pending" ? "⏳" : "❌";
  const out: string[] = [
    "### On-call trade check",
    "",
    `> ${safeInline(check.summary, 2000)}`,
    "",
    `${icon} **${verdict.description}**`,
    "",
  ];

  if (consent.entries.length) {
    out.push(
      "#### Consent",
      "",
      "Everyone who gains or loses time on call approves this pull request; the author counts, and a manager may approve for their report " +
        "(managers as the base branch has them). An approval counts while the trade does what it did when it was given.",
      "",
    );
    out.push("| Person | Agreed | |", "| --- | --- | --- |", ...consent.entries.map(consentLine), "");
  }
  if (check.problems.length)
    out.push(
      "#### Problems",
      "",
      ...capped(
        check.problems.map(problemLine),
        LIMITS.problems,
        (n) => `- … and ${n} more (run \`oncall trade check\` for all)`,
      ),
      "",
    );
  if (check.warnings.length)
    out.push(
      "#### Warnings",
      "",
      ...capped(check.warnings.map(problemLine), LIMITS.problems, (n) => `- … and ${n} more`),
      "",
    );
  if (check.existing.length)
    out.push(
      `<sub>${check.existing.length} problem(s) already on the base branch are not counted against this change.</sub>`,
      "",
    );

  if (check.changes.length) {
    const f = "ccc d LLL HH:mm";
    out.push(
      "#### Changes",
      "",
      "| Layer | From | Until | Was on call | Now on call |",
      "| --- | --- | --- | --- | --- |",
    );
    const rows = check.changes.map(
      (c) =>
        `| ${c.layer} | ${c.start.setZone(zone).toFormat(f)} | ${c.end.setZone(zone).toFormat(f)} | ${c.from ? code(c.from) : "nobody"} | ${c.to ? code(c.to) : "nobody"} |`,
    );
    out.push(...capped(rows, LIMITS.changes, (n) => `| … | ${n} more | | | |`), "");
  }
  if (input.weeks.length) {
    out.push("#### Before and after, by person", "");
    for (const p of input.weeks.slice(0, LIMITS.people)) {
      out.push(
        `<details open><summary><code>${p.login}</code></summary>`,
        "",
        "| Week of | Before | After |",
        "| --- | --- | --- |",
      );
      for (const r of p.rows) {
        const mark = r.changed ? " **(changed)**" : "";
        out.push(
          `| ${r.weekStart.toFormat("ccc d LLL")}${mark} | ${r.before.join("<br>") || "-"} | ${r.after.join("<br>") || "-"} |`,
        );
      }
      out.push("", "</details>", "");
    }
    if (input.weeks.length > LIMITS.people)
      out.push(
        `<sub>${input.weeks.length - LIMITS.people} more people are affected; \`oncall trade check\` lists every change.</sub>`,
        "",
      );
  }
  if (input.asked?.length) out.push(askedLine(input.asked));
  if (input.reasked?.length) out.push(reaskedLine(input.reasked));
  out.push(
    `<sub>Checked ${input.headSha.slice(0, 7)} as of ${input.now.setZone(zone).toFormat("ccc d LLL yyyy HH:mm")} ${offsetName(input.now.setZone(zone))}; times are ${zone}. Reruns when the pull request changes or a review arrives.</sub>`,
  );
  return out.join("\n");
}

/**
 * The consent check run's text: the summary, the verdict and where each person stands, without the
 * comment's time stamp, so an unchanged verdict leaves the check run unchanged. Capped far below
 * GitHub's 65,535 characters for a check run summary.
 */
export function renderCheckSummary(check: TradeCheck, consent: Consent): string {
  const verdict = tradeVerdict(check, consent);
  const out = [`> ${safeInline(check.summary, 2000)}`, "", `**${verdict.description}**`, ""];
  if (consent.entries.length) {
    const rows = consent.entries.map(consentLine);
    out.push(
      "| Person | Agreed | |",
      "| --- | --- | --- |",
      ...capped(rows, LIMITS.changes, (n) => `| … | ${n} more | |`),
      "",
    );
  }
  if (check.problems.length)
    out.push(`${check.problems.length} problem(s): see the trade comment on the pull request.`);
  return cut(out.join("\n"), 60_000);
}
