import { sql, type Kysely } from 'kysely';
import type { Database } from '#src/db/schema.ts';
import { parseSearchQuery } from '#src/domain/search/search-query.ts';
import { searchArticleIds, syncSearchDocument } from '#src/domain/search/search-repository.ts';
import { migrateUpTo, openEmptyDatabase } from './empty-database.ts';

/** What a migration test of the search index works with (searchIndexBefore). */
export type SearchIndexFixture = {
  database: Awaited<ReturnType<typeof openEmptyDatabase>>;
  db: Kysely<Database>;
  /** Publishes an article (the row, then its search document, as the article repository writes them), an hour ago; its id. */
  publish(language: string, title: string, plainText: string): Promise<number>;
  /** Publishes one article in each language (a Kazakh and an English one naming a museum in Astana, a Russian one on elections); their ids. */
  publishOneInEachLanguage(): Promise<{ kazakh: number; english: number; russian: number }>;
  /** The ids readers' search finds for `query` in `language`, page 1. */
  found(language: string, query: string): Promise<number[]>;
};

/** An empty database migrated up to the migration `name` (not run), with a section to publish in. */
export async function searchIndexBefore(name: string): Promise<SearchIndexFixture> {
  const database = await openEmptyDatabase();
  const db = database.handle.db;
  const now = new Date().toISOString();
  const publishedAt = new Date(Date.now() - 3_600_000).toISOString();
  await migrateUpTo(database, name);
  const sectionId = (await db.insertInto('sections').values({ name: 'News', slug: 'news', created_at: now } as never).returning('id').executeTakeFirstOrThrow()).id;
  let sequence = 0;
  const fixture: SearchIndexFixture = {
    database,
    db,
    async publish(language, title, plainText) {
      sequence++;
      const { rows } = await sql<{ id: number }>`insert into articles (section_id, slug, title, standfirst, body, plain_text, status, language, published_at, created_at, updated_at)
        values (${sectionId}, ${`a-${sequence}`}, ${title}, '', '{"type":"doc","content":[]}', ${plainText}, 'published', ${language}, ${publishedAt}, ${now}, ${now}) returning id`.execute(db);
      const id = rows[0]!.id;
      await syncSearchDocument(db, id);
      return id;
    },
    async publishOneInEachLanguage() {
      return {
        kazakh: await fixture.publish('kk', 'Астанада жаңа мұражай ашылды', 'Мұражай сәуір айында ашылды.'),
        english: await fixture.publish('en', 'A new museum opens in Astana', 'The museum opened in April.'),
        russian: await fixture.publish('ru', 'Выборы прошли спокойно', 'На выборах было тихо.'),
      };
    },
    async found(language, query) {
      return (await searchArticleIds(db, database.context.kind, { language, terms: parseSearchQuery(query).terms }, { limit: 10, offset: 0 }, now)).ids;
    },
  };
  return fixture;
}
