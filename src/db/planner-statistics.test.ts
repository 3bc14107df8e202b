import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, refreshPlannerStatistics } from './database.ts';
import { migrateToLatest } from './migrator.ts';

/** How many rows a statistics table holds (none when ANALYZE never made it). */
async function statisticsRows(handle: ReturnType<typeof openDatabase>, table: 'sqlite_stat1' | 'sqlite_stat4'): Promise<number> {
  const { rows: tables } = await sql<{ name: string }>`select name from sqlite_schema where name = ${table}`.execute(handle.db);
  if (tables.length === 0) return 0;
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(handle.db);
  return rows[0]!.n;
}

/** Runs EXPLAIN QUERY PLAN and answers its lines. */
async function planOf(handle: ReturnType<typeof openDatabase>, query: string): Promise<string> {
  const { rows } = await sql<{ detail: string }>`explain query plan ${sql.raw(query)}`.execute(handle.db);
  return rows.map((r) => r.detail).join('\n');
}

describe('SQLite planner statistics', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-planner-'));
  const config = { database: { kind: 'sqlite' as const, file: path.join(dir, 'qalam.db') } };
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Cards by id (Most read, curated slots) and a translation group, as the public pages ask for them.
  const byIds = `select id from articles where id in (5, 60, 700) and status = 'published' and published_at <= '2030-01-01'`;
  const byGroup = `select id from articles where translation_of_id = 5 and status = 'published' and published_at <= '2030-01-01'`;

  it('looks articles up by id and by translation group, not by walking every published one, once the archive is there', async (t) => {
    if (process.env.DATABASE_URL) return t.diagnostic('PostgreSQL keeps its statistics by autovacuum');
    const first = openDatabase(config);
    await migrateToLatest(first);
    const now = new Date().toISOString();
    await sql`insert into sections (name, slug, created_at) values ('News', 'news', ${now})`.execute(first.db);
    await first.db.transaction().execute(async (tx) => {
      for (let i = 1; i <= 3000; i++) {
        await sql`insert into articles (section_id, slug, title, body, status, language, published_at, created_at, updated_at)
          values (1, ${`story-${i}`}, 'A story', '{"type":"doc","content":[]}', 'published', 'en', ${now}, ${now}, ${now})`.execute(tx);
      }
    });
    // Without statistics SQLite prefers a covering index that starts with the status (every row).
    assert.match(await planOf(first, byIds), /COVERING INDEX/);
    await first.close();

    const reopened = openDatabase(config);
    try {
      assert.match(await planOf(reopened, byIds), /INTEGER PRIMARY KEY/);
      assert.match(await planOf(reopened, byGroup), /articles_translation_of_idx/);
      // Row counts per index, not value samples: with samples every bound query is planned anew (ADR 0043).
      assert.ok((await statisticsRows(reopened, 'sqlite_stat1')) > 0);
      assert.equal(await statisticsRows(reopened, 'sqlite_stat4'), 0);
    } finally {
      await reopened.close();
    }
  });

  it('keeps no value samples after the hourly refresh either, when a table has grown since the connection opened', async (t) => {
    if (process.env.DATABASE_URL) return t.diagnostic('PostgreSQL keeps its statistics by autovacuum');
    const handle = openDatabase(config);
    try {
      const before = await statisticsRows(handle, 'sqlite_stat1');
      await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 2000)
        insert into tags (name, slug, created_at) select 'Tag ' || i, 'tag-' || i, '2026-01-01T00:00:00Z' from n`.execute(handle.db);
      await refreshPlannerStatistics(handle);
      assert.ok((await statisticsRows(handle, 'sqlite_stat1')) > before, 'the grown table was analyzed');
      assert.equal(await statisticsRows(handle, 'sqlite_stat4'), 0);
      assert.match(await planOf(handle, byIds), /INTEGER PRIMARY KEY/);
    } finally {
      await handle.close();
    }
  });
});
