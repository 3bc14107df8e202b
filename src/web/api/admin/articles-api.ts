import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rowNumberParam } from '#src/lib/id-input.ts';
import { textField } from '#src/lib/text-input.ts';
import type { AppContext } from '#src/app-context.ts';
import type { Role } from '#src/db/schema.ts';
import {
  articlePatchSchema,
  correctionInputSchema,
  createArticleInputSchema,
  returnInputSchema,
  scheduleInputSchema,
  translateInputSchema,
  updateArticleInputSchema,
  versionInputSchema,
} from '#src/domain/articles/article-schema.ts';
import { articleDocumentSchema } from '#src/domain/articles/article-body.ts';
import { createPendingEditService, pendingEditInputSchema } from '#src/domain/articles/article-pending-edits.ts';
import { ArticleConflict, createArticleService } from '#src/domain/articles/article-service.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema, idSchema } from '#src/web/route-params.ts';
import {
  articleJsonSchema,
  articleListSchema,
  correctionSchema,
  presenceSchema,
  revisionDiffSchema,
  revisionListSchema,
  saveConflictSchema,
} from './article-response-schemas.ts';

const revisionParamsSchema = idParamsSchema.extend({ revisionId: idSchema });

const listQuerySchema = z.object({
  /** One workflow status; absent: all but trashed. */
  status: z.enum(['draft', 'review', 'scheduled', 'published', 'trashed']).optional(),
  /** Text to find in the title or standfirst, in any case of any script. */
  // Through the one text rule: a NUL or lone surrogate in a query would reach PostgreSQL as an error (a 500).
  q: textField().max(200).optional(),
  /** 1-based page of 20. */
  page: z.coerce.number().int().min(1).max(100000).default(1),
  /** 1: only your own articles (created or bylined). */
  mine: z.enum(['0', '1']).optional().transform((v) => v === '1'),
  /** Only articles in this language (a BCP 47 code such as kk, ru, en). */
  language: translateInputSchema.shape.language.optional(),
  /** Only articles filed in this section or its subsections. */
  sectionId: rowNumberParam().optional(),
  /** Only articles with this author in their byline. */
  authorId: rowNumberParam().optional(),
});

/** A kept pending edit (ADR 0015): the edited fields, the version they started from, and when they were kept. */
const pendingEditSchema = z.object({
  baseVersion: z.number().int(),
  keptAt: z.string(),
  fields: articlePatchSchema.extend({ body: articleDocumentSchema.optional() }),
});

/** Your own pending edit of the article, or null. */
const pendingEditResultSchema = z.object({ pendingEdit: pendingEditSchema.nullable() });

const diffQuerySchema = z.object({
  /** The older revision's id. */
  from: idSchema,
  /** The newer revision's id. */
  to: idSchema,
});

/** Workflow actions that take only `{ version }`, and the service method each calls. */
const SIMPLE_ACTIONS = {
  publish: 'publish',
  unpublish: 'unpublish',
  trash: 'trash',
  restore: 'restore',
  submit: 'submitForReview',
  approve: 'approve',
} as const;

