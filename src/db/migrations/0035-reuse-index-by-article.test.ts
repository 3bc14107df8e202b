import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { decodeHashes, findIndexableArticle } from '#src/domain/rights/fingerprint-repository.ts';
import { originalFingerprints, reindexArticle } from '#src/domain/rights/reuse-index.ts';
import { migrateAfter, migrateUpTo, openEmptyDatabase } from '../../../test/support/empty-database.ts';
import * as reuseIndexByArticle from './0035-reuse-index-by-article.ts';

describe('migration 0035-reuse-index-by-article', () => {
  let database: Awaited<ReturnType<typeof openEmptyDatabase>>;
  let db: Kysely<Database>;
  const ids: number[] = [];
  const earlier = new Date(Date.now() - 3_600_000).toISOString();
  const texts = [
    'The city council approved the new tram line on Tuesday after a long debate about its eleven stops.',
    'Farmers in the south expect a record harvest of wheat this year, the ministry of agriculture said.',
  ];

  before(async () => {
    database = await openEmptyDatabase();
    db = database.handle.db;
    await migrateUpTo(database, '0035-reuse-index-by-article');
    const now = new Date().toISOString();
    const sectionId = (await db.insertInto('sections').values({ name: 'News', slug: 'news', created_at: now } as never).returning('id').executeTakeFirstOrThrow()).id;
    for (const [index, text] of texts.entries()) {
      const { rows } = await sql<{ id: number }>`insert into articles (section_id, slug, title, standfirst, body, plain_text, status, language, published_at, created_at, updated_at)
        values (${sectionId}, ${`a-${index}`}, ${`Story ${index}`}, '', '{"type":"doc","content":[]}', ${text}, 'published', 'en', ${earlier}, ${now}, ${now}) returning id`.execute(db);
      ids.push(rows[0]!.id);
    }
    // Indexed as the code before this migration indexed them: rows by article, counts by hash.
    const counts = new Map<number, number>();
    for (const id of ids) {
      for (const f of originalFingerprints((await findIndexableArticle(db, id, now))!)) {
        await sql`insert into reuse_fingerprints (hash, article_id, position) values (${f.hash}, ${id}, ${f.position})`.execute(db);
        counts.set(f.hash, (counts.get(f.hash) ?? 0) + 1);
      }
    }
    for (const [hash, articles] of counts) await sql`insert into reuse_hash_counts (hash, articles) values (${hash}, ${articles})`.execute(db);
    await reuseIndexByArticle.up(db as unknown as Kysely<unknown>, database.context);
    await migrateAfter(database, '0035-reuse-index-by-article');
  });
  after(() => database.dispose());

  it('keeps the fingerprints indexed before it and lists each article’s hashes', async () => {
    const lists = await db.selectFrom('reuse_article_hashes').select(['article_id', 'hashes']).orderBy('article_id').execute();
    assert.deepEqual(
      lists.map((row) => row.article_id),
      ids,
    );
    for (const row of lists) {
      const stored = await db.selectFrom('reuse_fingerprints').select('hash').where('article_id', '=', row.article_id).orderBy('hash').execute();
      assert.ok(stored.length > 5);
      assert.deepEqual(decodeHashes(row.hashes), stored.map((s) => s.hash));
    }
  });

  it('lets today’s code re-index an article in place: its old rows and counts go, its new ones come', async () => {
    const [first, second] = ids as [number, number];
    const shared = await db.selectFrom('reuse_hash_counts').select('hash').where('articles', '>', 1).execute();
    await db.updateTable('articles').set({ plain_text: texts[1]! }).where('id', '=', first).execute();
    await reindexArticle(db, first);
    const rowsOf = async (id: number) => (await db.selectFrom('reuse_fingerprints').select('hash').where('article_id', '=', id).orderBy('hash').execute()).map((r) => r.hash);
    const now = new Date().toISOString();
    assert.deepEqual(await rowsOf(first), originalFingerprints((await findIndexableArticle(db, first, now))!).map((f) => f.hash).sort((a, b) => a - b));
    const counts = await db.selectFrom('reuse_hash_counts').select(['hash', 'articles']).execute();
    const all = [...(await rowsOf(first)), ...(await rowsOf(second))];
    for (const { hash, articles } of counts) assert.equal(articles, all.filter((h) => h === hash).length, `hash ${hash}`);
    assert.equal(counts.length, new Set(all).size);
    assert.ok(shared.length < counts.filter((c) => c.articles > 1).length, 'the two texts now share most hashes');
    await db.updateTable('articles').set({ status: 'draft' }).where('id', '=', first).execute();
    await reindexArticle(db, first);
    assert.deepEqual(await rowsOf(first), []);
    assert.equal(await db.selectFrom('reuse_article_hashes').select('article_id').where('article_id', '=', first).executeTakeFirst(), undefined);
  });
});
