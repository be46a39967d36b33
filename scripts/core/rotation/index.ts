/** The rotation concept's public surface: other folders import it only from here. */
export * from "./availability.js";
export * from "./config.js";
export * from "./generate.js";
export * from "./handoffs.js";
export * from "./holiday-period.js";
export * from "./layer-groups.js";
export * from "./roster-changes.js";
export * from "./roster-view.js";
export * from "./round-order.js";
export * from "./slot-timeline.js";
export * from "./wall-clock.js";
export * from "./instant.js";
