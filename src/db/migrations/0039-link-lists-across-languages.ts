import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

const LINKS = [
  { table: 'article_tags', key: 'tag_id', replaces: 'article_tags_tag_idx' },
  { table: 'article_authors', key: 'author_id', replaces: 'article_authors_author_idx' },
] as const;

/**
 * A tag's or author's published articles in every language, newest first, as one index range: the
 * Content API's `tag=` and `author=` lists without `language` (ADR 0066). The link tables' public
 * index leads with the term and then the language (migration 0011), so a list of every language
 * sorted all of a term's links for each page, or (SQLite, by its statistics) walked every published
 * article and probed the link table for each: 40–60 ms a page at 100,000 articles.
 *
 * The new index leads with the term as the single-column one of migration 0001 did, which it
 * replaces: a lookup by term alone (a tag's deletion, its count) reads its first column.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  for (const { table, key, replaces } of LINKS) {
    await db.schema.createIndex(`${table}_published_idx`).on(table).columns([key, 'status', 'published_at', 'article_id']).execute();
    await db.schema.dropIndex(replaces).execute();
  }
}
