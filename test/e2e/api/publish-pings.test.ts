import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { asSystem } from '#src/domain/people/actor.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { upsertTermTranslation } from '#src/domain/taxonomy/term-translation-repository.ts';
import { runSchedulerTick, startBackgroundWork } from '#src/jobs/background.ts';
import { JOB_HANDLERS } from '#src/jobs/job-handlers.ts';
import { INDEXNOW_PING_JOB, WEBSUB_PING_JOB } from '#src/jobs/publish-ping-jobs.ts';
import { postForm } from '../../support/auth.ts';
import { createAuthorFixture, createPublishedArticle, createSectionFixture, createTagFixture } from '../../support/factories.ts';
import { unchangedSettingsForm } from '../../support/settings-form.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { waitUntil } from '../../support/wait-until.ts';
// A plain HTTP receiver on 127.0.0.1 that records what arrives (its webhook signature check does not apply to pings).
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../../support/webhook-receiver.ts';
import { apiUser, createArticle, textBody, type ApiUser } from './articles-client.ts';

const PING_JOBS = [WEBSUB_PING_JOB, INDEXNOW_PING_JOB];
const FEED_FILES = ['feed.xml', 'atom.xml', 'feed.json'];

type Article = { id: number; version: number };

/** A server whose allow-list names the receiver, which plays both the WebSub hub (/hub) and the IndexNow endpoint (/indexnow). */
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

/** Turns both pings on, as an admin would (the key made for us). */
async function configurePings(server: TestServer, receiver: WebhookReceiver): Promise<string> {
  const settings = createSettingsService(server.context);
  await settings.update(asSystem(), { ...(await settings.get(asSystem())), websubHubUrl: `${receiver.origin}/hub`, indexNowEndpoint: `${receiver.origin}/indexnow`, indexNowKey: null });
  return (await settings.get(asSystem())).indexNowKey!;
}

function pingJobs(server: TestServer) {
  return server.context.database.db.selectFrom('jobs').selectAll().where('kind', 'in', PING_JOBS).orderBy('id').execute();
}

/** Waits until `count` ping jobs have been queued (the outbox queues them just after the article's commit). */
function jobsQueued(server: TestServer, count: number) {
  return waitUntil(`${count} ping jobs`, async () => {
    const jobs = await pingJobs(server);
    return jobs.length >= count && jobs;
  });
}

/** One pass of the job runner, as the background runner makes every few seconds. */
function tick(server: TestServer) {
  return runSchedulerTick(server.context, { handlers: JOB_HANDLERS });
}

/** Lets every waiting ping retry fall due now instead of after its real backoff. */
async function letBackoffPass(server: TestServer): Promise<void> {
  const past = new Date(Date.now() - 1000).toISOString();
  await server.context.database.db.updateTable('jobs').set({ run_at: past }).where('kind', 'in', PING_JOBS).where('done_at', 'is', null).where('failed_at', 'is', null).execute();
}

/** The topics of a WebSub publish ping, checking its mode. */
function topicsOf(ping: ReceivedWebhook): string[] {
  const form = new URLSearchParams(ping.body);
  assert.equal(form.get('hub.mode'), 'publish');
  assert.equal(ping.headers['content-type'], 'application/x-www-form-urlencoded');
  return form.getAll('hub.url');
}

const onPath = (receiver: WebhookReceiver, path: string) => receiver.received.filter((r) => r.path === path);

async function step(admin: ApiUser, article: Article, action: 'publish' | 'unpublish'): Promise<Article> {
  const { status, body } = await admin.call<Article>('POST', `/api/admin/articles/${article.id}/${action}`, { version: article.version });
  assert.equal(status, 200, JSON.stringify(body));
  return body;
}

