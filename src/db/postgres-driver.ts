import type pg from 'pg';

// PostgreSQL keeps real timestamptz columns; the domain sees ISO-8601 strings on both databases.
const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;

let driver: Promise<typeof pg> | undefined;

/**
 * The `pg` driver, loaded at the first PostgreSQL connection rather than at start: an install on
 * SQLite never needs it, and evaluating it (with the fetch machinery its stream module touches) was
 * about 5% of a start-up's CPU. Its type parsers are set once, before any connection exists.
 */
export function postgresDriver(): Promise<typeof pg> {
  driver ??= import('pg').then(({ default: loaded }) => {
    loaded.types.setTypeParser(TIMESTAMPTZ_OID, (value) => new Date(value).toISOString());
    // count(*) and sums come back as int8; our counts fit in a double.
    loaded.types.setTypeParser(INT8_OID, (value) => Number(value));
    return loaded;
  });
  return driver;
}
