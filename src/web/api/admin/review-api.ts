import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '#src/app-context.ts';
import { createArticleService } from '#src/domain/articles/article-service.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';
import { articleListSchema } from './article-response-schemas.ts';

/** GET /api/admin/review: articles waiting for review (editors see all, writers their own), with the latest note. */
export async function registerReviewApi(app: FastifyInstance, context: AppContext): Promise<void> {
  const articles = createArticleService(context);
  app.withTypeProvider<ZodTypeProvider>().get('/api/admin/review', { schema: { tags: ['articles'], summary: 'The review queue', response: { 200: articleListSchema } } }, async (request) => {
    const actor = signedInActor(request);
    return articles.reviewQueue(actor);
  });
}
