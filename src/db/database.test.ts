import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '#src/config/config.ts';
import { beginBulkLoad, openDatabase } from './database.ts';

async function durabilityOf(env: Record<string, string>): Promise<{ pragma: number; syncsCommits: boolean | undefined }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-pragma-'));
  const handle = openDatabase(loadConfig({ ...env, DATA_DIR: dataDir }));
  try {
    await sql`create table t (n integer)`.execute(handle.db);
    await sql`insert into t (n) values (1)`.execute(handle.db);
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(handle.db);
    return { pragma: rows[0]!.synchronous, syncsCommits: handle.syncsCommits };
  } finally {
    await handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('SQLite durability', () => {
  // SQLite's own FULL would fsync inside COMMIT, on the event loop's thread (ADR 0047).
  it('syncs the log after every commit, off the event loop (SQLite NORMAL), unless told otherwise', async () => {
    assert.deepEqual(await durabilityOf({}), { pragma: 1, syncsCommits: true });
  });

  it('takes SQLITE_SYNCHRONOUS=normal, and refuses anything but full or normal', async () => {
    assert.deepEqual(await durabilityOf({ SQLITE_SYNCHRONOUS: 'normal' }), { pragma: 1, syncsCommits: false });
    assert.throws(() => loadConfig({ SQLITE_SYNCHRONOUS: 'off' }), /SQLITE_SYNCHRONOUS="off": must be full or normal/);
  });
});

describe('SQLite bulk load (the synthetic seed, ADR 0061)', () => {
  it('writes without syncs while it lasts, then leaves the connection as it was, its log checkpointed into the file', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-bulk-'));
    const handle = openDatabase(loadConfig({ DATA_DIR: dataDir }));
    const settings = async () => {
      const read = async (name: string) => Object.values((await sql.raw<Record<string, number>>(`pragma ${name}`).execute(handle.db)).rows[0]!)[0];
      return { synchronous: await read('synchronous'), cache: await read('cache_size'), checkpoint: await read('wal_autocheckpoint') };
    };
    try {
      const before = await settings();
      await sql`create table t (n integer)`.execute(handle.db);
      const load = await beginBulkLoad(handle);
      assert.equal((await settings()).synchronous, 0);
      await handle.db.transaction().execute((tx) => sql`insert into t (n) values (1), (2)`.execute(tx));
      await load.end();
      assert.deepEqual(await settings(), before);
      // TRUNCATE empties the log: every page of the load is in the database file.
      assert.equal(fs.statSync(path.join(dataDir, 'qalam.db-wal')).size, 0);
      const { rows } = await sql<{ n: number }>`select count(*) as n from t`.execute(handle.db);
      assert.equal(rows[0]!.n, 2);
    } finally {
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
