import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { PAGE_REVISION_KINDS, PAGE_STATUSES } from '#src/db/schema.ts';
import { versionInputSchema } from '#src/domain/articles/article-schema.ts';
import { pageJsonSchema } from '#src/domain/pages/page-json.ts';
import { createPageInputSchema, pageFieldsInputSchema, updatePageInputSchema } from '#src/domain/pages/page-schema.ts';
import { createPageService } from '#src/domain/pages/page-service.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema, idSchema } from '#src/web/route-params.ts';
import { revisionDiffSchema } from './article-response-schemas.ts';

const listQuerySchema = z.object({
  /** Only pages in this language (a BCP 47 code such as kk, ru, en). */
  language: pageFieldsInputSchema.shape.language.optional(),
  /** One status; absent: all but trashed. */
  status: z.enum(PAGE_STATUSES).optional(),
});

const pageListSchema = z.object({ items: z.array(pageJsonSchema) });

const revisionListSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      version: z.number().int(),
      kind: z.enum(PAGE_REVISION_KINDS),
      createdAt: z.string(),
      createdBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    }),
  ),
});

const diffQuerySchema = z.object({
  /** The older revision's id. */
  from: idSchema,
  /** The newer revision's id. */
  to: idSchema,
});

const revisionParamsSchema = idParamsSchema.extend({ revisionId: idSchema });

/** Workflow steps that take only `{ version }`. */
const ACTIONS = ['publish', 'unpublish', 'trash', 'restore'] as const;

/**
 * The newsroom's static pages under /api/admin/pages: editors and admins only (page-policy.ts), so
 * every route's guard refuses lower roles before validation; the service asks the policy again.
 */
export async function registerPagesApi(app: FastifyInstance, context: AppContext): Promise<void> {
  const pages = createPageService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['pages'];
  const config = { minRole: 'editor' as const };

  api.get('/api/admin/pages', { config, schema: { tags, summary: 'Static pages, in address order', querystring: listQuerySchema, response: { 200: pageListSchema } } }, async (request) => ({
    items: await pages.list(signedInActor(request), request.query),
  }));

  api.post(
    '/api/admin/pages',
    { config, schema: { tags, summary: 'Create a page (a draft, or published at once with status "published")', body: createPageInputSchema, response: { 201: pageJsonSchema } } },
    async (request, reply) => reply.code(201).send(await pages.create(signedInActor(request), request.body)),
  );

  api.get('/api/admin/pages/:id', { config, schema: { tags, summary: 'One page', params: idParamsSchema, response: { 200: pageJsonSchema } } }, async (request) =>
    pages.get(signedInActor(request), request.params.id),
  );

  api.put(
    '/api/admin/pages/:id',
    { config, schema: { tags, summary: 'Save edits (409 with the stored page on a stale version)', params: idParamsSchema, body: updatePageInputSchema, response: { 200: pageJsonSchema } } },
    async (request) => pages.update(signedInActor(request), request.params.id, request.body),
  );

  for (const action of ACTIONS) {
    api.post(
      `/api/admin/pages/:id/${action}`,
      { config, schema: { tags, summary: `Workflow: ${action}`, params: idParamsSchema, body: versionInputSchema, response: { 200: pageJsonSchema } } },
      async (request) => pages[action](signedInActor(request), request.params.id, request.body.version),
    );
  }

  api.get('/api/admin/pages/:id/revisions', { config, schema: { tags, summary: 'Revisions, newest first', params: idParamsSchema, response: { 200: revisionListSchema } } }, async (request) => ({
    items: await pages.listRevisions(signedInActor(request), request.params.id),
  }));

  api.get(
    '/api/admin/pages/:id/revisions/diff',
    { config, schema: { tags, summary: 'Word diff between two revisions', params: idParamsSchema, querystring: diffQuerySchema, response: { 200: revisionDiffSchema } } },
    async (request) => ({ fields: await pages.diffRevisions(signedInActor(request), request.params.id, request.query.from, request.query.to) }),
  );

  api.post(
    '/api/admin/pages/:id/revisions/:revisionId/restore',
    { config, schema: { tags, summary: 'Save an old revision as the new version', params: revisionParamsSchema, body: versionInputSchema, response: { 200: pageJsonSchema } } },
    async (request) => pages.restoreRevision(signedInActor(request), request.params.id, request.params.revisionId, request.body.version),
  );
}
