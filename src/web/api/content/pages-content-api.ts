import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '#src/app-context.ts';
import { createContentReadModel } from '#src/domain/content-api/content-read-model.ts';
import { idParamsSchema } from '#src/web/route-params.ts';
import { CONTENT_ERRORS } from './content-errors.ts';
import { currentContentPresenter } from './content-presenter.tsx';
import { pageListSchema, pagePathQuerySchema, pageSchema, pagesQuerySchema } from './content-schemas.ts';

/** Published static pages (About, Contacts …): one language's list (or one menu's), and one page by id or by its public path. */
export async function registerPagesContentApi(scope: FastifyInstance, context: AppContext): Promise<void> {
  const content = createContentReadModel(context);
  const presenter = currentContentPresenter(context.config, async () => (await content.languages()).defaultLanguage);
  const api = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['content'];

  api.get(
    '/api/content/pages',
    {
      schema: {
        tags,
        summary: "A language's published static pages in address order (every one: pages are few), or one menu's in menu order",
        querystring: pagesQuerySchema,
        response: { 200: pageListSchema, ...CONTENT_ERRORS },
      },
    },
    async (request) => (await presenter()).pages(await content.pages(request.query)),
  );

  api.get(
    '/api/content/pages/by-path',
    { schema: { tags, summary: 'The published page at a public path (301 to the new path when it moved)', querystring: pagePathQuerySchema, response: { 200: pageSchema, ...CONTENT_ERRORS } } },
    async (request, reply) => {
      const found = await content.pageAtPath(request.query.path);
      if (found.kind === 'moved') return reply.redirect(`/api/content/pages/by-path?${new URLSearchParams({ path: found.path })}`, 301);
      return (await presenter()).page(found.page);
    },
  );

  api.get(
    '/api/content/pages/:id',
    { schema: { tags, summary: 'One published page: structured body and rendered HTML', params: idParamsSchema, response: { 200: pageSchema, ...CONTENT_ERRORS } } },
    async (request) => (await presenter()).page(await content.page(request.params.id)),
  );
}
