import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { body as syntheticBody, headline, seededRandom, sentence } from '#src/demo/synthetic/synthetic-writer.ts';
import { decodeHashes, findIndexableArticle } from '#src/domain/rights/fingerprint-repository.ts';
import { originalFingerprints, reindexAll, reindexArticle } from '#src/domain/rights/reuse-index.ts';
import { RebuildRunning } from '#src/domain/rights/reuse-index-build.ts';
import { createPublishedArticle, createSectionFixture, createArticleFixture, paragraphsBody } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser, type ApiUser } from './articles-client.ts';

const ARTICLES = 24;

/** The index as stored: fingerprint rows, document frequencies and each article's hash list, in key order. */
async function storedIndex(server: TestServer) {
  const db = server.context.database.db;
  const fingerprints = await db.selectFrom('reuse_fingerprints').select(['hash', 'article_id', 'position']).orderBy('hash').orderBy('article_id').execute();
  const counts = await db.selectFrom('reuse_hash_counts').select(['hash', 'articles']).orderBy('hash').execute();
  const lists = (await db.selectFrom('reuse_article_hashes').select(['article_id', 'hashes']).orderBy('article_id').execute()).map((row) => ({
    article_id: row.article_id,
    hashes: decodeHashes(row.hashes),
  }));
  return { fingerprints, counts, lists };
}

/** The index every article readers can see now should have, from their fingerprints. */
async function expectedIndex(server: TestServer) {
  const db = server.context.database.db;
  const now = new Date().toISOString();
  const fingerprints: Array<{ hash: number; article_id: number; position: number }> = [];
  const lists: Array<{ article_id: number; hashes: number[] }> = [];
  const counts = new Map<number, number>();
  for (const { id } of await db.selectFrom('articles').select('id').orderBy('id').execute()) {
    const article = await findIndexableArticle(db, id, now);
    if (!article) continue;
    const own = originalFingerprints(article);
    for (const f of own) {
      fingerprints.push({ hash: f.hash, article_id: id, position: f.position });
      counts.set(f.hash, (counts.get(f.hash) ?? 0) + 1);
    }
    if (own.length > 0) lists.push({ article_id: id, hashes: own.map((f) => f.hash).sort((a, b) => a - b) });
  }
  fingerprints.sort((a, b) => a.hash - b.hash || a.article_id - b.article_id);
  return { fingerprints, counts: [...counts].sort(([a], [b]) => a - b).map(([hash, articles]) => ({ hash, articles })), lists };
}

