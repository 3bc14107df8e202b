import type { Kysely } from 'kysely';
import { searchText } from '#src/lib/search-text.ts';
import type { MigrationContext } from '../migrator.ts';

// The rows as this migration reads and writes them (the live types in schema.ts may move on).
type Tables = {
  articles: { id: number; title: string; standfirst: string; search_text: string };
  media: { id: number; caption: string; credit: string; alt_text: string; original_name: string; search_text: string };
};

// Rows read per select: bounded memory on a large archive, few round trips.
const BATCH = 500;

/** Walks a table by id, a batch at a time (`read` answers up to BATCH rows after an id, in id order). */
async function eachRow<R extends { id: number }>(read: (afterId: number) => Promise<R[]>, write: (row: R) => Promise<unknown>): Promise<void> {
  for (let afterId = 0; ; ) {
    const rows = await read(afterId);
    for (const row of rows) await write(row);
    if (rows.length < BATCH) return;
    afterId = rows.at(-1)!.id;
  }
}

/**
 * Newsroom search that folds every script, not just ASCII: a `search_text` column on articles
 * (folded title and standfirst, the two lines an editor remembers a story by) and on media (folded
 * caption, credit, alt text and original file name), filled for existing rows. The fold runs in JS
 * (lib/search-text.ts), so the backfill is JS too: it reads ids and source columns in batches and
 * writes each row, the same statements on SQLite and PostgreSQL. Which texts go in each column
 * matches what the write paths store (domain/articles/article-derived.ts, domain/media/media-repository.ts).
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema.alterTable('articles').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('media').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute();

  const typed = db.withTables<Tables>();
  await eachRow(
    (after) =>
      typed.selectFrom('articles').select(['id', 'title', 'standfirst']).where('id', '>', after).orderBy('id').limit(BATCH).execute(),
    (row) =>
      typed.updateTable('articles').set({ search_text: searchText(row.title, row.standfirst) }).where('id', '=', row.id).execute(),
  );
  await eachRow(
    (after) =>
      typed
        .selectFrom('media')
        .select(['id', 'caption', 'credit', 'alt_text', 'original_name'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute(),
    (row) =>
      typed
        .updateTable('media')
        .set({ search_text: searchText(row.caption, row.credit, row.alt_text, row.original_name) })
        .where('id', '=', row.id)
        .execute(),
  );
}
