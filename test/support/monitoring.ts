import assert from 'node:assert/strict';
import type { AppContext } from '#src/app-context.ts';
import type { WatchSourceKind } from '#src/db/schema.ts';
import { insertFinding } from '#src/domain/monitoring/finding-repository.ts';
import { insertSource } from '#src/domain/monitoring/source-repository.ts';
import { runDueJobs } from '#src/jobs/job-queue.ts';
import { JOB_HANDLERS } from '#src/jobs/job-handlers.ts';
import { REUSE_INDEX_JOB } from '#src/jobs/rights-jobs.ts';
import type { ApiUser } from '../e2e/api/articles-client.ts';
import { createArticle, textBody } from '../e2e/api/articles-client.ts';
import type { CorpusOriginal } from '../rights-corpus/originals.ts';
import type { PublishedOriginal } from '../rights-corpus/corpus-pages.ts';
import type { TestServer } from './test-server.ts';

/** Runs every due job (polls, webhook deliveries, re-indexing) until none is left, as the background runner would. */
export async function runJobs(server: TestServer): Promise<void> {
  while ((await runDueJobs(server.context, JOB_HANDLERS, 200)) > 0) {
    // Another pass: a job may have queued one that is due now (a finding's webhook delivery).
  }
}

/** Publishes a corpus original through the API and waits until the reuse index holds it. */
export async function publishOriginal(server: TestServer, editor: ApiUser, original: CorpusOriginal, sectionId: number): Promise<PublishedOriginal & { id: number }> {
  const draft = await createArticle(editor, { title: original.title, standfirst: original.standfirst, body: textBody(...original.paragraphs), sectionId, language: original.language });
  const { status, body } = await editor.call<{ id: number; path: string }>('POST', `/api/admin/articles/${draft.id}/publish`, { version: draft.version });
  assert.equal(status, 200, JSON.stringify(body));
  // The outbox queued the re-index in the publishing transaction (ADR 0052): it is there when the request answers.
  const reindex = await server.context.database.db.selectFrom('jobs').select('id').where('kind', '=', REUSE_INDEX_JOB).where('payload', '=', JSON.stringify({ articleId: draft.id })).executeTakeFirst();
  assert.ok(reindex, `the re-index of article ${draft.id} committed with its publication`);
  await runJobs(server);
  return { ...original, id: draft.id, url: `${server.url}${body.path}` };
}

let fixtureCount = 0;

/** A paused watch source stored directly (no poll is queued), for tests that need one to exist. */
export async function createWatchSourceFixture(context: AppContext, overrides: { url?: string; kind?: WatchSourceKind; name?: string } = {}): Promise<{ id: number; url: string }> {
  fixtureCount++;
  const url = overrides.url ?? `https://copies-${process.pid}-${fixtureCount}.example/feed.xml`;
  const id = await insertSource(context.database.db, {
    kind: overrides.kind ?? 'feed',
    url,
    name: overrides.name ?? `Fixture source ${fixtureCount}`,
    active: false,
    pollIntervalMinutes: 60,
    nextPollAt: null,
    createdBy: null,
    now: new Date().toISOString(),
  });
  return { id, url };
}

/** An open finding of `articleId` on an outside page, with two passages of evidence, stored directly. */
export async function createFindingFixture(context: AppContext, input: { articleId: number; sourceId?: number | null; pageUrl?: string }): Promise<{ id: number; pageUrl: string }> {
  fixtureCount++;
  const pageUrl = input.pageUrl ?? `https://copies-${process.pid}-${fixtureCount}.example/news/copy`;
  const id = await insertFinding(
    context.database.db,
    {
      sourceId: input.sourceId ?? null,
      pageUrl,
      articleId: input.articleId,
      shareOfOriginal: 64.5,
      shareOfText: 88.2,
      link: { present: false, compliant: false, href: null, reason: 'No link to the original.' },
      verdict: 'over-quota',
      evidence: { pageWords: 120, passages: [{ theirs: 'the copied words one', ours: 'the copied words one' }, { theirs: 'the copied words two', ours: 'the copied words two' }] },
    },
    'open',
    new Date().toISOString(),
  );
  return { id, pageUrl };
}
