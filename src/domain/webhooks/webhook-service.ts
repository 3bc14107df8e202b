import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import { commitAudited } from '#src/domain/audit/audited-change.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Invalid, NotFound } from '#src/lib/errors.ts';
import { outwardUrl } from '#src/lib/outward-url.ts';
import type { ScheduleDelivery } from './webhook-deliveries.ts';
import { can, type WebhookAction } from './webhook-policy.ts';
import {
  deleteEndpoint,
  findDeliveryById,
  findEndpointById,
  insertDelivery,
  insertEndpoint,
  listDeliveries,
  listEndpoints,
  updateEndpoint,
  type EndpointChanges,
  type WebhookDelivery,
  type WebhookEndpoint,
} from './webhook-repository.ts';
import type { WebhookEndpointInput, WebhookEndpointPatch } from './webhook-schema.ts';
import { newWebhookSecret } from './webhook-signing.ts';

/** Deliveries shown per page of an endpoint's log. */
export const DELIVERY_PAGE_SIZE = 50;

function assertCan(actor: Actor, action: WebhookAction): void {
  assertAllowed(actor, can(actor, action), 'manage webhooks');
}

function userIdOf(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.id : null;
}

/** The URL for the audit log, which editors read too: without any user name or password it carries. */
function auditedUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}

/** The endpoint URL as it will be stored, or Invalid('url') (outwardUrl: http(s), no inward address unless allowed). */
function deliverableUrl(text: string, allowHosts: readonly string[]): string {
  return outwardUrl(text, { allowHosts, field: 'url', example: 'https://partner.example/hooks/qalam' });
}

