import { sql, type Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';

let inserted = 0;

/**
 * Inserts articles straight into the table in one statement ([status, language, published_at]
 * each, in the given sections in turn), as the count migrations' tests need: many rows per
 * statement, below the services, so the triggers see exactly those writes. Answers the new ids.
 */
export async function insertArticleRows(db: Kysely<Database>, sectionIds: number[], rows: Array<[string, string, string | null]>): Promise<number[]> {
  const now = new Date().toISOString();
  const values = rows.map(([status, language, publishedAt], index) => {
    inserted++;
    return sql`(${sectionIds[index % sectionIds.length]}, ${`a-${inserted}`}, 'A', '{"type":"doc","content":[]}', ${status}, ${language}, ${publishedAt}, ${now}, ${now})`;
  });
  const { rows: ids } = await sql<{ id: number }>`insert into articles (section_id, slug, title, body, status, language, published_at, created_at, updated_at)
    values ${sql.join(values)} returning id`.execute(db);
  return ids.map((r) => r.id).sort((a, b) => a - b);
}
