/** The handoff concept's public surface: other folders import it only from here. */
export * from "./instants.js";
export * from "./markdown.js";
export * from "./model.js";
export * from "./off-hours.js";
export * from "./report.js";
export * from "./summary.js";
export * from "./text.js";
export * from "./phases.js";
export * from "./issue.js";
export * from "./lateness.js";
export * from "./run-plan.js";
export * from "./open-incident.js";
