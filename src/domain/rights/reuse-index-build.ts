import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import type { DatabaseHandle, DialectKind, Executor } from '#src/db/database.ts';
import { nowIso } from '#src/lib/clock.ts';
import { encodeHashes } from './fingerprint-repository.ts';
import type { Fingerprint } from './winnowing.ts';

/**
 * The database side of a full rebuild of the reuse index in short transactions (ADR 0057). The
 * live tables stay as they are, and checks read them, until one short transaction swaps in the
 * rebuilt ones:
 *
 * 1. `beginRebuild` takes the lease (one rebuild at a time) and makes empty next tables, shaped as
 *    the live ones, and a staging table of rows.
 * 2. `stageArticles`, a transaction per batch of articles in id order: the fingerprints go to the
 *    staging table keyed by (bucket, article, hash), the bucket being the hash's top bits, so each
 *    batch appends at the end of each bucket's range instead of all over a B-tree; the articles'
 *    hash lists go to the next reuse_article_hashes, appended in id order.
 * 3. `moveStaged`, a transaction per range of buckets: the range's rows, sorted by hash, appended to
 *    the next reuse_fingerprints, and their document frequencies to the next reuse_hash_counts.
 *    Every B-tree of the next index is thus written in key order, page after page.
 * 4. `swapRebuilt`: renames (live → _old, next → live) in one transaction.
 * 5. `finishRebuild`: drops the retired and staging tables and gives the lease back.
 *
 * The staging table is a temporary one on SQLite (this connection's own; a rebuild runs in one
 * process) and UNLOGGED on PostgreSQL (its rows are not worth a WAL record: a crash loses them and
 * the rebuild, which the job queue runs again).
 */

/** The live index's tables, in the order a re-index of one article writes them (so a swap locks them in that order too). */
const LIVE_TABLES = ['reuse_article_hashes', 'reuse_fingerprints', 'reuse_hash_counts'] as const;
type LiveTable = (typeof LIVE_TABLES)[number];

/** PostgreSQL's names of the live tables' primary keys (migrations 0016, 0035); a next table's key is this plus `_next` until the swap. */
const PRIMARY_KEYS: Record<LiveTable, string> = {
  reuse_article_hashes: 'reuse_article_hashes_pkey',
  reuse_fingerprints: 'reuse_fingerprints_pk',
  reuse_hash_counts: 'reuse_hash_counts_pkey',
};

const STAGING = 'reuse_build_rows';
const nextOf = (table: LiveTable) => `${table}_next`;
const retiredOf = (table: LiveTable) => `${table}_old`;

/** Bits of a hash below its bucket: 1,024 buckets of the 32-bit hash space, in hash order. */
const BUCKET_SHIFT = 22;
/** The lowest and one past the highest bucket (hashes are signed, so are their top bits). */
export const FIRST_BUCKET = -(2 ** (31 - BUCKET_SHIFT));
export const END_BUCKET = 2 ** (31 - BUCKET_SHIFT);

/** A lease unrenewed this long (ms) belongs to a rebuild that died; another may take over. */
export const LEASE_MS = 2 * 60_000;

/** Another rebuild holds the lease (or took it over from this one): this one stops; its job is retried later. */
export class RebuildRunning extends Error {}

/** The next tables, shaped as migrations 0016 and 0035 left the live ones; a later migration of those tables must change these too. */
async function createNextTables(tx: Executor, kind: DialectKind): Promise<void> {
  const withoutRowid = kind === 'sqlite' ? sql` without rowid` : sql``;
  const key = (table: LiveTable) => sql.id(`${PRIMARY_KEYS[table]}_next`);
  await sql`create table reuse_article_hashes_next (
      article_id integer not null, hashes ${sql.raw(kind === 'postgres' ? 'bytea' : 'blob')} not null,
      constraint ${key('reuse_article_hashes')} primary key (article_id),
      constraint reuse_article_hashes_article_fk foreign key (article_id) references articles (id) on delete cascade)`.execute(tx);
  await sql`create table reuse_fingerprints_next (
      hash integer not null, article_id integer not null, position integer not null,
      constraint ${key('reuse_fingerprints')} primary key (hash, article_id))${withoutRowid}`.execute(tx);
  await sql`create table reuse_hash_counts_next (
      hash integer not null, articles integer not null,
      constraint ${key('reuse_hash_counts')} primary key (hash))${withoutRowid}`.execute(tx);
  await sql`create ${sql.raw(kind === 'sqlite' ? 'temp' : 'unlogged')} table ${sql.id(STAGING)} (
      bucket integer not null, article_id integer not null, hash integer not null, position integer not null,
      primary key (bucket, article_id, hash))${withoutRowid}`.execute(tx);
}

