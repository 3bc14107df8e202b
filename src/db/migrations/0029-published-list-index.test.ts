import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { migrateUpTo, openEmptyDatabase } from '../../../test/support/empty-database.ts';
import * as publishedListIndex from './0029-published-list-index.ts';

describe('migration 0029-published-list-index', () => {
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;

  before(async () => {
    database = await openEmptyDatabase();
    await migrateUpTo(database, '0029-published-list-index');
    await publishedListIndex.up(database.handle.db as unknown as Kysely<unknown>, database.context);
  });
  after(() => database.dispose());

  // The Content API's default list: every language, newest first, as readers may see it now.
  const allLanguages = `select id from articles where status = 'published' and published_at <= '2030-01-01' order by published_at desc, id desc limit 21`;

  it('reads the list of every language by publication from an index, with no sort of the archive', async () => {
    const db = database.handle.db;
    const plan =
      database.context.kind === 'sqlite'
        ? (await sql<{ detail: string }>`explain query plan ${sql.raw(allLanguages)}`.execute(db)).rows.map((r) => r.detail).join('\n')
        : await db.transaction().execute(async (trx) => {
            // An empty table: the planner would scan it whatever the indexes; ask what it would do with many rows.
            await sql`set local enable_seqscan = off`.execute(trx);
            const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(allLanguages)}`.execute(trx);
            return rows.map((r) => r['QUERY PLAN']).join('\n');
          });
    assert.match(plan, /articles_published_idx/);
    assert.doesNotMatch(plan, /TEMP B-TREE|Sort/);
  });
});