/** Webhook endpoints and their delivery log: every method takes the actor first and decides by webhook-policy.ts; each change is audited in its transaction. */
export function createWebhookService(context: Pick<AppContext, 'database' | 'events' | 'config'>, options: { scheduleDelivery: ScheduleDelivery }) {
  const db = context.database.db;
  const allowHosts = context.config.outboundAllowHosts;

  async function load(executor: Executor, id: number): Promise<WebhookEndpoint> {
    const endpoint = await findEndpointById(executor, id);
    if (!endpoint) throw new NotFound('The webhook endpoint');
    return endpoint;
  }

  return {
    /** Every endpoint, oldest first. */
    async list(actor: Actor): Promise<WebhookEndpoint[]> {
      assertCan(actor, 'list');
      return listEndpoints(db);
    },

    /** One endpoint, secret included (admins only, by the policy). */
    async get(actor: Actor, id: number): Promise<WebhookEndpoint> {
      assertCan(actor, 'read');
      return load(db, id);
    },

    /** Registers an endpoint with a new signing secret. */
    async create(actor: Actor, input: WebhookEndpointInput): Promise<WebhookEndpoint> {
      assertCan(actor, 'create');
      const url = deliverableUrl(input.url, allowHosts);
      const change = async (tx: Executor) => {
        const id = await insertEndpoint(tx, { url, description: input.description, events: [...new Set(input.events)], secret: newWebhookSecret(), enabled: input.enabled, createdBy: userIdOf(actor), now: nowIso() });
        return load(tx, id);
      };
      return commitAudited(context, actor, change, (endpoint) => ({
        action: 'webhook.created',
        subjectType: 'webhook',
        subjectId: endpoint.id,
        details: { url: auditedUrl(endpoint.url), events: endpoint.events },
      }));
    },

    /**
     * Changes an endpoint. Enabling a disabled one starts its failure count afresh; disabling one
     * records who did. Deliveries already given up stay so ("Send again" retries one).
     */
    async update(actor: Actor, id: number, patch: WebhookEndpointPatch): Promise<WebhookEndpoint> {
      assertCan(actor, 'update');
      const url = patch.url === undefined ? undefined : deliverableUrl(patch.url, allowHosts);
      const changed: string[] = [];
      const change = async (tx: Executor) => {
        const current = await load(tx, id);
        const now = nowIso();
        const changes: Omit<EndpointChanges, 'events'> & { events?: WebhookEndpoint['events'] } = {};
        if (url !== undefined && url !== current.url) {
          changes.url = url;
          changed.push('url');
        }
        if (patch.description !== undefined && patch.description !== current.description) {
          changes.description = patch.description;
          changed.push('description');
        }
        if (patch.events !== undefined && [...patch.events].sort().join() !== [...current.events].sort().join()) {
          changes.events = [...new Set(patch.events)];
          changed.push('events');
        }
        if (patch.enabled === true && !current.enabled) {
          Object.assign(changes, { enabled: 1, disabled_reason: null, disabled_at: null, consecutive_failures: 0, failing_since: null });
          changed.push('enabled');
        } else if (patch.enabled === false && current.enabled) {
          const by = actor.kind === 'user' ? actor.name : 'the system';
          Object.assign(changes, { enabled: 0, disabled_reason: `Disabled by ${by}.`, disabled_at: now });
          changed.push('disabled');
        }
        if (changed.length === 0) return current;
        await updateEndpoint(tx, id, { ...changes, updated_at: now });
        return load(tx, id);
      };
      return commitAudited(context, actor, change, (endpoint) =>
        changed.length === 0 ? null : { action: 'webhook.updated', subjectType: 'webhook', subjectId: id, details: { url: auditedUrl(endpoint.url), changed } },
      );
    },

    /** Replaces the signing secret: receivers need the new one from now on. */
    async rotateSecret(actor: Actor, id: number): Promise<WebhookEndpoint> {
      assertCan(actor, 'update');
      const change = async (tx: Executor) => {
        await load(tx, id);
        await updateEndpoint(tx, id, { secret: newWebhookSecret(), updated_at: nowIso() });
        return load(tx, id);
      };
      return commitAudited(context, actor, change, (endpoint) => ({ action: 'webhook.updated', subjectType: 'webhook', subjectId: id, details: { url: auditedUrl(endpoint.url), changed: ['secret'] } }));
    },

    /** Removes an endpoint and its delivery log; queued deliveries to it are dropped. */
    async delete(actor: Actor, id: number): Promise<void> {
      assertCan(actor, 'delete');
      const change = async (tx: Executor) => {
        const endpoint = await load(tx, id);
        await deleteEndpoint(tx, id);
        return endpoint;
      };
      await commitAudited(context, actor, change, (endpoint) => ({ action: 'webhook.deleted', subjectType: 'webhook', subjectId: id, details: { url: auditedUrl(endpoint.url) } }));
    },

    /** A page of an endpoint's delivery log, newest first. `page` counts from 1. */
    async deliveries(actor: Actor, endpointId: number, page = 1): Promise<{ items: WebhookDelivery[]; total: number; page: number; pageSize: number }> {
      assertCan(actor, 'read');
      await load(db, endpointId);
      const result = await listDeliveries(db, endpointId, { page, pageSize: DELIVERY_PAGE_SIZE });
      return { ...result, page, pageSize: DELIVERY_PAGE_SIZE };
    },

    /**
     * Sends a logged delivery again, as a new delivery of the same message (same body and
     * webhook-id, so a receiver that already has it can tell), queued at once.
     */
    async redeliver(actor: Actor, endpointId: number, deliveryId: number): Promise<WebhookDelivery> {
      assertCan(actor, 'redeliver');
      const change = async (tx: Executor) => {
        const endpoint = await load(tx, endpointId);
        const original = await findDeliveryById(tx, deliveryId);
        if (!original || original.endpointId !== endpointId) throw new NotFound('The delivery');
        if (!endpoint.enabled) throw new Invalid('enabled', 'This endpoint is disabled: enable it first, then send again.');
        const now = nowIso();
        const id = await insertDelivery(tx, { endpointId, eventType: original.eventType, payload: original.payload, messageId: original.messageId, now });
        await options.scheduleDelivery(tx, id, now);
        return (await findDeliveryById(tx, id))!;
      };
      return commitAudited(context, actor, change, (delivery) => ({
        action: 'webhook.redelivered',
        subjectType: 'webhook',
        subjectId: endpointId,
        details: { deliveryId: delivery.id, of: deliveryId, eventType: delivery.eventType },
      }));
    },
  };
}

/** The webhook service bound to one app context. */
export type WebhookService = ReturnType<typeof createWebhookService>;
