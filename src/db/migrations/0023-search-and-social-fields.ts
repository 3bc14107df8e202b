import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * Search and social fields of an article (ADR 0034): its own <title> and meta description for
 * search results, and the title, text and image of the card a shared link shows (Open Graph, X).
 * Every one is optional: empty text (or no image) falls back to the article's title, standfirst
 * and lead image, so existing articles read exactly as before.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  for (const column of ['seo_title', 'meta_description', 'social_title', 'social_description']) {
    await db.schema.alterTable('articles').addColumn(column, 'text', (c) => c.notNull().defaultTo('')).execute();
  }
  // A library image; deleting it (never done while an article uses it) leaves the card to the lead image.
  await db.schema
    .alterTable('articles')
    .addColumn('social_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .execute();
}
