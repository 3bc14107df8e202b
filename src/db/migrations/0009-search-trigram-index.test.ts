import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { migrateEmptyDatabase, openEmptyDatabase } from '../../../test/support/empty-database.ts';

describe('migration 0009-search-trigram-index', () => {
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let db: Kysely<unknown>;

  before(async () => {
    database = await openEmptyDatabase();
    db = database.handle.db as Kysely<unknown>;
    await migrateEmptyDatabase(database.handle);
  });
  after(() => database.dispose());

  it('gives PostgreSQL trigram indexes on the search text of articles and media, and SQLite nothing new', async () => {
    if (database.context.kind === 'postgres') {
      const { rows } = await sql<{ indexname: string; indexdef: string }>`
        select indexname, indexdef from pg_indexes where schemaname = current_schema() and indexname like '%search_trgm_idx' order by indexname`.execute(db);
      assert.deepEqual(rows.map((r) => r.indexname), ['articles_search_trgm_idx', 'media_search_trgm_idx']);
      for (const row of rows) assert.match(row.indexdef, /USING gin \(search_text \w+\.gin_trgm_ops\)/);
      // Cyrillic text has trigrams too, so the planner can take the index for a Kazakh search
      // (on this tiny table only when sequential scans are ruled out).
      const plan = await db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        return sql<{ 'QUERY PLAN': string }>`explain select id from articles where search_text like '%астана%'`.execute(trx);
      });
      assert.match(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), /articles_search_trgm_idx/);
    } else {
      const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and name like '%trgm%'`.execute(db);
      assert.deepEqual(rows, []);
    }
  });
});
