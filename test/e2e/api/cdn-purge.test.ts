import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findArticleById } from '#src/domain/articles/article-repository.ts';
import { publicArticlePath } from '#src/domain/articles/article-public-path.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { loadSettings, type SiteSettings } from '#src/domain/settings/settings-repository.ts';
import { runSchedulerTick } from '#src/jobs/background.ts';
import { CDN_PURGE_JOB, queueCdnPurge } from '#src/jobs/cdn-purge-jobs.ts';
import { JOB_HANDLERS } from '#src/jobs/job-handlers.ts';
import { REUSE_INDEX_JOB } from '#src/jobs/rights-jobs.ts';
import { getAs, postForm } from '../../support/auth.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { unchangedSettingsForm } from '../../support/settings-form.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { waitUntil } from '../../support/wait-until.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';
import { apiUser, createArticle, textBody, type ApiUser } from './articles-client.ts';

type Article = { id: number; version: number };

/** A server whose allow-list names the receiver, which plays the CDN's purge API. */
async function setUp(): Promise<{ server: TestServer; receiver: WebhookReceiver; admin: ApiUser; done(): Promise<void> }> {
  const receiver = await startWebhookReceiver();
  const server = await startTestServer({ OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${receiver.port}` });
  const admin = await apiUser(server, 'admin');
  return {
    server,
    receiver,
    admin,
    async done() {
      await server.close();
      await receiver.close();
    },
  };
}

/** Sets the CDN settings and sends the purge of the site key that change queues, so later requests start clean. */
async function configure(server: TestServer, receiver: WebhookReceiver, cdn: Pick<SiteSettings, 'cdnPurgeUrl' | 'cdnPurgeStyle' | 'cdnPurgeToken'>): Promise<void> {
  const before = Math.max(0, ...(await purgeJobs(server)).map((job) => job.id));
  const settings = createSettingsService(server.context);
  await settings.update(asSystem(), { ...(await settings.get(asSystem())), ...cdn });
  await waitUntil('the site purge', async () => (await purgeJobs(server)).some((job) => job.id > before && (JSON.parse(job.payload).tags as string[]).includes('site')));
  await tick(server);
  receiver.received.length = 0;
}

function purgeJobs(server: TestServer) {
  return server.context.database.db.selectFrom('jobs').selectAll().where('kind', '=', CDN_PURGE_JOB).orderBy('id').execute();
}

/** Waits until the keys of `tag` are in a queued purge job (queued with the change's commit, ADR 0052). */
function queuedWith(server: TestServer, tag: string) {
  return waitUntil(`a purge job with ${tag}`, async () => (await purgeJobs(server)).some((job) => (JSON.parse(job.payload).tags as string[]).includes(tag)));
}

/** Queues a purge of `tags` in a transaction of its own, as a change's would. */
function queuePurgeOf(server: TestServer, tags: string[]) {
  return server.context.database.db.transaction().execute((tx) => queueCdnPurge(tx, tags));
}

function tick(server: TestServer) {
  return runSchedulerTick(server.context, { handlers: JOB_HANDLERS });
}

async function publish(admin: ApiUser, sectionId: number, title: string): Promise<Article> {
  const draft = await createArticle(admin, { title, sectionId, body: textBody('Text.') });
  const { status, body } = await admin.call<Article>('POST', `/api/admin/articles/${draft.id}/publish`, { version: draft.version });
  assert.equal(status, 200, JSON.stringify(body));
  return body;
}

describe('CDN purging', () => {
  it('is set on the settings page: refused naming the field when wrong, the token never shown back, kept when left empty', async () => {
    const { server, receiver, admin, done } = await setUp();
    try {
      const stored = await loadSettings(server.context.database.db);
      const form = (cdn: Record<string, string>) =>
        postForm(server, admin, '/newsroom/settings', {
          ...unchangedSettingsForm(stored),
          cdnPurgeStyle: 'generic',
          ...cdn,
        });
      const refusals: Array<[Record<string, string>, RegExp]> = [
        [{ cdnPurgeUrl: 'purge.example.com' }, /Enter an absolute URL/],
        [{ cdnPurgeUrl: 'http://10.1.2.3/purge' }, /10\.1\.2\.3 is a private address/],
        [{ cdnPurgeUrl: 'https://cdn.example/purge', cdnPurgeStyle: 'akamai' }, /Choose one of the request styles/],
        [{ cdnPurgeUrl: 'https://api.fastly.com/service/abc/purge', cdnPurgeStyle: 'fastly' }, /Fastly needs an API token/],
        [{ cdnPurgeUrl: 'https://cdn.example/purge', cdnPurgeToken: 'two words' }, /visible characters/],
      ];
      for (const [fields, message] of refusals) {
        const refused = await form(fields);
        assert.equal(refused.status, 422, JSON.stringify(fields));
        assert.match(await refused.text(), message);
      }
      assert.equal((await loadSettings(server.context.database.db)).cdnPurgeUrl, null, 'nothing was saved');

      const url = `${receiver.origin}/purge`;
      assert.equal((await form({ cdnPurgeUrl: url, cdnPurgeToken: 's3cret-token' })).status, 303);
      let settings = await loadSettings(server.context.database.db);
      assert.deepEqual([settings.cdnPurgeUrl, settings.cdnPurgeStyle, settings.cdnPurgeToken], [url, 'generic', 's3cret-token']);
      const page = await (await getAs(server, admin, '/newsroom/settings')).text();
      assert.ok(page.includes(url));
      assert.ok(!page.includes('s3cret-token'), 'the token is never shown back');

      assert.equal((await form({ cdnPurgeUrl: url, cdnPurgeToken: '' })).status, 303);
      assert.equal((await loadSettings(server.context.database.db)).cdnPurgeToken, 's3cret-token', 'an empty field keeps the token');
      assert.equal((await form({ cdnPurgeUrl: url, cdnPurgeToken: '', cdnPurgeTokenRemove: 'on' })).status, 303);
      assert.equal((await loadSettings(server.context.database.db)).cdnPurgeToken, null, 'the box removes it');
      assert.equal((await form({ cdnPurgeUrl: '', cdnPurgeToken: 'another' })).status, 303);
      settings = await loadSettings(server.context.database.db);
      assert.deepEqual([settings.cdnPurgeUrl, settings.cdnPurgeToken], [null, null], 'no endpoint, no token');
    } finally {
      await done();
    }
  });

  it('posts the keys a change makes stale, coalescing the changes between two runs into one request', async () => {
    const { server, receiver, admin, done } = await setUp();
    try {
      const section = await createSectionFixture(server.context);
      await configure(server, receiver, { cdnPurgeUrl: `${receiver.origin}/purge`, cdnPurgeStyle: 'generic', cdnPurgeToken: 'tok-1' });

      const first = await publish(admin, section.id, 'Bridge opens');
      const second = await publish(admin, section.id, 'Bridge closes again');
      await queuedWith(server, `article:${first.id}`);
      await queuedWith(server, `article:${second.id}`);
      const waiting = (await purgeJobs(server)).filter((job) => job.done_at === null);
      assert.equal(waiting.length, 1, 'one job gathers both changes');

      await tick(server);
      assert.equal(receiver.received.length, 1);
      const [request] = receiver.received;
      assert.equal(request!.path, '/purge');
      assert.equal(request!.headers.authorization, 'Bearer tok-1');
      assert.match(request!.headers['content-type'] ?? '', /^application\/json/);
      assert.match(request!.headers['user-agent'] ?? '', /^Qalam-CDN-Purge\//);
      const tags = (JSON.parse(request!.body) as { tags: string[] }).tags;
      for (const tag of [`article:${first.id}`, `article:${second.id}`, `translations:${first.id}`, 'lists']) assert.ok(tags.includes(tag), `${tag} in ${tags}`);

      // The keys name what the pages carry: the article's page lists them in both CDN headers.
      const path = await publicArticlePath(server.context.database.db, (await findArticleById(server.context.database.db, first.id))!);
      const pageResponse = await fetch(`${server.url}${path}`);
      await pageResponse.arrayBuffer();
      const surrogate = (pageResponse.headers.get('surrogate-key') ?? '').split(' ');
      const cacheTag = (pageResponse.headers.get('cache-tag') ?? '').split(',');
      for (const key of [`article:${first.id}`, 'site']) {
        assert.ok(surrogate.includes(key), `Surrogate-Key has ${key}`);
        assert.ok(cacheTag.includes(key), `Cache-Tag has ${key}`);
      }

      // Settings change every page: the one site key purges them all.
      receiver.received.length = 0;
      const settings = createSettingsService(server.context);
      await settings.update(asSystem(), { ...(await settings.get(asSystem())), name: 'Renamed portal' });
      await waitUntil('the site purge', async () => (await purgeJobs(server)).some((job) => job.done_at === null && (JSON.parse(job.payload).tags as string[]).includes('site')));
      await tick(server);
      assert.deepEqual(JSON.parse(receiver.received[0]!.body), { tags: ['site'] });
    } finally {
      await done();
    }
  });

  it('retries a purge the CDN refused, with backoff, keeping the keys', async () => {
    const { server, receiver, admin, done } = await setUp();
    try {
      const section = await createSectionFixture(server.context);
      await configure(server, receiver, { cdnPurgeUrl: `${receiver.origin}/purge`, cdnPurgeStyle: 'generic', cdnPurgeToken: null });
      receiver.answers.push(503);
      const article = await publish(admin, section.id, 'Storm warning');
      await queuedWith(server, `article:${article.id}`);
      await tick(server);
      assert.equal(receiver.received.length, 1);
      assert.equal(receiver.received[0]!.headers.authorization, undefined, 'no token, no Authorization');
      let [job] = (await purgeJobs(server)).filter((j) => (JSON.parse(j.payload).tags as string[]).includes(`article:${article.id}`));
      assert.equal(job!.done_at, null);
      assert.equal(job!.attempts, 1);
      assert.match(job!.last_error ?? '', /503/);
      assert.ok(Date.parse(job!.run_at) > Date.now() + 20_000, 'the retry waits for its backoff');

      // A change while the retry waits gets a job of its own: the claimed one takes no more keys.
      await queuePurgeOf(server, ['tag:9']);
      assert.equal((await purgeJobs(server)).filter((j) => j.done_at === null).length, 2);

      await server.context.database.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', job!.id).execute();
      await tick(server);
      [job] = (await purgeJobs(server)).filter((j) => j.id === job!.id);
      assert.ok(job!.done_at, 'delivered on the retry');
      const bodies = receiver.received.slice(1).map((r) => JSON.parse(r.body) as { tags: string[] });
      assert.ok(bodies.some((b) => b.tags.includes(`article:${article.id}`)));
      assert.ok(bodies.some((b) => b.tags.includes('tag:9')));
    } finally {
      await done();
    }
  });

  it('speaks Fastly’s and Cloudflare’s purge APIs, splitting keys by each one’s limit', async () => {
    const { server, receiver, done } = await setUp();
    try {
      const keys = Array.from({ length: 150 }, (_, i) => `article:${i + 1}`);
      await configure(server, receiver, { cdnPurgeUrl: `${receiver.origin}/service/svc1/purge`, cdnPurgeStyle: 'fastly', cdnPurgeToken: 'fastly-key-1' });
      await queuePurgeOf(server, keys);
      await tick(server);
      assert.equal(receiver.received.length, 1, '150 keys fit one Fastly batch (256)');
      assert.equal(receiver.received[0]!.headers['fastly-key'], 'fastly-key-1');
      assert.equal(receiver.received[0]!.headers.authorization, undefined);
      assert.deepEqual((JSON.parse(receiver.received[0]!.body) as { surrogate_keys: string[] }).surrogate_keys.sort(), [...keys].sort());

      await configure(server, receiver, { cdnPurgeUrl: `${receiver.origin}/zones/z1/purge_cache`, cdnPurgeStyle: 'cloudflare', cdnPurgeToken: 'cf-token' });
      await queuePurgeOf(server, keys);
      await tick(server);
      assert.equal(receiver.received.length, 2, 'Cloudflare takes 100 tags a call');
      assert.ok(receiver.received.every((r) => r.path === '/zones/z1/purge_cache' && r.headers.authorization === 'Bearer cf-token'));
      const sent = receiver.received.flatMap((r) => (JSON.parse(r.body) as { tags: string[] }).tags);
      assert.deepEqual(sent.sort(), [...keys].sort());
    } finally {
      await done();
    }
  });

  it('queues nothing while no endpoint is set', async () => {
    const { server, admin, done } = await setUp();
    try {
      const section = await createSectionFixture(server.context);
      const article = await publish(admin, section.id, 'Quiet day');
      // The outbox ran with the publication (it queued the article's re-index) and queued no purge.
      const reindexed = await server.context.database.db.selectFrom('jobs').select('payload').where('kind', '=', REUSE_INDEX_JOB).execute();
      assert.ok(reindexed.some((j) => JSON.parse(j.payload).articleId === article.id), 'the re-index committed with the publication');
      assert.deepEqual(await purgeJobs(server), []);
    } finally {
      await done();
    }
  });
});
