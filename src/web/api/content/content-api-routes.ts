import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { registerArticlesContentApi } from './articles-content-api.ts';
import { registerContentApiGuard } from './content-api-guard.ts';
import { registerSiteContentApi } from './site-content-api.ts';
import { registerPagesContentApi } from './pages-content-api.ts';

/**
 * The Content API (read-only JSON of published content under /api/content), in a scope of its own
 * so its reader check, CORS, ETags and rate limit apply to its routes and no others.
 */
export async function registerContentApi(app: FastifyInstance, context: AppContext): Promise<void> {
  await app.register(async (scope) => {
    await registerContentApiGuard(scope, context);
    await registerArticlesContentApi(scope, context);
    await registerSiteContentApi(scope, context);
    await registerPagesContentApi(scope, context);
  });
}
