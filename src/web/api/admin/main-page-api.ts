import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { ARTICLE_STATUSES } from '#src/db/schema.ts';
import { layoutSchema, saveLayoutSchema } from '#src/domain/curation/curation-schema.ts';
import { createCurationService } from '#src/domain/curation/curation-service.ts';
import { articlesNamed } from '#src/domain/curation/main-page-layout.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';
import { idSchema } from '#src/web/route-params.ts';

/** A layout's language in a path: a BCP 47 code of the site's (the service refuses one it does not publish in). */
export const layoutLanguageSchema = z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/, 'Give a language code, such as en or ru.');

const languageParams = z.object({ language: layoutLanguageSchema });
const revisionParams = z.object({ language: layoutLanguageSchema, id: idSchema });

const personSchema = z.object({ id: z.number().int(), name: z.string() }).nullable();

/** A saved layout as the API answers it. */
const revisionSchema = z.object({
  id: z.number().int(),
  language: z.string(),
  layout: layoutSchema,
  note: z.string(),
  /** The revision it copies, when made by "restore". */
  restoredFrom: z.number().int().nullable(),
  createdBy: personSchema,
  createdAt: z.string(),
  publishedBy: personSchema,
  /** When it went live; null for a draft. */
  publishedAt: z.string().nullable(),
});

/** What is wrong with a layout now (a stale pin: unpublished or trashed since it was saved). */
const problemSchema = z.object({ field: z.string(), articleId: z.number().int().nullable(), message: z.string() });

/** A pinned or pinnable story. */
const storySchema = z.object({ id: z.number().int(), title: z.string(), status: z.enum(ARTICLE_STATUSES), sectionId: z.number().int(), publishedAt: z.string().nullable() });

const overviewSchema = z.object({
  language: z.string(),
  /** The layout to edit: the newest revision's (none saved: today's by recency). */
  layout: layoutSchema,
  /** What a save starts from (`baseRevisionId`). */
  newestRevisionId: z.number().int().nullable(),
  liveRevisionId: z.number().int().nullable(),
  problems: z.array(problemSchema),
  /** The stories the layout names, in their present state. */
  pinned: z.array(storySchema),
  revisions: z.array(revisionSchema),
});

/**
 * The Main Page's layouts under /api/admin (ADR 0035), editors and up: read a language's layout
 * and history, save a revision (a draft, or live at once), publish a draft, restore an old one.
 */
export async function registerMainPageApi(app: FastifyInstance, context: AppContext): Promise<void> {
  const curation = createCurationService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const config = { minRole: 'editor' as const };
  const tags = ['main page'];

  api.get(
    '/api/admin/main-page/:language',
    { config, schema: { tags, summary: 'A language’s Main Page layout: the one to edit, what is live, stale pins and the history', params: languageParams, response: { 200: overviewSchema } } },
    async (request) => {
      const o = await curation.overview(signedInActor(request), request.params.language);
      return {
        language: o.language,
        layout: o.layout,
        newestRevisionId: o.newest?.id ?? null,
        liveRevisionId: o.live?.id ?? null,
        problems: o.problems,
        pinned: articlesNamed(o.layout).flatMap((id) => {
          const a = o.articles.get(id);
          return a ? [{ id: a.id, title: a.title, status: a.status, sectionId: a.sectionId, publishedAt: a.publishedAt }] : [];
        }),
        revisions: o.revisions,
      };
    },
  );

  api.get(
    '/api/admin/main-page/:language/revisions/:id',
    { config, schema: { tags, summary: 'One saved layout', params: revisionParams, response: { 200: revisionSchema } } },
    async (request) => await curation.revision(signedInActor(request), request.params.language, request.params.id),
  );

  api.post(
    '/api/admin/main-page/:language/revisions',
    {
      config,
      schema: {
        tags,
        summary: 'Save a layout as a new revision (a draft, or live at once with publish: true); every pin is checked, nothing is stored on a refusal',
        params: languageParams,
        body: saveLayoutSchema,
        response: { 201: revisionSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await curation.save(signedInActor(request), request.params.language, request.body)),
  );

  api.post(
    '/api/admin/main-page/:language/revisions/:id/publish',
    { config, schema: { tags, summary: 'Put a saved draft live (checked again as things stand now)', params: revisionParams, response: { 200: revisionSchema } } },
    async (request) => await curation.publish(signedInActor(request), request.params.language, request.params.id),
  );

  api.post(
    '/api/admin/main-page/:language/revisions/:id/restore',
    { config, schema: { tags, summary: 'Put an earlier layout live again, as a new revision', params: revisionParams, response: { 201: revisionSchema } } },
    async (request, reply) => reply.code(201).send(await curation.restore(signedInActor(request), request.params.language, request.params.id)),
  );
}
