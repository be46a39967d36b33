/** The model concept's public surface: other folders import it only from here. */
export * from "./errors.js";
export * from "./files.js";
export * from "./model.js";
export * from "./problem.js";
export * from "./safe-text.js";
export * from "./text-locale.js";
export * from "./effects.js";
export * from "./markers.js";
