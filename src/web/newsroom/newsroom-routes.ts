import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { registerMediaLibraryPage } from './media-library-page.tsx';
import { registerLoginPages } from './login-pages.tsx';
import { registerTaxonomyPages } from './taxonomy-pages.tsx';
import { registerSettingsPage } from './settings-page.tsx';
import { registerUsersPages } from './users-pages.tsx';
import { registerAuditPage } from './audit-page.tsx';
import { registerDashboardPage } from './dashboard-page.tsx';
import { registerArticleEditorPage } from './article-editor-page.tsx';
import { registerRevisionsPage } from './revisions-page.tsx';
import { registerPreviewRoute } from './preview-route.ts';
import { registerWebhooksPages } from './webhooks-pages.tsx';
import { registerApiKeysPage } from './api-keys-page.tsx';
import { registerRightsPages } from './rights-pages.tsx';
import { registerLicencesPages } from './licences-pages.tsx';
import { registerPartnersPages } from './partners-pages.tsx';
import { registerStaticPages } from './static-pages.tsx';
import { registerNewsroomLanguage } from './newsroom-language.ts';
import { registerMainPagePages } from './main-page-pages.tsx';
import { registerDeskPages } from './desk-pages.tsx';
import { registerMonitoringPages } from './monitoring-pages.tsx';
import { registerImportsPages } from './imports-pages.tsx';

/** The newsroom's pages under /newsroom, each in its user's language. */
export async function registerNewsroomRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  registerNewsroomLanguage(app, context);
  await registerMediaLibraryPage(app, context);
  await registerLoginPages(app, context);
  await registerTaxonomyPages(app, context);
  await registerSettingsPage(app, context);
  await registerUsersPages(app, context);
  await registerAuditPage(app, context);
  await registerDashboardPage(app, context);
  await registerArticleEditorPage(app, context);
  await registerRevisionsPage(app, context);
  await registerPreviewRoute(app, context);
  await registerWebhooksPages(app, context);
  await registerApiKeysPage(app, context);
  await registerRightsPages(app, context);
  await registerLicencesPages(app, context);
  await registerPartnersPages(app, context);
  await registerMainPagePages(app, context);
  await registerDeskPages(app, context);
  await registerStaticPages(app, context);
  await registerMonitoringPages(app, context);
  await registerImportsPages(app, context);
}
