import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '#src/app-context.ts';
import { createContentReadModel } from '#src/domain/content-api/content-read-model.ts';
import { idParamsSchema } from '#src/web/route-params.ts';
import type { ListedArticle } from '#src/domain/content-api/content-repository.ts';
import { contentDigest } from '#src/lib/content-digest.ts';
import { stampedMemoFor } from '#src/lib/stamped-memo.ts';
import { setAnswerEtag } from './content-api-guard.ts';
import { sendPresentedJson } from '#src/web/api/presented-json.ts';
import { CONTENT_ERRORS } from './content-errors.ts';
import { currentContentPresenter } from './content-presenter.tsx';
import { articleListSchema, articlePathQuerySchema, articleSchema, articlesQuerySchema } from './content-schemas.ts';

/** How many listed articles' JSON a process keeps (see ADR 0063 for what they weigh). */
const LISTED_ARTICLES_KEPT = 2_000;

/** Published articles: a filtered keyset list, and one article by id or by its public path; every URL under its language's prefix. */
export async function registerArticlesContentApi(scope: FastifyInstance, context: AppContext): Promise<void> {
  const content = createContentReadModel(context);
  const presenter = currentContentPresenter(context.config, async () => (await content.languages()).defaultLanguage);
  const api = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['content'];
  // Each listed article's JSON and its digest, as long as its row (id, version, columns) is the same
  // (ADR 0063). 2,000 articles (20 pages of 100) held ~10 MB more RSS; a client walking the archive churns it.
  const listedJson = stampedMemoFor<ListedArticle, { json: string; digest: string }>(context.events, LISTED_ARTICLES_KEPT);

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
        (await content.summaries(missing)).map((summary) => {
          const json = JSON.stringify(present.summary(summary));
          return { json, digest: contentDigest(json) };
        }),
      );
      const nextCursor = JSON.stringify(page.nextCursor);
      // The answer is its items and its cursor: the digests of those name its bytes (fixed-width, so unambiguous).
      setAnswerEtag(reply, contentDigest(`${items.map((item) => item.digest).join('')}${nextCursor}`));
      // The presenter built every field: the answer is written as JSON.stringify would write it, not parsed again (presented-json.ts).
      return sendPresentedJson(reply, `{"items":[${items.map((item) => item.json).join(',')}],"nextCursor":${nextCursor}}`);
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
