import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql, type Transaction } from 'kysely';
import { CurrentSchemaPostgresDialect } from './current-schema-introspector.ts';
import type { Config } from '#src/config/config.ts';
import type { Database } from './schema.ts';
import { LockWaitingSqliteDialect } from './sqlite-lock-waits.ts';
import { walSync } from './sqlite-wal-sync.ts';
import { withStatementCache } from './statement-cache.ts';
import { updatePlannerStatistics } from './planner-statistics.ts';
import { PRIVATE_FOLDER_MODE } from '#src/lib/private-files.ts';
import { postgresDriver } from './postgres-driver.ts';
import { preparingClient } from './prepared-statements.ts';

export type Db = Kysely<Database>;
/** Where a query runs: the database itself or an open transaction (repositories take either). */
export type Executor = Db | Transaction<Database>;
export type DialectKind = 'sqlite' | 'postgres';

/** A database handle plus the facts about it that code occasionally needs. */
export type DatabaseHandle = {
  db: Db;
  kind: DialectKind;
  /** SQLite: whether every commit is on disk before it resolves (SQLITE_SYNCHRONOUS=full). */
  syncsCommits?: boolean;
  /** Answers whether the database responds right now (for /healthz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
};

/** The better-sqlite3 connection under each SQLite handle, for the work Kysely has no words for. */
const sqliteConnections = new WeakMap<DatabaseHandle, SQLite.Database>();
/** Per SQLite handle: turns the fsync after each commit (sqlite-wal-sync.ts) off during a bulk load, and on again. */
const commitSyncSwitches = new WeakMap<DatabaseHandle, (on: boolean) => void>();

/** Opens the database the config names: SQLite under DATA_DIR, or PostgreSQL by URL. */
export function openDatabase(config: Pick<Config, 'database'> & Partial<Pick<Config, 'sqliteSynchronous'>>): DatabaseHandle {
  const database = config.database;
  if (database.kind === 'sqlite') {
    fs.mkdirSync(path.dirname(database.file), { recursive: true, mode: PRIVATE_FOLDER_MODE });
    const connection = new SQLite(database.file);
    connection.pragma('journal_mode = WAL');
    // full (the default): a write acknowledged to an editor survives a power cut; SQLite's FULL would
    // fsync the log inside COMMIT, on the event loop's thread, so SQLite runs NORMAL and the log is
    // fsynced after each commit from the thread pool (sqlite-wal-sync.ts, ADR 0047). normal: no
    // sync after commits, the last ones may be lost on a power cut (never corrupt; see README).
    const syncsCommits = config.sqliteSynchronous !== 'normal';
    connection.pragma('synchronous = NORMAL');
    connection.pragma('foreign_keys = ON');
    connection.pragma('busy_timeout = 5000');
    // Planner statistics for tables that lack them or have grown since (SQLite's advice for a
    // long-lived connection; bounded work, nothing when they are fresh). Without them SQLite takes
    // a covering (status, …) index over a lookup by id, and walks every published article.
    updatePlannerStatistics(connection, 0x10002);
    // From here on a locked database is waited for on a timer, never by SQLite's busy handler, which
    // sleeps the event loop's thread (sqlite-lock-waits.ts, ADR 0047); the pragmas above may still use it.
    connection.pragma('busy_timeout = 0');
    const wal = syncsCommits ? walSync(database.file) : undefined;
    let syncAfterCommit = true;
    const afterCommit = wal && (() => (syncAfterCommit ? wal.afterCommit() : Promise.resolve()));
    const db = new Kysely<Database>({ dialect: new LockWaitingSqliteDialect({ database: withStatementCache(connection), afterCommit }) });
    const handle: DatabaseHandle = {
      db,
      kind: 'sqlite',
      syncsCommits,
      ping: async () => {
        await sql`select 1`.execute(db);
        return true;
      },
      close: async () => {
        await db.destroy();
        wal?.close();
      },
    };
    sqliteConnections.set(handle, connection);
    commitSyncSwitches.set(handle, (on) => void (syncAfterCommit = on));
    return handle;
  }
  // Kysely asks for the pool at the first query: the driver loads then (postgres-driver.ts).
  const pool = async () => {
    const pg = await postgresDriver();
    const created = new pg.Pool({
      connectionString: database.url,
      // Marked hot reads run as named prepared statements (prepared-statements.ts, ADR 0064).
      Client: preparingClient(pg),
      max: 10,
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30000,
    });
    // An idle client losing its server (a restart) must not crash the process; the pool replaces it.
    created.on('error', () => {});
    return created;
  };
  const db = new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    ping: async () => {
      await sql`select 1`.execute(db);
      return true;
    },
    close: () => db.destroy(),
  };
}

