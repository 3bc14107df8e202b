import type { Executor } from '#src/db/database.ts';
import { Invalid } from '#src/lib/errors.ts';
import { isValidTimeZone } from '#src/lib/dateline.ts';
import { requireName } from '#src/domain/sections/slug-format.ts';

/** A place a story is filed from; its IANA zone sets the dateline's clock. */
export type Location = { id: number; city: string; country: string; timeZone: string };

export type LocationInput = { city: string; country: string; timeZone: string };

const COLUMNS = ['id', 'city', 'country', 'time_zone'] as const;

function toLocation(row: { id: number; city: string; country: string; time_zone: string }): Location {
  return { id: row.id, city: row.city, country: row.country, timeZone: row.time_zone };
}

function checkZone(timeZone: string): string {
  // Only canonical-looking IANA names ("Asia/Almaty", "UTC"), not offsets like "+05:00".
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(timeZone) || !isValidTimeZone(timeZone)) {
    throw new Invalid('timeZone', `"${timeZone}" is not an IANA time zone name such as Asia/Almaty.`);
  }
  return timeZone;
}

async function assertPlaceFree(db: Executor, city: string, country: string, exceptId?: number): Promise<void> {
  let query = db.selectFrom('locations').select('id').where('city', '=', city).where('country', '=', country);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw new Invalid('city', `${city}, ${country} is already a location.`);
}

/** Creates a location; answers its id. The zone must be a valid IANA name. */
export async function createLocation(db: Executor, input: LocationInput): Promise<number> {
  const city = requireName(input.city, 'city', 100);
  const country = requireName(input.country, 'country', 100);
  const timeZone = checkZone(input.timeZone);
  await assertPlaceFree(db, city, country);
  const { id } = await db
    .insertInto('locations')
    .values({ city, country, time_zone: timeZone })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Changes the given fields of a location; answers whether it existed. */
export async function updateLocation(db: Executor, id: number, changes: Partial<LocationInput>): Promise<boolean> {
  const current = await findLocationById(db, id);
  if (!current) return false;
  const city = changes.city !== undefined ? requireName(changes.city, 'city', 100) : current.city;
  const country = changes.country !== undefined ? requireName(changes.country, 'country', 100) : current.country;
  const timeZone = changes.timeZone !== undefined ? checkZone(changes.timeZone) : current.timeZone;
  if (city !== current.city || country !== current.country) await assertPlaceFree(db, city, country, id);
  await db.updateTable('locations').set({ city, country, time_zone: timeZone }).where('id', '=', id).execute();
  return true;
}

/** The location with this id, if any. */
export async function findLocationById(db: Executor, id: number): Promise<Location | undefined> {
  const row = await db.selectFrom('locations').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toLocation(row) : undefined;
}

/** Every location, by country then city. */
export async function listLocations(db: Executor): Promise<Location[]> {
  const rows = await db.selectFrom('locations').select(COLUMNS).orderBy('country').orderBy('city').orderBy('id').execute();
  return rows.map(toLocation);
}
