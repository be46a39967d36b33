/**
 * The language of dates in everything the product writes (comments, summaries, CLI output): English
 * month and weekday names whatever the machine's locale, so a German laptop and a GitHub runner print
 * the same "Mon 7 Dec". Entry points call {@link useEnglishDates} once before anything else.
 *
 * It also spares luxon asking Intl for the system locale on the first date it formats or parses,
 * which is a measurable part of a cold start.
 */
import { Settings } from "luxon";

const TEXT_LOCALE = "en-US";

export function useEnglishDates(): void {
  Settings.defaultLocale = TEXT_LOCALE;
}
