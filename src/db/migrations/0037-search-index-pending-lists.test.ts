import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { searchIndexBefore, type SearchIndexFixture } from '../../../test/support/published-search-documents.ts';
import * as searchIndexPendingLists from './0037-search-index-pending-lists.ts';

const GIN_INDEXES = ['article_search_documents_vector_en_idx', 'article_search_documents_vector_kk_idx', 'article_search_documents_vector_ru_idx'];

describe('migration 0037-search-index-pending-lists', () => {
  let fixture: SearchIndexFixture;
  let db: Kysely<Database>;
  const ids: Record<string, number> = {};
  const publish = (language: string, title: string, plainText: string) => fixture.publish(language, title, plainText);
  const found = (language: string, query: string) => fixture.found(language, query);

  /** Pages a GIN index's pending list held, emptied by the call (PostgreSQL's gin_clean_pending_list). */
  const pendingPages = async (index: string) =>
    Number((await sql<{ pages: number }>`select gin_clean_pending_list(${index}::regclass) as pages`.execute(db)).rows[0]!.pages);

  before(async () => {
    fixture = await searchIndexBefore('0037-search-index-pending-lists');
    db = fixture.db;
    // Indexed before this migration: on PostgreSQL their entries wait in each index's pending list.
    Object.assign(ids, await fixture.publishOneInEachLanguage());
    await searchIndexPendingLists.up(db as unknown as Kysely<unknown>, fixture.database.context);
  });
  after(() => fixture.database.dispose());

  it('keeps short pending lists on the PostgreSQL search indexes, emptied by the migration', async () => {
    if (fixture.database.context.kind !== 'postgres') return; // FTS5 has no pending list: nothing to change
    const { rows } = await sql<{ relname: string; reloptions: string[] | null }>`select c.relname, c.reloptions from pg_class c
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relname in (${sql.join(GIN_INDEXES)}) order by c.relname`.execute(db);
    assert.deepEqual(
      rows.map((row) => [row.relname, row.reloptions]),
      GIN_INDEXES.map((index) => [index, [`gin_pending_list_limit=${searchIndexPendingLists.PENDING_LIST_KB}`]]),
    );
    for (const index of GIN_INDEXES) assert.equal(await pendingPages(index), 0, `${index}: its entries are in the tree`);
  });

  it('finds the articles indexed before it and those published after', async () => {
    assert.deepEqual(await found('en', 'museum'), [ids.english]);
    assert.deepEqual(await found('kk', 'астанада'), [ids.kazakh]);
    assert.deepEqual(await found('kk', 'muraja'), [ids.kazakh], 'the Latin reading');
    assert.deepEqual(await found('ru', 'выборах'), [ids.russian]);
    const later = await publish('en', 'Museum night', 'The museum stays open late.');
    assert.deepEqual(await found('en', 'museum'), [later, ids.english]);
    assert.deepEqual(await found('ru', 'museum'), [], 'in its own language only');
  });
});
