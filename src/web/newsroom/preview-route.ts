import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '#src/app-context.ts';
import { createArticleService } from '#src/domain/articles/article-service.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema } from '#src/web/route-params.ts';
import { renderArticlePreview } from '#src/web/site/routes/article-page.tsx';

/**
 * GET /newsroom/articles/:id/preview: the exact public page of an article in any state, for those
 * who may read it (the article policy decides), never cached and never indexed.
 */
export async function registerPreviewRoute(app: FastifyInstance, context: AppContext): Promise<void> {
  const articles = createArticleService(context);
  app.withTypeProvider<ZodTypeProvider>().get(
    '/newsroom/articles/:id/preview',
    { schema: { hide: true, params: idParamsSchema } },
    async (request, reply) => {
      const actor = signedInActor(request);
      await articles.get(actor, request.params.id);
      const html = await renderArticlePreview(context, request.params.id);
      return reply
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex, nofollow')
        .type('text/html; charset=utf-8')
        .send(html);
    },
  );
}
