/**
 * Consent to a trade: every person who gains or loses time on call must agree. The pull request's
 * author agrees by opening it; anyone else agrees by approving it, and a person's manager (from the
 * roster) may approve for them, unless the person's own latest review requests changes. Each
 * reviewer's latest review decides: a later "changes requested", or an approval dismissed (by a
 * maintainer, or by branch protection when new commits arrive), withdraws consent. Plain comment
 * reviews leave a reviewer's decision as it was, as on GitHub. Logins compare case-insensitively, as
 * GitHub's do.
 *
 * Consent is given to a change, not to a pull request: an approval counts only while the trade's
 * changes at the reviewed commit are the same as at the head (see {@link changeKeys}). A push that
 * leaves the effect alone (a rebase, a comment edit) keeps it; one that changes what the trade does
 * makes it stale. The caller passes the roster of the BASE revision, never the head's, so a pull
 * request cannot name its own author someone's manager.
 */
import type { Person } from "../model/index.js";
import type { TradeChange } from "./diff.js";

/** A review as GitHub lists it (`pulls.listReviews`). */
export interface ReviewInput {
  login: string;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING (any case). */
  state: string;
  /** ISO-8601; reviews without it keep list order. */
  submittedAt?: string | null;
  id?: number;
  /** The commit reviewed (`commit_id`); null when GitHub no longer names one. */
  commitId?: string | null;
}

type Decision = "approved" | "changes-requested" | "dismissed";

/** How the trade at a reviewed commit compares with the trade at the head. */
export type ReviewedCommit = "same" | "changed" | "unreadable";

/** An approval that would count but was given to another change (or to a commit that cannot be read). */
export interface StaleApproval {
  /** Who gave it: the person or their manager. */
  login: string;
  /** The commit it was given on (null when unknown). */
  commit: string | null;
  reason: Exclude<ReviewedCommit, "same">;
}

/** Where one affected person stands. */
export interface ConsentEntry {
  login: string;
  approved: boolean;
  /** Who gave consent: the person, or their manager. */
  by?: string;
  /** How: as the author, or by an approving review. */
  how?: "author" | "review";
  /** The person's own latest decision, when it withdrew consent. */
  withdrawn?: Exclude<Decision, "approved">;
  /** The manager who could approve for them. */
  manager?: string;
  /** An approval that stopped counting because the trade changed after it was given. */
  stale?: StaleApproval;
}

export interface Consent {
  entries: ConsentEntry[];
  /** True when everyone affected agrees (also when nobody is affected). */
  complete: boolean;
  /** Logins still to agree, sorted. */
  missing: string[];
  /** Approvals that stopped counting, one per reviewer (their reviews are requested again); absent when none. */
  stale?: StaleApproval[];
}

/** The head commit and, for every other reviewed commit, how the trade there compares with the head's. */
export interface HeadCommits {
  sha: string;
  reviewed: ReadonlyMap<string, ReviewedCommit>;
}

const lower = (s: string) => s.toLowerCase();

interface LatestDecision {
  login: string;
  decision: Decision;
  commitId?: string | null;
}

/** Each reviewer's latest decision, keyed by lower-cased login. */
export function latestDecisions(reviews: readonly ReviewInput[]): Map<string, LatestDecision> {
  const ordered = reviews
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const ta = a.r.submittedAt ? Date.parse(a.r.submittedAt) : Number.NaN;
      const tb = b.r.submittedAt ? Date.parse(b.r.submittedAt) : Number.NaN;
      if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
      return (a.r.id ?? a.i) - (b.r.id ?? b.i) || a.i - b.i;
    });
  const out = new Map<string, LatestDecision>();
  for (const { r } of ordered) {
    const state = r.state.toUpperCase();
    const decision: Decision | undefined =
      state === "APPROVED"
        ? "approved"
        : state === "CHANGES_REQUESTED"
          ? "changes-requested"
          : state === "DISMISSED"
            ? "dismissed"
            : undefined;
    if (decision)
      out.set(lower(r.login), { login: r.login, decision, ...(r.commitId !== undefined && { commitId: r.commitId }) });
  }
  return out;
}

/**
 * A canonical, order-free key of a trade's changes: layer, slot, instants (epoch ms, so zones and
 * formatting do not matter) and the two logins (lower-cased). Two pushes whose trades do the same
 * thing have equal keys whatever the text of the files.
 */
export function changeKeys(changes: readonly TradeChange[]): string {
  const one = (c: TradeChange) =>
    JSON.stringify([
      c.layer,
      c.slot,
      c.start.toMillis(),
      c.end.toMillis(),
      c.from && lower(c.from),
      c.to && lower(c.to),
    ]);
  return changes.map(one).sort().join("\n");
}

/** Whether an approval given on `commitId` still counts at the head; the reason when it does not. */
function freshness(commitId: string | null | undefined, head: HeadCommits | undefined): ReviewedCommit {
  if (!head) return "same";
  if (!commitId) return "unreadable";
  if (lower(commitId) === lower(head.sha)) return "same";
  return head.reviewed.get(commitId) ?? "unreadable";
}

/**
 * Who among `affected` has agreed, given the author, the reviews and the managers of `people` (the
 * base revision's roster). With `head`, approvals count only when given on the head or on a commit
 * whose trade is the same; without it (callers that judge reviews alone), every approval counts.
 */
export function evaluateConsent(input: {
  affected: readonly string[];
  author: string;
  reviews: readonly ReviewInput[];
  people: readonly Person[];
  head?: HeadCommits;
}): Consent {
  const decisions = latestDecisions(input.reviews);
  const approvers = new Map<string, "author" | "review">();
  const stale = new Map<string, StaleApproval>();
  for (const [key, d] of decisions) {
    if (d.decision !== "approved") continue;
    const fresh = freshness(d.commitId, input.head);
    if (fresh === "same") approvers.set(key, "review");
    else stale.set(key, { login: d.login, commit: d.commitId ?? null, reason: fresh });
  }
  approvers.set(lower(input.author), "author");
  const managers = new Map(input.people.map((p) => [lower(p.login), p.manager]));

  const entries = input.affected.map((login): ConsentEntry => {
    const manager = managers.get(lower(login));
    const entry: ConsentEntry = { login, approved: false, ...(manager && { manager }) };
    const own = approvers.get(lower(login));
    const viaManager = manager ? approvers.get(lower(manager)) : undefined;
    const mine = decisions.get(lower(login))?.decision;
    if (own) Object.assign(entry, { approved: true, by: login, how: own });
    // A person's own "changes requested" is an objection their manager cannot overrule; a dismissed
    // approval is not, so a manager's approval still counts then.
    else if (manager && viaManager && mine !== "changes-requested")
      Object.assign(entry, { approved: true, by: manager, how: viaManager });
    if (!entry.approved && mine && mine !== "approved") entry.withdrawn = mine;
    if (!entry.approved) {
      const was =
        stale.get(lower(login)) ?? (manager && mine !== "changes-requested" ? stale.get(lower(manager)) : undefined);
      if (was) entry.stale = was;
    }
    return entry;
  });
  const missing = entries
    .filter((e) => !e.approved)
    .map((e) => e.login)
    .sort((a, b) => a.localeCompare(b));
  const staleOnce = new Map(entries.flatMap((e) => (e.stale ? [[lower(e.stale.login), e.stale] as const] : [])));
  return {
    entries,
    complete: missing.length === 0,
    missing,
    ...(staleOnce.size > 0 && { stale: [...staleOnce.values()] }),
  };
}
