import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { SUPPORTED_LANGUAGES } from '#src/i18n/languages.ts';
import { migrateEmptyDatabase, openEmptyDatabase } from '../../../test/support/empty-database.ts';
import { parseSearchQuery } from './search-query.ts';
import { searchArticleIds, searchIndexOf } from './search-repository.ts';

describe('the search index of each language', () => {
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;

  before(async () => {
    database = await openEmptyDatabase();
    await migrateEmptyDatabase(database.handle);
  });
  after(() => database.dispose());

  it('exists for every language articles are written in (a new language needs a migration creating its SQLite index)', async () => {
    const written = SUPPORTED_LANGUAGES.filter((l) => !l.script).map((l) => l.code);
    for (const language of written) {
      const answer = await searchArticleIds(database.handle.db, database.context.kind, { language, terms: parseSearchQuery('astana').terms }, { limit: 10, offset: 0 }, new Date().toISOString());
      assert.deepEqual(answer, { ids: [], total: 0 }, language);
      const { rows } =
        database.context.kind === 'sqlite'
          ? await sql`select name from sqlite_master where name = ${searchIndexOf(language)} and sql like 'create virtual table%'`.execute(database.handle.db)
          : await sql`select indexname from pg_indexes where schemaname = current_schema() and indexname = ${`article_search_documents_vector_${language}_idx`}`.execute(database.handle.db);
      assert.equal(rows.length, 1, `${language} has its index`);
    }
  });

  it('is none for a language no article is written in: such a search finds nothing', async () => {
    assert.equal(searchIndexOf('kk-Latn'), null);
    assert.equal(searchIndexOf('de'), null);
    const answer = await searchArticleIds(database.handle.db, database.context.kind, { language: 'de', terms: parseSearchQuery('astana').terms }, { limit: 10, offset: 0 }, new Date().toISOString());
    assert.deepEqual(answer, { ids: [], total: 0 });
  });
});
