/** The workhours concept's public surface: other folders import it only from here. */
export * from "./off-hours.js";
