import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { reindexAll, reindexArticle } from '#src/domain/rights/reuse-index.ts';
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

/** Rebuilds the index of every published article. */
export const reindexAllJob: JobHandler = async (context) => {
  const indexed = await reindexAll(context.database);
  context.logger.info({ indexed }, 'reuse index rebuilt');
};

/** The job handlers of the rights desk, by kind. */
export const rightsJobHandlers: Record<string, JobHandler> = { [REUSE_INDEX_JOB]: reindexArticleJob, [REUSE_INDEX_ALL_JOB]: reindexAllJob };

/**
 * Queues a re-index of the article after each article event that happens in this process
 * (published, updated, unpublished; trashing a live article is announced as unpublished). The
 * handler reads the article as it is when the job runs, so jobs queued in any order converge.
 * `forward` hears only this process's events (ADR 0014): each change is queued once, not per process.
 */
export function registerReuseIndexOutbox(context: AppContext): () => void {
  return context.events.forward((event) => {
    if (event.name !== 'article.published' && event.name !== 'article.updated' && event.name !== 'article.unpublished') return;
    const [{ articleId }] = event.args;
    enqueueJob(context.database.db, REUSE_INDEX_JOB, { articleId }).catch((error: unknown) =>
      context.logger.error({ err: error, event: event.name, articleId }, 'reuse index job could not be queued'),
    );
  });
}
