import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runSchedulerTick, startBackgroundWork } from '#src/jobs/background.ts';
import { JOB_HANDLERS } from '#src/jobs/job-handlers.ts';
import { WEBHOOK_DELIVERY_JOB } from '#src/jobs/webhook-jobs.ts';
import { MAX_DELIVERY_ATTEMPTS } from '#src/domain/webhooks/webhook-deliveries.ts';
import { insertEndpoint } from '#src/domain/webhooks/webhook-repository.ts';
import { newWebhookSecret } from '#src/domain/webhooks/webhook-signing.ts';
import { csrfFieldOf, getAs, postForm } from '../../support/auth.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';
import { createArticle, textBody, type ApiUser } from './articles-client.ts';
import { startServerWithReceiver } from './receiver-setup.ts';

type Endpoint = { id: number; url: string; secret: string; enabled: boolean; consecutiveFailures: number; disabledReason: string | null };
type Article = { id: number; version: number };

/** Registers an endpoint at the receiver's `path` through the API; the receiver learns its secret. */
async function addEndpoint(admin: ApiUser, receiver: WebhookReceiver, path: string, events: string[]): Promise<Endpoint> {
  const { status, body } = await admin.call<Endpoint>('POST', '/api/admin/webhooks', { url: `${receiver.origin}${path}`, events, description: `Test ${path}` });
  assert.equal(status, 201, JSON.stringify(body));
  assert.match(body.secret, /^whsec_[A-Za-z0-9+/]{32}$/);
  receiver.secrets.set(path, body.secret);
  return body;
}

async function publishNew(admin: ApiUser, sectionId: number, title: string): Promise<Article> {
  const draft = await createArticle(admin, { title, sectionId, body: textBody('Text of the article.') });
  return step(admin, draft, 'publish');
}

async function step(admin: ApiUser, article: Article, action: 'publish' | 'unpublish' | 'trash' | 'restore'): Promise<Article> {
  const { status, body } = await admin.call<Article>('POST', `/api/admin/articles/${article.id}/${action}`, { version: article.version });
  assert.equal(status, 200, JSON.stringify(body));
  return body;
}