describe('a full rebuild of the reuse index (reindexAll, the rights.reindex-all job, qalam rights reindex)', () => {
  let server: TestServer;
  let editor: ApiUser;
  let sectionId: number;
  const ids: number[] = [];
  let draftId: number;
  let pagePath: string;

  async function versionOf(id: number): Promise<number> {
    return (await server.context.database.db.selectFrom('articles').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  }

  async function act(id: number, action: 'publish' | 'unpublish'): Promise<void> {
    const { status, body } = await editor.call('POST', `/api/admin/articles/${id}/${action}`, { version: await versionOf(id) });
    assert.equal(status, 200, JSON.stringify(body));
  }

  async function articleText(id: number): Promise<string> {
    const row = await server.context.database.db.selectFrom('articles').select(['title', 'standfirst', 'plain_text']).where('id', '=', id).executeTakeFirstOrThrow();
    return [row.title, row.standfirst, row.plain_text].join('\n\n');
  }

  before(async () => {
    server = await startTestServer();
    editor = await apiUser(server, 'editor');
    const section = await createSectionFixture(server.context, { slug: 'news' });
    sectionId = section.id;
    const random = seededRandom(13);
    for (let n = 0; n < ARTICLES; n++) {
      const language = (['en', 'ru', 'kk'] as const)[n % 3]!;
      const body = syntheticBody(random, language, 150 + 40 * n, { mediaIds: [], share: 0 });
      const created = await createPublishedArticle(server.context, { sectionId, language, title: headline(random, language), standfirst: sentence(random, language), body });
      ids.push(created.id);
      if (n === 0) pagePath = created.path;
    }
    draftId = (await createArticleFixture(server.context, { sectionId, body: paragraphsBody(['A draft about the new tram line in Almaty and its eleven stops along the river.']) })).id;
  });
  after(() => server.close());

  it('indexes every article readers can see exactly as re-indexing each one does, and nothing else', async () => {
    // A stale entry: an article indexed, then made a draft behind the index's back.
    await reindexArticle(server.context.database.db, ids[1]!);
    await server.context.database.db.updateTable('articles').set({ status: 'draft' }).where('id', '=', ids[1]!).execute();
    assert.equal(await reindexAll(server.context.database, { articlesPerBatch: 5, rowsPerMove: 300 }), ARTICLES - 1);
    const rebuilt = await storedIndex(server);
    assert.deepEqual(rebuilt, await expectedIndex(server));
    assert.ok(rebuilt.fingerprints.length > 1000 && !rebuilt.lists.some((list) => list.article_id === ids[1] || list.article_id === draftId));

    // The same tables as articles re-indexed one by one (the job after each article event) make.
    const db = server.context.database.db;
    for (const table of ['reuse_article_hashes', 'reuse_fingerprints', 'reuse_hash_counts'] as const) await db.deleteFrom(table).execute();
    for (const id of [...ids, draftId]) await reindexArticle(db, id);
    assert.deepEqual(await storedIndex(server), rebuilt);
    await db.updateTable('articles').set({ status: 'published' }).where('id', '=', ids[1]!).execute();
  });

  it('commits in batches: pages, API calls and reuse checks are answered, from the old index, while it runs', async () => {
    await reindexAll(server.context.database);
    const before = await storedIndex(server);
    let pauses = 0;
    let checkedMidway = false;
    const rebuilt = reindexAll(server.context.database, {
      articlesPerBatch: 2,
      rowsPerMove: 200,
      betweenBatches: async () => {
        pauses++;
        if (pauses !== 6) return;
        // Between two batches no transaction is open: on SQLite (one connection) a request that
        // needs the database is answered only then, so awaiting it here would hang otherwise.
        const page = await fetch(`${server.url}${pagePath}`);
        assert.equal(page.status, 200);
        const report = await editor.call<{ verdict: string; matches: Array<{ article: { id: number } }> }>('POST', '/api/admin/rights/checks', { text: await articleText(ids[3]!) });
        assert.equal(report.status, 200);
        assert.ok(report.body.matches.some((match) => match.article.id === ids[3]), 'the live index still finds the article');
        assert.ok(await server.context.database.db.selectFrom('reuse_index_rebuild').select('id').executeTakeFirst(), 'the rebuild holds its lease');
        checkedMidway = true;
      },
    });
    // Another request, not awaited by the rebuild: answered before the rebuild ends.
    let finished = false;
    void rebuilt.then(() => (finished = true));
    const list = await editor.call('GET', '/api/admin/articles');
    assert.equal(list.status, 200);
    assert.equal(finished, false, 'answered while the rebuild ran');
    await rebuilt;
    assert.ok(checkedMidway && pauses > ARTICLES / 2);
    assert.deepEqual(await storedIndex(server), before, 'the same index again');
    assert.equal(await server.context.database.db.selectFrom('reuse_index_rebuild').select('id').executeTakeFirst(), undefined, 'the lease given back');
  });

  it('ends up right for articles published, unpublished and edited while it runs', async () => {
    let pauses = 0;
    const early = ids[0]!;
    const edited = ids[2]!;
    const late = ids[ids.length - 1]!;
    await reindexAll(server.context.database, {
      articlesPerBatch: 3,
      betweenBatches: async () => {
        pauses++;
        if (pauses !== 4) return;
        // Staged already: taken off the site, and edited. Not staged yet: taken off. Never staged: published.
        await act(early, 'unpublish');
        const { status } = await editor.call('PUT', `/api/admin/articles/${edited}`, {
          version: await versionOf(edited),
          standfirst: 'A standfirst written during the rebuild about the eleven stops of the new tram line.',
        });
        assert.equal(status, 200);
        await act(late, 'unpublish');
        await act(draftId, 'publish');
      },
    });
    const index = await storedIndex(server);
    assert.deepEqual(index, await expectedIndex(server));
    const listed = new Set(index.lists.map((list) => list.article_id));
    assert.ok(!listed.has(early) && !listed.has(late) && listed.has(draftId) && listed.has(edited));
    await act(early, 'publish');
    await act(late, 'publish');
  });

  it('runs one at a time: a second rebuild meanwhile is refused and leaves the first one whole', async () => {
    let refused: unknown;
    await reindexAll(server.context.database, {
      articlesPerBatch: 10,
      betweenBatches: async () => {
        refused ??= await reindexAll(server.context.database).catch((error: unknown) => error);
      },
    });
    assert.ok(refused instanceof RebuildRunning, String(refused));
    assert.deepEqual(await storedIndex(server), await expectedIndex(server));
  });
});
