import type { AppContext } from '#src/app-context.ts';
import { listDueScheduledArticles } from '#src/domain/articles/article-repository.ts';
import { createArticleService } from '#src/domain/articles/article-service.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Conflict, Invalid } from '#src/lib/errors.ts';

/** Articles published per tick at most; the next tick takes the rest. */
const BATCH = 100;

/** What one pass did. */
export type ScheduledPublishingResult = { published: number[]; skipped: number[]; failed: number[] };

/**
 * Publishes every article whose scheduled time has come (status 'scheduled' AND scheduled_at <= now)
 * through the article service as the system. The state lives in the articles table, so nothing is
 * lost across restarts; a row another runner published first fails its version check and is skipped.
 */
export async function publishDueArticles(context: AppContext, now = nowIso()): Promise<ScheduledPublishingResult> {
  const service = createArticleService(context);
  const due = await listDueScheduledArticles(context.database.db, now, BATCH);
  const result: ScheduledPublishingResult = { published: [], skipped: [], failed: [] };
  for (const { id, version } of due) {
    try {
      await service.publishScheduled(asSystem(), id, version, now);
      // Its 'schedule.published' (the writer's notification) was recorded in the publishing transaction.
      result.published.push(id);
    } catch (error) {
      if (error instanceof Conflict || (error instanceof Invalid && error.field === 'status')) {
        // Changed or published by someone else since we looked: not ours to publish any more.
        result.skipped.push(id);
      } else {
        // E.g. an image lost its alt text after scheduling: the article stays scheduled and the
        // newsroom sees it overdue; the log says why.
        result.failed.push(id);
        context.logger.warn({ err: error, articleId: id }, 'scheduled article could not be published');
        // The publication rolled back, so its people are told in a transaction of its own (the
        // outbox, ADR 0052). If that fails too (the database is away), the next tick, which fails
        // to publish it again, tells them; the other due articles are still tried now.
        const reason = error instanceof Error ? error.message : String(error);
        await context.events
          .recordAfter(context.database.db, 'schedule.failed', { articleId: id, reason })
          .catch((recordError: unknown) => context.logger.error({ err: recordError, articleId: id }, 'the failed schedule could not be recorded'));
      }
    }
  }
  return result;
}
