import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { migrateUpTo, openEmptyDatabase, planOf } from '../../../test/support/empty-database.ts';
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
    const plan = await planOf(database, allLanguages);
    assert.match(plan, /articles_published_idx/);
    assert.doesNotMatch(plan, /TEMP B-TREE|Sort/);
  });
});
