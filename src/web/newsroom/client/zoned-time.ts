/**
 * Wall-clock times in an IANA zone ↔ UTC instants, for the schedule field: an editor types the time
 * in the site's zone (a `datetime-local` value, which carries no zone), the API stores UTC.
 */
import { zoneOffsetMinutes as offsetMinutesAt } from '#src/lib/dateline.ts';

/** "2026-03-01T09:00" read in `timeZone` → ISO UTC instant; null for a malformed value. */
export function zonedLocalToUtc(local: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const wall = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +(s ?? 0));
  // The offset at the wall time read as UTC is right except near a change; a second pass settles it.
  let instant = wall - offsetMinutesAt(wall, timeZone) * 60000;
  instant = wall - offsetMinutesAt(instant, timeZone) * 60000;
  return new Date(instant).toISOString();
}

/**
 * The day after `date` ("2026-12-31") begins, in `timeZone`: when something that lasts "until the
 * end of that day" (an API key, a licence) stops. Null for anything that is not a real calendar date.
 */
export function endOfDay(date: string, timeZone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) return null;
  const next = new Date(day.getTime() + 24 * 60 * 60 * 1000).toISOString().slice(0, 16);
  return zonedLocalToUtc(next, timeZone);
}

/** ISO UTC instant → "2026-03-01T09:00" in `timeZone`, the value a `datetime-local` input takes. */
export function utcToZonedLocal(iso: string, timeZone: string): string {
  const epoch = new Date(iso).getTime();
  const shifted = new Date(epoch + offsetMinutesAt(epoch, timeZone) * 60000);
  return shifted.toISOString().slice(0, 16);
}

/** "27 Nov, 10:28" ("27 нояб., 10:28") in `timeZone`, in `locale`: how the editor shows dates of notices. */
export function formatZonedShort(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    day: '2-digit',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** "10:28" in `timeZone`: the wall-clock time of a save. */
export function formatZonedClock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** The time ("14:32") and the day ("27 Nov", "27 нояб.") of an instant in `timeZone`, for a sentence that says when something was kept. */
export function zonedTimeAndDay(iso: string, timeZone: string, locale: string): { time: string; day: string } {
  const day = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short' }).format(new Date(iso));
  return { time: formatZonedClock(iso, timeZone), day };
}