/**
 * Brings the query planner's statistics up to date where the tables have changed much (SQLite's
 * `PRAGMA optimize`; PostgreSQL's autovacuum does this by itself). For long-running processes,
 * whose tables grow from empty to an archive after the connection opened (a seed, an import).
 */
export async function refreshPlannerStatistics(database: DatabaseHandle): Promise<void> {
  const connection = sqliteConnections.get(database);
  if (!connection) return;
  // Holding Kysely's connection: never inside a transaction another request has open on it.
  await database.db.connection().execute(async () => updatePlannerStatistics(connection));
}

/** SQLite's page cache for a bulk writer, in KiB (SQLite's default is 2,000). */
const BULK_WRITE_CACHE_KIB = 65_536;
/** WAL pages after which a bulk writer's commit copies the log into the database (SQLite's default is 1,000: 4 MB). */
const BULK_WRITE_CHECKPOINT_PAGES = 16_384;

/**
 * Puts this connection in bulk-load mode (the synthetic seed) until the answered `end` is called
 * (SQLite; PostgreSQL has its own buffers and WAL, and its writer sets what it needs per transaction):
 * - no fsync at all while it lasts: `synchronous = OFF` (checkpoints do not sync) and no sync of
 *   the log after each commit (sqlite-wal-sync.ts). Commits (with their checkpoints' syncs) and the
 *   wait for the log's sync were a third of a 20,000-article seed's wall time in a profile (ADR 0061). A process that stops midway (Ctrl-C, a crash) still leaves every committed
 *   batch in place, all or nothing, since the log is written whole before a commit returns; only a
 *   power cut or an OS crash during the load can lose committed batches or damage the file, which
 *   the README tells operators (seed a new install, or take a backup first);
 * - a 64 MB page cache: the writer updates indexes all over a file of gigabytes, and with the
 *   default 2 MB it reads the same pages back from the OS again and again (a 20,000-article seed
 *   spent a quarter less system time with it);
 * - a checkpoint every 64 MB of log rather than 4 MB: an index page written by many batches is
 *   copied into the database once per checkpoint, so fewer, larger checkpoints copy less.
 * `end` puts the settings back as they were and checkpoints the whole log into the database with syncs on, so
 * when it returns the load is on disk. Not for `serve`, whose editors' durability matters more.
 */
export async function beginBulkLoad(database: DatabaseHandle): Promise<{ end(): Promise<void> }> {
  const switchCommitSync = commitSyncSwitches.get(database);
  if (database.kind !== 'sqlite') return { end: async () => {} };
  const pragma = (text: string) => sql.raw(`pragma ${text}`).execute(database.db);
  const current = async (name: string) => Object.values((await sql.raw<Record<string, number>>(`pragma ${name}`).execute(database.db)).rows[0]!)[0];
  // Put back as found, not as SQLite's documented defaults: better-sqlite3 builds with other ones.
  const cacheSize = await current('cache_size');
  const checkpointPages = await current('wal_autocheckpoint');
  const synchronous = await current('synchronous');
  await pragma(`cache_size = -${BULK_WRITE_CACHE_KIB}`);
  await pragma(`wal_autocheckpoint = ${BULK_WRITE_CHECKPOINT_PAGES}`);
  await pragma('synchronous = OFF');
  switchCommitSync?.(false);
  return {
    async end() {
      await pragma(`synchronous = ${Number(synchronous)}`);
      switchCommitSync?.(true);
      // Put back as found (NORMAL, as openDatabase sets it), which syncs the log before a checkpoint
      // and the database after it: everything is on disk.
      await pragma('wal_checkpoint(TRUNCATE)');
      await pragma(`wal_autocheckpoint = ${Number(checkpointPages)}`);
      await pragma(`cache_size = ${Number(cacheSize)}`);
    },
  };
}

/**
 * Planner statistics after a bulk writer (the synthetic seed) filled tables that the planner last
 * saw small. SQLite: what housekeeping does hourly. PostgreSQL: ANALYZE of this install's tables
 * (its schema only, not every schema in the database). Autovacuum would get there by itself, but
 * minutes later, and not at all where it is switched off (as on the machines this project is
 * tested on): a 100,000-article seed left unanalyzed had the sitemap's tag query at 2.4 s.
 */
export async function analyzeAfterBulkWrite(database: DatabaseHandle): Promise<void> {
  if (database.kind === 'sqlite') return refreshPlannerStatistics(database);
  const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(database.db);
  for (const { name } of rows) await sql`analyze ${sql.id(name)}`.execute(database.db);
}
