import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import { recordActorAudit } from '#src/domain/audit/audit-log.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { articleMessage, type ArticleDomainEvent, type WebhookMessage } from './webhook-message.ts';
import {
  countEndpointFailure,
  findDeliveryById,
  findEndpointById,
  hasEnabledEndpoint,
  insertDelivery,
  listSubscribedEndpoints,
  resetEndpointFailures,
  updateDelivery,
  updateEndpoint,
  type WebhookDelivery,
  type WebhookEndpoint,
} from './webhook-repository.ts';
import { newMessageId } from './webhook-signing.ts';

/**
 * The life of a delivery: queued (one per subscribed endpoint), tried, retried with exponential
 * backoff, then succeeded or given up; an endpoint that fails every attempt of a delivery, for
 * about a day with no success in between, is disabled with a reason the newsroom shows.
 */

/** Attempts of one delivery before it is given up. With the delays below they span about 23 hours. */
export const MAX_DELIVERY_ATTEMPTS = 8;

/** Delay after failed attempt number `attempts` (ms): 30 s, 2 min, 8 min, 32 min, 2 h 8 min, 8 h 32 min, then 12 h. */
export function deliveryRetryDelayMs(attempts: number): number {
  return Math.min(12 * 60 * 60_000, 30_000 * 4 ** Math.max(0, attempts - 1));
}

/**
 * Puts the sending of a delivery on the job queue at `runAt`, in the caller's transaction. The
 * domain names the need; the job queue (src/jobs, which the domain may not import) provides it.
 */
export type ScheduleDelivery = (tx: Executor, deliveryId: number, runAt: string) => Promise<void>;

/**
 * Queues one delivery of the article event per enabled endpoint subscribed to it, each with its
 * job, in `tx`: the transaction of the change itself (the outbox, ADR 0052), so the deliveries
 * commit with the change or not at all, and only endpoints enabled at that moment get them. The
 * message describes the article as the change left it. Answers the delivery ids.
 */
export async function queueArticleEvent(
  tx: Executor,
  baseUrl: string,
  event: ArticleDomainEvent,
  articleId: number,
  schedule: ScheduleDelivery,
  now = new Date(),
): Promise<number[]> {
  // Most installs have no endpoint: then the change pays one small read, not the message's.
  if (!(await hasEnabledEndpoint(tx))) return [];
  const at = now.toISOString();
  const message = await articleMessage(tx, baseUrl, event, articleId, at);
  if (!message) return [];
  return queueWebhookMessage(tx, message, schedule, at);
}

/**
 * Queues one delivery of `message` per enabled endpoint subscribed to its type, each with its job,
 * in the caller's transaction (the change that is the event, when it can be: a true outbox).
 * Answers the delivery ids.
 */
export async function queueWebhookMessage(tx: Executor, message: WebhookMessage, schedule: ScheduleDelivery, at: string): Promise<number[]> {
  const endpoints = await listSubscribedEndpoints(tx, message.type);
  const payload = JSON.stringify(message);
  const messageId = newMessageId();
  const ids: number[] = [];
  for (const endpoint of endpoints) {
    const id = await insertDelivery(tx, { endpointId: endpoint.id, eventType: message.type, payload, messageId, now: at });
    await schedule(tx, id, at);
    ids.push(id);
  }
  return ids;
}

/** How one attempt went: an answer in 2xx, or the status (if any answer came) and what went wrong. */
export type AttemptOutcome = { ok: true; status: number; durationMs: number } | { ok: false; status: number | null; durationMs: number; error: string };

/** What a delivery job must do: send to this endpoint, or nothing (already done, gone, or disabled). */
export type DeliveryWork = { kind: 'send'; delivery: WebhookDelivery; endpoint: WebhookEndpoint } | { kind: 'skip' };

/**
 * The delivery and endpoint a job is about, when there is something to send. A delivery whose
 * endpoint was disabled meanwhile is closed as failed, with the reason, and not sent.
 */
export async function deliveryWork(db: Executor, deliveryId: number, now = new Date()): Promise<DeliveryWork> {
  const delivery = await findDeliveryById(db, deliveryId);
  if (!delivery || delivery.status !== 'pending') return { kind: 'skip' };
  const endpoint = await findEndpointById(db, delivery.endpointId);
  if (!endpoint) return { kind: 'skip' };
  if (!endpoint.enabled) {
    await updateDelivery(db, deliveryId, { status: 'failed', next_retry_at: null, last_error: 'Not sent: the endpoint is disabled.', last_attempt_at: now.toISOString() });
    return { kind: 'skip' };
  }
  return { kind: 'send', delivery, endpoint };
}

/**
 * Records an attempt in one transaction: the delivery's state, the endpoint's run of failures, and
 * either the retry's job (after deliveryRetryDelayMs) or, after the last attempt, giving up; when
 * the endpoint failed every attempt since this delivery began, it is disabled and the audit log
 * says so. Answers when the retry is due (null: none) and whether the endpoint was disabled.
 */
export async function recordDeliveryAttempt(
  context: Pick<AppContext, 'database'>,
  delivery: WebhookDelivery,
  outcome: AttemptOutcome,
  schedule: ScheduleDelivery,
  now = new Date(),
): Promise<{ retryAt: string | null; endpointDisabled: boolean }> {
  const at = now.toISOString();
  const attempts = delivery.attempts + 1;
  return context.database.db.transaction().execute(async (tx) => {
    const common = { attempts, response_code: outcome.status, duration_ms: Math.round(outcome.durationMs), last_attempt_at: at };
    if (outcome.ok) {
      await updateDelivery(tx, delivery.id, { ...common, status: 'succeeded', next_retry_at: null, last_error: null });
      await resetEndpointFailures(tx, delivery.endpointId);
      return { retryAt: null, endpointDisabled: false };
    }
    const error = outcome.error.slice(0, 1000);
    const run = await countEndpointFailure(tx, delivery.endpointId, at);
    if (attempts < MAX_DELIVERY_ATTEMPTS) {
      const retryAt = new Date(now.getTime() + deliveryRetryDelayMs(attempts)).toISOString();
      await updateDelivery(tx, delivery.id, { ...common, status: 'pending', next_retry_at: retryAt, last_error: error });
      await schedule(tx, delivery.id, retryAt);
      return { retryAt, endpointDisabled: false };
    }
    await updateDelivery(tx, delivery.id, { ...common, status: 'failed', next_retry_at: null, last_error: error });
    // Every attempt of this delivery failed, over about a day, and nothing else got through meanwhile.
    if (!run || run.consecutiveFailures < MAX_DELIVERY_ATTEMPTS) return { retryAt: null, endpointDisabled: false };
    // An admin may have disabled it meanwhile: their reason stands.
    if (!(await findEndpointById(tx, delivery.endpointId))?.enabled) return { retryAt: null, endpointDisabled: false };
    const reason = `Disabled after ${run.consecutiveFailures} failed attempts in a row since ${run.failingSince}; the last: ${error}`;
    await updateEndpoint(tx, delivery.endpointId, { enabled: 0, disabled_reason: reason, disabled_at: at, updated_at: at });
    await recordActorAudit(tx, asSystem(), { action: 'webhook.updated', subjectType: 'webhook', subjectId: delivery.endpointId, details: { disabled: reason } });
    return { retryAt: null, endpointDisabled: true };
  });
}
