/**
 * The dashboard concept: the static site of who is on call, the coming weeks, incidents, SLO, fairness
 * and people. Its own room because its chart library (Observable Plot on linkedom) is heavy: only
 * `oncall site` and the schedule action load it.
 */
export { dashboardSite } from "./site.js";
export { triageOrder } from "./incidents-page.js";
