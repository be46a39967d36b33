/**
 * Consent to a trade: every person who gains or loses time on call must agree. The pull request's
 * author agrees by opening it; anyone else agrees by approving it, and a person's manager (from the
 * roster) may approve for them, unless the person's own latest review requests changes. Each reviewer's latest review decides: a later "changes requested",
 * or an approval dismissed (by a maintainer, or by branch protection when new commits arrive),
 * withdraws consent. Plain comment reviews leave a reviewer's decision as it was, as on GitHub.
 * Logins compare case-insensitively, as GitHub's do.
 */
import type { Person } from "./model.js";

/** A review as GitHub lists it (`pulls.listReviews`). */
export interface ReviewInput {
  login: string;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING (any case). */
  state: string;
  /** ISO-8601; reviews without it keep list order. */
  submittedAt?: string | null;
  id?: number;
}

export type Decision = "approved" | "changes-requested" | "dismissed";

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
}

export interface Consent {
  entries: ConsentEntry[];
  /** True when everyone affected agrees (also when nobody is affected). */
  complete: boolean;
  /** Logins still to agree, sorted. */
  missing: string[];
}

const lower = (s: string) => s.toLowerCase();

/** Each reviewer's latest decision, keyed by lower-cased login. */
export function latestDecisions(reviews: readonly ReviewInput[]): Map<string, { login: string; decision: Decision }> {
  const ordered = reviews
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const ta = a.r.submittedAt ? Date.parse(a.r.submittedAt) : Number.NaN;
      const tb = b.r.submittedAt ? Date.parse(b.r.submittedAt) : Number.NaN;
      if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb;
      return (a.r.id ?? a.i) - (b.r.id ?? b.i) || a.i - b.i;
    });
  const out = new Map<string, { login: string; decision: Decision }>();
  for (const { r } of ordered) {
    const state = r.state.toUpperCase();
    const decision: Decision | undefined = state === "APPROVED" ? "approved" : state === "CHANGES_REQUESTED" ? "changes-requested" : state === "DISMISSED" ? "dismissed" : undefined;
    if (decision) out.set(lower(r.login), { login: r.login, decision });
  }
  return out;
}

/** Who among `affected` has agreed, given the author, the reviews and the roster's managers. */
export function evaluateConsent(input: { affected: readonly string[]; author: string; reviews: readonly ReviewInput[]; people: readonly Person[] }): Consent {
  const decisions = latestDecisions(input.reviews);
  const approvers = new Map<string, "author" | "review">();
  for (const [key, d] of decisions) if (d.decision === "approved") approvers.set(key, "review");
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
    else if (manager && viaManager && mine !== "changes-requested") Object.assign(entry, { approved: true, by: manager, how: viaManager });
    if (!entry.approved && mine && mine !== "approved") entry.withdrawn = mine;
    return entry;
  });
  const missing = entries.filter((e) => !e.approved).map((e) => e.login).sort((a, b) => a.localeCompare(b));
  return { entries, complete: missing.length === 0, missing };
}
