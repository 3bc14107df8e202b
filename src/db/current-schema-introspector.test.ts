import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openEmptyDatabase, migrateEmptyDatabase } from '../../test/support/empty-database.ts';
import { runAdminQuery, withPostgresLock } from '../../test/support/test-server.ts';
import type { DatabaseHandle } from './database.ts';

// SQLite has one schema per file: there is nothing beside an install to trip over.
const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl?.startsWith('postgres')) {
  describe('introspecting a PostgreSQL install that shares its database with others', () => {
    const neighbour = `test_${randomBytes(6).toString('hex')}`;
    let install: { handle: DatabaseHandle; dispose(): Promise<void> };

    before(async () => {
      await withPostgresLock(databaseUrl, () =>
        runAdminQuery(databaseUrl, `create schema ${neighbour}; create table ${neighbour}.swapped (id serial primary key, body text)`),
      );
      install = await openEmptyDatabase();
    });
    after(async () => {
      await install?.dispose();
      await withPostgresLock(databaseUrl, () => runAdminQuery(databaseUrl, `drop schema ${neighbour} cascade`));
    });

    it('migrates while a neighbour renames its tables back and forth (as a reuse-index rebuild swaps them)', async () => {
      const swapper = new pg.Client({ connectionString: databaseUrl });
      await swapper.connect();
      let migrating = true;
      let swaps = 0;
      const swapping = (async () => {
        while (migrating) {
          await swapper.query(`alter table ${neighbour}.swapped rename to swapped_old`);
          await swapper.query(`alter table ${neighbour}.swapped_old rename to swapped`);
          swaps += 1;
        }
      })();
      try {
        await migrateEmptyDatabase(install.handle);
      } finally {
        migrating = false;
        await swapping;
        await swapper.end();
      }
      assert.ok(swaps > 0, 'the neighbour swapped during the migration');
      const tables = await install.handle.db.introspection.getTables({ withInternalKyselyTables: true });
      assert.ok(tables.some((table) => table.name === 'articles'), 'the install’s own tables are listed');
      assert.ok(tables.some((table) => table.name === 'kysely_migration'), 'with the bookkeeping tables when asked');
    });

    it('lists the tables of its own schema only, with their columns', async () => {
      const tables = await install.handle.db.introspection.getTables();
      assert.ok(tables.length > 10);
      assert.ok(tables.every((table) => table.schema !== neighbour && table.name !== 'swapped'), 'nothing of the neighbour');
      assert.ok(!tables.some((table) => table.name === 'kysely_migration'), 'bookkeeping tables only when asked');
      const articles = tables.find((table) => table.name === 'articles');
      const id = articles?.columns.find((column) => column.name === 'id');
      assert.deepEqual(
        { autoIncrementing: id?.isAutoIncrementing, nullable: id?.isNullable, hasDefault: id?.hasDefaultValue },
        { autoIncrementing: true, nullable: false, hasDefault: true },
      );
      const title = articles?.columns.find((column) => column.name === 'title');
      assert.equal(title?.isAutoIncrementing, false);
    });
  });
}
