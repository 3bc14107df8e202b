import { z } from 'zod';
import type { Executor } from '#src/db/database.ts';
import {
  deliveryWork,
  queueArticleEvent,
  recordDeliveryAttempt,
  type AttemptOutcome,
  type ScheduleDelivery,
} from '#src/domain/webhooks/webhook-deliveries.ts';
import { signedHeaders } from '#src/domain/webhooks/webhook-signing.ts';
import { safeFetch } from '#src/lib/safe-fetch.ts';
import { BadStatusError } from '#src/lib/safe-fetch-errors.ts';
import { isArticleEvent, type DomainEvent } from '#src/lib/events.ts';
import { enqueueJob, type JobHandler } from './job-queue.ts';

/** The job kind that sends one webhook delivery. */
export const WEBHOOK_DELIVERY_JOB = 'webhook.deliver';

/** Who we say we are to receivers. */
export const WEBHOOK_USER_AGENT = 'Qalam-Webhooks/1.0';

/** Limits of one attempt: receivers should answer at once and queue their work (Standard Webhooks advises 15 s at most). */
const ATTEMPT_LIMITS = { connectTimeoutMs: 5_000, timeoutMs: 15_000, maxBytes: 1024 * 1024 };

/** Puts a delivery's attempt on the job queue at `runAt`, in the caller's transaction. */
export const scheduleWebhookDelivery: ScheduleDelivery = async (tx, deliveryId, runAt) => {
  await enqueueJob(tx, WEBHOOK_DELIVERY_JOB, { deliveryId }, runAt);
};

const jobPayloadSchema = z.object({ deliveryId: z.number().int().positive() });

/**
 * Sends one attempt of a delivery: signed (Standard Webhooks), through safeFetch (public
 * addresses only, unless OUTBOUND_ALLOW_HOSTS names the host), then recorded with its retry.
 * A refusal by the receiver is an outcome, not a job failure: the job ends, and the retry is a job
 * of its own at the time the backoff says. Only our own trouble (the database) throws, and the
 * queue retries the job.
 */
export const deliverWebhook: JobHandler = async (context, payload) => {
  const parsed = jobPayloadSchema.safeParse(payload);
  if (!parsed.success) {
    context.logger.warn({ payload }, 'webhook job without a delivery id: dropped');
    return;
  }
  const work = await deliveryWork(context.database.db, parsed.data.deliveryId);
  if (work.kind === 'skip') return;
  const { delivery, endpoint } = work;
  const started = performance.now();
  let outcome: AttemptOutcome;
  try {
    const response = await safeFetch(endpoint.url, {
      ...ATTEMPT_LIMITS,
      method: 'POST',
      body: delivery.payload,
      headers: { 'content-type': 'application/json', ...signedHeaders(endpoint.secret, delivery.messageId, new Date(), delivery.payload) },
      userAgent: WEBHOOK_USER_AGENT,
      allowHosts: context.config.outboundAllowHosts,
    });
    outcome = { ok: true, status: response.status, durationMs: performance.now() - started };
  } catch (error) {
    const status = error instanceof BadStatusError ? error.status : null;
    outcome = { ok: false, status, durationMs: performance.now() - started, error: error instanceof Error ? error.message : String(error) };
  }
  const { endpointDisabled } = await recordDeliveryAttempt(context, delivery, outcome, scheduleWebhookDelivery);
  if (endpointDisabled) context.logger.warn({ endpointId: endpoint.id, url: endpoint.url }, 'webhook endpoint disabled after failing every attempt');
};

/** The job handlers of webhooks, by kind. */
export const webhookJobHandlers: Record<string, JobHandler> = { [WEBHOOK_DELIVERY_JOB]: deliverWebhook };

/**
 * Queues, in the change's transaction `tx` (the outbox, ADR 0052), the webhook deliveries an
 * article event calls for: one per enabled endpoint subscribed to it, each with its job. Recorded
 * once, by the process where the change happened, never once per process that hears of it.
 */
export async function queueWebhooksOf(tx: Executor, baseUrl: string, event: DomainEvent): Promise<void> {
  if (!isArticleEvent(event)) return;
  await queueArticleEvent(tx, baseUrl, event.name, event.args[0].articleId, scheduleWebhookDelivery);
}