/** The newsroom's article API under /api/admin/articles (routes below need a contributor unless their config says more); the service decides by policy. */
export async function registerArticlesApi(app: FastifyInstance, context: AppContext): Promise<void> {
  const articles = createArticleService(context);
  const pendingEdits = createPendingEditService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['articles'];

  api.get('/api/admin/articles', { schema: { tags, summary: 'Articles in your newsroom scope', querystring: listQuerySchema, response: { 200: articleListSchema } } }, async (request) => {
    const actor = signedInActor(request);
    return articles.list(actor, request.query);
  });

  api.post('/api/admin/articles', { schema: { tags, summary: 'Create a draft', body: createArticleInputSchema, response: { 201: articleJsonSchema } } }, async (request, reply) => {
    const actor = signedInActor(request);
    return reply.code(201).send(await articles.create(actor, request.body));
  });

  api.get('/api/admin/articles/:id', { schema: { tags, summary: 'One article', params: idParamsSchema, response: { 200: articleJsonSchema } } }, async (request) => {
    const actor = signedInActor(request);
    return articles.get(actor, request.params.id);
  });

  api.put(
    '/api/admin/articles/:id',
    { schema: { tags, summary: 'Save edits (409 with both texts on a stale version)', params: idParamsSchema, body: updateArticleInputSchema, response: { 200: articleJsonSchema, 409: saveConflictSchema } } },
    async (request, reply) => {
      const actor = signedInActor(request);
      try {
        return await articles.update(actor, request.params.id, request.body);
      } catch (error) {
        // The error handler answers `current`; a refused save also answers `yours`, so the editor can show both.
        if (error instanceof ArticleConflict && error.yours) {
          return reply.code(409).send({ error: 'conflict', message: error.message, current: error.current, yours: error.yours, requestId: request.id });
        }
        throw error;
      }
    },
  );

  for (const [segment, method] of Object.entries(SIMPLE_ACTIONS)) {
    // Approving is an editor's job whatever the article: the guard refuses others before validation.
    const config: { minRole?: Role } = segment === 'approve' ? { minRole: 'editor' } : {};
    api.post(
      `/api/admin/articles/:id/${segment}`,
      { config, schema: { tags, summary: segment === 'approve' ? 'Workflow: approve and publish (an article in review goes live at once)' : `Workflow: ${segment}`, params: idParamsSchema, body: versionInputSchema, response: { 200: articleJsonSchema } } },
      async (request) => {
        const actor = signedInActor(request);
        return articles[method](actor, request.params.id, request.body.version);
      },
    );
  }

  api.post(
    '/api/admin/articles/:id/schedule',
    { schema: { tags, summary: 'Schedule publication', params: idParamsSchema, body: scheduleInputSchema, response: { 200: articleJsonSchema } } },
    async (request) => {
      const actor = signedInActor(request);
      return articles.schedule(actor, request.params.id, request.body.version, request.body.scheduledAt);
    },
  );

  api.post(
    '/api/admin/articles/:id/return',
    { config: { minRole: 'editor' }, schema: { tags, summary: 'Return to the writer with a note', params: idParamsSchema, body: returnInputSchema, response: { 200: articleJsonSchema } } },
    async (request) => {
      const actor = signedInActor(request);
      return articles.returnToAuthor(actor, request.params.id, request.body.version, request.body.note);
    },
  );

  api.get('/api/admin/articles/:id/revisions', { schema: { tags, summary: 'Revisions, newest first', params: idParamsSchema, response: { 200: revisionListSchema } } }, async (request) => {
    const actor = signedInActor(request);
    return { items: await articles.listRevisions(actor, request.params.id) };
  });

  api.get(
    '/api/admin/articles/:id/revisions/diff',
    { schema: { tags, summary: 'Word diff between two revisions', params: idParamsSchema, querystring: diffQuerySchema, response: { 200: revisionDiffSchema } } },
    async (request) => {
      const actor = signedInActor(request);
      return { fields: await articles.diffRevisions(actor, request.params.id, request.query.from, request.query.to) };
    },
  );

  api.post(
    '/api/admin/articles/:id/revisions/:revisionId/restore',
    { schema: { tags, summary: 'Save an old revision as the new version', params: revisionParamsSchema, body: versionInputSchema, response: { 200: articleJsonSchema } } },
    async (request) => {
      const actor = signedInActor(request);
      return articles.restoreRevision(actor, request.params.id, request.params.revisionId, request.body.version);
    },
  );

  api.post(
    '/api/admin/articles/:id/translations',
    {
      schema: {
        tags,
        summary: 'Start a translation: a draft in another language linked to the original, with its section, tags, authors, place and images, and the text to write',
        params: idParamsSchema,
        body: translateInputSchema,
        response: { 201: articleJsonSchema },
      },
    },
    async (request, reply) => {
      const actor = signedInActor(request);
      return reply.code(201).send(await articles.translate(actor, request.params.id, request.body.language));
    },
  );

  api.post(
    '/api/admin/articles/:id/corrections',
    { schema: { tags, summary: 'Append a correction or update notice', params: idParamsSchema, body: correctionInputSchema, response: { 201: correctionSchema } } },
    async (request, reply) => {
      const actor = signedInActor(request);
      return reply.code(201).send(await articles.addCorrection(actor, request.params.id, request.body));
    },
  );

  api.post('/api/admin/articles/:id/presence', { schema: { tags, summary: 'Heartbeat; who else has it open', params: idParamsSchema, response: { 200: presenceSchema } } }, async (request) => {
    const actor = signedInActor(request);
    return { editors: await articles.heartbeat(actor, request.params.id) };
  });

  // Pending edits of live articles (ADR 0015): kept on the server, never live, each person's own.
  const pendingPath = '/api/admin/articles/:id/pending-edit';
  api.get(pendingPath, { schema: { tags, summary: 'Your pending edit of a live article, or null', params: idParamsSchema, response: { 200: pendingEditResultSchema } } }, async (request) => {
    const actor = signedInActor(request);
    return { pendingEdit: await pendingEdits.get(actor, request.params.id) };
  });

  api.put(
    pendingPath,
    {
      schema: {
        tags,
        summary: 'Keep your edit of a published or scheduled article without publishing it (version: the one it started from)',
        params: idParamsSchema,
        body: pendingEditInputSchema,
        response: { 200: pendingEditSchema },
      },
    },
    async (request) => {
      const actor = signedInActor(request);
      return pendingEdits.keep(actor, request.params.id, request.body);
    },
  );

  api.delete(pendingPath, { schema: { tags, summary: 'Discard your pending edit', params: idParamsSchema, response: { 204: z.null() } } }, async (request, reply) => {
    const actor = signedInActor(request);
    await pendingEdits.discard(actor, request.params.id);
    return reply.code(204).send(null);
  });
}
