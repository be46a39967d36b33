/** The calendar concept: iCalendar feeds of the schedule and the static site that lists them. Its own room because
 * its libraries (ical-generator, the VTIMEZONE tables) are heavy: nothing that only asks who is on call loads them. */
export * from "./feed.js";
export * from "./site.js";
