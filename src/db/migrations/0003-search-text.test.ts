import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Generated, Kysely } from 'kysely';
import { migrateUpTo, openEmptyDatabase } from '../../../test/support/empty-database.ts';
import * as searchText from './0003-search-text.ts';

// More than one batch of the backfill (500), so its paging is exercised.
const ARTICLE_COUNT = 1203;

describe('migration 0003-search-text', () => {
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let db: Kysely<unknown>;

  before(async () => {
    database = await openEmptyDatabase();
    db = database.handle.db as Kysely<unknown>;
    await migrateUpTo(database, '0003-search-text');
    // Rows written before the migration, as the app wrote them then.
    const old = db.withTables<{
      sections: { id: Generated<number>; name: string; slug: string; created_at: string };
      articles: { section_id: number; slug: string; title: string; standfirst: string; body: string; status: string; created_at: string; updated_at: string };
      media: { file_key: string; mime_type: string; width: number; height: number; byte_size: number; sha256: string; original_name: string; caption: string; credit: string; alt_text: string; created_at: string };
    }>();
    const now = new Date().toISOString();
    const { id: sectionId } = await old
      .insertInto('sections')
      .values({ name: 'Жаңалықтар', slug: 'news', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const articles = Array.from({ length: ARTICLE_COUNT }, (_, i) => ({
      section_id: sectionId,
      slug: `a-${i}`,
      title: i % 2 === 0 ? `АСТАНА  Күндері №${i}` : `ҚАЗАҚ тілі ${i}`,
      standfirst: i % 3 === 0 ? 'Өскемен\nжәне СЕМЕЙ' : '',
      body: '{"type":"doc","content":[]}',
      status: 'draft',
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < articles.length; i += 400) await old.insertInto('articles').values(articles.slice(i, i + 400)).execute();
    await old
      .insertInto('media')
      .values([
        { file_key: 'a.png', mime_type: 'image/png', width: 1, height: 1, byte_size: 1, sha256: 'a', original_name: 'Бәйтерек.PNG', caption: 'Көктемгі АСТАНА', credit: 'Сурет: ҚАСЫМОВ', alt_text: 'Мұнара', created_at: now },
        { file_key: 'b.png', mime_type: 'image/png', width: 1, height: 1, byte_size: 1, sha256: 'b', original_name: '', caption: '', credit: '', alt_text: '', created_at: now },
      ])
      .execute();
    await searchText.up(db, database.context);
  });
  after(() => database.dispose());

  it('fills search_text of every existing article from its title and standfirst, folded', async () => {
    const rows = await db
      .withTables<{ articles: { id: number; slug: string; search_text: string } }>()
      .selectFrom('articles')
      .select(['slug', 'search_text'])
      .execute();
    assert.equal(rows.length, ARTICLE_COUNT);
    for (const row of rows) {
      const i = Number(row.slug.slice(2));
      // NFKC writes № as "No".
      const title = i % 2 === 0 ? `астана күндері no${i}` : `қазақ тілі ${i}`;
      assert.equal(row.search_text, i % 3 === 0 ? `${title}\nөскемен және семей` : title, row.slug);
    }
  });

  it('fills search_text of every existing image from caption, credit, alt text and file name', async () => {
    const rows = await db
      .withTables<{ media: { id: number; sha256: string; search_text: string } }>()
      .selectFrom('media')
      .select(['sha256', 'search_text'])
      .orderBy('sha256')
      .execute();
    assert.deepEqual(rows, [
      { sha256: 'a', search_text: 'көктемгі астана\nсурет: қасымов\nмұнара\nбәйтерек.png' },
      { sha256: 'b', search_text: '' },
    ]);
  });

  it('gives new rows an empty search_text by default (the app always writes its own)', async () => {
    const typed = db.withTables<{ media: { file_key: string; mime_type: string; width: number; height: number; byte_size: number; sha256: string; created_at: string; search_text: Generated<string> } }>();
    const row = await typed
      .insertInto('media')
      .values({ file_key: 'c.png', mime_type: 'image/png', width: 1, height: 1, byte_size: 1, sha256: 'c', created_at: new Date().toISOString() })
      .returning('search_text')
      .executeTakeFirstOrThrow();
    assert.equal(row.search_text, '');
  });
});
