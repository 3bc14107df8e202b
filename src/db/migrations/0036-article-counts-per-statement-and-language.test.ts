import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { insertArticleRows } from '../../../test/support/article-rows.ts';
import { migrateUpTo, openEmptyDatabase } from '../../../test/support/empty-database.ts';
import * as articleCountsPerStatementAndLanguage from './0036-article-counts-per-statement-and-language.ts';

// The kept counts must equal the articles counted afresh after every kind of write, one row or
// many per statement (on SQLite the row triggers of 0028 and 0036's month triggers by language).
describe('migration 0036-article-counts-per-statement-and-language', () => {
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let db: Kysely<Database>;
  let sections: number[];

  const monthOf = (column: string) => (database.context.kind === 'sqlite' ? `substr(${column}, 1, 7)` : `to_char(${column} at time zone 'UTC', 'YYYY-MM')`);

  /** Kept and recounted, both as sorted "key: total" lines, zero rows left out. */
  async function countsKeptAndRecounted(): Promise<{ kept: string[]; recounted: string[] }> {
    const kept = [
      ...(await db.selectFrom('article_counts').selectAll().where('total', '!=', 0).execute()).map((r) => `${r.status} ${r.language}: ${r.total}`),
      ...(await db.selectFrom('article_month_counts').selectAll().where('total', '!=', 0).execute()).map((r) => `${r.month} ${r.language}: ${r.total}`),
    ];
    const byStatus = await sql<{ key: string; total: number }>`select status || ' ' || language as key, count(*) as total from articles group by status, language`.execute(db);
    const byMonth = await sql<{ key: string; total: number }>`select ${sql.raw(monthOf('published_at'))} || ' ' || language as key, count(*) as total from articles
      where status = 'published' and published_at is not null group by ${sql.raw(monthOf('published_at'))}, language`.execute(db);
    const recounted = [...byStatus.rows, ...byMonth.rows].map((r) => `${r.key}: ${Number(r.total)}`);
    return { kept: kept.sort(), recounted: recounted.sort() };
  }

  async function assertCountsRight(when: string): Promise<void> {
    const { kept, recounted } = await countsKeptAndRecounted();
    assert.deepEqual(kept, recounted, when);
  }

  /** Inserts articles in one statement: [status, language, published_at] each, in the sections in turn. */
  const addArticles = (rows: Array<[string, string, string | null]>) => insertArticleRows(db, sections, rows);

  before(async () => {
    database = await openEmptyDatabase();
    db = database.handle.db;
    await migrateUpTo(database, '0036-article-counts-per-statement-and-language');
    const now = new Date().toISOString();
    sections = [];
    for (const slug of ['news', 'sport']) sections.push((await db.insertInto('sections').values({ name: slug, slug, created_at: now } as never).returning('id').executeTakeFirstOrThrow()).id);
    await addArticles([
      ['published', 'en', '2024-02-29T23:59:59.999Z'],
      ['draft', 'ru', null],
    ]);
    await articleCountsPerStatementAndLanguage.up(db as unknown as Kysely<unknown>, database.context);
  });
  after(() => database.dispose());

  it('keeps the counts written before it', () => assertCountsRight('after the migration'));

  it('counts inserts of many articles in one statement and one at a time', async () => {
    await addArticles([
      ['published', 'en', '2024-03-01T00:00:00.000Z'],
      ['published', 'en', '2024-03-01T00:00:00.000Z'],
      ['published', 'kk', '2024-02-01T10:00:00.000Z'],
      ['draft', 'en', '2024-01-01T00:00:00.000Z'],
      ['scheduled', 'ru', '2031-01-05T10:00:00.000Z'],
      ['published', 'ru', null],
    ]);
    await addArticles([['published', 'ru', '2023-12-31T23:59:59.999Z']]);
    await assertCountsRight('after inserts');
  });

  it('counts updates of status, language, date and section, of one article and of many, including swaps', async () => {
    await db.updateTable('articles').set({ status: 'published', published_at: '2024-05-05T05:05:05.000Z' }).where('status', '=', 'draft').execute();
    await assertCountsRight('after publishing the drafts');
    // Two articles trading their keys in one statement: each key loses one and gains one.
    const [first, second] = await addArticles([
      ['published', 'en', '2022-01-01T00:00:00.000Z'],
      ['trashed', 'kk', '2022-02-01T00:00:00.000Z'],
    ]);
    await sql`update articles set (status, language, published_at) =
      (select other.status, other.language, other.published_at from articles other where other.id = ${first! + second!} - articles.id)
      where id in (${first}, ${second})`.execute(db);
    await assertCountsRight('after a swap');
    await db.updateTable('articles').set({ language: 'kk' }).where('language', '=', 'ru').execute();
    await db.updateTable('articles').set({ published_at: '2020-06-15T12:00:00.000Z' }).where('status', '=', 'published').where('language', '=', 'en').execute();
    await db.updateTable('articles').set({ section_id: sections[1]! }).execute();
    await db.updateTable('articles').set({ title: 'B' }).execute();
    await db.updateTable('articles').set({ status: 'draft', published_at: null }).where('id', '=', second!).execute();
    await db.updateTable('articles').set({ status: 'published' }).where('published_at', 'is', null).execute();
    await assertCountsRight('after updates');
  });

  it('counts deletes of one article and of many, and writes inside a transaction', async () => {
    const ids = await addArticles([
      ['published', 'en', '2025-01-01T00:00:00.000Z'],
      ['published', 'ru', '2025-01-02T00:00:00.000Z'],
    ]);
    await db.deleteFrom('articles').where('id', '=', ids[0]!).execute();
    await assertCountsRight('after one delete');
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('articles').set({ status: 'trashed' }).where('language', '=', 'kk').execute();
      await tx.deleteFrom('articles').where('status', '=', 'draft').execute();
      await tx.updateTable('articles').set({ status: 'published' }).where('status', '=', 'trashed').execute();
    });
    await db.deleteFrom('articles').where('language', '=', 'en').execute();
    await assertCountsRight('after many deletes');
    await db.deleteFrom('articles').execute();
    await assertCountsRight('after deleting every article');
    assert.deepEqual((await countsKeptAndRecounted()).kept, []);
  });
});
