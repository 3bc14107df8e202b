import { z } from 'zod';
import type { Executor } from '#src/db/database.ts';
import { reindexAll, reindexArticle } from '#src/domain/rights/reuse-index.ts';
import { isArticleEvent, type DomainEvent } from '#src/lib/events.ts';
import { enqueueJob, type JobHandler } from './job-queue.ts';

/** The job kind that brings one article's reuse fingerprints up to date. */
export const REUSE_INDEX_JOB = 'rights.reindex';

/** The job kind that rebuilds the whole reuse index (queued by migration 0016 for existing articles). */
export const REUSE_INDEX_ALL_JOB = 'rights.reindex-all';

const payloadSchema = z.object({ articleId: z.number().int().positive() });

/** Recomputes one article's fingerprints from what is stored now: indexed while published, removed otherwise. */
export const reindexArticleJob: JobHandler = async (context, payload) => {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) {
    context.logger.warn({ payload }, 'reuse index job without an article id: dropped');
    return;
  }
  await reindexArticle(context.database.db, parsed.data.articleId);
};

/**
 * Rebuilds the index of every published article, in short transactions beside the requests this
 * process serves (ADR 0057). While another rebuild runs it throws RebuildRunning: retried later.
 */
export const reindexAllJob: JobHandler = async (context) => {
  const indexed = await reindexAll(context.database);
  context.logger.info({ indexed }, 'reuse index rebuilt');
};

/** The job handlers of the rights desk, by kind. */
export const rightsJobHandlers: Record<string, JobHandler> = { [REUSE_INDEX_JOB]: reindexArticleJob, [REUSE_INDEX_ALL_JOB]: reindexAllJob };

/**
 * Queues, in the change's transaction `tx` (the outbox, ADR 0052), a re-index of the article after
 * each article event (published, updated, unpublished; trashing a live article is recorded as
 * unpublished), once, by the process where the change happened. The handler reads the article as
 * it is when the job runs, so jobs queued in any order converge.
 */
export async function queueReuseIndexOf(tx: Executor, event: DomainEvent): Promise<void> {
  if (!isArticleEvent(event)) return;
  await enqueueJob(tx, REUSE_INDEX_JOB, { articleId: event.args[0].articleId });
}
