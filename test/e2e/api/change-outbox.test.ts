import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createContext } from '#src/cli/bootstrap.ts';
import { createArticleService } from '#src/domain/articles/article-service.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { runSchedulerTick } from '#src/jobs/background.ts';
import { CDN_PURGE_JOB } from '#src/jobs/cdn-purge-jobs.ts';
import { JOB_HANDLERS } from '#src/jobs/job-handlers.ts';
import { INDEXNOW_PING_JOB, WEBSUB_PING_JOB } from '#src/jobs/publish-ping-jobs.ts';
import { WEBHOOK_DELIVERY_JOB } from '#src/jobs/webhook-jobs.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import type { WebhookReceiver } from '../../support/webhook-receiver.ts';
import { createArticle, textBody, type ApiUser } from './articles-client.ts';
import { startServerWithReceiver } from './receiver-setup.ts';

// ADR 0052: the jobs that carry a change out of the process (webhook deliveries, publish pings, the
// CDN purge) are written in the change's own transaction, not by listeners after its commit.

const OUTBOX_JOBS = [WEBHOOK_DELIVERY_JOB, WEBSUB_PING_JOB, INDEXNOW_PING_JOB, CDN_PURGE_JOB];

type Article = { id: number; version: number };

/** Registers a webhook endpoint at /hook for article.published and article.updated; the receiver learns its secret. */
async function addEndpoint(admin: ApiUser, receiver: WebhookReceiver): Promise<void> {
  const { status, body } = await admin.call<{ secret: string }>('POST', '/api/admin/webhooks', {
    url: `${receiver.origin}/hook`,
    events: ['article.published', 'article.updated'],
    description: 'Outbox test',
  });
  assert.equal(status, 201, JSON.stringify(body));
  receiver.secrets.set('/hook', body.secret);
}

/** Turns on both pings and the CDN purge at the receiver, then sends the site purge that change queued. */
async function configureDistribution(server: TestServer, receiver: WebhookReceiver): Promise<void> {
  const settings = createSettingsService(server.context);
  await settings.update(asSystem(), {
    ...(await settings.get(asSystem())),
    websubHubUrl: `${receiver.origin}/hub`,
    indexNowEndpoint: `${receiver.origin}/indexnow`,
    indexNowKey: null,
    cdnPurgeUrl: `${receiver.origin}/purge`,
    cdnPurgeStyle: 'generic',
    cdnPurgeToken: 'tok',
  });
  await tick(server);
  receiver.received.length = 0;
}

function outboxJobs(server: TestServer) {
  return server.context.database.db.selectFrom('jobs').select(['id', 'kind', 'payload']).where('kind', 'in', OUTBOX_JOBS).orderBy('id').execute();
}

function tick(server: TestServer) {
  return runSchedulerTick(server.context, { handlers: JOB_HANDLERS });
}

const pathsOf = (receiver: WebhookReceiver) => receiver.received.map((r) => r.path).sort();

