/**
 * Sizes of the synthetic organisation. FULL is the organisation the targets in BENCHMARKS.md are
 * stated for; QUICK is for `npm run bench -- --quick` (a smoke run); TINY is for the unit test.
 */
export interface OrgSize {
  /** Everyone on the roster, managers (who only stand in as fallbacks) included. */
  people: number;
  /** Regular layers, each with an explicit `members` list. */
  layers: number;
  /** Years of weekly shifts published from the rotation's start date. */
  years: number;
  incidents: number;
  /** Postmortems; each belongs to a P1 or P2 incident, so at most about 15% of `incidents`. */
  postmortems: number;
  playbooks: number;
}

export const FULL: OrgSize = {
  people: 300,
  layers: 8,
  years: 5,
  incidents: 20_000,
  postmortems: 3_000,
  playbooks: 500,
};
export const QUICK: OrgSize = { people: 120, layers: 8, years: 2, incidents: 2_000, postmortems: 300, playbooks: 50 };
export const TINY: OrgSize = { people: 24, layers: 3, years: 1, incidents: 40, postmortems: 6, playbooks: 6 };
