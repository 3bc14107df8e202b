import { z } from 'zod';
import type { Executor } from '#src/db/database.ts';
import { pingRequest, queuePublishPings, type PublishPing, type SchedulePing } from '#src/domain/distribution/publish-pings.ts';
import { isArticleEvent, type DomainEvent } from '#src/lib/events.ts';
import { safeFetch } from '#src/lib/safe-fetch.ts';
import { enqueueJob, type JobHandler } from './job-queue.ts';

/** The job kinds that send one WebSub or IndexNow ping. */
export const WEBSUB_PING_JOB = 'ping.websub';
export const INDEXNOW_PING_JOB = 'ping.indexnow';

/** Who we say we are to hubs and search engines. */
export const PING_USER_AGENT = 'Qalam-Pings/1.0';

/** Limits of one attempt: a ping is a notice, answered at once by a hub or a search engine. */
const ATTEMPT_LIMITS = { connectTimeoutMs: 5_000, timeoutMs: 15_000, maxBytes: 64 * 1024 };

/** Puts a ping on the job queue at `runAt`, in the caller's transaction. */
export const schedulePublishPing: SchedulePing = async (tx, ping, runAt) => {
  await enqueueJob(tx, ping.kind === 'websub' ? WEBSUB_PING_JOB : INDEXNOW_PING_JOB, ping, runAt);
};

const urls = z.array(z.url()).min(1).max(10_000);
const pingSchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('websub'), topics: urls }), z.object({ kind: z.literal('indexnow'), urls })]);

/**
 * Sends one ping through safeFetch (public addresses only, unless OUTBOUND_ALLOW_HOSTS names the
 * host) to the target the settings name now; nothing when that kind was switched off meanwhile.
 * A refusal or a network failure throws, so the job queue retries it with its backoff (30 s, 1, 2,
 * 4 min; ADR 0007) and keeps it in the database across restarts; a ping is advisory, so after
 * the fifth attempt it is dead-lettered, and the next change pings again.
 */
export const sendPublishPing: JobHandler = async (context, payload) => {
  const parsed = pingSchema.safeParse(payload);
  if (!parsed.success) {
    context.logger.warn({ payload }, 'publish ping job of an unknown shape: dropped');
    return;
  }
  const ping: PublishPing = parsed.data;
  const request = await pingRequest(context.database.db, context.config.baseUrl, ping);
  if (!request) return;
  await safeFetch(request.url, {
    ...ATTEMPT_LIMITS,
    method: 'POST',
    body: request.body,
    headers: { 'content-type': request.contentType },
    userAgent: PING_USER_AGENT,
    allowHosts: context.config.outboundAllowHosts,
  });
};

/** The job handlers of publish pings, by kind. */
export const publishPingJobHandlers: Record<string, JobHandler> = { [WEBSUB_PING_JOB]: sendPublishPing, [INDEXNOW_PING_JOB]: sendPublishPing };

/**
 * Queues, in the change's transaction `tx` (the outbox, ADR 0052), the publish pings an article
 * event calls for, when the settings name a hub or an IndexNow endpoint. Recorded once, by the
 * process where the change happened, never once per process that hears of it.
 */
export async function queuePublishPingsOf(tx: Executor, baseUrl: string, event: DomainEvent): Promise<void> {
  if (!isArticleEvent(event)) return;
  await queuePublishPings(tx, baseUrl, event.args[0].articleId, schedulePublishPing);
}
