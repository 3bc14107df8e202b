import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { loadConfig } from '#src/config/config.ts';
import { openDatabase, type DatabaseHandle } from './database.ts';
import { LockWaitingSqliteDialect } from './sqlite-lock-waits.ts';

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

// Two handles on one file stand for two processes (cluster workers): each has its own connection and lock.
describe('SQLite lock waits (two connections, as two workers)', () => {
  let dataDir: string;
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  const count = async () => (await sql<{ n: number }>`select count(*) as n from t`.execute(first.db)).rows[0]!.n;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-locks-'));
    const config = loadConfig({ DATA_DIR: dataDir });
    first = openDatabase(config);
    second = openDatabase(config);
    await sql`create table t (n integer)`.execute(first.db);
  });

  after(async () => {
    await first.close();
    await second.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("waits for the other connection's transaction with the event loop free, then writes", async () => {
    const before = await count();
    const wrote = gate();
    const release = gate();
    const holding = first.db.transaction().execute(async (tx) => {
      await sql`insert into t (n) values (1)`.execute(tx);
      wrote.open();
      // The lock is held until a timer of this same process fires: a wait that slept the thread would never see it.
      await release.opened;
    });
    await wrote.opened;
    const waiting = sql`insert into t (n) values (2)`.execute(second.db);
    setTimeout(release.open, 20);
    await Promise.all([holding, waiting]);
    assert.equal(await count(), before + 2);
  });

  it('commits two transactions that each read, then write, at the same time (an editor’s save on each worker)', async () => {
    const before = await count();
    const bothStarted = gate();
    let started = 0;
    const save = (handle: DatabaseHandle, n: number) =>
      handle.db.transaction().execute(async (tx) => {
        await sql`select count(*) from t`.execute(tx);
        if (++started === 2) bothStarted.open();
        // The first to start holds the lock until a timer lets it go; the other waits for it.
        await Promise.race([bothStarted.opened, new Promise((resolve) => setTimeout(resolve, 20))]);
        await sql`insert into t (n) values (${n})`.execute(tx);
      });
    await Promise.all([save(first, 3), save(second, 4)]);
    assert.equal(await count(), before + 2);
  });
});

describe('afterCommit', () => {
  it('runs after each commit and each write outside a transaction, before they resolve, never after a read', async () => {
    const seen: string[] = [];
    const db = new Kysely<Record<string, never>>({
      dialect: new LockWaitingSqliteDialect({ database: new SQLite(':memory:'), afterCommit: async () => void seen.push('synced') }),
    });
    await sql`create table t (n integer)`.execute(db);
    seen.length = 0;
    await sql`insert into t (n) values (1)`.execute(db);
    seen.push('insert answered');
    await db.transaction().execute(async (tx) => {
      await sql`insert into t (n) values (2)`.execute(tx);
      await sql`insert into t (n) values (3)`.execute(tx);
      seen.push('transaction body done');
    });
    seen.push('transaction answered');
    await sql`select count(*) from t`.execute(db);
    await db.selectFrom('t' as never).selectAll().execute();
    assert.deepEqual(seen, ['synced', 'insert answered', 'transaction body done', 'synced', 'transaction answered']);
    await db.destroy();
  });
});