describe('the change outbox', () => {
  it('queues a publication’s webhook, pings and purge with its commit: a process that dies right after still has them sent, once, by a fresh server', async () => {
    const { server, receiver, admin, sectionId, env, done } = await startServerWithReceiver();
    let fresh: TestServer | undefined;
    try {
      await addEndpoint(admin, receiver);
      await configureDistribution(server, receiver);
      const draft = await createArticle(admin, { title: 'Dam holds after the flood', sectionId, body: textBody('Text.') });

      // Another process publishes it and dies right after the commit: it has no app, no listener,
      // no relay, so nothing after the transaction ever runs for this change.
      const dying = createContext({ ...server.context.config });
      await createArticleService(dying).publish(asSystem(), draft.id, draft.version);
      await dying.database.close();

      // A fresh server on the same database sends what the change queued.
      fresh = await startTestServer(env, { databaseOf: server });
      await tick(fresh);
      assert.deepEqual(pathsOf(receiver), ['/hook', '/hub', '/indexnow', '/purge']);
      const hook = receiver.received.find((r) => r.path === '/hook')!;
      assert.equal(hook.verifyError, null);
      assert.equal((hook.verified as { type: string }).type, 'article.published');
      assert.equal((hook.verified as { data: { article: { id: number } } }).data.article.id, draft.id);
      const purge = JSON.parse(receiver.received.find((r) => r.path === '/purge')!.body) as { tags: string[] };
      assert.ok(purge.tags.includes(`article:${draft.id}`), purge.tags.join(' '));

      // One change, one delivery per consumer: nothing is left to send, by either server.
      await tick(fresh);
      await tick(server);
      assert.equal(receiver.received.length, 4);
    } finally {
      await fresh?.close();
      await done();
    }
  });

  it('queues them before the request answers, once each, whichever server hears of the change', async () => {
    const { server, receiver, admin, sectionId, env, done } = await startServerWithReceiver();
    const other = await startTestServer(env, { databaseOf: server });
    try {
      await addEndpoint(admin, receiver);
      await configureDistribution(server, receiver);
      const draft = await createArticle(admin, { title: 'Ferry back on time', sectionId, body: textBody('Text.') });
      const before = (await outboxJobs(server)).length;
      const { status } = await admin.call('POST', `/api/admin/articles/${draft.id}/publish`, { version: draft.version });
      assert.equal(status, 200);
      // No waiting: the jobs committed with the article. On PostgreSQL the other server hears the
      // event through the relay and queues nothing of its own.
      const queued = (await outboxJobs(server)).slice(before).map((job) => job.kind).sort();
      assert.deepEqual(queued, [CDN_PURGE_JOB, INDEXNOW_PING_JOB, WEBHOOK_DELIVERY_JOB, WEBSUB_PING_JOB].sort());
      await tick(other);
      await tick(server);
      assert.deepEqual(pathsOf(receiver), ['/hook', '/hub', '/indexnow', '/purge']);
    } finally {
      await other.close();
      await done();
    }
  });

  it('queues nothing for a change that rolls back', async () => {
    const { server, receiver, admin, sectionId, done } = await startServerWithReceiver();
    try {
      await addEndpoint(admin, receiver);
      await configureDistribution(server, receiver);
      const article = await createArticle(admin, { title: 'Budget vote', sectionId, body: textBody('Text.') });
      await admin.call('POST', `/api/admin/articles/${article.id}/publish`, { version: article.version });
      const before = await outboxJobs(server);

      // The outbox writes in the change's transaction; when that fails, its jobs go with it.
      const { db } = server.context.database;
      await assert.rejects(
        db.transaction().execute(async (tx) => {
          await server.context.events.record(tx, 'article.updated', { articleId: article.id });
          assert.ok((await tx.selectFrom('jobs').select('id').where('kind', 'in', OUTBOX_JOBS).execute()).length > before.length, 'queued inside the transaction');
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      assert.deepEqual(await outboxJobs(server), before);
      assert.equal((await db.selectFrom('webhook_deliveries').select('id').execute()).length, 1, 'only the publication’s delivery');

      // A refused change through the service (a stale version) queues nothing either.
      const { status } = await admin.call('POST', `/api/admin/articles/${article.id}/unpublish`, { version: article.version });
      assert.equal(status, 409);
      assert.deepEqual(await outboxJobs(server), before);
    } finally {
      await done();
    }
  });

  it('queues nothing while nothing is configured, and an endpoint added later gets only later changes', async () => {
    const { server, receiver, admin, sectionId, done } = await startServerWithReceiver();
    try {
      const draft = await createArticle(admin, { title: 'Quiet news day', sectionId, body: textBody('Text.') });
      const published = await admin.call<Article>('POST', `/api/admin/articles/${draft.id}/publish`, { version: draft.version });
      assert.equal(published.status, 200);
      assert.deepEqual(await outboxJobs(server), []);

      await addEndpoint(admin, receiver);
      await tick(server);
      assert.equal(receiver.received.length, 0, 'the publication before the endpoint existed is not sent to it');

      const saved = await admin.call('PUT', `/api/admin/articles/${draft.id}`, { version: published.body.version, title: 'Quiet news day, then rain' });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      await tick(server);
      assert.deepEqual(pathsOf(receiver), ['/hook']);
      assert.equal((receiver.received[0]!.verified as { type: string }).type, 'article.updated');
    } finally {
      await done();
    }
  });
});
