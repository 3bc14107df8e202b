import type { AppContext } from '#src/app-context.ts';
import { prunePresence } from '#src/domain/articles/article-presence.ts';
import { JOB_HANDLERS } from './job-handlers.ts';
import { runDueJobs } from './job-queue.ts';
import { publishDueArticles } from './scheduled-publishing.ts';
import { createSessionCleanup } from './session-cleanup.ts';

const cleanUpSessions = createSessionCleanup();

/** Seconds between scheduler passes: scheduled articles go out within this of their time. */
export const DEFAULT_TICK_MS = 15_000;

/** One scheduler pass: publish due articles, run due queued jobs, forget stale presence, sweep expired sessions (hourly). */
export async function runSchedulerTick(context: AppContext): Promise<void> {
  await publishDueArticles(context);
  await runDueJobs(context, JOB_HANDLERS);
  await prunePresence(context.database.db);
  await cleanUpSessions(context);
}

/**
 * Starts the in-process job runner and scheduler; answers a function that stops them, resolving
 * once the pass in progress (if any) has finished so shutdown never cuts a publish in half.
 */
export function startBackgroundWork(context: AppContext, options: { tickMs?: number } = {}): () => Promise<void> {
  const tickMs = options.tickMs ?? DEFAULT_TICK_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const loop = () => {
    if (stopped) return;
    running = runSchedulerTick(context)
      .catch((error: unknown) => context.logger.error({ err: error }, 'scheduler pass failed'))
      .finally(() => {
        // The next pass is timed from the end of this one: passes never overlap in one process.
        if (!stopped) timer = setTimeout(loop, tickMs);
      });
  };
  timer = setTimeout(loop, 0);

  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
