import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Generated, type Kysely } from 'kysely';
import { migrateUpTo, openEmptyDatabase } from '../../../test/support/empty-database.ts';
import * as articleSearchFts from './0010-article-search-fts.ts';

type Articles = { articles: { id: Generated<number>; section_id: number; slug: string; title: string; body: string; status: string; search_text: string; created_at: string; updated_at: string } };

describe('migration 0010-article-search-fts', () => {
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let db: Kysely<unknown>;
  const ids: Record<string, number> = {};

  before(async () => {
    database = await openEmptyDatabase();
    db = database.handle.db as Kysely<unknown>;
    await migrateUpTo(database, '0010-article-search-fts');
    const now = new Date().toISOString();
    const section = await db
      .withTables<{ sections: { id: Generated<number>; name: string; slug: string; created_at: string } }>()
      .insertInto('sections')
      .values({ name: 'News', slug: 'news', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const articles = db.withTables<Articles>();
    for (const [slug, text] of [['before', 'жаңалықтар бұрын']] as const) {
      const row = await articles
        .insertInto('articles')
        .values({ section_id: section.id, slug, title: text, body: '{"type":"doc","content":[]}', status: 'draft', search_text: text, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[slug] = row.id;
    }
    await articleSearchFts.up(db, database.context);
  });
  after(() => database.dispose());

  const indexed = async (glob: string) =>
    (await sql<{ id: number }>`select rowid as id from articles_search_fts where search_text glob ${glob} order by rowid`.execute(db)).rows.map((r) => r.id);

  it('indexes existing articles on SQLite, and follows inserts, edits and deletes through its triggers', async (t) => {
    if (database.context.kind !== 'sqlite') {
      const { rows } = await sql<{ n: number }>`select count(*) as n from pg_tables where schemaname = current_schema() and tablename like 'articles_search_fts%'`.execute(db);
      assert.equal(Number(rows[0]!.n), 0, 'PostgreSQL has pg_trgm instead (0009)');
      return t.diagnostic('PostgreSQL: nothing to index here, checked that nothing was created');
    }
    assert.deepEqual(await indexed('*жаңалық*'), [ids.before]);
    const articles = db.withTables<Articles>();
    const now = new Date().toISOString();
    const after = await articles
      .insertInto('articles')
      .values({ section_id: 1, slug: 'after', title: 'x', body: '{"type":"doc","content":[]}', status: 'draft', search_text: 'жаңалықтар кейін', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.deepEqual(await indexed('*жаңалық*'), [ids.before, after.id]);
    await articles.updateTable('articles').set({ search_text: 'басқа мәтін' }).where('id', '=', ids.before!).execute();
    assert.deepEqual(await indexed('*жаңалық*'), [after.id]);
    assert.deepEqual(await indexed('*басқа*'), [ids.before]);
    await articles.deleteFrom('articles').where('id', '=', after.id).execute();
    assert.deepEqual(await indexed('*жаңалық*'), []);
  });
});
