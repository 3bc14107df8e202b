import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { registerMediaApi } from './admin/media-api.ts';
import { registerArticlesApi } from './admin/articles-api.ts';
import { registerReviewApi } from './admin/review-api.ts';
import { registerCommentsApi } from './admin/comments-api.ts';
import { registerWebhooksApi } from './admin/webhooks-api.ts';
import { registerLicencesApi } from './admin/licences-api.ts';
import { registerSyndicationFeed } from './partner/syndication-feed.ts';
import { registerContentApi } from './content/content-api-routes.ts';
import { registerRightsApi } from './admin/rights-api.ts';
import { registerMainPageApi } from './admin/main-page-api.ts';
import { registerArticleBulkApi } from './admin/article-bulk-api.ts';
import { registerPagesApi } from './admin/pages-api.ts';
import { registerMonitoringApi } from './admin/monitoring-api.ts';

/** The REST API under /api: admin/ (the newsroom's), content/ (published content, read-only) and partner/ (licensed partners' syndication). */
export async function registerApiRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  await registerMediaApi(app, context);
  await registerArticlesApi(app, context);
  await registerReviewApi(app, context);
  await registerCommentsApi(app, context);
  await registerPagesApi(app, context);
  await registerWebhooksApi(app, context);
  await registerLicencesApi(app, context);
  await registerContentApi(app, context);
  await registerRightsApi(app, context);
  await registerMainPageApi(app, context);
  await registerArticleBulkApi(app, context);
  await registerMonitoringApi(app, context);
  await registerSyndicationFeed(app, context);
}