/** Waits until `check` holds (deliveries are queued with the article's commit, ADR 0052; their sending is not). */
async function waitUntil<T>(what: string, check: () => Promise<T | undefined | null | false>): Promise<T> {
  for (let tries = 0; tries < 2000; tries++) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Gave up waiting for ${what}`);
}

function deliveriesOf(server: TestServer, endpointId: number) {
  return server.context.database.db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', endpointId).orderBy('id').execute();
}

async function deliveriesWhenQueued(server: TestServer, endpointId: number, count: number) {
  return waitUntil(`${count} deliveries to endpoint ${endpointId}`, async () => {
    const rows = await deliveriesOf(server, endpointId);
    return rows.length >= count && rows;
  });
}

function endpointRow(server: TestServer, id: number) {
  return server.context.database.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** One pass of the job runner, as the background runner makes every few seconds. */
function tick(server: TestServer) {
  return runSchedulerTick(server.context, { handlers: JOB_HANDLERS });
}

/** Lets every waiting retry fall due now, instead of after its real backoff (as the job queue's own tests do). */
async function letBackoffPass(server: TestServer): Promise<void> {
  const db = server.context.database.db;
  const past = new Date(Date.now() - 1000).toISOString();
  await db.updateTable('jobs').set({ run_at: past }).where('kind', '=', WEBHOOK_DELIVERY_JOB).where('done_at', 'is', null).where('failed_at', 'is', null).execute();
}

describe('webhooks', () => {
  it('delivers a signed article.published, retries after a 500 with the same webhook-id, and logs each attempt', async () => {
    const { server, receiver, admin, sectionId, done } = await startServerWithReceiver();
    try {
      const endpoint = await addEndpoint(admin, receiver, '/hooks/a', ['article.published']);
      receiver.answers = [500];
      const article = await publishNew(admin, sectionId, 'Webhook first attempt fails');
      const [queued] = await deliveriesWhenQueued(server, endpoint.id, 1);
      assert.equal(queued!.status, 'pending');

      await tick(server);
      assert.equal(receiver.received.length, 1);
      const first = receiver.received[0]!;
      assert.equal(first.answeredWith, 500);
      assert.equal(first.verifyError, null, 'the signature verifies with the endpoint secret');
      let [delivery] = await deliveriesOf(server, endpoint.id);
      assert.equal(delivery!.status, 'pending');
      assert.equal(delivery!.attempts, 1);
      assert.equal(delivery!.response_code, 500);
      assert.ok(delivery!.duration_ms !== null && delivery!.duration_ms >= 0);
      assert.ok(Date.parse(delivery!.next_retry_at!) > Date.now(), 'the retry waits for its backoff');
      assert.match(delivery!.last_error ?? '', /HTTP 500/);
      assert.equal((await endpointRow(server, endpoint.id)).consecutive_failures, 1);

      await tick(server);
      assert.equal(receiver.received.length, 1, 'not retried before its time');

      await letBackoffPass(server);
      await tick(server);
      assert.equal(receiver.received.length, 2);
      const second = receiver.received[1]!;
      assert.equal(second.verifyError, null);
      assert.equal(second.headers['webhook-id'], first.headers['webhook-id'], 'a retry is the same message');
      assert.equal(second.body, first.body);
      assert.equal(second.headers['content-type'], 'application/json');
      assert.match(second.headers['user-agent'] ?? '', /^Qalam-Webhooks\//);
      const message = second.verified as { type: string; timestamp: string; data: { article: { id: number; url: string; title: string; status: string } } };
      assert.equal(message.type, 'article.published');
      assert.equal(message.data.article.id, article.id);
      assert.equal(message.data.article.title, 'Webhook first attempt fails');
      assert.equal(message.data.article.status, 'published');
      assert.match(message.data.article.url, new RegExp(`^${server.url}/`));

      [delivery] = await deliveriesOf(server, endpoint.id);
      assert.equal(delivery!.status, 'succeeded');
      assert.equal(delivery!.attempts, 2);
      assert.equal(delivery!.response_code, 204);
      assert.equal(delivery!.next_retry_at, null);
      assert.equal(delivery!.last_error, null);
      assert.equal((await endpointRow(server, endpoint.id)).consecutive_failures, 0, 'a success ends the run of failures');

      const log = await admin.call<{ items: Array<{ status: string; attempts: number; responseCode: number }>; total: number }>('GET', `/api/admin/webhooks/${endpoint.id}/deliveries`);
      assert.equal(log.status, 200);
      assert.equal(log.body.total, 1);
      assert.deepEqual([log.body.items[0]!.status, log.body.items[0]!.attempts, log.body.items[0]!.responseCode], ['succeeded', 2, 204]);
    } finally {
      await done();
    }
  });

  it('names an article in another language by its address under that language’s prefix', async () => {
    const { server, receiver, admin, sectionId, done } = await startServerWithReceiver();
    try {
      const endpoint = await addEndpoint(admin, receiver, '/hooks/ru', ['article.published']);
      const draft = await createArticle(admin, { title: 'Новости степи', language: 'ru', sectionId, body: textBody('Текст статьи.') });
      const published = (await step(admin, draft, 'publish')) as Article & { path: string };
      assert.match(published.path, /^\/ru\//);
      await deliveriesWhenQueued(server, endpoint.id, 1);
      await tick(server);
      const message = receiver.received[0]!.verified as { data: { article: { url: string } } };
      assert.equal(message.data.article.url, `${server.url}${published.path}`);
    } finally {
      await done();
    }
  });

  it('carries updated, unpublished and trashed to the endpoints subscribed to each, and nothing else', async () => {
    const { server, receiver, admin, sectionId, done } = await startServerWithReceiver();
    try {
      const everything = await addEndpoint(admin, receiver, '/hooks/all', ['article.published', 'article.updated', 'article.unpublished', 'article.trashed']);
      const trashOnly = await addEndpoint(admin, receiver, '/hooks/trash', ['article.trashed']);
      let article = await publishNew(admin, sectionId, 'Every step of a live article');
      await deliveriesWhenQueued(server, everything.id, 1);
      const saved = await admin.call<Article>('PUT', `/api/admin/articles/${article.id}`, { version: article.version, title: 'Every step, corrected' });
      assert.equal(saved.status, 200);
      article = saved.body;
      await deliveriesWhenQueued(server, everything.id, 2);
      article = await step(admin, article, 'unpublish');
      await deliveriesWhenQueued(server, everything.id, 3);
      article = await step(admin, article, 'publish');
      await deliveriesWhenQueued(server, everything.id, 4);
      article = await step(admin, article, 'trash');
      await deliveriesWhenQueued(server, everything.id, 5);
      await waitUntil('the trash delivery', async () => (await deliveriesOf(server, trashOnly.id)).length === 1);

      assert.deepEqual(
        (await deliveriesOf(server, everything.id)).map((d) => d.event_type),
        ['article.published', 'article.updated', 'article.unpublished', 'article.published', 'article.trashed'],
      );
      assert.deepEqual((await deliveriesOf(server, trashOnly.id)).map((d) => d.event_type), ['article.trashed']);

      await tick(server);
      assert.equal(receiver.received.length, 6);
      assert.ok(receiver.received.every((r) => r.verifyError === null), 'every delivery verifies with its own endpoint secret');
      const trashed = receiver.received.find((r) => r.path === '/hooks/trash')!.verified as { type: string; data: { article: { id: number; status: string } } };
      assert.equal(trashed.type, 'article.trashed');
      assert.equal(trashed.data.article.id, article.id);
      assert.equal(trashed.data.article.status, 'trashed');
    } finally {
      await done();
    }
  });

  it('still delivers after a restart: the retry waits in the database and another server sends it', async () => {
    const { server, receiver, admin, sectionId, done } = await startServerWithReceiver();
    let next: TestServer | undefined;
    try {
      const endpoint = await addEndpoint(admin, receiver, '/hooks/restart', ['article.published']);
      receiver.answers = [503];
      const article = await publishNew(admin, sectionId, 'Delivered across a restart');
      await deliveriesWhenQueued(server, endpoint.id, 1);
      await tick(server);
      assert.equal(receiver.received.length, 1);
      assert.equal((await deliveriesOf(server, endpoint.id))[0]!.status, 'pending');

      // The first server stops; another starts on the same database, with nothing in memory.
      await server.app.close();
      next = await startTestServer({ OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${receiver.port}` }, { databaseOf: server });
      await letBackoffPass(next);
      const arrived = receiver.next();
      const stop = startBackgroundWork(next.context, { tickMs: 10, handlers: JOB_HANDLERS });
      const delivered = await arrived;
      await stop();

      assert.equal(delivered.verifyError, null);
      assert.equal((delivered.verified as { data: { article: { id: number } } }).data.article.id, article.id);
      assert.equal(delivered.headers['webhook-id'], receiver.received[0]!.headers['webhook-id']);
      const [delivery] = await deliveriesOf(next, endpoint.id);
      assert.equal(delivery!.status, 'succeeded');
      assert.equal(delivery!.attempts, 2);
    } finally {
      await next?.close();
      await done();
    }
  });

  it('disables an endpoint that fails every attempt, says why in the newsroom, and delivers again once enabled and sent again', async () => {
    const { server, receiver, admin, sectionId, done } = await startServerWithReceiver();
    try {
      const endpoint = await addEndpoint(admin, receiver, '/hooks/down', ['article.published', 'article.updated']);
      receiver.fallback = 500;
      await publishNew(admin, sectionId, 'Nobody is listening');
      const [queued] = await deliveriesWhenQueued(server, endpoint.id, 1);
      for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
        await tick(server);
        assert.equal(receiver.received.length, attempt);
        await letBackoffPass(server);
      }
      const delivery = (await deliveriesOf(server, endpoint.id))[0]!;
      assert.equal(delivery.status, 'failed');
      assert.equal(delivery.attempts, MAX_DELIVERY_ATTEMPTS);
      assert.equal(delivery.next_retry_at, null);
      const row = await endpointRow(server, endpoint.id);
      assert.equal(row.enabled, 0);
      assert.match(row.disabled_reason ?? '', new RegExp(`Disabled after ${MAX_DELIVERY_ATTEMPTS} failed attempts in a row.*HTTP 500`));

      await tick(server);
      assert.equal(receiver.received.length, MAX_DELIVERY_ATTEMPTS, 'a given-up delivery is not sent again by itself');

      const list = await getAs(server, admin, '/newsroom/webhooks');
      const html = await list.text();
      assert.match(html, /is disabled: nothing is sent to it\./);
      assert.match(html, /Disabled after 8 failed attempts in a row/);
      const audit = await server.context.database.db.selectFrom('audit_log').select(['action', 'details']).where('subject_type', '=', 'webhook').where('subject_id', '=', String(endpoint.id)).orderBy('id').execute();
      assert.deepEqual(audit.map((a) => a.action), ['webhook.created', 'webhook.updated']);
      assert.equal(JSON.parse(audit[1]!.details).by, 'system');

      // A disabled endpoint gets nothing new, and "Send again" says to enable it first.
      await publishNew(admin, sectionId, 'Still nobody');
      const refused = await postForm(server, admin, `/newsroom/webhooks/${endpoint.id}/deliveries/${queued!.id}/redeliver`, {});
      assert.equal(refused.status, 422);
      assert.match(await refused.text(), /enable it first/);

      // The receiver is fixed; an admin enables the endpoint and sends the failed delivery again, all by forms.
      receiver.fallback = 204;
      const page = await (await getAs(server, admin, `/newsroom/webhooks/${endpoint.id}`)).text();
      assert.match(page, /Send again/);
      const enabled = await postForm(server, admin, `/newsroom/webhooks/${endpoint.id}`, {
        _csrf: csrfFieldOf(page),
        url: endpoint.url,
        description: 'Back up',
        'event:article.published': 'on',
        'event:article.updated': 'on',
        enabled: 'on',
      });
      assert.equal(enabled.status, 303);
      const after = await endpointRow(server, endpoint.id);
      assert.equal(after.enabled, 1);
      assert.equal(after.consecutive_failures, 0);
      assert.equal(after.disabled_reason, null);
      const again = await postForm(server, admin, `/newsroom/webhooks/${endpoint.id}/deliveries/${queued!.id}/redeliver`, {});
      assert.equal(again.status, 303);
      await tick(server);
      const last = receiver.received.at(-1)!;
      assert.equal(last.answeredWith, 204);
      assert.equal(last.verifyError, null);
      assert.equal(last.headers['webhook-id'], receiver.received[0]!.headers['webhook-id']);
      const log = await deliveriesOf(server, endpoint.id);
      assert.equal(log.length, 2, 'the failed delivery and its resend: nothing was queued while disabled');
      assert.deepEqual(log.map((d) => d.status), ['failed', 'succeeded']);
      const shown = await (await getAs(server, admin, `/newsroom/webhooks/${endpoint.id}`)).text();
      assert.match(shown, /succeeded/);
      assert.match(shown, /failed/);
    } finally {
      await done();
    }
  });

  it('keeps an endpoint enabled through a short outage, however many first attempts fail', async () => {
    const { server, receiver, admin, sectionId, done } = await startServerWithReceiver();
    try {
      const endpoint = await addEndpoint(admin, receiver, '/hooks/blip', ['article.published']);
      receiver.fallback = 502;
      const burst = MAX_DELIVERY_ATTEMPTS + 2;
      for (let i = 0; i < burst; i++) await publishNew(admin, sectionId, `Burst ${i}`);
      await deliveriesWhenQueued(server, endpoint.id, burst);
      await tick(server);
      assert.equal(receiver.received.length, burst);
      const row = await endpointRow(server, endpoint.id);
      assert.equal(row.consecutive_failures, burst);
      assert.equal(row.enabled, 1, 'no delivery has used up its attempts yet');
      assert.ok((await deliveriesOf(server, endpoint.id)).every((d) => d.status === 'pending' && d.attempts === 1));
    } finally {
      await done();
    }
  });

  it('refuses inward addresses the operator has not allowed: at registration, naming the field, and when sending', async () => {
    const { server, receiver, admin, sectionId, done } = await startServerWithReceiver();
    const other = await startWebhookReceiver();
    try {
      for (const url of [`${other.origin}/hooks`, 'http://169.254.169.254/latest', 'http://[::1]:9/', 'http://10.0.0.8/hook', 'http://localhost:9/', 'ftp://example.com/x']) {
        const { status, body } = await admin.call<{ field: string; message: string }>('POST', '/api/admin/webhooks', { url, events: ['article.published'] });
        assert.equal(status, 422, url);
        assert.equal(body.field, 'url');
      }
      // An endpoint stored before the allow-list changed: the fetcher refuses it when sending.
      const endpointId = await insertEndpoint(server.context.database.db, {
        url: `${other.origin}/hooks`,
        description: '',
        events: ['article.published'],
        secret: newWebhookSecret(),
        enabled: true,
        createdBy: null,
        now: new Date().toISOString(),
      });
      await publishNew(admin, sectionId, 'Not for the inside');
      await deliveriesWhenQueued(server, endpointId, 1);
      await tick(server);
      assert.equal(other.received.length, 0, 'nothing reached the unlisted server');
      const [delivery] = await deliveriesOf(server, endpointId);
      assert.equal(delivery!.status, 'pending');
      assert.equal(delivery!.response_code, null);
      assert.match(delivery!.last_error ?? '', /Refused to connect: 127\.0\.0\.1 is a loopback address/);
      assert.equal(receiver.received.length, 0);
    } finally {
      await other.close();
      await done();
    }
  });

  it('manages endpoints with the newsroom forms, without JavaScript', async () => {
    const { server, receiver, admin, done } = await startServerWithReceiver();
    try {
      const listPage = await (await getAs(server, admin, '/newsroom/webhooks')).text();
      assert.match(listPage, /Add an endpoint/);
      const noToken = await fetch(`${server.url}/newsroom/webhooks`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ url: `${receiver.origin}/x`, 'event:article.published': 'on' }),
      });
      assert.equal(noToken.status, 403, 'a form without the CSRF token is refused');

      const invalid = await postForm(server, admin, '/newsroom/webhooks', { url: `${receiver.origin}/x` });
      assert.equal(invalid.status, 422);
      assert.match(await invalid.text(), /Choose at least one event/);

      const created = await postForm(server, admin, '/newsroom/webhooks', { url: `${receiver.origin}/form`, description: 'Made by form', 'event:article.updated': 'on' });
      assert.equal(created.status, 303);
      const location = created.headers.get('location') ?? '';
      const id = Number(/^\/newsroom\/webhooks\/(\d+)\?done=created$/.exec(location)?.[1]);
      assert.ok(id > 0, location);
      const page = await (await getAs(server, admin, location)).text();
      assert.match(page, /The endpoint was added/);
      assert.match(page, /whsec_/);
      assert.match(page, /Nothing has been sent to this endpoint yet/);
      const secretBefore = (await endpointRow(server, id)).secret;

      const rotated = await postForm(server, admin, `/newsroom/webhooks/${id}/secret`, {});
      assert.equal(rotated.status, 303);
      assert.notEqual((await endpointRow(server, id)).secret, secretBefore);

      const saved = await postForm(server, admin, `/newsroom/webhooks/${id}`, { url: `${receiver.origin}/form2`, description: 'Edited', 'event:article.trashed': 'on' });
      assert.equal(saved.status, 303);
      const row = await endpointRow(server, id);
      assert.equal(row.url, `${receiver.origin}/form2`);
      assert.deepEqual(JSON.parse(row.events), ['article.trashed']);
      assert.equal(row.enabled, 0, 'the enabled box was left unticked');
      assert.equal(row.disabled_reason, `Disabled by ${admin.user.name}.`);

      const deleted = await postForm(server, admin, `/newsroom/webhooks/${id}/delete`, {});
      assert.equal(deleted.status, 303);
      assert.equal(deleted.headers.get('location'), '/newsroom/webhooks?done=deleted');
      assert.equal((await getAs(server, admin, `/newsroom/webhooks/${id}`)).status, 404);
      const actions = await server.context.database.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'webhook').where('subject_id', '=', String(id)).orderBy('id').execute();
      assert.deepEqual(actions.map((a) => a.action), ['webhook.created', 'webhook.updated', 'webhook.updated', 'webhook.deleted']);
    } finally {
      await done();
    }
  });
});
