import type { Executor } from '#src/db/database.ts';
import { nowIso } from '#src/lib/clock.ts';

/** The kinds of thing an imported item becomes. */
export type ImportedKind = 'article' | 'page' | 'section' | 'tag' | 'author' | 'media';

/** Which old site and which importer a key belongs to. */
export type ImportOrigin = { source: 'wordpress' | 'ghost'; site: string };

/** The row an item of the old site became in an earlier run, if any. */
export async function findImported(db: Executor, origin: ImportOrigin, kind: ImportedKind, sourceKey: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('import_records')
    .select('target_id')
    .where('source', '=', origin.source)
    .where('site', '=', origin.site)
    .where('kind', '=', kind)
    .where('source_key', '=', sourceKey)
    .executeTakeFirst();
  return row?.target_id;
}

/** Remembers that an item of the old site became row `targetId` (a later run updates that row). */
export async function rememberImported(db: Executor, origin: ImportOrigin, kind: ImportedKind, sourceKey: string, targetId: number): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('import_records')
    .values({ source: origin.source, site: origin.site, kind, source_key: sourceKey, target_id: targetId, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['source', 'site', 'kind', 'source_key']).doUpdateSet({ target_id: targetId, updated_at: now }))
    .execute();
}
