import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type DatabaseHandle } from '#src/db/database.ts';
import { MIGRATIONS, migrateToLatest, type MigrationContext } from '#src/db/migrator.ts';
import { runAdminQuery, withPostgresLock } from './test-server.ts';

/**
 * An empty database of its own, not migrated: a SQLite file, or a PostgreSQL schema when
 * DATABASE_URL names one (created and dropped under the test servers' lock).
 */
export async function openEmptyDatabase(): Promise<{ handle: DatabaseHandle; context: MigrationContext; dispose(): Promise<void> }> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-migration-'));
    const handle = openDatabase({ database: { kind: 'sqlite', file: path.join(dir, 'qalam.db') } });
    return {
      handle,
      context: { kind: 'sqlite', id: 'integer', timestamp: 'text' },
      async dispose() {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = (statement: string) => runAdminQuery(databaseUrl, statement);
  await withPostgresLock(databaseUrl, () => admin(`create schema ${schema}`));
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const handle = openDatabase({ database: { kind: 'postgres', url: url.toString() } });
  return {
    handle,
    context: { kind: 'postgres', id: 'serial', timestamp: 'timestamptz' },
    async dispose() {
      await handle.close();
      await withPostgresLock(databaseUrl, () => admin(`drop schema ${schema} cascade`));
    },
  };
}


/**
 * Brings a database from openEmptyDatabase up to date. On PostgreSQL under the test servers' lock:
 * the first install of pg_trgm (migration 0009) must not race another test's.
 */
export async function migrateEmptyDatabase(handle: DatabaseHandle): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) await withPostgresLock(databaseUrl, () => migrateToLatest(handle));
  else await migrateToLatest(handle);
}

/**
 * Runs the migrations before `name`, in name order as Kysely's migrator does (in one transaction on
 * PostgreSQL; one by one on SQLite, which has no transactional DDL and whose migration 0011 turns
 * foreign keys off around a transaction of its own), so a test can write rows as an older install
 * had them and then run `name` itself. Under the test servers' lock on PostgreSQL, for the same
 * reasons as migrateEmptyDatabase.
 */
export async function migrateUpTo(database: { handle: DatabaseHandle; context: MigrationContext }, name: string): Promise<void> {
  await runMigrations(database, (key) => key < name);
}

/**
 * Runs the migrations after `name` (a test that ran `name` itself on old rows, then asks today's
 * code about them), as migrateUpTo runs the ones before it.
 */
export async function migrateAfter(database: { handle: DatabaseHandle; context: MigrationContext }, name: string): Promise<void> {
  await runMigrations(database, (key) => key > name);
}

async function runMigrations(database: { handle: DatabaseHandle; context: MigrationContext }, chosen: (name: string) => boolean): Promise<void> {
  const names = Object.keys(MIGRATIONS).sort().filter(chosen);
  const runAll = async (db: Kysely<unknown>) => {
    for (const key of names) await MIGRATIONS[key]!.up(db, database.context);
  };
  const run = () =>
    database.context.kind === 'sqlite'
      ? runAll(database.handle.db as unknown as Kysely<unknown>)
      : database.handle.db.transaction().execute((trx) => runAll(trx as unknown as Kysely<unknown>));
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) await withPostgresLock(databaseUrl, run);
  else await run();
}

/**
 * The plan the database would choose for `query`, as text: SQLite's EXPLAIN QUERY PLAN, or
 * PostgreSQL's EXPLAIN with sequential scans discouraged (a test's tables are nearly empty, and the
 * planner would scan them whatever the indexes: ask what it would do with many rows).
 */
export async function planOf(database: { handle: DatabaseHandle; context: MigrationContext }, query: string): Promise<string> {
  const db = database.handle.db;
  if (database.context.kind === 'sqlite') return (await sql<{ detail: string }>`explain query plan ${sql.raw(query)}`.execute(db)).rows.map((r) => r.detail).join('\n');
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(query)}`.execute(trx);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}