/** Drops what a rebuild leaves besides the live tables: its next, retired and staging tables. */
async function dropBuildTables(tx: Executor, kind: DialectKind): Promise<void> {
  for (const table of LIVE_TABLES) {
    await sql`drop table if exists ${sql.id(retiredOf(table))}`.execute(tx);
    await sql`drop table if exists ${sql.id(nextOf(table))}`.execute(tx);
  }
  await sql`drop table if exists ${kind === 'sqlite' ? sql`temp.${sql.id(STAGING)}` : sql.id(STAGING)}`.execute(tx);
}

/** Renews the lease of the rebuild begun at `startedAt`, or throws RebuildRunning when it is no longer this one's. */
async function renewLease(tx: Executor, startedAt: string): Promise<void> {
  const result = await tx.updateTable('reuse_index_rebuild').set({ beat_at: nowIso() }).where('id', '=', 1).where('started_at', '=', startedAt).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new RebuildRunning('Another rebuild of the reuse index took over from this one.');
}

/** Takes the lease for a rebuild beginning at `startedAt` and makes its empty tables; throws RebuildRunning while another one runs. */
export async function beginRebuild(database: Pick<DatabaseHandle, 'db' | 'kind'>, startedAt: string): Promise<void> {
  const staleBefore = new Date(Date.parse(startedAt) - LEASE_MS).toISOString();
  const taken = await database.db
    .insertInto('reuse_index_rebuild')
    .values({ id: 1, started_at: startedAt, beat_at: startedAt })
    .onConflict((oc) => oc.column('id').doUpdateSet({ started_at: startedAt, beat_at: startedAt }).where('reuse_index_rebuild.beat_at', '<', staleBefore))
    .returning('id')
    .executeTakeFirst();
  if (!taken) throw new RebuildRunning('A rebuild of the reuse index is running already.');
  try {
    await database.db.transaction().execute(async (tx) => {
      await dropBuildTables(tx, database.kind);
      await createNextTables(tx, database.kind);
    });
  } catch (error) {
    await database.db.deleteFrom('reuse_index_rebuild').where('id', '=', 1).where('started_at', '=', startedAt).execute();
    throw error;
  }
}

/**
 * Rows per INSERT of staged fingerprints, largest first: a batch goes in as many of the largest as
 * fit, then of the next size. A few fixed sizes, so their SQL texts (and SQLite's prepared
 * statements) are made once; 2,000 rows are 8,000 bound values, under both databases' limits.
 */
const INSERT_SIZES = [2000, 200, 20, 1];
const insertTexts = new Map<string, string>();

/** `insert into <table> (columns) values (…), …` for `rows` rows, with the dialect's placeholders (made once per shape). */
function insertText(kind: DialectKind, table: string, columns: readonly string[], rows: number): string {
  const cacheKey = `${kind} ${table} ${rows}`;
  let text = insertTexts.get(cacheKey);
  if (text === undefined) {
    let n = 0;
    const tuple = () => `(${columns.map(() => (kind === 'postgres' ? `$${++n}` : '?')).join(', ')})`;
    text = `insert into ${table} (${columns.join(', ')}) values ${Array.from({ length: rows }, tuple).join(', ')}`;
    insertTexts.set(cacheKey, text);
  }
  return text;
}

/**
 * Stages one batch of articles (in id order, after those staged before) in one transaction: their
 * fingerprints, sorted by bucket, article and hash, and their hash lists. Answers the rows staged.
 */
