import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createArticleService } from '#src/domain/articles/article-service.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { EVENTS_CHANNEL } from '#src/db/postgres-event-relay.ts';
import { runAdminQuery, startTestServer, type TestServer } from '../../support/test-server.ts';
import { createArticleFixture, createPublishedArticle } from '../../support/factories.ts';
import { createApiKeyService } from '#src/domain/api-keys/api-key-service.ts';
import { createContentAccessService } from '#src/domain/content-api/content-access-service.ts';
import { adminActorOf, bearer, createApiKeyFixture } from '../../support/api-keys.ts';

/** Polls `check` until it holds or `timeoutMs` passes; answers whether it held. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const pageText = async (url: string) => (await fetch(url)).text();

/** A Content API answer of `server`: its status and its JSON. */
async function contentGet(server: TestServer, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}${path}`, { headers });
  return { status: response.status, body: await response.json() };
}

const listedTitles = (answer: { body: any }) => answer.body.items.map((item: { title: string }) => item.title);

// On SQLite an install runs one process (ADR 0014): there is no relay, and no second process to
// tell. The relay, and so this test, exists only on PostgreSQL.
const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl?.startsWith('postgres')) {
  describe('two processes on one PostgreSQL database', () => {
    let first: TestServer;
    let second: TestServer;
    before(async () => {
      first = await startTestServer();
      second = await startTestServer({}, { databaseOf: first });
    });
    after(async () => {
      await second?.close();
      await first?.close();
    });

    /** Publishes an article in the first process; answers its id, version and public path. */
    async function publishInFirst(title: string) {
      const draft = await createArticleFixture(first.context, { title });
      const published = await createArticleService(first.context).publish(asSystem(), draft.id, 1);
      return { id: draft.id, version: published.version, path: draft.path };
    }

    it('shows a title changed in one process on the page the other had cached, at once', async () => {
      const article = await publishInFirst('Minister resigns');
      const page = `${second.url}${article.path}`;
      assert.match(await pageText(page), /Minister resigns/);
      assert.match(await pageText(`${second.url}/`), /Minister resigns/);
      // The second process serves its cached copy: a write nobody announces does not show there.
      await first.context.database.db.updateTable('articles').set({ title: 'Unannounced' }).where('id', '=', article.id).execute();
      assert.match(await pageText(page), /Minister resigns/);

      await createArticleService(first.context).update(asSystem(), article.id, { version: article.version, title: 'Minister stays' });
      assert.ok(await eventually(async () => /Minister stays/.test(await pageText(page))), 'the article page shows the new title');
      assert.match(await pageText(`${second.url}/`), /Minister stays/, 'and so does the front page');
    });

    it('ignores malformed notifications and keeps relaying', async () => {
      const article = await publishInFirst('Before the correction');
      const page = `${second.url}${article.path}`;
      assert.match(await pageText(page), /Before the correction/);
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(second.context.database.db);
      // Well-formed envelopes for this install's schema, so their events are checked too.
      const envelope = (name: string, args: unknown) => JSON.stringify({ schema: rows[0]!.schema, origin: 'a-test', name, args });
      for (const payload of [
        'garbage',
        envelope('article.updated', [{ articleId: '1; drop table articles' }]),
        envelope('article.updated', []),
        envelope('server.exploded', []),
        envelope('constructor', []),
      ]) {
        await runAdminQuery(databaseUrl, `select pg_notify('${EVENTS_CHANNEL}', '${payload.replaceAll("'", "''")}')`);
      }
      assert.equal((await fetch(`${second.url}/healthz`)).status, 200);

      await createArticleService(first.context).update(asSystem(), article.id, { version: article.version, title: 'After the correction' });
      assert.ok(await eventually(async () => /After the correction/.test(await pageText(page))));
    });

    it('Content API: refuses readers without a key in the other process once a key is required, a revoked key at once, and lists an edit made elsewhere at once', async () => {
      const story = await createPublishedArticle(first.context, { title: 'Shared story', publishedAt: new Date().toISOString() });
      // Read there first: the other process then holds who may read, and the story's JSON, in memory.
      assert.deepEqual(listedTitles(await contentGet(second, '/api/content/articles?limit=1')), ['Shared story']);
      const articles = createArticleService(first.context);
      const { version } = await first.context.database.db.selectFrom('articles').select('version').where('id', '=', story.id).executeTakeFirstOrThrow();
      await articles.update(asSystem(), story.id, { version, title: 'Shared story, edited' });
      assert.deepEqual(listedTitles(await contentGet(second, '/api/content/articles?limit=1')), ['Shared story, edited']);

      const key = await createApiKeyFixture(first.context, { role: 'contributor' });
      await createContentAccessService(first.context).set(adminActorOf(key.owner), 'key-required');
      assert.ok(await eventually(async () => (await contentGet(second, '/api/content/articles')).status === 401), 'the relay drops the other process’s memo');
      assert.equal((await contentGet(second, '/api/content/articles', bearer(key.token))).status, 200);
      await createApiKeyService(first.context).revoke(adminActorOf(key.owner), key.key.id);
      const revoked = await contentGet(second, '/api/content/articles', bearer(key.token));
      assert.equal(revoked.status, 401, 'a key revoked in one process is refused by the other at once');
      assert.match(revoked.body.message, /revoked/);
    });
  });
}
