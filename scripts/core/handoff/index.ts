/** The handoff concept's public surface: other folders import it only from here. */
export * from "./phases.js";
export * from "./issue.js";
export * from "./lateness.js";
export * from "./people.js";
export * from "./run-plan.js";
