/**
 * Datelines and display dates in an IANA time zone. Offsets come from the ICU time-zone database
 * Node ships, so historical changes (Kazakhstan's move from UTC+6 to UTC+5 on 1 March 2024) come
 * out right on both sides.
 */

type Parts = { day: string; month: string; year: string; hour: string; minute: string };

// Building an Intl.DateTimeFormat costs far more than using one (it was 8% of an uncached page
// render), so each zone's formatters are made once.
const formatters = new Map<string, Intl.DateTimeFormat>();

function memoizedFormatter(locale: string, options: Intl.DateTimeFormatOptions & { timeZone: string }): Intl.DateTimeFormat {
  const key = `${locale}|${options.timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The seed page's parts: "08", "February", "2023", "10", "28". */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return memoizedFormatter('en-GB', { timeZone, day: '2-digit', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** Numeric wall-clock parts to the second, for offsets. */
function wallClockFormatterFor(timeZone: string): Intl.DateTimeFormat {
  return memoizedFormatter('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
}

function partsOf(instant: string, timeZone: string): Parts {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return { day: parts.day!, month: parts.month!, year: parts.year!, hour: parts.hour!, minute: parts.minute! };
}

/** "08 February, 2023 | 10:28": the seed page's date format, in the given zone. */
export function formatDatelineDate(instant: string, timeZone: string): string {
  const p = partsOf(instant, timeZone);
  return `${p.day} ${p.month}, ${p.year} | ${p.hour}:${p.minute}`;
}

/** "08 February, 2023": a date without the time, for lists. */
export function formatShortDate(instant: string, timeZone: string): string {
  const p = partsOf(instant, timeZone);
  return `${p.day} ${p.month}, ${p.year}`;
}

/** "Astana, Kazakhstan": how a place is named in datelines, pickers and revision diffs. */
export function placeLabel(place: { city: string; country: string }): string {
  return `${place.city}, ${place.country}`;
}

/** "Astana, Kazakhstan • 08 February, 2023 | 10:28"; without a place, just the date. */
export function formatDateline(instant: string, timeZone: string, place?: { city: string; country: string }): string {
  const date = formatDatelineDate(instant, timeZone);
  return place ? `${placeLabel(place)} • ${date}` : date;
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
