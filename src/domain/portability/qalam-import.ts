import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AppContext } from '#src/app-context.ts';
import { MIGRATIONS } from '#src/db/migrator.ts';
import { mediaStoreOf } from '#src/domain/media/stores/media-store-of.ts';
import { reindexAll } from '#src/domain/rights/reuse-index.ts';
import { EXPORT_FORMAT, EXPORT_TABLES, EXPORT_VERSION, MEDIA_FOLDER, type ExportManifest, type TablePlan } from './export-format.ts';

type Row = Record<string, unknown>;

/** Rows a single INSERT carries at most (and fewer for wide tables): SQLite allows 32,766 parameters a statement. */
const MAX_INSERT_ROWS = 500;
const MAX_PARAMETERS = 30_000;

/** A refusal to import: the folder is not a Qalam export this version reads, or the database is not empty. */
export class ImportRefused extends Error {
  override name = 'ImportRefused';
}

/** Reads and checks manifest.json: the format, a version this importer reads, a schema no newer than ours. */
export function readManifest(dir: string): ExportManifest {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) throw new ImportRefused(`${dir} has no manifest.json: it is not a finished Qalam export.`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as ExportManifest;
  if (manifest.format !== EXPORT_FORMAT) throw new ImportRefused(`${file} names the format "${String(manifest.format)}", not "${EXPORT_FORMAT}".`);
  if (!Number.isInteger(manifest.version) || manifest.version < 1 || manifest.version > EXPORT_VERSION) {
    throw new ImportRefused(`The export is format version ${String(manifest.version)}; this Qalam reads version ${EXPORT_VERSION}. Update Qalam first.`);
  }
  const unknown = (manifest.schema ?? []).filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) throw new ImportRefused(`The export comes from a newer Qalam (migrations ${unknown.join(', ')}); update this install first.`);
  return manifest;
}

/** Throws unless every table an import fills is empty (settings aside): an import never merges into a live portal. */
async function assertEmpty(db: Kysely<any>): Promise<void> {
  for (const plan of EXPORT_TABLES) {
    if (plan.singleton) continue;
    const row = await db.selectFrom(plan.table).select(sql`1`.as('one')).limit(1).executeTakeFirst();
    if (row) throw new ImportRefused(`The database already has ${plan.table}: import into a new, empty database (run qalam migrate, then qalam import, before the first qalam serve).`);
  }
}

/** A row as it is inserted: JSON values back to text, deferred references left for later. */
function storedRow(row: Row, plan: TablePlan): Row {
  const out: Row = {};
  for (const [column, value] of Object.entries(row)) {
    if (plan.omit?.includes(column)) continue;
    if (plan.deferred?.includes(column)) out[column] = null;
    else out[column] = plan.json?.includes(column) && value !== null && typeof value !== 'string' ? JSON.stringify(value) : value;
  }
  return out;
}

/** The rows of one table's file (none when an older export has no such file). */
function readRows(dir: string, plan: TablePlan): Row[] {
  const file = path.join(dir, plan.file);
  if (!fs.existsSync(file)) return [];
  const rows = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(rows)) throw new ImportRefused(`${file} is not a JSON array of rows.`);
  return rows as Row[];
}

async function insertRows(tx: Transaction<any>, plan: TablePlan, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const width = Object.keys(rows[0]!).length || 1;
  const size = Math.max(1, Math.min(MAX_INSERT_ROWS, Math.floor(MAX_PARAMETERS / width)));
  for (let i = 0; i < rows.length; i += size) {
    await tx.insertInto(plan.table).values(rows.slice(i, i + size).map((row) => storedRow(row, plan))).execute();
  }
}

/** Sets the deferred references once every row they may point at is in. */
async function setDeferred(tx: Transaction<any>, plan: TablePlan, rows: Row[]): Promise<void> {
  for (const column of plan.deferred ?? []) {
    for (const row of rows) {
      if (row[column] === null || row[column] === undefined) continue;
      await tx.updateTable(plan.table).set({ [column]: row[column] }).where('id', '=', row.id).execute();
    }
  }
}

/**
 * PostgreSQL: moves each id sequence past the ids brought in, so the next row created gets a fresh one.
 * The tables come from the install's own schema (CurrentSchemaIntrospector, in one read): a catalog
 * query across every schema fails on a table another install or test is dropping meanwhile.
 */
async function resetSequences(tx: Transaction<any>): Promise<void> {
  const tables = await tx.introspection.getTables();
  const withCountedId = new Set(tables.filter((table) => table.columns.some((column) => column.name === 'id' && column.isAutoIncrementing)).map((table) => table.name));
  for (const plan of EXPORT_TABLES) {
    if (!withCountedId.has(plan.table)) continue;
    await sql`select setval(pg_get_serial_sequence(${plan.table}, 'id'), coalesce((select max(id) from ${sql.table(plan.table)}), 1), (select max(id) from ${sql.table(plan.table)}) is not null)`.execute(tx);
  }
}

/** The media file keys of the export, checked to stay inside the media folder (an export is outside input). */
function mediaKeys(rows: Row[]): string[] {
  return rows.map((row) => {
    const key = String(row.file_key ?? '');
    if (!/^[A-Za-z0-9._/-]+$/.test(key) || key.split('/').some((part) => part === '..' || part === '')) throw new ImportRefused(`The media file key "${key}" is not one Qalam writes.`);
    return key;
  });
}

/**
 * `qalam import qalam DIR`: reads a folder written by `qalam export` back into an empty install,
 * keeping every id (bodies name their images by id, translations and subpages their originals and
 * parents), in one transaction; then copies the media files into the media folder and rebuilds the
 * rights desk's reuse index. Refuses (ImportRefused) an unfinished or newer export, or a database
 * that already has content.
 */
export async function importPortal(context: Pick<AppContext, 'database' | 'config'>, dir: string): Promise<ExportManifest> {
  const manifest = readManifest(dir);
  const db = context.database.db as unknown as Kysely<any>;
  await assertEmpty(db);
  const keys = EXPORT_TABLES.filter((plan) => plan.table === 'media' || plan.table === 'media_variants').flatMap((plan) => mediaKeys(readRows(dir, plan)));
  for (const key of keys) {
    if (!fs.existsSync(path.join(dir, MEDIA_FOLDER, key))) throw new ImportRefused(`The export lacks the media file ${MEDIA_FOLDER}/${key}.`);
  }
  await db.transaction().execute(async (tx) => {
    // One table's rows in memory at a time; of the deferred references only ids and values are kept.
    const deferred: Array<{ plan: TablePlan; rows: Row[] }> = [];
    for (const plan of EXPORT_TABLES) {
      const rows = readRows(dir, plan);
      if (plan.singleton && rows.length > 0) await tx.deleteFrom(plan.table).execute();
      await insertRows(tx, plan, rows);
      if (plan.deferred) deferred.push({ plan, rows: rows.map((row) => Object.fromEntries(['id', ...plan.deferred!].map((column) => [column, row[column]]))) });
    }
    for (const { plan, rows } of deferred) await setDeferred(tx, plan, rows);
    if (context.database.kind === 'postgres') await resetSequences(tx);
  });
  const store = mediaStoreOf(context.config);
  for (const key of keys) await store.put(key, { path: path.join(dir, MEDIA_FOLDER, key) });
  await reindexAll(context.database);
  return manifest;
}
