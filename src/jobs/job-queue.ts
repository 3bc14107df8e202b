import type { ExpressionBuilder } from 'kysely';
import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import type { Database } from '#src/db/schema.ts';
import { nowIso } from '#src/lib/clock.ts';

/**
 * A small job queue in the `jobs` table. Enqueue inside the transaction of the change that needs
 * the job (a transactional outbox); workers claim due jobs one at a time, with FOR UPDATE SKIP
 * LOCKED on PostgreSQL (the pattern graphile-worker and pg-boss use) so any number can run; a
 * failed job is retried with exponential backoff and dead-lettered (failed_at) after MAX_ATTEMPTS.
 */

/** Attempts before a job is dead-lettered. */
export const MAX_ATTEMPTS = 5;

/** A lock older than this (ms) belongs to a worker that died mid-job; the job may be claimed again. */
export const STALE_LOCK_MS = 10 * 60_000;

/** Delay before retry number `attempts` (ms): 30 s, 1 min, 2 min, 4 min … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/** A claimed job. */
export type Job = { id: number; kind: string; payload: unknown; attempts: number };

/** Runs one kind of job; throwing means "retry later". */
export type JobHandler = (context: AppContext, payload: unknown) => Promise<void>;

/** Adds a job to run at `runAt` (default now); pass the transaction of the change that needs it. */
export async function enqueueJob(db: Executor, kind: string, payload: unknown, runAt: string = nowIso()): Promise<number> {
  const { id } = await db
    .insertInto('jobs')
    .values({ kind, payload: JSON.stringify(payload ?? {}), run_at: runAt, attempts: 0, locked_at: null, last_error: null, done_at: null, failed_at: null, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Claims the oldest due job of `kinds` for this worker (locks it, counts the attempt); undefined when none is due. */
export async function claimJob(context: Pick<AppContext, 'database'>, kinds: string[]): Promise<Job | undefined> {
  if (kinds.length === 0) return undefined;
  const { db, kind: dialect } = context.database;
  const now = new Date();
  const staleBefore = new Date(now.getTime() - STALE_LOCK_MS).toISOString();
  const free = (eb: ExpressionBuilder<Database, 'jobs'>) => eb.or([eb('locked_at', 'is', null), eb('locked_at', '<', staleBefore)]);
  // One statement claims: UPDATE … WHERE id = (SELECT … LIMIT 1) RETURNING. SQLite runs one writer
  // at a time, so the statement is exclusive there; on PostgreSQL the subquery takes FOR UPDATE SKIP
  // LOCKED, so concurrent workers skip a row another one holds instead of waiting for it.
  const row = await db
    .updateTable('jobs')
    .set((eb) => ({ locked_at: now.toISOString(), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', (eb) => {
      const candidate = eb
        .selectFrom('jobs')
        .select('id')
        .where('kind', 'in', kinds)
        .where('done_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('run_at', '<=', now.toISOString())
        .where(free)
        .orderBy('run_at')
        .orderBy('id')
        .limit(1);
      return dialect === 'postgres' ? candidate.forUpdate().skipLocked() : candidate;
    })
    .where(free)
    .returning(['id', 'kind', 'payload', 'attempts'])
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, kind: row.kind, payload: JSON.parse(row.payload) as unknown, attempts: row.attempts };
}

/** Marks a claimed job done. */
export async function completeJob(db: Executor, id: number): Promise<void> {
  await db.updateTable('jobs').set({ done_at: nowIso(), locked_at: null, last_error: null }).where('id', '=', id).execute();
}

/** Records a failure: retry later with backoff, or dead-letter after MAX_ATTEMPTS. Answers whether it is dead. */
export async function failJob(db: Executor, job: Job, error: unknown, maxAttempts = MAX_ATTEMPTS): Promise<boolean> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const dead = job.attempts >= maxAttempts;
  await db
    .updateTable('jobs')
    .set({
      locked_at: null,
      last_error: message.slice(0, 2000),
      ...(dead ? { failed_at: nowIso() } : { run_at: new Date(Date.now() + retryDelayMs(job.attempts)).toISOString() }),
    })
    .where('id', '=', job.id)
    .execute();
  return dead;
}

/** Claims and runs due jobs until none is left or `limit` have run; answers how many ran. */
export async function runDueJobs(context: AppContext, handlers: Record<string, JobHandler>, limit = 50): Promise<number> {
  let ran = 0;
  while (ran < limit) {
    const job = await claimJob(context, Object.keys(handlers));
    if (!job) break;
    ran++;
    try {
      await handlers[job.kind]!(context, job.payload);
      await completeJob(context.database.db, job.id);
    } catch (error) {
      const dead = await failJob(context.database.db, job, error);
      context.logger[dead ? 'error' : 'warn']({ err: error, jobId: job.id, kind: job.kind, attempts: job.attempts }, dead ? 'job dead-lettered' : 'job failed; will retry');
    }
  }
  return ran;
}
