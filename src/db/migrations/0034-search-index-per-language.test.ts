import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { syncSearchDocument } from '#src/domain/search/search-repository.ts';
import { searchIndexBefore, type SearchIndexFixture } from '../../../test/support/published-search-documents.ts';
import * as searchIndexPerLanguage from './0034-search-index-per-language.ts';

describe('migration 0034-search-index-per-language', () => {
  let fixture: SearchIndexFixture;
  let db: Kysely<Database>;
  const ids: Record<string, number> = {};
  const publish = (language: string, title: string, plainText: string) => fixture.publish(language, title, plainText);
  const found = (language: string, query: string) => fixture.found(language, query);

  before(async () => {
    fixture = await searchIndexBefore('0034-search-index-per-language');
    db = fixture.db;
    // Indexed by the one index of migration 0015, before this migration.
    Object.assign(ids, await fixture.publishOneInEachLanguage());
    await searchIndexPerLanguage.up(db as unknown as Kysely<unknown>, fixture.database.context);
  });
  after(() => fixture.database.dispose());

  it('finds the articles indexed before it, in their own language and in either Kazakh script', async () => {
    assert.deepEqual(await found('kk', 'астанада'), [ids.kazakh]);
    assert.deepEqual(await found('kk', 'астана'), [ids.kazakh], 'a prefix');
    assert.deepEqual(await found('kk', 'muraja'), [ids.kazakh], 'the Latin reading');
    assert.deepEqual(await found('en', 'museum astana'), [ids.english]);
    assert.deepEqual(await found('ru', 'выборах'), [ids.russian], 'a Russian form by its stem');
  });

  it('finds nothing in a language for a word only other languages have', async () => {
    // "astana" is in the Kazakh article's Latin reading and in the English one, in no Russian article.
    assert.deepEqual(await found('ru', 'astana'), []);
    assert.deepEqual(await found('ru', 'астана'), []);
    assert.deepEqual(await found('en', 'выборы'), []);
    assert.deepEqual(await found('kk', 'museum'), []);
  });

  it('keeps each language’s index current through publishing, edits, a change of language, unpublishing and deletion', async () => {
    const story = await publish('ru', 'Музей в Астане', 'Новый музей открылся.');
    assert.deepEqual(await found('ru', 'астане'), [story]);
    await db.updateTable('articles').set({ title: 'Музей открылся', plain_text: 'Экспозиция.' }).where('id', '=', story).execute();
    await syncSearchDocument(db, story);
    assert.deepEqual(await found('ru', 'астане'), [], 'an edit takes the old words out');
    assert.deepEqual(await found('ru', 'экспозиция'), [story]);
    await db.updateTable('articles').set({ language: 'en', title: 'Exhibition opens', plain_text: 'An exhibition.' }).where('id', '=', story).execute();
    await syncSearchDocument(db, story);
    assert.deepEqual(await found('ru', 'экспозиция'), [], 'out of the old language’s index');
    assert.deepEqual(await found('en', 'exhibition'), [story], 'into the new one’s');
    await db.updateTable('articles').set({ status: 'draft' }).where('id', '=', story).execute();
    await syncSearchDocument(db, story);
    assert.deepEqual(await found('en', 'exhibition'), [], 'unpublished');
    const gone = await publish('kk', 'Шахмат турнирі', 'Шахматшылар жиналды.');
    assert.deepEqual(await found('kk', 'шахмат'), [gone]);
    await db.deleteFrom('articles').where('id', '=', gone).execute();
    assert.deepEqual(await found('kk', 'шахмат'), [], 'deleted with its article');
  });

  it('replaces the one full-text index with one per language (FTS5 tables on SQLite, partial GIN indexes on PostgreSQL)', async () => {
    if (fixture.database.context.kind === 'postgres') {
      // The GIN filter runs here, not in SQL: a condition on indexdef is pushed down to every index
      // in the database, and one that a concurrent test file drops meanwhile fails the whole query.
      const { rows: all } = await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes
        where schemaname = current_schema() and tablename = 'article_search_documents' order by indexname`.execute(db);
      const rows = all.filter((r) => r.indexdef.includes('USING gin'));
      assert.deepEqual(
        rows.map((r) => r.indexname),
        ['article_search_documents_vector_en_idx', 'article_search_documents_vector_kk_idx', 'article_search_documents_vector_ru_idx'],
      );
      for (const row of rows) assert.match(row.indexdef, /WHERE \(language = '(en|kk|ru)'::text\)$/);
      return;
    }
    const tables = await sql<{ name: string }>`select name from sqlite_master where name like 'article_search_fts%' and sql like 'create virtual table%' order by name`.execute(db);
    assert.deepEqual(
      tables.rows.map((r) => r.name),
      ['article_search_fts_en', 'article_search_fts_kk', 'article_search_fts_ru'],
    );
    for (const language of ['en', 'kk', 'ru']) {
      // Checks the index against its view of the documents: every row of the language indexed, no other.
      await sql`insert into ${sql.table(`article_search_fts_${language}`)}(${sql.ref(`article_search_fts_${language}`)}, rank) values ('integrity-check', 1)`.execute(db);
    }
  });
});
