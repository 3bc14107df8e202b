import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createContext } from '#src/cli/bootstrap.ts';
import { createArticleService } from '#src/domain/articles/article-service.ts';
import { runSchedulerTick } from '#src/jobs/background.ts';
import { JOB_HANDLERS } from '#src/jobs/job-handlers.ts';
import { NOTIFICATION_DISPATCH_JOB } from '#src/jobs/notification-jobs.ts';
import { REUSE_INDEX_JOB } from '#src/jobs/rights-jobs.ts';
import { actorOf, createUserFixture } from '../../support/auth.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser, createArticle, textBody } from './articles-client.ts';

// ADR 0052, continued: the newsroom's notifications and the rights desk's re-index are queued in
// the change's transaction like webhooks, pings and purges, not by listeners after its commit.

const NEWSROOM_JOBS = [NOTIFICATION_DISPATCH_JOB, REUSE_INDEX_JOB];

/** The notification and re-index jobs queued so far, oldest first, with their payloads read. */
async function newsroomJobs(server: TestServer) {
  const rows = await server.context.database.db.selectFrom('jobs').select(['kind', 'payload']).where('kind', 'in', NEWSROOM_JOBS).orderBy('id').execute();
  return rows.map((row) => ({ kind: row.kind, payload: JSON.parse(row.payload) as Record<string, unknown> }));
}

/** Kinds of the notifications `userId` has, oldest first. */
async function notificationKinds(server: TestServer, userId: number): Promise<string[]> {
  const rows = await server.context.database.db.selectFrom('notifications').select('kind').where('recipient_id', '=', userId).orderBy('id').execute();
  return rows.map((row) => row.kind);
}

async function fingerprintCount(server: TestServer, articleId: number): Promise<number> {
  const rows = await server.context.database.db.selectFrom('reuse_fingerprints').select('article_id').where('article_id', '=', articleId).execute();
  return rows.length;
}

function tick(server: TestServer) {
  return runSchedulerTick(server.context, { handlers: JOB_HANDLERS });
}

