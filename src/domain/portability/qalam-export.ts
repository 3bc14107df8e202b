import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '#src/app-context.ts';
import { mediaStoreOf } from '#src/domain/media/stores/media-store-of.ts';
import type { MediaStore } from '#src/domain/media/stores/media-store.ts';
import { nowIso } from '#src/lib/clock.ts';
import { EXPORT_FORMAT, EXPORT_TABLES, EXPORT_VERSION, MEDIA_FOLDER, type ExportManifest, type TablePlan } from './export-format.ts';

/** Rows read per query: a large table is written in pages, never held whole. */
const PAGE_ROWS = 1000;

type Row = Record<string, unknown>;

/** Throws unless `dir` is a new or empty folder (an export never mixes with other files). */
export function prepareEmptyFolder(dir: string): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: export into a new or empty folder.`);
  // Owner-only, like backups: the export holds newsroom accounts (password hashes) and unpublished drafts.
  fs.mkdirSync(path.join(dir, MEDIA_FOLDER), { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

/** The migrations applied to the database, in order: the schema the rows are in. */
export async function appliedMigrations(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((row) => row.name);
}

/** A row as the export writes it: omitted columns dropped, JSON-text columns parsed. */
function exportedRow(row: Row, plan: TablePlan): Row {
  const out: Row = {};
  for (const [column, value] of Object.entries(row)) {
    if (plan.omit?.includes(column)) continue;
    out[column] = plan.json?.includes(column) && typeof value === 'string' ? JSON.parse(value) : value;
  }
  return out;
}

/** Writes one table as a JSON array, page by page; answers how many rows it wrote. */
async function writeTable(db: Kysely<any>, dir: string, plan: TablePlan, onRow: (row: Row) => void): Promise<number> {
  const fd = fs.openSync(path.join(dir, plan.file), 'w', 0o600);
  let count = 0;
  try {
    fs.writeSync(fd, '[');
    // Tables keyed by id are read after the last id seen (each page one index range); link tables by offset.
    let lastId = 0;
    for (let offset = 0; ; offset += PAGE_ROWS) {
      let query = db.selectFrom(plan.table).selectAll();
      if (!plan.orderBy) query = query.where('id', '>', lastId);
      for (const column of plan.orderBy ?? ['id']) query = query.orderBy(column);
      const rows = (await query.limit(PAGE_ROWS).offset(plan.orderBy ? offset : 0).execute()) as Row[];
      if (rows.length > 0 && !plan.orderBy) lastId = Number(rows[rows.length - 1]!.id);
      for (const row of rows) {
        onRow(row);
        fs.writeSync(fd, `${count === 0 ? '\n' : ',\n'}${JSON.stringify(exportedRow(row, plan))}`);
        count++;
      }
      if (rows.length < PAGE_ROWS) break;
    }
    fs.writeSync(fd, count === 0 ? ']\n' : '\n]\n');
  } finally {
    fs.closeSync(fd);
  }
  return count;
}

/** Copies one media file (an original or a variant) from the media store beside the JSON; answers its size, 0 when it is missing from the store. */
async function copyMediaFile(store: MediaStore, dir: string, fileKey: string): Promise<number> {
  const stored = await store.get(fileKey);
  if (!stored) return 0;
  const to = path.join(dir, MEDIA_FOLDER, fileKey);
  fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
  await pipeline(stored.body, fs.createWriteStream(to, { mode: 0o600 }));
  return fs.statSync(to).size;
}

/**
 * `qalam export --to DIR`: writes everything the portal owns into an empty folder in the
 * documented format (docs/export-format.md): one JSON file per table of EXPORT_TABLES, the media
 * files under media/ by their file keys, and manifest.json last (a folder without it is an export
 * that did not finish). Reads while the site runs; rows changed during the export may be caught
 * before or after their change, as with any export of a live site (use `qalam backup` for a snapshot).
 */
export async function exportPortal(context: Pick<AppContext, 'database' | 'config'>, dir: string): Promise<ExportManifest> {
  prepareEmptyFolder(dir);
  const db = context.database.db as unknown as Kysely<any>;
  const files: ExportManifest['files'] = {};
  const media = { files: 0, bytes: 0 };
  const fileKeys = new Set<string>();
  // The media folder or the bucket MEDIA_STORE names: an export carries the files either way.
  const store = mediaStoreOf(context.config);
  for (const plan of EXPORT_TABLES) {
    const collect = plan.table === 'media' || plan.table === 'media_variants' ? (row: Row) => fileKeys.add(String(row.file_key)) : () => undefined;
    files[plan.file] = { table: plan.table, rows: await writeTable(db, dir, plan, collect) };
  }
  for (const fileKey of fileKeys) {
    const bytes = await copyMediaFile(store, dir, fileKey);
    if (bytes > 0) {
      media.files++;
      media.bytes += bytes;
    }
  }
  const manifest: ExportManifest = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: nowIso(), schema: await appliedMigrations(db), files, media };
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}
