import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AppContext } from '#src/app-context.ts';
import { createContext } from '#src/cli/bootstrap.ts';
import { runSchedulerTick, startBackgroundWork } from '#src/jobs/background.ts';
import { claimJob, enqueueJob, MAX_ATTEMPTS, runDueJobs } from '#src/jobs/job-queue.ts';
import { publishDueArticles } from '#src/jobs/scheduled-publishing.ts';
import { createArticleFixture, createSectionFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('scheduled publishing', () => {
  let server: TestServer;
  let sectionId: number;
  /** A second runner: on PostgreSQL its own pool (a real second process would be the same); on SQLite the one connection a process has. */
  let second: AppContext;
  let closeSecond = async () => {};

  before(async () => {
    server = await startTestServer();
    sectionId = (await createSectionFixture(server.context)).id;
    if (server.context.database.kind === 'postgres') {
      second = createContext(server.context.config);
      closeSecond = () => second.database.close();
    } else {
      second = server.context;
    }
  });
  after(async () => {
    await closeSecond();
    await server.close();
  });

  async function statusOf(id: number) {
    return server.context.database.db.selectFrom('articles').select(['status', 'published_at', 'scheduled_at']).where('id', '=', id).executeTakeFirstOrThrow();
  }

  it('publishes an article whose time has come in one pass, and leaves a future one scheduled', async () => {
    const due = await createArticleFixture(server.context, { sectionId, status: 'scheduled', scheduledAt: minutesFromNow(-1) });
    const later = await createArticleFixture(server.context, { sectionId, status: 'scheduled', scheduledAt: minutesFromNow(60) });
    const events: number[] = [];
    server.context.events.on('article.published', ({ articleId }) => events.push(articleId));
    await runSchedulerTick(server.context);
    const published = await statusOf(due.id);
    assert.equal(published.status, 'published');
    assert.ok(published.published_at);
    assert.equal(published.scheduled_at, null);
    assert.equal((await statusOf(later.id)).status, 'scheduled');
    assert.ok(events.includes(due.id) && !events.includes(later.id));
    const audit = await server.context.database.db.selectFrom('audit_log').select(['action', 'user_id', 'details']).where('subject_id', '=', String(due.id)).execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.action, 'article.publish-scheduled');
    assert.equal(audit[0]!.user_id, null);
    assert.equal(JSON.parse(audit[0]!.details).by, 'system');
  });

  it('does not publish twice when two runners pass at the same moment', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await createArticleFixture(server.context, { sectionId, status: 'scheduled', scheduledAt: minutesFromNow(-2) })).id);
    const [a, b] = await Promise.all([publishDueArticles(server.context), publishDueArticles(second)]);
    const publishedByEither = [...a.published, ...b.published].filter((id) => ids.includes(id)).sort();
    assert.deepEqual(publishedByEither, [...ids].sort(), 'each article published by exactly one runner');
    assert.deepEqual([...a.failed, ...b.failed].filter((id) => ids.includes(id)), []);
    const revisions = await server.context.database.db
      .selectFrom('article_revisions')
      .select(['article_id'])
      .where('kind', '=', 'publish')
      .where('article_id', 'in', ids)
      .execute();
    assert.equal(revisions.length, ids.length);
  });

  it('leaves a scheduled article whose image lost its alt text scheduled, and says so', async () => {
    const media = await server.context.database.db
      .insertInto('media')
      .values({ file_key: 'x.png', mime_type: 'image/png', width: 1, height: 1, byte_size: 1, sha256: `sha-${Date.now()}`, original_name: 'x.png', caption: '', credit: '', alt_text: '', search_text: 'x.png', created_by: null, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const article = await createArticleFixture(server.context, { sectionId, status: 'scheduled', scheduledAt: minutesFromNow(-1), leadMediaId: media.id });
    const result = await publishDueArticles(server.context);
    assert.ok(result.failed.includes(article.id));
    assert.equal((await statusOf(article.id)).status, 'scheduled');
  });

  it('runs in the background from start, picking up what was scheduled before it started, and stops cleanly', async () => {
    const due = await createArticleFixture(server.context, { sectionId, status: 'scheduled', scheduledAt: minutesFromNow(-5) });
    const published = new Promise<void>((resolve) => {
      server.context.events.on('article.published', ({ articleId }) => {
        if (articleId === due.id) resolve();
      });
    });
    const stop = startBackgroundWork(server.context, { tickMs: 10 });
    await published;
    await stop();
    assert.equal((await statusOf(due.id)).status, 'published');
  });
});

describe('job queue', () => {
  let server: TestServer;
  let second: AppContext;
  let closeSecond = async () => {};

  before(async () => {
    server = await startTestServer();
    if (server.context.database.kind === 'postgres') {
      second = createContext(server.context.config);
      closeSecond = () => second.database.close();
    } else {
      second = server.context;
    }
  });
  after(async () => {
    await closeSecond();
    await server.close();
  });

  it('runs a due job once and marks it done; a future job waits', async () => {
    const kind = `test-done-${Date.now()}`;
    const ran: unknown[] = [];
    const now = await enqueueJob(server.context.database.db, kind, { n: 1 });
    const later = await enqueueJob(server.context.database.db, kind, { n: 2 }, minutesFromNow(10));
    await runDueJobs(server.context, { [kind]: async (_context, payload) => void ran.push(payload) });
    assert.deepEqual(ran, [{ n: 1 }]);
    const rows = await server.context.database.db.selectFrom('jobs').select(['id', 'done_at', 'attempts']).where('id', 'in', [now, later]).orderBy('id').execute();
    assert.ok(rows[0]!.done_at);
    assert.equal(rows[0]!.attempts, 1);
    assert.equal(rows[1]!.done_at, null);
  });

  it('retries a failing job later with backoff, then dead-letters it', async () => {
    const kind = `test-fail-${Date.now()}`;
    const db = server.context.database.db;
    const id = await enqueueJob(db, kind, {});
    const handlers = { [kind]: async () => Promise.reject(new Error('remote said no')) };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      assert.equal(await runDueJobs(server.context, handlers), 1);
      const row = await db.selectFrom('jobs').select(['attempts', 'run_at', 'last_error', 'failed_at', 'locked_at']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.attempts, attempt);
      assert.match(row.last_error ?? '', /remote said no/);
      assert.equal(row.locked_at, null);
      if (attempt < MAX_ATTEMPTS) {
        assert.equal(row.failed_at, null);
        assert.ok(Date.parse(row.run_at) > Date.now(), 'the retry waits');
        assert.equal(await runDueJobs(server.context, handlers), 0, 'not retried before its time');
        // Let the backoff pass.
        await db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', id).execute();
      } else {
        assert.ok(row.failed_at, 'dead-lettered');
      }
    }
    assert.equal(await claimJob(server.context, [kind]), undefined, 'a dead job is never claimed again');
  });

  it('gives each job to one worker when two claim at once', async () => {
    const kind = `test-claim-${Date.now()}`;
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) ids.push(await enqueueJob(server.context.database.db, kind, { i }));
    const ran: number[] = [];
    const handler = async (_context: AppContext, payload: unknown) => void ran.push((payload as { i: number }).i);
    await Promise.all([runDueJobs(server.context, { [kind]: handler }), runDueJobs(second, { [kind]: handler })]);
    assert.deepEqual([...ran].sort((x, y) => x - y), Array.from({ length: 20 }, (_, i) => i));
  });
});
