import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { openEmptyDatabase } from '../../test/support/empty-database.ts';
import { compiledOnce } from './compiled-once.ts';
import type { Executor } from './database.ts';
import { MAX_PREPARED, prepareStatement, preparedStatementName } from './prepared-statements.ts';

type Db = Kysely<{ items: { id: number; kind: string; n: number } }>;

/** A lookup by key, marked to run as a prepared statement. */
const byKind = compiledOnce((executor: Executor, _shape: '', { kind, above }: { kind: string; above: number }) =>
  (executor as unknown as Db).selectFrom('items').select(['id', 'n']).where('kind', '=', kind).where('n', '>', above).orderBy('id'),
  { prepared: true },
);

/** The same read, not marked. */
const byKindUnprepared = compiledOnce((executor: Executor, _shape: '', { kind }: { kind: string }) =>
  (executor as unknown as Db).selectFrom('items').select(['id', 'kind']).where('kind', '=', kind),
);

describe('prepared statements (PostgreSQL keeps marked queries parsed and planned per connection)', () => {
  let opened: Awaited<ReturnType<typeof openEmptyDatabase>>;

  before(async () => {
    opened = await openEmptyDatabase();
    await sql`create table items (id integer primary key, kind text not null, n integer not null)`.execute(opened.handle.db);
    await sql`insert into items (id, kind, n) values (1, 'a', 10), (2, 'b', 20), (3, 'a', 30), (4, 'c', 40), (5, 'b', 50)`.execute(opened.handle.db);
  });
  after(() => opened.dispose());

  it('answers every run with its own values, past the runs after which PostgreSQL plans the statement once for all', async () => {
    await opened.handle.db.transaction().execute(async (trx) => {
      const ids = async (kind: string, above: number) => (await byKind(trx, '', { kind, above })).map((row) => row.id);
      // PostgreSQL plans a named statement with its values five times, then may keep a generic plan: runs 6-10 use it.
      const cases: Array<[string, number, number[]]> = [
        ['a', 0, [1, 3]],
        ['b', 0, [2, 5]],
        ['a', 15, [3]],
        ['c', 0, [4]],
        ['b', 30, [5]],
        ['a', 100, []],
        ['b', 10, [2, 5]],
        ['a', 20, [3]],
        ['c', 40, []],
        ['z', 0, []],
      ];
      for (const [kind, above, expected] of cases) assert.deepEqual(await ids(kind, above), expected, `${kind} above ${above}`);
      assert.deepEqual(
        (await byKindUnprepared(trx, '', { kind: 'c' })).map((row) => row.id),
        [4],
      );
      if (opened.handle.kind !== 'postgres') return;
      // The same connection (a transaction holds one): what it keeps prepared, by the driver's protocol (not SQL PREPARE).
      const { rows } = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements where not from_sql`.execute(trx);
      const marked = rows.filter((row) => row.statement.includes('"n" >'));
      assert.equal(marked.length, 1, 'the marked query, parsed once on this connection');
      assert.equal(marked[0]!.name, preparedStatementName(marked[0]!.statement));
      assert.ok(!rows.some((row) => row.statement.includes('"kind" from')), 'an unmarked query is not kept');
    });
  });

  it('names each text once and stops marking new texts past its bound', () => {
    prepareStatement('select 1 where 1 = $1');
    const name = preparedStatementName('select 1 where 1 = $1');
    prepareStatement('select 1 where 1 = $1');
    assert.equal(preparedStatementName('select 1 where 1 = $1'), name);
    for (let i = 0; i < MAX_PREPARED; i++) prepareStatement(`select ${i} where 1 = $1`);
    const names = Array.from({ length: MAX_PREPARED }, (_, i) => preparedStatementName(`select ${i} where 1 = $1`));
    assert.ok(names.includes(undefined), 'texts past the bound run unnamed');
    const given = names.filter((n) => n !== undefined);
    assert.equal(new Set(given).size, given.length, 'no two texts share a name');
  });
});
