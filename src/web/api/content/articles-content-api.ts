import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '#src/app-context.ts';
import { createContentReadModel } from '#src/domain/content-api/content-read-model.ts';
import { idParamsSchema } from '#src/web/route-params.ts';
import type { ContentArticleRow } from '#src/domain/content-api/content-repository.ts';
import { stampedMemoFor } from '#src/lib/stamped-memo.ts';
import { sendPresentedJson } from '#src/web/api/presented-json.ts';
import { CONTENT_ERRORS } from './content-errors.ts';
import { currentContentPresenter } from './content-presenter.tsx';
import { articleListSchema, articlePathQuerySchema, articleSchema, articlesQuerySchema } from './content-schemas.ts';

/** Published articles: a filtered keyset list, and one article by id or by its public path; every URL under its language's prefix. */
export async function registerArticlesContentApi(scope: FastifyInstance, context: AppContext): Promise<void> {
  const content = createContentReadModel(context);
  const presenter = currentContentPresenter(context.config, async () => (await content.languages()).defaultLanguage);
  const api = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['content'];
  // Each listed article's JSON, as long as its row (id, version, columns) is the same (ADR 0063):
  // ~2.5 KB each, so at most ~25 MB.
  const listedJson = stampedMemoFor<ContentArticleRow>(context.events, 10_000);

  api.get(
    '/api/content/articles',
    {
      schema: {
        tags,
        summary: 'Published articles, newest first; filters combine (AND); page with nextCursor',
        querystring: articlesQuerySchema,
        response: { 200: articleListSchema, ...CONTENT_ERRORS },
      },
    },
    async (request, reply) => {
      const [page, present] = await Promise.all([content.listArticleRows(request.query), presenter()]);
      const items = await listedJson.read(page.items, present.summaryStamp, async (missing) =>
        (await content.summaries(missing)).map((summary) => JSON.stringify(present.summary(summary))),
      );
      // The presenter built every field: the answer is written as JSON.stringify would write it, not parsed again (presented-json.ts).
      return sendPresentedJson(reply, `{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`);
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
