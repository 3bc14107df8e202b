import type { Selectable } from 'kysely';
import type { Executor } from '#src/db/database.ts';
import type { WebhookDeliveriesTable, WebhookDeliveryStatus, WebhookEndpointsTable } from '#src/db/schema.ts';
import { isWebhookEventType, type WebhookEventType } from './webhook-events.ts';

/** A webhook endpoint, as the domain sees it. */
export type WebhookEndpoint = {
  id: number;
  url: string;
  description: string;
  events: WebhookEventType[];
  /** The signing secret (`whsec_…`); admins may see it, nobody else ever does. */
  secret: string;
  enabled: boolean;
  /** Why it is disabled, for the newsroom's notice; null while enabled. */
  disabledReason: string | null;
  disabledAt: string | null;
  /** Failed attempts since the last success. */
  consecutiveFailures: number;
  /** When the current run of failures began; null after a success. */
  failingSince: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
};

/** One webhook message to one endpoint and how its latest attempt went. */
export type WebhookDelivery = {
  id: number;
  endpointId: number;
  eventType: string;
  /** The JSON body, byte for byte as signed. */
  payload: string;
  /** The webhook-id header, the same on every attempt. */
  messageId: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseCode: number | null;
  durationMs: number | null;
  nextRetryAt: string | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
};

/** The columns an endpoint write may set. */
export type EndpointChanges = Partial<Omit<Selectable<WebhookEndpointsTable>, 'id' | 'created_by' | 'created_at'>>;

/** The columns an attempt may set on a delivery. */
export type DeliveryChanges = Partial<Pick<Selectable<WebhookDeliveriesTable>, 'status' | 'attempts' | 'response_code' | 'duration_ms' | 'next_retry_at' | 'last_error' | 'last_attempt_at'>>;

function parseEvents(text: string): WebhookEventType[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter(isWebhookEventType) : [];
  } catch {
    return [];
  }
}

function toEndpoint(row: Selectable<WebhookEndpointsTable>): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: parseEvents(row.events),
    secret: row.secret,
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at,
    consecutiveFailures: row.consecutive_failures,
    failingSince: row.failing_since,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventType: row.event_type,
    payload: row.payload,
    messageId: row.message_id,
    status: row.status,
    attempts: row.attempts,
    responseCode: row.response_code,
    durationMs: row.duration_ms,
    nextRetryAt: row.next_retry_at,
    lastError: row.last_error,
    lastAttemptAt: row.last_attempt_at,
    createdAt: row.created_at,
  };
}

const ENDPOINT_COLUMNS = [
  'id',
  'url',
  'description',
  'events',
  'secret',
  'enabled',
  'disabled_reason',
  'disabled_at',
  'consecutive_failures',
  'failing_since',
  'created_by',
  'created_at',
  'updated_at',
] as const;

const DELIVERY_COLUMNS = [
  'id',
  'endpoint_id',
  'event_type',
  'payload',
  'message_id',
  'status',
  'attempts',
  'response_code',
  'duration_ms',
  'next_retry_at',
  'last_error',
  'last_attempt_at',
  'created_at',
] as const;

