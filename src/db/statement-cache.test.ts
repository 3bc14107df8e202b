import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { withStatementCache } from './statement-cache.ts';

describe('withStatementCache', () => {
  it('prepares a query once, evicts the least recently used past capacity, and gives right answers', async () => {
    const connection = new SQLite(':memory:');
    const prepared: string[] = [];
    const original = connection.prepare.bind(connection);
    connection.prepare = ((source: string) => {
      prepared.push(source);
      return original(source);
    }) as typeof connection.prepare;
    const db = new Kysely<{ t: { n: number } }>({ dialect: new SqliteDialect({ database: withStatementCache(connection, 2) }) });
    await sql`create table t (n integer)`.execute(db);
    for (const n of [1, 2, 3]) await db.insertInto('t').values({ n }).execute();
    assert.equal(prepared.filter((s) => s.startsWith('insert')).length, 1, 'one insert statement, bound three times');
    const sum = () => sql<{ s: number }>`select sum(n) as s from t`.execute(db);
    assert.equal((await sum()).rows[0]!.s, 6);
    await sql`select 1`.execute(db); // fills the cache past the insert (capacity 2)
    await db.insertInto('t').values({ n: 4 }).execute();
    assert.equal(prepared.filter((s) => s.startsWith('insert')).length, 2, 'the evicted insert is prepared again');
    assert.equal((await sum()).rows[0]!.s, 10);
    await db.destroy();
  });
});
