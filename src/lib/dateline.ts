/**
 * Datelines and display dates in an IANA time zone. Offsets come from the ICU time-zone database
 * Node ships, so historical changes (Kazakhstan's move from UTC+6 to UTC+5 on 1 March 2024) come
 * out right on both sides.
 */

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

/** The parts of a dateline at `instant` in `timeZone`, month named in `locale` (an Intl locale, e.g. 'en-GB', 'ru', 'kk'). */
export function zonedDateParts(instant: string, timeZone: string, locale: string): ZonedDateParts {
  const parts = Object.fromEntries(
    datePartsFormatterFor(locale, timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return { day: parts.day!, month: parts.month!, year: parts.year!, hour: parts.hour!, minute: parts.minute! };
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

/** The zone's offset from UTC at an instant, in minutes (+360 for Asia/Almaty in 2023, +300 after March 2024). */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    wallClockFormatterFor(timeZone)
      .formatToParts(new Date(epochMs))
      .map((p) => [p.type, p.value]),
  );
  const wallAsUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((wallAsUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
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
