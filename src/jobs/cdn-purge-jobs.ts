import type { ExpressionBuilder, Transaction } from 'kysely';
import { z } from 'zod';
import { SITE_TAG, staleTagsOf } from '#src/cache/cache-invalidation.ts';
import type { Database } from '#src/db/schema.ts';
import { purgeRequests } from '#src/domain/distribution/cdn-purge.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import type { DomainEvent } from '#src/lib/events.ts';
import { safeFetch } from '#src/lib/safe-fetch.ts';
import { enqueueJob, type JobHandler } from './job-queue.ts';

/** The job kind that posts stale surrogate keys to the CDN's purge endpoint. */
export const CDN_PURGE_JOB = 'cdn.purge';

/** Who we say we are to the CDN's API. */
export const CDN_PURGE_USER_AGENT = 'Qalam-CDN-Purge/1.0';

/** Keys one job gathers at most; past it a new job starts (each still split per request by the style's limit). */
export const MAX_KEYS_PER_JOB = 2000;

/** Limits of one attempt: a purge API answers at once. */
const ATTEMPT_LIMITS = { connectTimeoutMs: 5_000, timeoutMs: 15_000, maxBytes: 64 * 1024 };

const payloadSchema = z.object({ tags: z.array(z.string().min(1).max(200)).min(1).max(MAX_KEYS_PER_JOB) });

/** Two key lists as one: the site key alone when either has it (it purges every page anyway). */
function mergeKeys(a: readonly string[], b: readonly string[]): string[] {
  if (a.includes(SITE_TAG) || b.includes(SITE_TAG)) return [SITE_TAG];
  return [...new Set([...a, ...b])];
}

/**
 * Queues a purge of `tags` in `tx` (the transaction of the change that stales them: the outbox,
 * ADR 0052), coalesced: the keys join the purge job still waiting to run (queued, not yet claimed
 * or tried) when there is one, so a burst of changes between two runs of the job runner is one
 * request, not one per change. The first statement takes that job's row lock (on SQLite, the write
 * lock) until `tx` ends, so two changes queuing at once neither lose keys nor wait on a job a
 * runner has claimed: the claim's UPDATE re-checks `attempts = 0`, and a claimed job gets no more keys.
 */
export async function queueCdnPurge(tx: Transaction<Database>, tags: readonly string[]): Promise<void> {
  if (tags.length === 0) return;
  const waiting = (eb: ExpressionBuilder<Database, 'jobs'>) =>
    eb.and([eb('kind', '=', CDN_PURGE_JOB), eb('attempts', '=', 0), eb('locked_at', 'is', null), eb('done_at', 'is', null), eb('failed_at', 'is', null)]);
  const held = await tx
    .updateTable('jobs')
    .set((eb) => ({ payload: eb.ref('payload') }))
    .where('id', '=', (eb) => eb.selectFrom('jobs').select('id').where(waiting).orderBy('id', 'desc').limit(1))
    .where(waiting)
    .returning(['id', 'payload'])
    .executeTakeFirst();
  if (held) {
    const parsed = payloadSchema.safeParse(JSON.parse(held.payload));
    const merged = mergeKeys(parsed.success ? parsed.data.tags : [], tags);
    if (merged.length <= MAX_KEYS_PER_JOB) {
      await tx.updateTable('jobs').set({ payload: JSON.stringify({ tags: merged }) }).where('id', '=', held.id).execute();
      return;
    }
  }
  await enqueueJob(tx, CDN_PURGE_JOB, { tags: mergeKeys([], tags) });
}

/**
 * Sends one purge through safeFetch (public addresses only, unless OUTBOUND_ALLOW_HOSTS names the
 * host) to the endpoint the settings name now, in as many requests as the style's limit needs;
 * nothing when purging was switched off meanwhile. Any refusal or failure throws, so the job queue
 * retries the whole purge with its backoff (purging a key twice is harmless) and dead-letters it
 * after the fifth attempt; pages then still leave the CDN within their max-age.
 */
export const sendCdnPurge: JobHandler = async (context, payload) => {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) {
    context.logger.warn({ payload }, 'CDN purge job of an unknown shape: dropped');
    return;
  }
  const settings = await loadSettings(context.database.db);
  for (const request of purgeRequests(settings, parsed.data.tags)) {
    await safeFetch(request.url, {
      ...ATTEMPT_LIMITS,
      method: 'POST',
      body: request.body,
      headers: request.headers,
      userAgent: CDN_PURGE_USER_AGENT,
      allowHosts: context.config.outboundAllowHosts,
    });
  }
};

/** The job handlers of CDN purging, by kind. */
export const cdnPurgeJobHandlers: Record<string, JobHandler> = { [CDN_PURGE_JOB]: sendCdnPurge };

/**
 * Queues, in the change's transaction `tx` (the outbox, ADR 0052), a CDN purge of the keys its
 * event makes stale (the same keys the page cache drops; everything, as the site key, for settings
 * and taxonomy), when the settings name a purge endpoint; nothing otherwise. Recorded once, by the
 * process where the change happened, never once per process that hears of it.
 */
export async function queueCdnPurgeOf(tx: Transaction<Database>, event: DomainEvent): Promise<void> {
  const stale = staleTagsOf(event);
  if (stale !== 'all' && stale.length === 0) return;
  if ((await loadSettings(tx)).cdnPurgeUrl === null) return;
  await queueCdnPurge(tx, stale === 'all' ? [SITE_TAG] : stale);
}