describe('publish pings', () => {
  it('are set on the settings page: refused naming the field when wrong, an IndexNow key made when left empty and served at /<key>.txt, the hub named by every feed', async () => {
    const { server, receiver, admin, done } = await setUp();
    try {
      const stored = await loadSettings(server.context.database.db);
      const form = (distribution: Record<string, string>) =>
        postForm(server, admin, '/newsroom/settings', {
          ...unchangedSettingsForm(stored),
          ...distribution,
        });
      const refusals: Array<[Record<string, string>, RegExp]> = [
        [{ websubHubUrl: 'hub.example.com' }, /Enter an absolute URL/],
        [{ websubHubUrl: 'http://10.1.2.3/hub' }, /10\.1\.2\.3 is a private address/],
        [{ indexNowEndpoint: 'ftp://search.example/indexnow' }, /over http or https/],
        [{ indexNowEndpoint: 'https://api.indexnow.org/indexnow', indexNowKey: 'short' }, /8 to 128 characters/],
        [{ indexNowEndpoint: 'https://api.indexnow.org/indexnow', indexNowKey: 'has spaces in it' }, /8 to 128 characters/],
      ];
      for (const [fields, message] of refusals) {
        const refused = await form(fields);
        assert.equal(refused.status, 422, JSON.stringify(fields));
        assert.match(await refused.text(), message);
      }
      assert.equal((await loadSettings(server.context.database.db)).websubHubUrl, null, 'nothing was saved');

      const saved = await form({ websubHubUrl: `${receiver.origin}/hub`, indexNowEndpoint: `${receiver.origin}/indexnow`, indexNowKey: '' });
      assert.equal(saved.status, 303);
      const settings = await loadSettings(server.context.database.db);
      assert.equal(settings.websubHubUrl, `${receiver.origin}/hub`);
      assert.match(settings.indexNowKey ?? '', /^[0-9a-f]{32}$/);
      const audit = await server.context.database.db.selectFrom('audit_log').select('details').where('action', '=', 'settings.updated').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(audit.details).changed, ['websubHubUrl', 'indexNowEndpoint', 'indexNowKey']);

      for (let i = 0; i < 2; i++) {
        const keyFile = await fetch(`${server.url}/${settings.indexNowKey}.txt`);
        assert.equal(keyFile.status, 200);
        assert.match(keyFile.headers.get('content-type') ?? '', /^text\/plain/);
        assert.ok(keyFile.headers.get('etag'), 'served like a page, from the cache the second time');
        assert.equal(await keyFile.text(), settings.indexNowKey);
      }
      const other = await fetch(`${server.url}/0123456789abcdef.txt`);
      assert.equal(other.status, 404);
      await other.arrayBuffer();

      const rss = await (await fetch(`${server.url}/feed.xml`)).text();
      assert.match(rss, new RegExp(`<atom:link href="${receiver.origin}/hub" rel="hub"/>`));
      assert.match(await (await fetch(`${server.url}/ru/atom.xml`)).text(), new RegExp(`<link rel="hub" href="${receiver.origin}/hub"/>`));
      assert.deepEqual((await (await fetch(`${server.url}/feed.json`)).json()).hubs, [{ type: 'WebSub', url: `${receiver.origin}/hub` }]);

      // Emptying the fields turns both off: the key file goes, and feeds name no hub.
      assert.equal((await form({ websubHubUrl: '', indexNowEndpoint: '', indexNowKey: settings.indexNowKey! })).status, 303);
      const keyGone = await fetch(`${server.url}/${settings.indexNowKey}.txt`);
      assert.equal(keyGone.status, 404);
      await keyGone.arrayBuffer();
      assert.doesNotMatch(await (await fetch(`${server.url}/feed.xml`)).text(), /rel="hub"/);
    } finally {
      await done();
    }
  });

  it('tell the hub of every feed the article is in and IndexNow of its addresses, in its language, on publish, update and unpublish', async () => {
    const { server, receiver, admin, done } = await setUp();
    try {
      const { context } = server;
      const db = context.database.db;
      const parent = await createSectionFixture(context, { name: 'Society', slug: `society-${Date.now()}` });
      const section = await createSectionFixture(context, { name: 'Schools', slug: `schools-${Date.now()}`, parentId: parent.id });
      await upsertTermTranslation(db, 'section', section.id, { language: 'ru', name: 'Школы', slug: `shkoly-${section.id}`, description: '' });
      const tag = await createTagFixture(context);
      await upsertTermTranslation(db, 'tag', tag.id, { language: 'ru', name: 'Экзамены', slug: `ekzameny-${tag.id}`, description: '' });
      const author = await createAuthorFixture(context);
      context.events.emit('taxonomy.updated');
      const key = await configurePings(server, receiver);

      const draft = await createArticle(admin, { title: 'Экзамены перенесли', sectionId: section.id, language: 'ru', tagIds: [tag.id], authorIds: [author.id], body: textBody('Текст.') });
      let article = await step(admin, draft, 'publish');
      await jobsQueued(server, 2);
      await tick(server);

      const [hubPing] = onPath(receiver, '/hub');
      const pagePaths = ['/ru', `/ru/${parent.slug}`, `/ru/shkoly-${section.id}`, `/ru/tag/ekzameny-${tag.id}`, `/ru/author/${author.slug}`];
      const expectedTopics = pagePaths.flatMap((page) => FEED_FILES.map((file) => `${server.url}${page}/${file}`));
      assert.deepEqual(topicsOf(hubPing!).sort(), expectedTopics.sort());
      assert.match(hubPing!.headers['user-agent'] ?? '', /^Qalam-Pings\//);
      for (const topic of expectedTopics) {
        const feed = await fetch(topic);
        assert.equal(feed.status, 200, `${topic} is a feed that exists`);
        assert.match(await feed.text(), /Экзамены перенесли/, `${topic} lists the article`);
      }

      const [indexNow] = onPath(receiver, '/indexnow');
      assert.match(indexNow!.headers['content-type'] ?? '', /^application\/json/);
      const path = `/ru/shkoly-${section.id}/${(await admin.call<{ slug: string }>('GET', `/api/admin/articles/${article.id}`)).body.slug}`;
      assert.deepEqual(JSON.parse(indexNow!.body), { host: new URL(server.url).host, key, keyLocation: `${server.url}/${key}.txt`, urlList: [`${server.url}${path}`] });
      const page = await fetch(`${server.url}${path}`);
      assert.equal(page.status, 200);
      await page.arrayBuffer();
      assert.equal(await (await fetch(`${server.url}/${key}.txt`)).text(), key, 'the key location proves the host');

      const saved = await admin.call<Article>('PUT', `/api/admin/articles/${article.id}`, { version: article.version, title: 'Экзамены перенесли на июнь' });
      assert.equal(saved.status, 200);
      article = saved.body;
      await jobsQueued(server, 4);
      article = await step(admin, article, 'unpublish');
      await jobsQueued(server, 6);
      await tick(server);
      assert.equal(onPath(receiver, '/hub').length, 3, 'publish, update, unpublish');
      assert.equal(onPath(receiver, '/indexnow').length, 3);
      assert.ok(onPath(receiver, '/indexnow').every((r) => JSON.parse(r.body).urlList[0] === `${server.url}${path}`), 'the page that went away is named too');
      assert.ok((await pingJobs(server)).every((job) => job.done_at !== null && job.attempts === 1));

      // A Kazakh article is also read in Latin script: both its addresses; its feeds are the Kazakh ones.
      await createPublishedArticle(context, { sectionId: parent.id, language: 'kk', slug: 'emtihan', title: 'Емтихан' });
      await jobsQueued(server, 8);
      await tick(server);
      const kazakh = JSON.parse(onPath(receiver, '/indexnow').at(-1)!.body) as { urlList: string[] };
      assert.deepEqual(kazakh.urlList, [`${server.url}/kk/${parent.slug}/emtihan`, `${server.url}/kk-latn/${parent.slug}/emtihan`]);
      assert.ok(topicsOf(onPath(receiver, '/hub').at(-1)!).every((topic) => topic.startsWith(`${server.url}/kk/`)));
    } finally {
      await done();
    }
  });

  it('retry a refused ping after its backoff, and a restart in between still delivers', async () => {
    const { server, receiver, done } = await setUp();
    let next: TestServer | undefined;
    try {
      await configurePings(server, receiver);
      receiver.answers = [500, 503];
      await createPublishedArticle(server.context, { title: 'Pinged across a restart' });
      await jobsQueued(server, 2);
      await tick(server);
      assert.deepEqual(receiver.received.map((r) => r.answeredWith).sort(), [500, 503]);
      let jobs = await pingJobs(server);
      assert.ok(jobs.every((job) => job.done_at === null && job.attempts === 1 && /HTTP 50[03]/.test(job.last_error ?? '')), JSON.stringify(jobs));
      assert.ok(jobs.every((job) => Date.parse(job.run_at) > Date.now()), 'each retry waits for its backoff');
      await tick(server);
      assert.equal(receiver.received.length, 2, 'not retried before its time');

      // The first server stops; another starts on the same database, with nothing in memory.
      await server.app.close();
      next = await startTestServer({ OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${receiver.port}` }, { databaseOf: server });
      await letBackoffPass(next);
      const stop = startBackgroundWork(next.context, { tickMs: 10, handlers: JOB_HANDLERS });
      await waitUntil('both retries', async () => receiver.received.length >= 4);
      await stop();

      const retried = receiver.received.slice(2);
      assert.deepEqual(retried.map((r) => r.answeredWith), [204, 204]);
      assert.deepEqual(retried.map((r) => r.path).sort(), ['/hub', '/indexnow']);
      assert.equal(retried.find((r) => r.path === '/hub')!.body, receiver.received.slice(0, 2).find((r) => r.path === '/hub')!.body, 'the same topics');
      jobs = await pingJobs(next);
      assert.ok(jobs.every((job) => job.done_at !== null && job.attempts === 2));
    } finally {
      await next?.close();
      await done();
    }
  });

  it('send nothing while off, and nothing once switched off after being queued', async () => {
    const { server, receiver, done } = await setUp();
    try {
      await createPublishedArticle(server.context, { title: 'Nobody is told' });
      await tick(server);
      assert.equal((await pingJobs(server)).length, 0, 'no ping is queued while no target is set');

      await configurePings(server, receiver);
      await createPublishedArticle(server.context, { title: 'Queued, then switched off' });
      await jobsQueued(server, 2);
      const settings = createSettingsService(server.context);
      await settings.update(asSystem(), { ...(await settings.get(asSystem())), websubHubUrl: null, indexNowEndpoint: null });
      await tick(server);
      assert.equal(receiver.received.length, 0);
      assert.ok((await pingJobs(server)).every((job) => job.done_at !== null), 'the jobs end without sending');
    } finally {
      await done();
    }
  });
});
