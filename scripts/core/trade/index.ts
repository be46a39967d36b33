/** The trade concept's public surface: other folders import it only from here. */
export * from "./check.js";
export * from "./comment.js";
export * from "./consent.js";
export * from "./diff.js";
export * from "./edits.js";
export * from "./event.js";
export * from "./past.js";
export * from "./plan.js";
export * from "./shift-changes.js";
export * from "./summary.js";
export * from "./weeks.js";
