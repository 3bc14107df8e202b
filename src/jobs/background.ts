import type { AppContext } from '#src/app-context.ts';
import { prunePresence } from '#src/domain/articles/article-presence.ts';
import { runDueJobs, type JobHandler } from './job-queue.ts';
import { publishDueArticles } from './scheduled-publishing.ts';
import { createHousekeeping, type Housekeeping } from './housekeeping.ts';

/** Seconds between scheduler passes: scheduled articles go out within this of their time. */
export const DEFAULT_TICK_MS = 15_000;

/**
 * Handlers of queued jobs by kind. A feature that needs work done after a commit (webhooks, image
 * variants, sitemaps) enqueues a job of its kind with enqueueJob() inside its transaction and hands
 * its handler to startBackgroundWork where the app is assembled (jobs/job-handlers.ts lists them; ADR 0007).
 */
export type JobHandlers = Record<string, JobHandler>;

/**
 * One scheduler pass: publish due articles, run due queued jobs, forget stale presence, keep house
 * (expired sessions, pages watched sources stopped listing: every pass unless the caller's
 * `housekeeping` paces it; the runner's does, hourly).
 */
export async function runSchedulerTick(
  context: AppContext,
  { handlers = {}, housekeeping = createHousekeeping(0) }: { handlers?: JobHandlers; housekeeping?: Housekeeping } = {},
): Promise<void> {
  await publishDueArticles(context);
  if (Object.keys(handlers).length > 0) await runDueJobs(context, handlers);
  await prunePresence(context.database.db);
  await housekeeping(context);
}

/**
 * Starts the in-process job runner and scheduler; answers a function that stops them, resolving
 * once the pass in progress (if any) has finished so shutdown never cuts a publish in half.
 */
export function startBackgroundWork(context: AppContext, options: { tickMs?: number; handlers?: JobHandlers } = {}): () => Promise<void> {
  const tickMs = options.tickMs ?? DEFAULT_TICK_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  // This runner's own pacing: a second runner in the process (a test server) sweeps on its own clock.
  const housekeeping = createHousekeeping();

  const loop = () => {
    if (stopped) return;
    running = runSchedulerTick(context, { handlers: options.handlers, housekeeping })
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
