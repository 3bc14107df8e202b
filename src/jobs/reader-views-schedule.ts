import type { AppContext } from '#src/app-context.ts';
import type { ReaderViews } from '#src/domain/views/reader-views.ts';

/**
 * Runs one process's view counting on its own clock: flushes counted views every `flushMs` and
 * recomputes "Most read" every `refreshMs`, calling `onChanged` when the list changed (the app
 * drops the pages that show it). Every serving process runs this, whether or not it runs jobs: its
 * counts live in its memory. Answers a stop function that flushes what is left.
 */
export function startReaderViews(context: Pick<AppContext, 'logger'>, views: ReaderViews, timing: { flushMs: number; refreshMs: number }, onChanged: () => void): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const run = (what: string, work: () => Promise<void>) => {
    running = running.then(work).catch((error: unknown) => context.logger.warn({ err: error }, `${what} failed`));
  };
  const refresh = async () => {
    if (await views.refresh()) onChanged();
  };
  const flushTimer = setInterval(() => run('flushing counted views', () => views.flush()), timing.flushMs);
  const refreshTimer = setInterval(() => run('refreshing "Most read"', async () => {
    await views.prune();
    await refresh();
  }), timing.refreshMs);
  flushTimer.unref();
  refreshTimer.unref();
  run('reading "Most read"', refresh);
  return async () => {
    if (stopped) return;
    stopped = true;
    clearInterval(flushTimer);
    clearInterval(refreshTimer);
    run('flushing counted views', () => views.flush());
    await running;
  };
}
