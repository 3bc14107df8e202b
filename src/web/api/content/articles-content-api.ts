import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '#src/app-context.ts';
import { createContentReadModel } from '#src/domain/content-api/content-read-model.ts';
import { idParamsSchema } from '#src/web/route-params.ts';
import { presentedJson } from '#src/web/api/presented-json.ts';
import { CONTENT_ERRORS } from './content-errors.ts';
import { currentContentPresenter } from './content-presenter.tsx';
import { articleListSchema, articlePathQuerySchema, articleSchema, articlesQuerySchema } from './content-schemas.ts';

/** Published articles: a filtered keyset list, and one article by id or by its public path; every URL under its language's prefix. */
export async function registerArticlesContentApi(scope: FastifyInstance, context: AppContext): Promise<void> {
  const content = createContentReadModel(context);
  const presenter = currentContentPresenter(context.config, async () => (await content.languages()).defaultLanguage);
  const api = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['content'];

  api.get(
    '/api/content/articles',
    {
      schema: {
        tags,
        summary: 'Published articles, newest first; filters combine (AND); page with nextCursor',
        querystring: articlesQuerySchema,
        response: { 200: articleListSchema, ...CONTENT_ERRORS },
      },
      // The presenter builds every field of the answer: it is not parsed again (presented-json.ts).
      serializerCompiler: presentedJson,
    },
    async (request) => {
      const [page, present] = await Promise.all([content.listArticles(request.query), presenter()]);
      return { items: page.items.map(present.summary), nextCursor: page.nextCursor };
    },
  );

  api.get(
    '/api/content/articles/by-path',
    {
      schema: {
        tags,
        summary: 'The published article at a public path (301 to the new path when it moved)',
        querystring: articlePathQuerySchema,
        response: { 200: articleSchema, ...CONTENT_ERRORS },
      },
    },
    async (request, reply) => {
      const found = await content.articleAtPath(request.query.path);
      if (found.kind === 'moved') return reply.redirect(`/api/content/articles/by-path?${new URLSearchParams({ path: found.path })}`, 301);
      return (await presenter()).article(found.article);
    },
  );

  api.get(
    '/api/content/articles/:id',
    { schema: { tags, summary: 'One published article: structured body and rendered HTML', params: idParamsSchema, response: { 200: articleSchema, ...CONTENT_ERRORS } } },
    async (request) => (await presenter()).article(await content.article(request.params.id)),
  );
}
