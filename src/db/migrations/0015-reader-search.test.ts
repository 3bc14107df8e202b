import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Generated, Kysely } from 'kysely';
import { searchArticleIds } from '#src/domain/search/search-repository.ts';
import { parseSearchQuery } from '#src/domain/search/search-query.ts';
import type { Db } from '#src/db/database.ts';
import { migrateAfter, migrateUpTo, openEmptyDatabase } from '../../../test/support/empty-database.ts';
import * as readerSearch from './0015-reader-search.ts';

type Articles = {
  articles: {
    id: Generated<number>;
    section_id: number;
    slug: string;
    title: string;
    standfirst: string;
    body: string;
    plain_text: string;
    status: string;
    published_at: string | null;
    language: string;
    created_at: string;
    updated_at: string;
  };
};

describe('migration 0015-reader-search', () => {
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let db: Kysely<unknown>;
  const ids: Record<string, number> = {};
  const now = new Date().toISOString();
  const earlier = new Date(Date.now() - 3_600_000).toISOString();

  before(async () => {
    database = await openEmptyDatabase();
    db = database.handle.db as Kysely<unknown>;
    await migrateUpTo(database, '0014-article-views');
    const section = await db
      .withTables<{ sections: { id: Generated<number>; name: string; slug: string; created_at: string } }>()
      .insertInto('sections')
      .values({ name: 'News', slug: 'news', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const articles = db.withTables<Articles>();
    const rows = [
      ['kazakh', 'kk', 'published', 'Қазақстан үкіметі', 'Сәуір айында.'],
      ['russian', 'ru', 'published', 'Выборы прошли', 'На выборах тихо.'],
      ['draft', 'kk', 'draft', 'Қазақстан жобасы', 'Құпия сөз.'],
    ] as const;
    for (const [slug, language, status, title, plain] of rows) {
      const row = await articles
        .insertInto('articles')
        .values({
          section_id: section.id,
          slug,
          title,
          standfirst: '',
          body: '{"type":"doc","content":[]}',
          plain_text: plain,
          status,
          published_at: status === 'published' ? earlier : null,
          language,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[slug] = row.id;
    }
    await readerSearch.up(db, database.context);
    // Today's search code reads the schema as the later migrations left it (0034: an index per language).
    await migrateAfter(database, '0015-reader-search');
  });
  after(() => database.dispose());

  const found = async (language: string, query: string) =>
    (await searchArticleIds(db as unknown as Db, database.context.kind, { language, terms: parseSearchQuery(query).terms }, { limit: 10, offset: 0 }, now)).ids;

  it('gives the published articles that exist a search document, and drafts none', async () => {
    const documents = await db
      .withTables<{ article_search_documents: { article_id: number } }>()
      .selectFrom('article_search_documents')
      .select('article_id')
      .orderBy('article_id')
      .execute();
    assert.deepEqual(
      documents.map((d) => d.article_id),
      [ids.kazakh, ids.russian],
    );
  });

  it('answers queries over them in either script, by language', async () => {
    assert.deepEqual(await found('kk', 'қазақстан'), [ids.kazakh]);
    assert.deepEqual(await found('kk', 'qazaqstan'), [ids.kazakh]);
    assert.deepEqual(await found('kk', 'sauir'), [ids.kazakh]);
    assert.deepEqual(await found('kk', 'құпия'), [], 'a draft’s words are not indexed');
    assert.deepEqual(await found('ru', 'выборы'), [ids.russian]);
    assert.deepEqual(await found('en', 'выборы'), []);
  });
});
