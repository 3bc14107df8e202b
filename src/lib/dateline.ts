/**
 * Datelines and display dates in an IANA time zone. Offsets come from the ICU time-zone database
 * Node ships, so historical changes (Kazakhstan's move from UTC+6 to UTC+5 on 1 March 2024) come
 * out right on both sides.
 */
import { rememberBounded, rememberedOr } from './bounded-memo.ts';

/** The wall-clock parts of an instant in a zone, named in a locale ("08", "февраля", "2023", "10", "28"). */
export type ZonedDateParts = { day: string; month: string; year: string; hour: string; minute: string };

// Building an Intl.DateTimeFormat costs far more than using one (it was 8% of an uncached page
// render), so each (kind, locale, zone) formatter is made once.
const formatters = new Map<string, Intl.DateTimeFormat>();

function memoizedFormatter(kind: string, locale: string, options: Intl.DateTimeFormatOptions & { timeZone: string }): Intl.DateTimeFormat {
  const key = `${kind}|${locale}|${options.timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Day, month name, year, hour and minute. The month is the form a locale uses next to a day number:
 * the genitive in Russian ("08 февраля"), the nominative in Kazakh and English.
 */
function datePartsFormatterFor(locale: string, timeZone: string): Intl.DateTimeFormat {
  return memoizedFormatter('date', locale, { timeZone, day: '2-digit', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** Numeric wall-clock parts to the second, for offsets. */
function wallClockFormatterFor(timeZone: string): Intl.DateTimeFormat {
  return memoizedFormatter('wall', 'en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
}

/** Day, month name and year of each (locale, wall-clock date) already formatted: a list page shows a few days many times. */
const datePartsByDay = new Map<string, Pick<ZonedDateParts, 'day' | 'month' | 'year'>>();

/** The parts of a dateline at `instant` in `timeZone`, month named in `locale` (an Intl locale, e.g. 'en-GB', 'ru', 'kk'). */
export function zonedDateParts(instant: string, timeZone: string, locale: string): ZonedDateParts {
  // The wall clock is the instant moved by the zone's offset, read in UTC; only the names of its
  // date need Intl (formatToParts was a tenth of a list page's render), and those repeat.
  const epochMs = new Date(instant).getTime();
  const wall = new Date(epochMs + zoneOffsetMinutes(epochMs, timeZone) * 60_000);
  const dayKey = `${locale}|${wall.toISOString().slice(0, 10)}`;
  const date = rememberedOr(datePartsByDay, MEMO_LIMIT, dayKey, () => {
    const parts = Object.fromEntries(
      datePartsFormatterFor(locale, 'UTC')
        .formatToParts(wall)
        .map((p) => [p.type, p.value]),
    );
    return { day: parts.day!, month: parts.month!, year: parts.year! };
  });
  return { ...date, hour: String(wall.getUTCHours()).padStart(2, '0'), minute: String(wall.getUTCMinutes()).padStart(2, '0') };
}

/**
 * "08 February, 2023 | 10:28" in the given zone, in English: the newsroom's date format. The
 * public site formats dates in each page's language through src/i18n/translator.ts.
 */
export function formatDatelineDate(instant: string, timeZone: string): string {
  const p = zonedDateParts(instant, timeZone, 'en-GB');
  return `${p.day} ${p.month}, ${p.year} | ${p.hour}:${p.minute}`;
}

/** "Astana, Kazakhstan": how a place is named in datelines, pickers and revision diffs. */
export function placeLabel(place: { city: string; country: string }): string {
  return `${place.city}, ${place.country}`;
}

/** Entries each memo of this module holds at most before it starts again (a few MB). */
const MEMO_LIMIT = 50_000;

/** Zone offsets change only at transitions, on a quarter hour of UTC: each zone's offset by quarter hour. */
const QUARTER_HOUR_MS = 15 * 60_000;
const offsetsByQuarterHour = new Map<string, number>();

/**
 * Each zone's offset by UTC day, for the days with one offset from their first second to their
 * last; null for a day with a transition in it (those go by quarter hour). A random archive
 * article's instant is in a quarter hour nobody asked for yet (three formatToParts calls, ~3% of an
 * uncached article page), but on a day already seen. Two transitions of one zone are never within
 * a day of each other (the closest pair in tzdata 2025, Africa/Freetown 1939, are four days apart),
 * so a day whose two ends agree has no transition in it.
 */
const DAY_MS = 86_400_000;
const offsetsByDay = new Map<string, Map<number, number | null>>();

function exactOffsetMinutes(epochMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    wallClockFormatterFor(timeZone)
      .formatToParts(new Date(epochMs))
      .map((p) => [p.type, p.value]),
  );
  const wallAsUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((wallAsUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
}

/** The zone's offset on the UTC day of `epochMs` when the day has one offset throughout, else null. */
function dayOffsetMinutes(epochMs: number, timeZone: string): number | null {
  const days = rememberedOr(offsetsByDay, MEMO_LIMIT, timeZone, () => new Map<number, number | null>());
  return rememberedOr(days, MEMO_LIMIT, Math.floor(epochMs / DAY_MS), (day) => {
    const start = day * DAY_MS;
    const first = exactOffsetMinutes(start, timeZone);
    return exactOffsetMinutes(start + DAY_MS - 1000, timeZone) === first ? first : null;
  });
}

/** The zone's offset from UTC at an instant, in minutes (+360 for Asia/Almaty in 2023, +300 after March 2024). */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  const ofDay = dayOffsetMinutes(epochMs, timeZone);
  if (ofDay !== null) return ofDay;
  const quarter = Math.floor(epochMs / QUARTER_HOUR_MS);
  const key = `${timeZone}|${quarter}`;
  const known = offsetsByQuarterHour.get(key);
  if (known !== undefined) return known;
  const offset = exactOffsetMinutes(epochMs, timeZone);
  // Remembered only when the quarter hour has one offset from its start to its end (old local mean times changed at odd seconds).
  const start = quarter * QUARTER_HOUR_MS;
  if (exactOffsetMinutes(start, timeZone) === offset && exactOffsetMinutes(start + QUARTER_HOUR_MS - 1000, timeZone) === offset) {
    rememberBounded(offsetsByQuarterHour, MEMO_LIMIT, key, offset);
  }
  return offset;
}

/** ISO-8601 with the zone's offset at that instant ("2023-02-08T10:28:00+06:00"), for JSON-LD and <time>. */
export function toZonedIso(instant: string, timeZone: string): string {
  const epochMs = new Date(instant).getTime();
  const offsetMinutes = zoneOffsetMinutes(epochMs, timeZone);
  const wall = new Date(Math.floor(epochMs / 1000) * 1000 + offsetMinutes * 60000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Whether the runtime knows this IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
