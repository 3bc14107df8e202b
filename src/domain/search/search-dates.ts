import { zoneOffsetMinutes } from '#src/lib/dateline.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The UTC instant at which a calendar day (YYYY-MM-DD, as an <input type="date"> sends it) starts
 * in `timeZone`, or undefined for anything that is not a real date between years 1000 and 9999.
 * Readers pick days as the site's dateline shows them, so the day is the site's.
 */
export function dayStartIn(date: string, timeZone: string): string | undefined {
  const match = DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const wall = Date.UTC(year, month - 1, day);
  const check = new Date(wall);
  if (year < 1000 || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  // The offset at the wall time, then again at the instant it gives (a zone that changed that day).
  let instant = wall - zoneOffsetMinutes(wall, timeZone) * 60000;
  instant = wall - zoneOffsetMinutes(instant, timeZone) * 60000;
  return new Date(instant).toISOString();
}

/** The UTC instant at which the day after `date` starts in `timeZone` (the exclusive end of a "to" date), or undefined. */
export function dayEndIn(date: string, timeZone: string): string | undefined {
  const start = dayStartIn(date, timeZone);
  if (start === undefined) return undefined;
  const next = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + 1));
  return dayStartIn(next.toISOString().slice(0, 10), timeZone);
}