/** Adds an endpoint; answers its id. */
export async function insertEndpoint(
  db: Executor,
  input: { url: string; description: string; events: WebhookEventType[]; secret: string; enabled: boolean; createdBy: number | null; now: string },
): Promise<number> {
  const { id } = await db
    .insertInto('webhook_endpoints')
    .values({
      url: input.url,
      description: input.description,
      events: JSON.stringify(input.events),
      secret: input.secret,
      enabled: input.enabled ? 1 : 0,
      disabled_reason: input.enabled ? null : 'Created disabled.',
      disabled_at: input.enabled ? null : input.now,
      consecutive_failures: 0,
      failing_since: null,
      created_by: input.createdBy,
      created_at: input.now,
      updated_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** One endpoint, or undefined. */
export async function findEndpointById(db: Executor, id: number): Promise<WebhookEndpoint | undefined> {
  const row = await db.selectFrom('webhook_endpoints').select(ENDPOINT_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toEndpoint(row) : undefined;
}

/** Every endpoint, oldest first. */
export async function listEndpoints(db: Executor): Promise<WebhookEndpoint[]> {
  const rows = await db.selectFrom('webhook_endpoints').select(ENDPOINT_COLUMNS).orderBy('id').execute();
  return rows.map(toEndpoint);
}

/** The enabled endpoints subscribed to `type`. (Installs have a handful: filtered here, not in SQL over JSON text.) */
export async function listSubscribedEndpoints(db: Executor, type: WebhookEventType): Promise<WebhookEndpoint[]> {
  const rows = await db.selectFrom('webhook_endpoints').select(ENDPOINT_COLUMNS).where('enabled', '=', 1).orderBy('id').execute();
  return rows.map(toEndpoint).filter((endpoint) => endpoint.events.includes(type));
}

/** Whether any endpoint is enabled (most installs have none, and then no change needs a webhook message). */
export async function hasEnabledEndpoint(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('webhook_endpoints').select('id').where('enabled', '=', 1).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Changes an endpoint's columns; `events` as a list. Answers whether it exists. */
export async function updateEndpoint(db: Executor, id: number, changes: Omit<EndpointChanges, 'events'> & { events?: WebhookEventType[] }): Promise<boolean> {
  const { events, ...rest } = changes;
  const result = await db
    .updateTable('webhook_endpoints')
    .set({ ...rest, ...(events ? { events: JSON.stringify(events) } : {}) })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Removes an endpoint and (by cascade) its delivery log. Answers whether it existed. */
export async function deleteEndpoint(db: Executor, id: number): Promise<boolean> {
  const result = await db.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Adds a pending delivery due at `now`; answers its id. */
export async function insertDelivery(
  db: Executor,
  input: { endpointId: number; eventType: string; payload: string; messageId: string; now: string },
): Promise<number> {
  const { id } = await db
    .insertInto('webhook_deliveries')
    .values({
      endpoint_id: input.endpointId,
      event_type: input.eventType,
      payload: input.payload,
      message_id: input.messageId,
      status: 'pending',
      attempts: 0,
      response_code: null,
      duration_ms: null,
      next_retry_at: input.now,
      last_error: null,
      last_attempt_at: null,
      created_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** One delivery, or undefined. */
export async function findDeliveryById(db: Executor, id: number): Promise<WebhookDelivery | undefined> {
  const row = await db.selectFrom('webhook_deliveries').select(DELIVERY_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toDelivery(row) : undefined;
}

/** Records what an attempt changed on a delivery. */
export async function updateDelivery(db: Executor, id: number, changes: DeliveryChanges): Promise<void> {
  await db.updateTable('webhook_deliveries').set(changes).where('id', '=', id).execute();
}

/** A page of an endpoint's delivery log, newest first, with the total. `page` counts from 1. */
export async function listDeliveries(db: Executor, endpointId: number, options: { page: number; pageSize: number }): Promise<{ items: WebhookDelivery[]; total: number }> {
  const base = db.selectFrom('webhook_deliveries').where('endpoint_id', '=', endpointId);
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select(DELIVERY_COLUMNS)
    .orderBy('id', 'desc')
    .limit(options.pageSize)
    .offset((Math.max(1, options.page) - 1) * options.pageSize)
    .execute();
  return { items: rows.map(toDelivery), total: Number(count.n) };
}

/** Counts one more failed attempt against an endpoint (atomically: workers may fail at once); answers the run so far. */
export async function countEndpointFailure(db: Executor, id: number, now: string): Promise<{ consecutiveFailures: number; failingSince: string } | undefined> {
  const row = await db
    .updateTable('webhook_endpoints')
    .set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1), failing_since: eb.fn.coalesce('failing_since', eb.val(now)) }))
    .where('id', '=', id)
    .returning(['consecutive_failures', 'failing_since'])
    .executeTakeFirst();
  return row ? { consecutiveFailures: row.consecutive_failures, failingSince: row.failing_since ?? now } : undefined;
}

/** Ends an endpoint's run of failures (a delivery went through). */
export async function resetEndpointFailures(db: Executor, id: number): Promise<void> {
  await db.updateTable('webhook_endpoints').set({ consecutive_failures: 0, failing_since: null }).where('id', '=', id).where('consecutive_failures', '>', 0).execute();
}
