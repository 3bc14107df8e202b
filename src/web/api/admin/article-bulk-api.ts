import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { bulkActionSchema, createArticleBulk } from '#src/domain/articles/article-bulk.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';

const bulkResultSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      /** changed; unchanged (already as asked); failed (changed by someone else between the check and its turn: see message). */
      outcome: z.enum(['changed', 'unchanged', 'failed']),
      message: z.string().optional(),
    }),
  ),
});

/**
 * POST /api/admin/articles/bulk: one action over many articles (the desk's list). Every article
 * is checked first; one the caller may not change refuses the whole request, naming it (403/422),
 * and nothing is changed. The article policy decides per article, so every role may call it.
 */
export async function registerArticleBulkApi(app: FastifyInstance, context: AppContext): Promise<void> {
  const bulk = createArticleBulk(context);
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/admin/articles/bulk',
    {
      schema: {
        tags: ['articles'],
        summary: 'Move to a section, add or remove a tag, trash or restore many articles; all checked first, then each reported',
        body: bulkActionSchema,
        response: { 200: bulkResultSchema },
      },
    },
    async (request) => ({ items: await bulk.apply(signedInActor(request), request.body) }),
  );
}
