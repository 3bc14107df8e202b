import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '#src/config/config.ts';
import { openDatabase } from './database.ts';

async function synchronousOf(env: Record<string, string>): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-pragma-'));
  const handle = openDatabase(loadConfig({ ...env, DATA_DIR: dataDir }));
  try {
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(handle.db);
    return rows[0]!.synchronous;
  } finally {
    await handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('SQLite durability', () => {
  it('syncs every commit (synchronous = FULL) unless told otherwise', async () => {
    assert.equal(await synchronousOf({}), 2);
  });

  it('takes SQLITE_SYNCHRONOUS=normal, and refuses anything but full or normal', async () => {
    assert.equal(await synchronousOf({ SQLITE_SYNCHRONOUS: 'normal' }), 1);
    assert.throws(() => loadConfig({ SQLITE_SYNCHRONOUS: 'off' }), /SQLITE_SYNCHRONOUS="off": must be full or normal/);
  });
});
