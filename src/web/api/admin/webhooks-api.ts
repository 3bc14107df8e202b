import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { WEBHOOK_DELIVERY_STATUSES } from '#src/db/schema.ts';
import { WEBHOOK_EVENT_TYPES } from '#src/domain/webhooks/webhook-events.ts';
import { webhookEndpointInputSchema, webhookEndpointPatchSchema } from '#src/domain/webhooks/webhook-schema.ts';
import { createWebhookService } from '#src/domain/webhooks/webhook-service.ts';
import { scheduleWebhookDelivery } from '#src/jobs/webhook-jobs.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema, idSchema } from '#src/web/route-params.ts';

/** An endpoint as the API answers it: its secret included, for admins to hand to the receiver. */
const endpointSchema = z.object({
  id: z.number().int(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  /** Standard Webhooks signing secret (`whsec_…`). */
  secret: z.string(),
  enabled: z.boolean(),
  /** Why it is disabled; null while enabled. */
  disabledReason: z.string().nullable(),
  disabledAt: z.string().nullable(),
  /** Failed attempts since the last success. */
  consecutiveFailures: z.number().int(),
  failingSince: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** One delivery of the log. */
const deliverySchema = z.object({
  id: z.number().int(),
  endpointId: z.number().int(),
  eventType: z.string(),
  /** The JSON body sent, as signed. */
  payload: z.string(),
  /** The webhook-id header. */
  messageId: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  responseCode: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  nextRetryAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  createdAt: z.string(),
});

const deliveryPageSchema = z.object({ items: z.array(deliverySchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

const deliveriesQuerySchema = z.object({
  /** 1-based page of the log, newest first. */
  page: z.coerce.number().int().min(1).max(100000).default(1),
});

const deliveryParamsSchema = idParamsSchema.extend({ deliveryId: idSchema });

/** The webhook API under /api/admin/webhooks (admins only); the service decides by policy. */
export async function registerWebhooksApi(app: FastifyInstance, context: AppContext): Promise<void> {
  const webhooks = createWebhookService(context, { scheduleDelivery: scheduleWebhookDelivery });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const config = { minRole: 'admin' as const };
  const tags = ['webhooks'];

  api.get('/api/admin/webhooks', { config, schema: { tags, summary: 'Webhook endpoints', response: { 200: z.object({ items: z.array(endpointSchema) }) } } }, async (request) => ({
    items: await webhooks.list(signedInActor(request)),
  }));

  api.post(
    '/api/admin/webhooks',
    { config, schema: { tags, summary: 'Register an endpoint (answers its signing secret)', body: webhookEndpointInputSchema, response: { 201: endpointSchema } } },
    async (request, reply) => reply.code(201).send(await webhooks.create(signedInActor(request), request.body)),
  );

  api.get('/api/admin/webhooks/:id', { config, schema: { tags, summary: 'One endpoint', params: idParamsSchema, response: { 200: endpointSchema } } }, async (request) =>
    webhooks.get(signedInActor(request), request.params.id),
  );

  api.patch(
    '/api/admin/webhooks/:id',
    { config, schema: { tags, summary: 'Change an endpoint; enabling it clears its failures', params: idParamsSchema, body: webhookEndpointPatchSchema, response: { 200: endpointSchema } } },
    async (request) => webhooks.update(signedInActor(request), request.params.id, request.body),
  );

  api.delete('/api/admin/webhooks/:id', { config, schema: { tags, summary: 'Remove an endpoint and its log', params: idParamsSchema, response: { 204: z.null() } } }, async (request, reply) => {
    await webhooks.delete(signedInActor(request), request.params.id);
    return reply.code(204).send(null);
  });

  api.post('/api/admin/webhooks/:id/secret', { config, schema: { tags, summary: 'Replace the signing secret', params: idParamsSchema, response: { 200: endpointSchema } } }, async (request) =>
    webhooks.rotateSecret(signedInActor(request), request.params.id),
  );

  api.get(
    '/api/admin/webhooks/:id/deliveries',
    { config, schema: { tags, summary: "An endpoint's delivery log, newest first", params: idParamsSchema, querystring: deliveriesQuerySchema, response: { 200: deliveryPageSchema } } },
    async (request) => webhooks.deliveries(signedInActor(request), request.params.id, request.query.page),
  );

  api.post(
    '/api/admin/webhooks/:id/deliveries/:deliveryId/redeliver',
    { config, schema: { tags, summary: 'Send a delivery again (queued at once)', params: deliveryParamsSchema, response: { 202: deliverySchema } } },
    async (request, reply) => reply.code(202).send(await webhooks.redeliver(signedInActor(request), request.params.id, request.params.deliveryId)),
  );
}
