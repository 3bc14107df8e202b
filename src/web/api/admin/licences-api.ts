import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { LICENCE_REQUEST_SOURCES, LICENCE_REQUEST_STATUSES, LICENCE_SCOPES } from '#src/db/schema.ts';
import { apiLicenceRequestSchema, approvalSchema, denialSchema, partnerInputSchema, partnerPatchSchema } from '#src/domain/licences/licence-schema.ts';
import { createLicenceService } from '#src/domain/licences/licence-service.ts';
import { createPartnerService } from '#src/domain/licences/partner-service.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema } from '#src/web/route-params.ts';

/** A partner as the API answers it. */
const partnerSchema = z.object({
  id: z.number().int(),
  organisation: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  /** Host names it publishes under; each covers its subdomains. */
  domains: z.array(z.string()),
  /** The API key its syndication feed is read with (public part only), or null. */
  apiKey: z.object({ id: z.number().int(), name: z.string(), prefix: z.string(), revokedAt: z.string().nullable(), expiresAt: z.string().nullable() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A licence request. */
const requestSchema = z.object({
  id: z.number().int(),
  article: z.object({ id: z.number().int(), title: z.string(), language: z.string(), sectionId: z.number().int(), sectionName: z.string() }),
  partner: z.object({ id: z.number().int(), organisation: z.string() }).nullable(),
  organisation: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  domain: z.string(),
  message: z.string(),
  source: z.enum(LICENCE_REQUEST_SOURCES),
  language: z.string(),
  status: z.enum(LICENCE_REQUEST_STATUSES),
  decisionNote: z.string(),
  decidedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  /** The licence an approval made. */
  licenceId: z.number().int().nullable(),
  createdAt: z.string(),
});

/** A licence. */
const licenceSchema = z.object({
  id: z.number().int(),
  partner: z.object({ id: z.number().int(), organisation: z.string() }),
  requestId: z.number().int().nullable(),
  scope: z.enum(LICENCE_SCOPES),
  article: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  section: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  note: z.string(),
  startsAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});

const requestPageSchema = z.object({ items: z.array(requestSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

const requestsQuerySchema = z.object({
  /** Which requests: pending (the queue, oldest first), approved or denied (newest first). */
  status: z.enum(LICENCE_REQUEST_STATUSES).default('pending'),
  /** 1-based page. */
  page: z.coerce.number().int().min(1).max(100000).default(1),
});

const licencesQuerySchema = z.object({
  /** Only this partner's licences. */
  partnerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

/**
 * The rights desk's licences under /api/admin: anyone signed in (a partner's API key too) may ask
 * for a licence; editors decide, list and revoke, and manage partners (linking an API key is for
 * admins, by the policy). The services decide by policy.
 */
export async function registerLicencesApi(app: FastifyInstance, context: AppContext): Promise<void> {
  const licences = createLicenceService(context);
  const partners = createPartnerService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const editor = { minRole: 'editor' as const };
  const tags = ['licences'];

  api.post(
    '/api/admin/licences/requests',
    {
      config: { minRole: 'contributor' },
      schema: {
        tags,
        summary: 'Ask for a licence to republish an article in full (a partner’s key may leave out who is asking)',
        body: apiLicenceRequestSchema,
        response: { 201: requestSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await licences.request(signedInActor(request), request.body, { source: 'api' })),
  );

  api.get(
    '/api/admin/licences/requests',
    { config: editor, schema: { tags, summary: 'Licence requests by status (pending: the queue)', querystring: requestsQuerySchema, response: { 200: requestPageSchema } } },
    async (request) => licences.listRequests(signedInActor(request), request.query.status, request.query.page),
  );

  api.get('/api/admin/licences/requests/:id', { config: editor, schema: { tags, summary: 'One licence request', params: idParamsSchema, response: { 200: requestSchema } } }, async (request) =>
    licences.getRequest(signedInActor(request), request.params.id),
  );

  api.post(
    '/api/admin/licences/requests/:id/approve',
    {
      config: editor,
      schema: {
        tags,
        summary: 'Approve a request: a licence for its partner (made from the request when none holds its domain)',
        params: idParamsSchema,
        body: approvalSchema,
        response: { 201: z.object({ request: requestSchema, licence: licenceSchema }) },
      },
    },
    async (request, reply) => reply.code(201).send(await licences.approve(signedInActor(request), request.params.id, request.body)),
  );

  api.post(
    '/api/admin/licences/requests/:id/deny',
    { config: editor, schema: { tags, summary: 'Refuse a request, with the reason', params: idParamsSchema, body: denialSchema, response: { 200: requestSchema } } },
    async (request) => licences.deny(signedInActor(request), request.params.id, request.body),
  );

  api.get(
    '/api/admin/licences',
    { config: editor, schema: { tags, summary: 'Licences, newest first', querystring: licencesQuerySchema, response: { 200: z.object({ items: z.array(licenceSchema) }) } } },
    async (request) => ({ items: await licences.listLicences(signedInActor(request), request.query.partnerId) }),
  );

  api.get('/api/admin/licences/:id', { config: editor, schema: { tags, summary: 'One licence', params: idParamsSchema, response: { 200: licenceSchema } } }, async (request) =>
    licences.getLicence(signedInActor(request), request.params.id),
  );

  api.post('/api/admin/licences/:id/revoke', { config: editor, schema: { tags, summary: 'End a licence now', params: idParamsSchema, response: { 200: licenceSchema } } }, async (request) =>
    licences.revoke(signedInActor(request), request.params.id),
  );

  api.get('/api/admin/partners', { config: editor, schema: { tags, summary: 'Partners', response: { 200: z.object({ items: z.array(partnerSchema) }) } } }, async (request) => ({
    items: await partners.list(signedInActor(request)),
  }));

  api.post(
    '/api/admin/partners',
    { config: editor, schema: { tags, summary: 'Add a partner (an API key: admins only)', body: partnerInputSchema, response: { 201: partnerSchema } } },
    async (request, reply) => reply.code(201).send(await partners.create(signedInActor(request), request.body)),
  );

  api.get('/api/admin/partners/:id', { config: editor, schema: { tags, summary: 'One partner', params: idParamsSchema, response: { 200: partnerSchema } } }, async (request) =>
    partners.get(signedInActor(request), request.params.id),
  );

  api.patch(
    '/api/admin/partners/:id',
    { config: editor, schema: { tags, summary: 'Change a partner (its API key: admins only)', params: idParamsSchema, body: partnerPatchSchema, response: { 200: partnerSchema } } },
    async (request) => partners.update(signedInActor(request), request.params.id, request.body),
  );
}
