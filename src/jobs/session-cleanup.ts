import type { AppContext } from '#src/app-context.ts';
import { deleteExpiredSessions } from '#src/domain/people/session-store.ts';

/** How often expired sessions are swept: they are already refused, so this only keeps the table small. */
const SESSION_CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

/** A sweep of expired sessions, paced by the closure that holds its last run. */
export type SessionCleanup = (context: AppContext) => Promise<void>;

/**
 * A recurring pass that deletes expired session rows, at most once per `intervalMs` however often
 * it is called (the scheduler ticks every few seconds; a sweep per tick would be wasted work).
 */
export function createSessionCleanup(intervalMs = SESSION_CLEANUP_INTERVAL_MS): SessionCleanup {
  let lastRunAt = Number.NEGATIVE_INFINITY;
  return async (context) => {
    const now = Date.now();
    if (now - lastRunAt < intervalMs) return;
    lastRunAt = now;
    await deleteExpiredSessions(context.database.db);
  };
}
