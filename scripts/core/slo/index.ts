/** The slo concept's public surface: other folders import it only from here. */
export * from "./check.js";
export * from "./deadline.js";
export * from "./org-deadline.js";
export * from "./plan.js";
export * from "./report-issue.js";
export * from "./report.js";
export * from "./support-tier.js";
export * from "./watch.js";
export * from "./work-calendar.js";