describe('the change outbox, for the newsroom and the rights desk', () => {
  it('queues a review step’s notification and a publication’s re-index with the commit: a context with no listeners, closed right after, leaves them to a fresh server', async () => {
    const server = await startTestServer();
    let fresh: TestServer | undefined;
    try {
      const section = await createSectionFixture(server.context);
      const writer = await apiUser(server, 'contributor');
      const editor = await createUserFixture(server.context, { role: 'editor' });
      const draft = await createArticle(writer, { title: 'Harbour cranes return', sectionId: section.id, body: textBody('The cranes came back to the harbour on Monday.') });
      const before = await newsroomJobs(server);

      // Another process (a CLI, a second server) submits and approves it and dies right after the
      // commits: no app, no listener, no relay, so nothing after either transaction ever runs.
      const dying = createContext({ ...server.context.config });
      const articles = createArticleService(dying);
      const submitted = await articles.submitForReview(actorOf(writer.user), draft.id, draft.version);
      await articles.approve(actorOf(editor), draft.id, submitted.version);
      await dying.database.close();

      assert.deepEqual((await newsroomJobs(server)).slice(before.length), [
        { kind: NOTIFICATION_DISPATCH_JOB, payload: { kind: 'review_submitted', articleId: draft.id, actorId: writer.user.id } },
        { kind: REUSE_INDEX_JOB, payload: { articleId: draft.id } },
        { kind: NOTIFICATION_DISPATCH_JOB, payload: { kind: 'review_approved', articleId: draft.id, actorId: editor.id } },
      ]);
      assert.deepEqual(await notificationKinds(server, editor.id), [], 'written by the job runner, not by the change');
      assert.equal(await fingerprintCount(server, draft.id), 0);

      // A fresh server on the same database runs them: the dispatches, then their mails.
      fresh = await startTestServer({}, { databaseOf: server });
      await tick(fresh);
      await tick(fresh);
      assert.deepEqual(await notificationKinds(fresh, editor.id), ['review_submitted']);
      assert.deepEqual(await notificationKinds(fresh, writer.user.id), ['review_approved']);
      const indexed = await fingerprintCount(fresh, draft.id);
      assert.ok(indexed > 0, 'the published article is in the reuse index');

      // One change, one notification each: nothing is left to run, by either server.
      await tick(fresh);
      await tick(server);
      assert.deepEqual(await notificationKinds(server, editor.id), ['review_submitted']);
      assert.deepEqual(await notificationKinds(server, writer.user.id), ['review_approved']);
      assert.equal((await newsroomJobs(server)).length, before.length + 3);
    } finally {
      await fresh?.close();
      await server.close();
    }
  });

  it('queues no notification and no re-index for a change that rolls back, nor for one refused', async () => {
    const server = await startTestServer();
    try {
      const section = await createSectionFixture(server.context);
      const writer = await apiUser(server, 'contributor');
      const draft = await createArticle(writer, { title: 'Ferry timetable', sectionId: section.id, body: textBody('Boats leave hourly.') });
      const before = await newsroomJobs(server);

      // The outbox writes in the change's transaction; when that fails, its jobs go with it.
      const { db } = server.context.database;
      await assert.rejects(
        db.transaction().execute(async (tx) => {
          await server.context.events.record(tx, 'review.submitted', { articleId: draft.id, actorId: writer.user.id });
          await server.context.events.record(tx, 'article.published', { articleId: draft.id });
          const inside = await tx.selectFrom('jobs').select('id').where('kind', 'in', NEWSROOM_JOBS).execute();
          assert.equal(inside.length, before.length + 2, 'queued inside the transaction');
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      assert.deepEqual(await newsroomJobs(server), before);

      // A return refused by the service (a stale version) queues nothing either.
      const submitted = await writer.call<{ version: number }>('POST', `/api/admin/articles/${draft.id}/submit`, { version: draft.version });
      assert.equal(submitted.status, 200);
      const queued = await newsroomJobs(server);
      assert.equal(queued.length, before.length + 1);
      const editor = await apiUser(server, 'editor');
      const stale = await editor.call('POST', `/api/admin/articles/${draft.id}/return`, { version: draft.version, note: 'Add a quote.' });
      assert.equal(stale.status, 409);
      assert.deepEqual(await newsroomJobs(server), queued);
    } finally {
      await server.close();
    }
  });

  it('queues each once, where the change happens: a server that hears of it through the relay queues nothing', async () => {
    const server = await startTestServer();
    const other = await startTestServer({}, { databaseOf: server });
    try {
      const section = await createSectionFixture(server.context);
      const writer = await apiUser(server, 'contributor');
      const editor = await apiUser(server, 'editor');
      const draft = await createArticle(writer, { title: 'Night trains', sectionId: section.id, body: textBody('Sleepers run again.') });
      const submitted = await writer.call<{ version: number }>('POST', `/api/admin/articles/${draft.id}/submit`, { version: draft.version });
      assert.equal(submitted.status, 200);
      const before = await newsroomJobs(server);
      // On PostgreSQL the other server hears the approval through the relay (ADR 0014); processes on
      // one SQLite file hear each other only as workers of one `qalam serve`, so these two do not.
      const relayed = server.context.config.database.kind === 'postgres';
      const heard = new Promise<void>((resolve) => other.context.events.on('review.approved', ({ articleId }) => articleId === draft.id && resolve()));

      const approved = await editor.call('POST', `/api/admin/articles/${draft.id}/approve`, { version: submitted.body.version });
      assert.equal(approved.status, 200);
      if (relayed) await heard;
      assert.deepEqual((await newsroomJobs(server)).slice(before.length), [
        { kind: REUSE_INDEX_JOB, payload: { articleId: draft.id } },
        { kind: NOTIFICATION_DISPATCH_JOB, payload: { kind: 'review_approved', articleId: draft.id, actorId: editor.user.id } },
      ]);
      await tick(other);
      await tick(server);
      assert.deepEqual(await notificationKinds(server, writer.user.id), ['review_approved']);
    } finally {
      await other.close();
      await server.close();
    }
  });
});
