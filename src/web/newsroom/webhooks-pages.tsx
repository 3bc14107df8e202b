import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { WEBHOOK_EVENT_TYPES } from '#src/domain/webhooks/webhook-events.ts';
import { webhookEndpointInputSchema, type WebhookEndpointInput } from '#src/domain/webhooks/webhook-schema.ts';
import { createWebhookService } from '#src/domain/webhooks/webhook-service.ts';
import { scheduleWebhookDelivery } from '#src/jobs/webhook-jobs.ts';
import { Invalid } from '#src/lib/errors.ts';
import { signedInActor, type SignedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema, idSchema } from '#src/web/route-params.ts';
import { formValues, zodFieldErrors, type FieldErrors, type FormValues } from './views/form-field.tsx';
import { sendNewsroomPage } from './views/send-page.ts';
import type { NewsroomMessageKey } from '#src/i18n/newsroom-translator.ts';
import { newsroomTranslator } from './newsroom-language.ts';
import { WebhookEndpointPage, WebhooksListPage, endpointFormValues, eventFieldName, type WebhookPageState } from './webhooks-views.tsx';

/** What `done` (after a redirect) says happened. */
const DONE_NOTICES: Record<string, NewsroomMessageKey> = {
  created: 'webhooks.done.created',
  saved: 'common.saved',
  secret: 'webhooks.done.secret',
  deleted: 'webhooks.done.deleted',
  redelivered: 'webhooks.done.redelivered',
};

/** The notice of a `done` query value, in the request's newsroom language (nothing for an unknown one). */
function doneNotice(request: FastifyRequest, done: string | undefined): string | undefined {
  const key = done ? DONE_NOTICES[done] : undefined;
  return key ? newsroomTranslator(request).t(key) : undefined;
}

/** A webhooks page's query: `done` after a change, `page` of the delivery log. */
const pageQuerySchema = z.object({
  done: z.string().optional().catch(undefined),
  page: z.coerce.number().int().positive().max(999_999).catch(1),
});

const deliveryParamsSchema = idParamsSchema.extend({ deliveryId: idSchema });

/** The endpoint form as posted: text fields, a checkbox per event, and (on the edit form) `enabled`. */
function parseEndpointForm(values: FormValues, withEnabled: boolean): { input: WebhookEndpointInput } | { errors: FieldErrors } {
  const parsed = webhookEndpointInputSchema.safeParse({
    url: values.url ?? '',
    description: values.description ?? '',
    events: WEBHOOK_EVENT_TYPES.filter((type) => values[eventFieldName(type)] === 'on'),
    enabled: withEnabled ? values.enabled === 'on' : true,
  });
  return parsed.success ? { input: parsed.data } : { errors: zodFieldErrors(parsed.error) };
}

/** The field errors of a write the service refused (Invalid), or rethrows anything else. */
function refusal(error: unknown): FieldErrors {
  if (error instanceof Invalid) return { [error.field]: error.message };
  throw error;
}

/** The webhooks pages (admin only): endpoints listed, added, edited and deleted; each one's delivery log with "Send again". */
export async function registerWebhooksPages(app: FastifyInstance, context: AppContext): Promise<void> {
  const config = { minRole: 'admin' as const };
  const webhooks = createWebhookService(context, { scheduleDelivery: scheduleWebhookDelivery });
  const api = app.withTypeProvider<ZodTypeProvider>();

  const renderList = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, state: WebhookPageState, status = 200) =>
    sendNewsroomPage(reply, <WebhooksListPage actor={actor} csrfToken={request.csrfToken} endpoints={await webhooks.list(actor)} state={state} />, status);

  const renderEndpoint = async (request: FastifyRequest, reply: FastifyReply, actor: SignedInActor, id: number, page: number, state: (values: FormValues) => WebhookPageState, status = 200) => {
    const endpoint = await webhooks.get(actor, id);
    const deliveries = await webhooks.deliveries(actor, id, page);
    return sendNewsroomPage(
      reply,
      <WebhookEndpointPage actor={actor} csrfToken={request.csrfToken} endpoint={endpoint} deliveries={deliveries} state={state(endpointFormValues(endpoint))} />,
      status,
    );
  };

  app.get('/newsroom/webhooks', { config, schema: { hide: true } }, async (request, reply) => {
    const { done } = pageQuerySchema.parse(request.query ?? {});
    // Events all ticked: a new endpoint usually wants every change.
    const values = Object.fromEntries(WEBHOOK_EVENT_TYPES.map((type) => [eventFieldName(type), 'on']));
    return renderList(request, reply, signedInActor(request), { values, errors: {}, notice: doneNotice(request, done) });
  });

  app.post('/newsroom/webhooks', { config, schema: { hide: true } }, async (request, reply) => {
    const actor = signedInActor(request);
    const values = formValues(request.body);
    const parsed = parseEndpointForm(values, false);
    const outcome =
      'errors' in parsed ? parsed : await webhooks.create(actor, parsed.input).then((endpoint) => ({ endpoint }), (error: unknown) => ({ errors: refusal(error) }));
    if ('errors' in outcome) {
      return renderList(request, reply, actor, { values, errors: outcome.errors, message: newsroomTranslator(request).t('webhooks.notAdded') }, 422);
    }
    return reply.redirect(`/newsroom/webhooks/${outcome.endpoint.id}?done=created`, 303);
  });

  api.get('/newsroom/webhooks/:id', { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const { done, page } = pageQuerySchema.parse(request.query ?? {});
    return renderEndpoint(request, reply, signedInActor(request), request.params.id, page, (values) => ({ values, errors: {}, notice: doneNotice(request, done) }));
  });

  api.post('/newsroom/webhooks/:id', { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    const actor = signedInActor(request);
    const { id } = request.params;
    // A missing endpoint is a 404 whatever the form says.
    await webhooks.get(actor, id);
    const values = formValues(request.body);
    const parsed = parseEndpointForm(values, true);
    const errors = 'errors' in parsed ? parsed.errors : await webhooks.update(actor, id, parsed.input).then(() => undefined, refusal);
    if (errors) return renderEndpoint(request, reply, actor, id, 1, () => ({ values, errors, message: newsroomTranslator(request).t('common.notSaved') }), 422);
    return reply.redirect(`/newsroom/webhooks/${id}?done=saved`, 303);
  });

  api.post('/newsroom/webhooks/:id/secret', { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    await webhooks.rotateSecret(signedInActor(request), request.params.id);
    return reply.redirect(`/newsroom/webhooks/${request.params.id}?done=secret`, 303);
  });

  api.post('/newsroom/webhooks/:id/delete', { config, schema: { hide: true, params: idParamsSchema } }, async (request, reply) => {
    await webhooks.delete(signedInActor(request), request.params.id);
    return reply.redirect('/newsroom/webhooks?done=deleted', 303);
  });

  api.post('/newsroom/webhooks/:id/deliveries/:deliveryId/redeliver', { config, schema: { hide: true, params: deliveryParamsSchema } }, async (request, reply) => {
    const actor = signedInActor(request);
    const { id, deliveryId } = request.params;
    try {
      await webhooks.redeliver(actor, id, deliveryId);
    } catch (error) {
      if (error instanceof Invalid) return renderEndpoint(request, reply, actor, id, 1, (values) => ({ values, errors: {}, message: error.message }), 422);
      throw error;
    }
    return reply.redirect(`/newsroom/webhooks/${id}?done=redelivered`, 303);
  });
}
