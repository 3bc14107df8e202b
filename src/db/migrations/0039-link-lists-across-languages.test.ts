import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { migrateUpTo, openEmptyDatabase, planOf } from '../../../test/support/empty-database.ts';
import * as linkListsAcrossLanguages from './0039-link-lists-across-languages.ts';

describe('migration 0039-link-lists-across-languages', () => {
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;

  before(async () => {
    database = await openEmptyDatabase();
    await migrateUpTo(database, '0039-link-lists-across-languages');
    await linkListsAcrossLanguages.up(database.handle.db as unknown as Kysely<unknown>, database.context);
  });
  after(() => database.dispose());

  // The Content API's tag and author lists of every language, as content-repository.ts asks for a page after a cursor.
  const pageOf = (table: 'article_tags' | 'article_authors', key: 'tag_id' | 'author_id') =>
    `select ${table}.article_id from ${table}
      where ${table}.${key} = 7 and ${table}.status = 'published' and ${table}.published_at <= '2030-01-01'
        and (${table}.published_at, ${table}.article_id) < ('2029-01-01', 500)
        and exists (select articles.id from articles where articles.id = ${table}.article_id and articles.status = 'published' and articles.published_at <= '2030-01-01')
      order by ${table}.published_at desc, ${table}.article_id desc limit 21`;

  for (const [table, key] of [
    ['article_tags', 'tag_id'],
    ['article_authors', 'author_id'],
  ] as const) {
    it(`reads a page of a ${key.replace('_id', '')}'s articles in every language from ${table}'s index, in order, with no sort`, async () => {
      const plan = await planOf(database, pageOf(table, key));
      assert.match(plan, new RegExp(`${table}_published_idx`));
      assert.doesNotMatch(plan, /TEMP B-TREE|Sort/);
      assert.doesNotMatch(plan, /SCAN articles|Seq Scan on articles/, 'articles are probed by id, never walked');
    });
  }
});
