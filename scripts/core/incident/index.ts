/** The incident concept's public surface: other folders import it only from here. */
export * from "./bounds.js";
export * from "./commands.js";
export * from "./comment.js";
export * from "./effects.js";
export * from "./form.js";
export * from "./limits.js";
export * from "./marker.js";
export * from "./model.js";
export * from "./open.js";
export * from "./plan.js";
export * from "./record.js";
export * from "./state.js";
export * from "./org-view.js";
