import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { loadConfig } from '#src/config/config.ts';
import { openDatabase } from '#src/db/database.ts';
import { MIGRATIONS } from '#src/db/migrator.ts';
import { createCliInstall, startServeProcess, type CliInstall } from '../../support/serve-process.ts';

// A serve that did not refuse would listen until killed: the wait makes that a failure, not a hang.
const REFUSAL_WAIT_MS = 60_000;

describe('qalam serve and the schema', () => {
  let install: CliInstall;
  before(async () => {
    install = await createCliInstall();
  });
  after(() => install.dispose());

  it('refuses a new database, naming the command that prepares it', () => {
    const result = install.run(['serve'], { timeoutMs: REFUSAL_WAIT_MS });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /no Qalam schema yet\. Run `qalam migrate` first/);
  });

  it('refuses a schema one migration behind, naming it, and serves once migrated', async () => {
    assert.equal(install.run(['migrate']).status, 0);
    const last = Object.keys(MIGRATIONS).at(-1)!;
    // As a database restored from a backup of the previous version would be: its last migration unrecorded.
    const database = openDatabase(loadConfig(install.env));
    try {
      await sql`delete from kysely_migration where name = ${last}`.execute(database.db);
    } finally {
      await database.close();
    }
    const behind = install.run(['serve'], { timeoutMs: REFUSAL_WAIT_MS });
    assert.equal(behind.status, 2, behind.stderr);
    assert.match(behind.stderr, new RegExp(`1 migration behind this version of Qalam \\(next: ${last}\\)`));

    // Put the bookkeeping row back (its migration's tables are still there), and the same install serves.
    const again = openDatabase(loadConfig(install.env));
    try {
      await sql`insert into kysely_migration (name, timestamp) values (${last}, ${new Date().toISOString()})`.execute(again.db);
    } finally {
      await again.close();
    }
    const serve = await startServeProcess(install, { migrate: false });
    try {
      assert.equal((await fetch(`${serve.url}/healthz`)).status, 200);
    } finally {
      await serve.stop();
    }
  });
});
