import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { openEmptyDatabase } from '../../test/support/empty-database.ts';
import { compiledOnce } from './compiled-once.ts';
import type { Executor } from './database.ts';

type Db = Kysely<{ items: { id: number; kind: string; n: number } }>;

/** Items of some kinds (a list), above a floor when given, in `order`; a list of any length, an absent floor, both change the shape. */
const itemsQuery = compiledOnce((executor: Executor, order: 'asc' | 'desc', { kinds, above }: { kinds: string[]; above?: number }) => {
  const db = executor as unknown as Db;
  let query = db.selectFrom('items').select(['id', 'n']).where('kind', 'in', kinds).where('kind', '!=', 'hidden');
  if (above !== undefined) query = query.where('n', '>', above);
  return query.orderBy('n', order);
});

describe('compiledOnce', () => {
  let opened: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let db: Executor;

  before(async () => {
    opened = await openEmptyDatabase();
    db = opened.handle.db;
    await sql`create table items (id integer primary key, kind text not null, n integer not null)`.execute(db);
    await sql`insert into items (id, kind, n) values (1, 'a', 10), (2, 'b', 20), (3, 'a', 30), (4, 'c', 40), (5, 'hidden', 50)`.execute(db);
  });
  after(() => opened.dispose());

  it("answers each call with its own values, whatever shape was compiled first, keeping the builder's constants", async () => {
    const ids = async (order: 'asc' | 'desc', params: { kinds: string[]; above?: number }) => (await itemsQuery(db, order, params)).map((row) => row.id);
    assert.deepEqual(await ids('asc', { kinds: ['a'] }), [1, 3]);
    assert.deepEqual(await ids('asc', { kinds: ['c'] }), [4], 'the same shape, another value');
    assert.deepEqual(await ids('desc', { kinds: ['a', 'b'] }), [3, 2, 1], 'a longer list and another order');
    assert.deepEqual(await ids('desc', { kinds: ['b', 'a'], above: 15 }), [3, 2], 'a floor');
    assert.deepEqual(await ids('desc', { kinds: ['a', 'c'], above: 25 }), [4, 3], 'the floor shape again, other values');
    assert.deepEqual(await ids('asc', { kinds: ['hidden', 'a'] }), [1, 3], "the builder's own constant still holds");
  });

  it('refuses a builder that decides by a value instead of placing it in the query', async () => {
    const deciding = compiledOnce((executor: Executor, _shape: '', { limit }: { limit: number }) =>
      (executor as unknown as Db).selectFrom('items').select('id').limit(limit > 2 ? 2 : 1),
    );
    await assert.rejects(deciding(db, '', { limit: 5 }), /not placed as parameters/);
  });
});
