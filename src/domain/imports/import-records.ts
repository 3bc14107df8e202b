import type { Executor } from '#src/db/database.ts';
import { nowIso } from '#src/lib/clock.ts';

/** The kinds of thing an imported item becomes. */
export type ImportedKind = 'article' | 'page' | 'section' | 'tag' | 'author' | 'media';

/** Which old site and which importer a key belongs to. */
export type ImportOrigin = { source: 'wordpress' | 'ghost'; site: string };

/** The row an item of the old site became in an earlier run, if any. */
export async function findImported(db: Executor, origin: ImportOrigin, kind: ImportedKind, sourceKey: string): Promise<number | undefined> {
  return (await findImportedMany(db, origin, kind, [sourceKey])).get(sourceKey);
}

/** Keys looked up per SELECT: one bound value each, well under both databases' limits. */
const KEYS_PER_QUERY = 1000;

/** The rows items of the old site became in earlier runs, by source key (keys never imported are absent): one query per thousand keys. */
export async function findImportedMany(db: Executor, origin: ImportOrigin, kind: ImportedKind, sourceKeys: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const keys = [...new Set(sourceKeys)];
  for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
    const rows = await db
      .selectFrom('import_records')
      .select(['source_key', 'target_id'])
      .where('source', '=', origin.source)
      .where('site', '=', origin.site)
      .where('kind', '=', kind)
      .where('source_key', 'in', keys.slice(start, start + KEYS_PER_QUERY))
      .execute();
    for (const row of rows) found.set(row.source_key, row.target_id);
  }
  return found;
}

/** Remembers that an item of the old site became row `targetId` (a later run updates that row). */
export async function rememberImported(db: Executor, origin: ImportOrigin, kind: ImportedKind, sourceKey: string, targetId: number): Promise<void> {
  await rememberImportedMany(db, origin, kind, [{ sourceKey, targetId }]);
}

/** Records written per INSERT: seven bound values each, well under both databases' limits. */
const RECORDS_PER_INSERT = 1000;

/** rememberImported for many items in a few statements; a key given twice keeps its last row. */
export async function rememberImportedMany(db: Executor, origin: ImportOrigin, kind: ImportedKind, items: ReadonlyArray<{ sourceKey: string; targetId: number }>): Promise<void> {
  const now = nowIso();
  // One INSERT may not touch a row twice on PostgreSQL (ON CONFLICT): the last word for a key wins, as one by one.
  const last = new Map(items.map((item) => [item.sourceKey, item.targetId]));
  const rows = [...last].map(([source_key, target_id]) => ({ source: origin.source, site: origin.site, kind, source_key, target_id, created_at: now, updated_at: now }));
  for (let start = 0; start < rows.length; start += RECORDS_PER_INSERT) {
    await db
      .insertInto('import_records')
      .values(rows.slice(start, start + RECORDS_PER_INSERT))
      .onConflict((oc) => oc.columns(['source', 'site', 'kind', 'source_key']).doUpdateSet((eb) => ({ target_id: eb.ref('excluded.target_id'), updated_at: eb.ref('excluded.updated_at') })))
      .execute();
  }
}
