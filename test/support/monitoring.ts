import assert from 'node:assert/strict';
import { runDueJobs } from '#src/jobs/job-queue.ts';
import { JOB_HANDLERS } from '#src/jobs/job-handlers.ts';
import { REUSE_INDEX_JOB } from '#src/jobs/rights-jobs.ts';
import type { ApiUser } from '../e2e/api/articles-client.ts';
import { createArticle, textBody } from '../e2e/api/articles-client.ts';
import type { CorpusOriginal } from '../rights-corpus/originals.ts';
import type { PublishedOriginal } from '../rights-corpus/corpus-pages.ts';
import type { TestServer } from './test-server.ts';
import { waitUntil } from './wait-until.ts';

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
  // The outbox queues the re-index just after the commit, in the background of the request.
  await waitUntil('the re-index job', () =>
    server.context.database.db.selectFrom('jobs').select('id').where('kind', '=', REUSE_INDEX_JOB).where('payload', '=', JSON.stringify({ articleId: draft.id })).executeTakeFirst(),
  );
  await runJobs(server);
  return { ...original, id: draft.id, url: `${server.url}${body.path}` };
}