export async function stageArticles(
  database: Pick<DatabaseHandle, 'db' | 'kind'>,
  startedAt: string,
  entries: ReadonlyArray<{ articleId: number; fingerprints: readonly Fingerprint[] }>,
): Promise<number> {
  // In key order without a sort of every row: each article's fingerprints by hash, dealt into
  // their buckets in article order, the buckets read in order.
  const buckets = new Map<number, number[]>();
  for (const { articleId, fingerprints } of entries) {
    for (const f of [...fingerprints].sort((a, b) => a.hash - b.hash)) {
      const bucket = f.hash >> BUCKET_SHIFT;
      let values = buckets.get(bucket);
      if (!values) buckets.set(bucket, (values = []));
      values.push(bucket, articleId, f.hash, f.position);
    }
  }
  const values = [...buckets.keys()].sort((a, b) => a - b).flatMap((bucket) => buckets.get(bucket)!);
  const rowCount = values.length / 4;
  const lists: RawBuilder<unknown>[] = entries.flatMap(({ articleId, fingerprints }) =>
    fingerprints.length === 0 ? [] : [sql`(${articleId}, ${encodeHashes(fingerprints.map((f) => f.hash))})`],
  );
  const columns = ['bucket', 'article_id', 'hash', 'position'];
  await database.db.transaction().execute(async (tx) => {
    await renewLease(tx, startedAt);
    for (let start = 0; start < rowCount; ) {
      const size = INSERT_SIZES.find((n) => n <= rowCount - start)!;
      await tx.executeQuery(CompiledQuery.raw(insertText(database.kind, STAGING, columns, size), values.slice(start * 4, (start + size) * 4)));
      start += size;
    }
    for (let start = 0; start < lists.length; start += 500) {
      await sql`insert into reuse_article_hashes_next (article_id, hashes) values ${sql.join(lists.slice(start, start + 500))}`.execute(tx);
    }
  });
  return rowCount;
}

/** Moves the staged buckets [from, to) into the next fingerprints and hash counts, in hash order, in one transaction. */
export async function moveStaged(database: Pick<DatabaseHandle, 'db'>, startedAt: string, from: number, to: number): Promise<void> {
  await database.db.transaction().execute(async (tx) => {
    await renewLease(tx, startedAt);
    const staged = sql`${sql.id(STAGING)} where bucket >= ${from} and bucket < ${to}`;
    await sql`insert into reuse_fingerprints_next (hash, article_id, position) select hash, article_id, position from ${staged} order by hash, article_id`.execute(tx);
    await sql`insert into reuse_hash_counts_next (hash, articles) select hash, count(*) from ${staged} group by hash order by hash`.execute(tx);
  });
}

/** Puts the rebuilt tables in the live ones' place, in one short transaction; the live ones become `_old`. */
export async function swapRebuilt(database: Pick<DatabaseHandle, 'db' | 'kind'>, startedAt: string): Promise<void> {
  await database.db.transaction().execute(async (tx) => {
    await renewLease(tx, startedAt);
    for (const table of LIVE_TABLES) {
      await sql`alter table ${sql.id(table)} rename to ${sql.id(retiredOf(table))}`.execute(tx);
      await sql`alter table ${sql.id(nextOf(table))} rename to ${sql.id(table)}`.execute(tx);
      if (database.kind === 'postgres') {
        const key = PRIMARY_KEYS[table];
        await sql`alter index ${sql.id(key)} rename to ${sql.id(`${key}_old`)}`.execute(tx);
        await sql`alter index ${sql.id(`${key}_next`)} rename to ${sql.id(key)}`.execute(tx);
      }
    }
  });
}

/** Drops the rebuild's retired, next and staging tables and gives its lease back (after the swap, or after a failure). */
export async function finishRebuild(database: Pick<DatabaseHandle, 'db' | 'kind'>, startedAt: string): Promise<void> {
  await database.db.transaction().execute(async (tx) => {
    const mine = await tx.selectFrom('reuse_index_rebuild').select('id').where('id', '=', 1).where('started_at', '=', startedAt).executeTakeFirst();
    // Another rebuild took over: its tables are its own now.
    if (!mine) return;
    await dropBuildTables(tx, database.kind);
    await tx.deleteFrom('reuse_index_rebuild').where('id', '=', 1).execute();
  });
}
