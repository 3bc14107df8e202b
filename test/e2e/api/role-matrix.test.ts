import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '#src/db/schema.ts';
import { ROLES, asSystem } from '#src/domain/people/actor.ts';
import { createCurationService } from '#src/domain/curation/curation-service.ts';
import { createCommentService } from '#src/domain/comments/comment-service.ts';
import { createPageService } from '#src/domain/pages/page-service.ts';
import { registeredRoutes } from '#src/web/middleware/auth.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createUserFixture, loginAs, type HttpSession, type UserFixture } from '../../support/auth.ts';
import { adminActorOf, createApiKeyFixture } from '../../support/api-keys.ts';
import {
  createArticleFixture,
  createAuthorFixture,
  createImageFixture,
  createLocationFixture,
  createSectionFixture,
  createTagFixture,
  createWebhookFixture,
} from '../../support/factories.ts';
import { createLicenceFixture, createLicenceRequestFixture, createPartnerFixture } from '../../support/licences.ts';
import { createFindingFixture, createWatchSourceFixture } from '../../support/monitoring.ts';

/**
 * THE ROLE MATRIX. Every route registered under /newsroom and /api/admin must have an entry here:
 * a route added without one fails this test. Each entry names the lowest role that may use the
 * route; the test calls it as anonymous and as each role and checks allowed or denied:
 * - denied, anonymous: 401, 403, or a redirect to /newsroom/login;
 * - denied, signed in with a role too low: 403 or 404;
 * - allowed: anything else except a 5xx (400/409/422 mean the request got past the access checks).
 * Per-article routes run against a draft nobody owns, so only editors and admins reach it; writes
 * carry a stale version (999999), so an allowed call answers 409 and changes nothing.
 */

type Fixtures = {
  sectionId: number;
  tagId: number;
  authorId: number;
  locationId: number;
  articleId: number;
  revisionId: number;
  /** A review comment on the article (by an admin), to reply to and withdraw. */
  commentId: number;
  /**
   * A comment on the article by each role's matrix user (by role) and by each API key's owner
   * (`key:<role>`): only a comment's author may edit it, so each caller edits its own.
   */
  ownComments: Record<string, number>;
  mediaId: number;
  /** A user the admin-only routes may disable and re-enable. */
  targetUserId: number;
  /** A webhook endpoint with one logged delivery, and two more endpoints the delete routes may remove. */
  webhookId: number;
  webhookDeliveryId: number;
  webhookToDeleteByApiId: number;
  webhookToDeleteByKeyId: number;
  webhookToDeleteByPageId: number;
  /** A watch source and a finding of the copy monitor; sources each deleting role (and its API key) may remove. */
  watchSourceId: number;
  findingId: number;
  sourcesToDelete: Record<string, number>;
  /** An API key the admin-only revoke route may revoke. */
  apiKeyId: number;
  /** Licence requests the approve and deny routes may decide (the first allowed call decides; later ones are 409s), a licence to revoke, a partner. */
  licenceRequestId: number;
  licenceId: number;
  partnerId: number;
  /** A draft layout of the English Main Page: the first allowed publish puts it live, later ones are 409s; restore copies it. */
  mainPageRevisionId: number;
  /** A static page and its first revision (writes carry a stale version: an allowed call is a 409 or a refused form). */
  pageId: number;
  pageRevisionId: number;
  /** A notification of each role's user (marking another person's read is a 404, as a denial looks), and an invitation the admin may revoke. */
  notificationIds: Record<string, number>;
  invitationId: number;
  /** An import run whose page the admin-only route shows. */
  importRunId: number;
};

type Expectation =
  | { access: 'public'; path?: (f: Fixtures) => string }
  | {
      /** Lowest role allowed. */
      access: Role;
      /** The concrete URL to call (path parameters filled with fixtures); `who` lets a delete that every allowed role may make name a subject of its own. */
      path?: (f: Fixtures, who: Who) => string;
      /** JSON body for API writes (default {}), or form fields for newsroom posts. */
      body?: Record<string, unknown>;
      /** Needs a session of its own (signing out ends the one it uses). */
      freshSession?: boolean;
      /** The URL for the API-key pass, where the session pass's call used up its subject (a delete). */
      keyPath?: (f: Fixtures, who: Who) => string;
    };

const STALE = 999999;

/** A draft static page made as the system, and its first revision. */
async function createPageFixture(context: TestServer['context']): Promise<{ pageId: number; pageRevisionId: number }> {
  const page = await createPageService(context).create(asSystem(), { title: 'Role matrix page' });
  const [revision] = await createPageService(context).listRevisions(asSystem(), page.id);
  return { pageId: page.id, pageRevisionId: revision!.id };
}

/** An unread notification of `recipientId`. */
async function createNotificationFixture(context: TestServer['context'], recipientId: number): Promise<number> {
  const row = await context.database.db
    .insertInto('notifications')
    .values({ recipient_id: recipientId, kind: 'mention', article_id: null, actor_id: null, comment_id: null, created_at: new Date().toISOString(), read_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A pending invitation (its token is never known: only its hash is stored). */
async function createInvitationFixture(context: TestServer['context']): Promise<number> {
  const now = Date.now();
  const row = await context.database.db
    .insertInto('invitations')
    .values({ email: 'invited@example.test', name: 'Invited', role: 'author', token_hash: 'matrix', invited_by: null, created_at: new Date(now).toISOString(), expires_at: new Date(now + 86_400_000).toISOString(), accepted_at: null, revoked_at: null, user_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const EXPECTATIONS: Record<string, Expectation> = {
  // C: sign-in, sign-out, passwords (public pages, then the signed-in ones)
  'GET /newsroom/login': { access: 'public' },
  'POST /newsroom/login': { access: 'public' },
  'GET /newsroom/password-reset': { access: 'public' },
  'POST /newsroom/password-reset': { access: 'public' },
  'GET /newsroom/password-reset/:token': { access: 'public', path: () => '/newsroom/password-reset/not-a-real-token' },
  'POST /newsroom/password-reset/:token': { access: 'public' },
  'POST /newsroom/logout': { access: 'contributor', freshSession: true },
  'GET /newsroom/password': { access: 'contributor' },
  'POST /newsroom/password': { access: 'contributor' },
  'POST /newsroom/account/language': { access: 'contributor', body: { interfaceLanguage: 'ru' } },
  'GET /api/admin/session': { access: 'contributor' },
  // Invitation links: anyone holding one (an unknown token is refused with 410, changing nothing).
  'GET /newsroom/invitations/:token': { access: 'public', path: () => '/newsroom/invitations/not-a-real-token' },
  'POST /newsroom/invitations/:token': { access: 'public' },
  // Notifications: everyone their own (another person's id is a 404, as a missing one).
  'GET /newsroom/notifications': { access: 'contributor' },
  'POST /newsroom/notifications/:id/read': { access: 'contributor', path: (f, who) => `/newsroom/notifications/${f.notificationIds[who] ?? STALE}/read` },
  'POST /newsroom/notifications/read-all': { access: 'contributor' },
  'POST /newsroom/account/notifications': { access: 'contributor', body: { 'mention.inApp': '1', 'mention.byMail': '1' } },
  // C: taxonomy (editor)
  'GET /newsroom/sections': { access: 'editor' },
  'POST /newsroom/sections': { access: 'editor' },
  'GET /newsroom/sections/:id': { access: 'editor', path: (f) => `/newsroom/sections/${f.sectionId}` },
  'POST /newsroom/sections/:id': { access: 'editor', path: (f) => `/newsroom/sections/${f.sectionId}` },
  'GET /newsroom/tags': { access: 'editor' },
  'POST /newsroom/tags': { access: 'editor' },
  'GET /newsroom/tags/:id': { access: 'editor', path: (f) => `/newsroom/tags/${f.tagId}` },
  'POST /newsroom/tags/:id': { access: 'editor', path: (f) => `/newsroom/tags/${f.tagId}` },
  'GET /newsroom/authors': { access: 'editor' },
  'POST /newsroom/authors': { access: 'editor' },
  'GET /newsroom/authors/:id': { access: 'editor', path: (f) => `/newsroom/authors/${f.authorId}` },
  'POST /newsroom/authors/:id': { access: 'editor', path: (f) => `/newsroom/authors/${f.authorId}` },
  'GET /newsroom/locations': { access: 'editor' },
  'POST /newsroom/locations': { access: 'editor' },
  'GET /newsroom/locations/:id': { access: 'editor', path: (f) => `/newsroom/locations/${f.locationId}` },
  'POST /newsroom/locations/:id': { access: 'editor', path: (f) => `/newsroom/locations/${f.locationId}` },
  // Per-language names: a language the site lacks (de) makes an allowed call a 422 that writes nothing.
  'POST /newsroom/sections/:id/translations/:language': { access: 'editor', path: (f) => `/newsroom/sections/${f.sectionId}/translations/de`, body: { 'de-name': 'Matrix' } },
  'POST /newsroom/tags/:id/translations/:language': { access: 'editor', path: (f) => `/newsroom/tags/${f.tagId}/translations/de`, body: { 'de-name': 'Matrix' } },
  'POST /newsroom/authors/:id/translations/:language': { access: 'editor', path: (f) => `/newsroom/authors/${f.authorId}/translations/de`, body: { 'de-name': 'Matrix' } },
  'POST /newsroom/locations/:id/translations/:language': { access: 'editor', path: (f) => `/newsroom/locations/${f.locationId}/translations/de`, body: { 'de-name': 'Matrix' } },
  'GET /newsroom/audit': { access: 'editor' },
  'GET /newsroom/rights': { access: 'editor' },
  'POST /newsroom/rights': { access: 'editor', body: { text: 'A short text to check for reuse.' } },
  'GET /newsroom/rights/policy': { access: 'admin' },
  'POST /newsroom/rights/policy': { access: 'admin', body: { maxTextSharePercent: '', linkRequired: 'on', linkToArticle: 'on', linkIndexable: 'on', linkPlacement: 'anywhere', fullNeedsLicence: 'on' } },
  // C: admin only
  'GET /newsroom/settings': { access: 'admin' },
  'POST /newsroom/settings': { access: 'admin' },
  'GET /newsroom/users': { access: 'admin' },
  'POST /newsroom/users': { access: 'admin' },
  'POST /newsroom/users/:id/role': { access: 'admin', path: (f) => `/newsroom/users/${f.targetUserId}/role` },
  'POST /newsroom/users/:id/author': { access: 'admin', path: (f) => `/newsroom/users/${f.targetUserId}/author`, body: { authorId: '' } },
  'POST /newsroom/users/:id/disable': { access: 'admin', path: (f) => `/newsroom/users/${f.targetUserId}/disable` },
  'POST /newsroom/users/:id/enable': { access: 'admin', path: (f) => `/newsroom/users/${f.targetUserId}/enable` },
  // Invitations (admins): without SMTP (the test server has none) an allowed invitation is a 422.
  'POST /newsroom/users/invitations': { access: 'admin', body: { inviteEmail: 'matrix@example.test', inviteRole: 'author' } },
  'POST /newsroom/users/invitations/:id/revoke': { access: 'admin', path: (f) => `/newsroom/users/invitations/${f.invitationId}/revoke` },
  'POST /newsroom/users/:id/interface-language': { access: 'admin', path: (f) => `/newsroom/users/${f.targetUserId}/interface-language`, body: { interfaceLanguage: 'kk' } },
  'GET /newsroom/webhooks': { access: 'admin' },
  'POST /newsroom/webhooks': { access: 'admin' },
  'GET /newsroom/webhooks/:id': { access: 'admin', path: (f) => `/newsroom/webhooks/${f.webhookId}` },
  'POST /newsroom/webhooks/:id': { access: 'admin', path: (f) => `/newsroom/webhooks/${f.webhookId}` },
  'POST /newsroom/webhooks/:id/secret': { access: 'admin', path: (f) => `/newsroom/webhooks/${f.webhookId}/secret` },
  'POST /newsroom/webhooks/:id/delete': { access: 'admin', path: (f) => `/newsroom/webhooks/${f.webhookToDeleteByPageId}/delete` },
  'POST /newsroom/webhooks/:id/deliveries/:deliveryId/redeliver': {
    access: 'admin',
    path: (f) => `/newsroom/webhooks/${f.webhookId}/deliveries/${f.webhookDeliveryId}/redeliver`,
  },
  'GET /api/admin/webhooks': { access: 'admin' },
  'POST /api/admin/webhooks': { access: 'admin' },
  'POST /api/admin/rights/checks': { access: 'editor', body: { text: 'A short text to check for reuse.' } },
  'GET /api/admin/rights/policy': { access: 'editor' },
  'GET /api/admin/webhooks/:id': { access: 'admin', path: (f) => `/api/admin/webhooks/${f.webhookId}` },
  'PATCH /api/admin/webhooks/:id': { access: 'admin', path: (f) => `/api/admin/webhooks/${f.webhookId}`, body: { description: 'Checked by the role matrix' } },
  'DELETE /api/admin/webhooks/:id': {
    access: 'admin',
    path: (f) => `/api/admin/webhooks/${f.webhookToDeleteByApiId}`,
    keyPath: (f) => `/api/admin/webhooks/${f.webhookToDeleteByKeyId}`,
  },
  'POST /api/admin/webhooks/:id/secret': { access: 'admin', path: (f) => `/api/admin/webhooks/${f.webhookId}/secret` },
  'GET /api/admin/webhooks/:id/deliveries': { access: 'admin', path: (f) => `/api/admin/webhooks/${f.webhookId}/deliveries` },
  'POST /api/admin/webhooks/:id/deliveries/:deliveryId/redeliver': {
    access: 'admin',
    path: (f) => `/api/admin/webhooks/${f.webhookId}/deliveries/${f.webhookDeliveryId}/redeliver`,
  },
  'GET /newsroom/api-keys': { access: 'admin' },
  'POST /newsroom/api-keys': { access: 'admin', body: { name: 'Made by the role matrix', role: 'contributor' } },
  'POST /newsroom/api-keys/:id/revoke': { access: 'admin', path: (f) => `/newsroom/api-keys/${f.apiKeyId}/revoke` },
  'POST /newsroom/api-keys/content-access': { access: 'admin', body: { contentApiAccess: 'open' } },

  // The rights desk: anyone signed in (a partner's key too) may ask for a licence; editors decide and manage partners.
  'POST /api/admin/licences/requests': { access: 'contributor' },
  'GET /api/admin/licences/requests': { access: 'editor' },
  'GET /api/admin/licences/requests/:id': { access: 'editor', path: (f) => `/api/admin/licences/requests/${f.licenceRequestId}` },
  'POST /api/admin/licences/requests/:id/approve': { access: 'editor', path: (f) => `/api/admin/licences/requests/${f.licenceRequestId}/approve` },
  'POST /api/admin/licences/requests/:id/deny': { access: 'editor', path: (f) => `/api/admin/licences/requests/${f.licenceRequestId}/deny` },
  'GET /api/admin/licences': { access: 'editor' },
  'GET /api/admin/licences/:id': { access: 'editor', path: (f) => `/api/admin/licences/${f.licenceId}` },
  'POST /api/admin/licences/:id/revoke': { access: 'editor', path: (f) => `/api/admin/licences/${f.licenceId}/revoke` },
  'GET /api/admin/partners': { access: 'editor' },
  'POST /api/admin/partners': { access: 'editor' },
  'GET /api/admin/partners/:id': { access: 'editor', path: (f) => `/api/admin/partners/${f.partnerId}` },
  'PATCH /api/admin/partners/:id': { access: 'editor', path: (f) => `/api/admin/partners/${f.partnerId}` },
  'GET /newsroom/licences/requests': { access: 'editor' },
  'GET /newsroom/licences/requests/:id': { access: 'editor', path: (f) => `/newsroom/licences/requests/${f.licenceRequestId}` },
  'POST /newsroom/licences/requests/:id/approve': { access: 'editor', path: (f) => `/newsroom/licences/requests/${f.licenceRequestId}/approve` },
  'POST /newsroom/licences/requests/:id/deny': { access: 'editor', path: (f) => `/newsroom/licences/requests/${f.licenceRequestId}/deny` },
  'GET /newsroom/licences': { access: 'editor' },
  'POST /newsroom/licences/:id/revoke': { access: 'editor', path: (f) => `/newsroom/licences/${f.licenceId}/revoke` },
  // The copy monitor: the rights desk's, so editors and admins run the watch list and the findings.
  'GET /api/admin/monitoring/sources': { access: 'editor' },
  'POST /api/admin/monitoring/sources': { access: 'editor' },
  'GET /api/admin/monitoring/sources/:id': { access: 'editor', path: (f) => `/api/admin/monitoring/sources/${f.watchSourceId}` },
  'PATCH /api/admin/monitoring/sources/:id': { access: 'editor', path: (f) => `/api/admin/monitoring/sources/${f.watchSourceId}`, body: { name: 'Checked by the role matrix' } },
  'DELETE /api/admin/monitoring/sources/:id': {
    access: 'editor',
    path: (f, who) => `/api/admin/monitoring/sources/${f.sourcesToDelete[`api:${who}`] ?? f.watchSourceId}`,
    keyPath: (f, who) => `/api/admin/monitoring/sources/${f.sourcesToDelete[`key:${who}`] ?? f.watchSourceId}`,
  },
  'POST /api/admin/monitoring/sources/:id/poll': { access: 'editor', path: (f) => `/api/admin/monitoring/sources/${f.watchSourceId}/poll` },
  'GET /api/admin/monitoring/findings': { access: 'editor' },
  'GET /api/admin/monitoring/findings/:id': { access: 'editor', path: (f) => `/api/admin/monitoring/findings/${f.findingId}` },
  'POST /api/admin/monitoring/findings/:id/status': { access: 'editor', path: (f) => `/api/admin/monitoring/findings/${f.findingId}/status`, body: { status: 'contacted' } },
  'GET /newsroom/monitoring/findings': { access: 'editor' },
  'GET /newsroom/monitoring/findings/:id': { access: 'editor', path: (f) => `/newsroom/monitoring/findings/${f.findingId}` },
  'POST /newsroom/monitoring/findings/:id/status': { access: 'editor', path: (f) => `/newsroom/monitoring/findings/${f.findingId}/status`, body: { status: 'contacted', note: '' } },
  'GET /newsroom/monitoring/sources': { access: 'editor' },
  'POST /newsroom/monitoring/sources': { access: 'editor', body: { kind: 'feed', url: 'not an address' } },
  'GET /newsroom/monitoring/sources/:id': { access: 'editor', path: (f) => `/newsroom/monitoring/sources/${f.watchSourceId}` },
  'POST /newsroom/monitoring/sources/:id': {
    access: 'editor',
    path: (f) => `/newsroom/monitoring/sources/${f.watchSourceId}`,
    body: { kind: 'feed', url: 'https://copies.example/matrix.xml', name: 'Matrix', pollIntervalMinutes: '60' },
  },
  'POST /newsroom/monitoring/sources/:id/poll': { access: 'editor', path: (f) => `/newsroom/monitoring/sources/${f.watchSourceId}/poll` },
  'POST /newsroom/monitoring/sources/:id/delete': { access: 'editor', path: (f, who) => `/newsroom/monitoring/sources/${f.sourcesToDelete[`page:${who}`] ?? f.watchSourceId}/delete` },
  'GET /newsroom/partners': { access: 'editor' },
  'GET /newsroom/imports': { access: 'admin' },
  // Sent without a file: an allowed call is a 422 naming the file, and nothing is queued.
  'POST /newsroom/imports': { access: 'admin', body: { source: 'wordpress' } },
  'GET /newsroom/imports/:id': { access: 'admin', path: (f) => `/newsroom/imports/${f.importRunId}` },
  'POST /newsroom/partners': { access: 'editor' },
  'GET /newsroom/partners/:id': { access: 'editor', path: (f) => `/newsroom/partners/${f.partnerId}` },
  'POST /newsroom/partners/:id': { access: 'editor', path: (f) => `/newsroom/partners/${f.partnerId}` },

  // Main Page curation (ADR 0035): editors and admins. An allowed save without a body is a 400; a newsroom save of an empty form is a 409 (it names no base revision).
  'GET /api/admin/main-page/:language': { access: 'editor', path: () => '/api/admin/main-page/en' },
  'GET /api/admin/main-page/:language/revisions/:id': { access: 'editor', path: (f) => `/api/admin/main-page/en/revisions/${f.mainPageRevisionId}` },
  'POST /api/admin/main-page/:language/revisions': { access: 'editor', path: () => '/api/admin/main-page/en/revisions' },
  'POST /api/admin/main-page/:language/revisions/:id/publish': { access: 'editor', path: (f) => `/api/admin/main-page/en/revisions/${f.mainPageRevisionId}/publish` },
  'POST /api/admin/main-page/:language/revisions/:id/restore': { access: 'editor', path: (f) => `/api/admin/main-page/en/revisions/${f.mainPageRevisionId}/restore` },
  // The desk's list (issue 11, item 7): every role; the article policy decides per article (an empty bulk action is a 400/422).
  'POST /api/admin/articles/bulk': { access: 'contributor' },
  'POST /newsroom/articles/bulk': { access: 'contributor' },
  'GET /newsroom/calendar': { access: 'contributor' },
  'GET /newsroom/main-page': { access: 'editor' },
  'GET /newsroom/main-page/:language': { access: 'editor', path: () => '/newsroom/main-page/en' },
  'POST /newsroom/main-page/:language': { access: 'editor', path: () => '/newsroom/main-page/en', body: { intent: 'draft' } },
  'GET /newsroom/main-page/:language/revisions/:id/preview': { access: 'editor', path: (f) => `/newsroom/main-page/en/revisions/${f.mainPageRevisionId}/preview` },
  'POST /newsroom/main-page/:language/revisions/:id/publish': { access: 'editor', path: (f) => `/newsroom/main-page/en/revisions/${f.mainPageRevisionId}/publish` },
  'POST /newsroom/main-page/:language/revisions/:id/restore': { access: 'editor', path: (f) => `/newsroom/main-page/en/revisions/${f.mainPageRevisionId}/restore` },

  // B: media (every newsroom role uses the library)
  'GET /newsroom/media': { access: 'contributor' },
  'POST /api/admin/media': { access: 'contributor' },
  'GET /api/admin/media': { access: 'contributor' },
  'GET /api/admin/media/:id': { access: 'contributor', path: (f) => `/api/admin/media/${f.mediaId}` },
  // The fixture image was added by the system: only editors may change its text (media-policy.ts).
  'PATCH /api/admin/media/:id': { access: 'editor', path: (f) => `/api/admin/media/${f.mediaId}`, body: { caption: 'Checked by the role matrix' } },

  // D1: articles API (the list and create are for every role; one article someone else drafted only for editors)
  'GET /api/admin/articles': { access: 'contributor' },
  'POST /api/admin/articles': { access: 'contributor' },
  'GET /api/admin/review': { access: 'contributor' },
  'GET /api/admin/articles/:id': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}` },
  'PUT /api/admin/articles/:id': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}`, body: { version: STALE, title: 'Matrix' } },
  'POST /api/admin/articles/:id/publish': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/publish`, body: { version: STALE } },
  'POST /api/admin/articles/:id/unpublish': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/unpublish`, body: { version: STALE } },
  'POST /api/admin/articles/:id/trash': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/trash`, body: { version: STALE } },
  'POST /api/admin/articles/:id/restore': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/restore`, body: { version: STALE } },
  'POST /api/admin/articles/:id/submit': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/submit`, body: { version: STALE } },
  'POST /api/admin/articles/:id/approve': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/approve`, body: { version: STALE } },
  'POST /api/admin/articles/:id/schedule': {
    access: 'editor',
    path: (f) => `/api/admin/articles/${f.articleId}/schedule`,
    body: { version: STALE, scheduledAt: '2099-01-01T06:00:00Z' },
  },
  'POST /api/admin/articles/:id/return': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/return`, body: { version: STALE, note: 'Matrix' } },
  'GET /api/admin/articles/:id/revisions': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/revisions` },
  'GET /api/admin/articles/:id/revisions/diff': {
    access: 'editor',
    path: (f) => `/api/admin/articles/${f.articleId}/revisions/diff?from=${f.revisionId}&to=${f.revisionId}`,
  },
  'POST /api/admin/articles/:id/revisions/:revisionId/restore': {
    access: 'editor',
    path: (f) => `/api/admin/articles/${f.articleId}/revisions/${f.revisionId}/restore`,
    body: { version: STALE },
  },
  'POST /api/admin/articles/:id/corrections': {
    access: 'editor',
    path: (f) => `/api/admin/articles/${f.articleId}/corrections`,
    body: { kind: 'update', text: 'Added by the role matrix.' },
  },
  'POST /api/admin/articles/:id/presence': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/presence` },
  // Translating needs the source readable; a language the site lacks makes an allowed call a 422 that creates nothing.
  'POST /api/admin/articles/:id/translations': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/translations`, body: { language: 'de' } },
  // Pending edits of live articles (ADR 0015); on the fixture draft an allowed PUT answers 422 (only live articles keep them).
  'GET /api/admin/articles/:id/pending-edit': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/pending-edit` },
  'PUT /api/admin/articles/:id/pending-edit': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/pending-edit`, body: { version: 1, title: 'Matrix' } },
  'DELETE /api/admin/articles/:id/pending-edit': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/pending-edit` },
  // Review comments: whoever may read the article (comment-policy.ts); withdrawing an already withdrawn comment changes nothing.
  'GET /api/admin/articles/:id/comments': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/comments` },
  'POST /api/admin/articles/:id/comments': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/comments`, body: { body: 'Checked by the role matrix.' } },
  'POST /api/admin/articles/:id/comments/:commentId/replies': {
    access: 'editor',
    path: (f) => `/api/admin/articles/${f.articleId}/comments/${f.commentId}/replies`,
    body: { body: 'Replied by the role matrix.' },
  },
  // Only a comment's author edits it, and only while they may read the article: each caller edits a comment of its own.
  'PATCH /api/admin/articles/:id/comments/:commentId': {
    access: 'editor',
    path: (f, who) => `/api/admin/articles/${f.articleId}/comments/${f.ownComments[who] ?? f.commentId}`,
    keyPath: (f, who) => `/api/admin/articles/${f.articleId}/comments/${f.ownComments[`key:${who}`]}`,
    body: { body: 'Edited by the role matrix.' },
  },
  'DELETE /api/admin/articles/:id/comments/:commentId': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/comments/${f.commentId}` },
  'POST /api/admin/articles/:id/comments/:commentId/resolve': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/comments/${f.commentId}/resolve` },
  'POST /api/admin/articles/:id/comments/:commentId/reopen': { access: 'editor', path: (f) => `/api/admin/articles/${f.articleId}/comments/${f.commentId}/reopen` },

  // Static pages: editors and admins only (page-policy.ts).
  'GET /api/admin/pages': { access: 'editor' },
  'POST /api/admin/pages': { access: 'editor' },
  'GET /api/admin/pages/:id': { access: 'editor', path: (f) => `/api/admin/pages/${f.pageId}` },
  'PUT /api/admin/pages/:id': { access: 'editor', path: (f) => `/api/admin/pages/${f.pageId}`, body: { version: STALE, title: 'Matrix' } },
  'POST /api/admin/pages/:id/publish': { access: 'editor', path: (f) => `/api/admin/pages/${f.pageId}/publish`, body: { version: STALE } },
  'POST /api/admin/pages/:id/unpublish': { access: 'editor', path: (f) => `/api/admin/pages/${f.pageId}/unpublish`, body: { version: STALE } },
  'POST /api/admin/pages/:id/trash': { access: 'editor', path: (f) => `/api/admin/pages/${f.pageId}/trash`, body: { version: STALE } },
  'POST /api/admin/pages/:id/restore': { access: 'editor', path: (f) => `/api/admin/pages/${f.pageId}/restore`, body: { version: STALE } },
  'GET /api/admin/pages/:id/revisions': { access: 'editor', path: (f) => `/api/admin/pages/${f.pageId}/revisions` },
  'GET /api/admin/pages/:id/revisions/diff': { access: 'editor', path: (f) => `/api/admin/pages/${f.pageId}/revisions/diff?from=${f.pageRevisionId}&to=${f.pageRevisionId}` },
  'POST /api/admin/pages/:id/revisions/:revisionId/restore': {
    access: 'editor',
    path: (f) => `/api/admin/pages/${f.pageId}/revisions/${f.pageRevisionId}/restore`,
    body: { version: STALE },
  },
  'GET /newsroom/pages': { access: 'editor' },
  'POST /newsroom/pages': { access: 'editor' },
  'GET /newsroom/pages/new': { access: 'editor' },
  'GET /newsroom/pages/:id': { access: 'editor', path: (f) => `/newsroom/pages/${f.pageId}` },
  'POST /newsroom/pages/:id': { access: 'editor', path: (f) => `/newsroom/pages/${f.pageId}`, body: { version: String(STALE), title: 'Matrix' } },
  'POST /newsroom/pages/:id/publish': { access: 'editor', path: (f) => `/newsroom/pages/${f.pageId}/publish`, body: { version: String(STALE) } },
  'POST /newsroom/pages/:id/unpublish': { access: 'editor', path: (f) => `/newsroom/pages/${f.pageId}/unpublish`, body: { version: String(STALE) } },
  'POST /newsroom/pages/:id/trash': { access: 'editor', path: (f) => `/newsroom/pages/${f.pageId}/trash`, body: { version: String(STALE) } },
  'POST /newsroom/pages/:id/restore': { access: 'editor', path: (f) => `/newsroom/pages/${f.pageId}/restore`, body: { version: String(STALE) } },
  'GET /newsroom/pages/:id/revisions': { access: 'editor', path: (f) => `/newsroom/pages/${f.pageId}/revisions` },
  'POST /newsroom/pages/:id/revisions/:revisionId/restore': {
    access: 'editor',
    path: (f) => `/newsroom/pages/${f.pageId}/revisions/${f.pageRevisionId}/restore`,
    body: { version: String(STALE) },
  },
  'GET /newsroom/pages/:id/preview': { access: 'editor', path: (f) => `/newsroom/pages/${f.pageId}/preview` },

  // D2: newsroom pages
  'GET /newsroom': { access: 'contributor' },
  'GET /newsroom/review': { access: 'contributor' },
  'GET /newsroom/articles/new': { access: 'contributor' },
  // Creating a tag from the editor's tag field: authors and up (contributors pick existing tags).
  'POST /newsroom/articles/tags': { access: 'author', body: { name: 'Tag made by the role matrix' } },
  'GET /newsroom/articles/:id': { access: 'editor', path: (f) => `/newsroom/articles/${f.articleId}` },
  'GET /newsroom/articles/:id/revisions': { access: 'editor', path: (f) => `/newsroom/articles/${f.articleId}/revisions` },
  'POST /newsroom/articles/:id/revisions/:revisionId/restore': {
    access: 'editor',
    path: (f) => `/newsroom/articles/${f.articleId}/revisions/${f.revisionId}/restore`,
    body: { version: String(STALE) },
  },
  'GET /newsroom/articles/:id/preview': { access: 'editor', path: (f) => `/newsroom/articles/${f.articleId}/preview` },
  'POST /newsroom/articles/:id/translations': { access: 'editor', path: (f) => `/newsroom/articles/${f.articleId}/translations`, body: { language: 'de' } },
  'POST /newsroom/articles/:id/comments': { access: 'editor', path: (f) => `/newsroom/articles/${f.articleId}/comments`, body: { body: 'Checked by the role matrix.' } },
  'POST /newsroom/articles/:id/comments/:commentId/replies': {
    access: 'editor',
    path: (f) => `/newsroom/articles/${f.articleId}/comments/${f.commentId}/replies`,
    body: { body: 'Replied by the role matrix.' },
  },
  'POST /newsroom/articles/:id/comments/:commentId/edit': {
    access: 'editor',
    path: (f, who) => `/newsroom/articles/${f.articleId}/comments/${f.ownComments[who] ?? f.commentId}/edit`,
    body: { body: 'Edited by the role matrix.' },
  },
  'POST /newsroom/articles/:id/comments/:commentId/withdraw': { access: 'editor', path: (f) => `/newsroom/articles/${f.articleId}/comments/${f.commentId}/withdraw` },
  'POST /newsroom/articles/:id/comments/:commentId/resolve': { access: 'editor', path: (f) => `/newsroom/articles/${f.articleId}/comments/${f.commentId}/resolve` },
  'POST /newsroom/articles/:id/comments/:commentId/reopen': { access: 'editor', path: (f) => `/newsroom/articles/${f.articleId}/comments/${f.commentId}/reopen` },
};

const PROTECTED = /^\/(?:newsroom|api\/admin)(?:\/|$)/;
type Who = 'anonymous' | Role;
const EVERYONE: Who[] = ['anonymous', ...ROLES];

/** A redirect to sign in first (signing out also lands on the sign-in page, but without `next`). */
function isLoginRedirect(response: Response): boolean {
  return response.status >= 300 && response.status < 400 && (response.headers.get('location') ?? '').startsWith('/newsroom/login?next=');
}

describe('the role matrix of /newsroom and /api/admin', () => {
  let server: TestServer;
  let fixtures: Fixtures;
  const sessions = new Map<Role, HttpSession>();
  const credentials = new Map<Role, UserFixture>();
  /** API keys by role, made in before() so the comments their owners may edit exist. */
  const keyTokens = new Map<Role, string>();
  let routes: Array<{ method: string; url: string; isPublic: boolean }>;

  before(async () => {
    server = await startTestServer();
    const context = server.context;
    const notificationIds: Record<string, number> = {};
    for (const role of ROLES) {
      const user = await createUserFixture(context, { role });
      notificationIds[role] = await createNotificationFixture(context, user.id);
      credentials.set(role, user);
      sessions.set(role, await loginAs(server, user));
    }
    const target = await createUserFixture(context, { role: 'contributor' });
    const webhook = await createWebhookFixture(context);
    const article = await createArticleFixture(context, { status: 'draft' });
    const revision = await context.database.db
      .selectFrom('article_revisions')
      .select('id')
      .where('article_id', '=', article.id)
      .orderBy('id')
      .executeTakeFirst();
    const comments = createCommentService(context);
    const comment = await comments.add(adminActorOf(credentials.get('admin')!), article.id, { body: 'A comment the role matrix replies to and withdraws.' });
    // Comments are written as the system would insert them for users who could not write them (contributors, authors: the article is not theirs).
    const ownComments: Record<string, number> = {};
    const authored = async (user: { id: number }) =>
      (await context.database.db
        .insertInto('article_comments')
        .values({ article_id: article.id, parent_id: null, author_id: user.id, body: 'A comment its author edits in the role matrix.', created_at: new Date().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow()).id;
    for (const role of ROLES) {
      ownComments[role] = await authored(credentials.get(role)!);
      const key = await createApiKeyFixture(context, { role });
      keyTokens.set(role, key.token);
      ownComments[`key:${role}`] = await authored(key.owner);
    }
    const watchedArticle = await createArticleFixture(context, { status: 'draft' });
    const sourcesToDelete: Record<string, number> = {};
    for (const role of ROLES) {
      sourcesToDelete[`api:${role}`] = (await createWatchSourceFixture(context)).id;
      sourcesToDelete[`key:${role}`] = (await createWatchSourceFixture(context)).id;
      sourcesToDelete[`page:${role}`] = (await createWatchSourceFixture(context)).id;
    }
    fixtures = {
      watchSourceId: (await createWatchSourceFixture(context)).id,
      findingId: (await createFindingFixture(context, { articleId: watchedArticle.id })).id,
      sourcesToDelete,
      sectionId: (await createSectionFixture(context)).id,
      tagId: (await createTagFixture(context)).id,
      authorId: (await createAuthorFixture(context)).id,
      locationId: (await createLocationFixture(context)).id,
      articleId: article.id,
      revisionId: revision?.id ?? 1,
      commentId: comment.id,
      ownComments,
      mediaId: (await createImageFixture(context, { width: 64, height: 48 })).id,
      targetUserId: target.id,
      webhookId: webhook.endpointId,
      webhookDeliveryId: webhook.deliveryId,
      webhookToDeleteByApiId: (await createWebhookFixture(context)).endpointId,
      webhookToDeleteByKeyId: (await createWebhookFixture(context)).endpointId,
      webhookToDeleteByPageId: (await createWebhookFixture(context)).endpointId,
      apiKeyId: (await createApiKeyFixture(context, { role: 'contributor' })).key.id,
      licenceRequestId: (await createLicenceRequestFixture(context)).id,
      licenceId: (await createLicenceFixture(context)).licence.id,
      partnerId: (await createPartnerFixture(context)).id,
      mainPageRevisionId: (await createCurationService(context).save(asSystem(), 'en', { layout: { blocks: [{ kind: 'latest' }] }, baseRevisionId: null })).id,
      ...(await createPageFixture(context)),
      notificationIds,
      invitationId: await createInvitationFixture(context),
      importRunId: (
        await context.database.db
          .insertInto('import_runs')
          .values({ source: 'wordpress', file_name: 'matrix.xml', file_key: 'matrix.xml', status: 'done', options: '{"dryRun":true,"fetchMedia":false}', total: 0, done: 0, report: null, created_by: null, created_at: new Date().toISOString(), finished_at: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    };
    routes = registeredRoutes(server.app).filter((route) => PROTECTED.test(route.url) && route.method !== 'HEAD' && route.method !== 'OPTIONS');
  });
  after(() => server.close());

  it('has an expectation for every registered route (a new route needs an entry here)', () => {
    assert.ok(routes.length > 40, `found only ${routes.length} routes: is the route catalog wired?`);
    const missing = routes.map((r) => `${r.method} ${r.url}`).filter((key) => !EXPECTATIONS[key]);
    assert.deepEqual(missing, [], `Add these routes to EXPECTATIONS in test/e2e/api/role-matrix.test.ts with the lowest role that may use them`);
    const registered = new Set(routes.map((r) => `${r.method} ${r.url}`));
    const stale = Object.keys(EXPECTATIONS).filter((key) => !registered.has(key));
    assert.deepEqual(stale, [], 'expectations for routes that no longer exist');
  });

  it('opens only the sign-in, password-reset and invitation-link routes to anonymous visitors', () => {
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const expectation = EXPECTATIONS[key];
      if (!expectation) continue;
      assert.equal(route.isPublic, expectation.access === 'public', `${key}: config.public must match the matrix`);
      if (route.isPublic) assert.match(route.url, /^\/newsroom\/(login|password-reset|invitations\/:token)/, `${key} must not be public`);
    }
  });

  async function call(method: string, path: string, who: Who, expectation: Exclude<Expectation, { access: 'public' }>): Promise<Response> {
    let session: HttpSession | undefined = who === 'anonymous' ? undefined : sessions.get(who);
    if (session && expectation.freshSession) session = await loginAs(server, credentials.get(who as Role)!);
    const headers: Record<string, string> = {};
    if (session) headers.cookie = session.cookie;
    let body: string | undefined;
    if (method !== 'GET') {
      if (path.startsWith('/api/')) {
        if (session) headers['x-csrf-token'] = session.csrfToken;
        if (method !== 'DELETE') {
          headers['content-type'] = 'application/json';
          body = JSON.stringify(expectation.body ?? {});
        }
      } else {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        const fields = Object.fromEntries(Object.entries(expectation.body ?? {}).map(([k, v]) => [k, String(v)]));
        body = new URLSearchParams({ ...(session ? { _csrf: session.csrfToken } : {}), ...fields }).toString();
      }
    }
    return fetch(`${server.url}${path}`, { method, headers, body, redirect: 'manual' });
  }

  /** What is wrong with `response` to `key` called as `who`, or null when it is as the matrix says. */
  function judge(key: string, who: Who, allowed: boolean, response: Response): string | null {
    const status = response.status;
    if (status >= 500) return `${key} as ${who}: server error ${status}`;
    if (allowed && (status === 401 || status === 403 || status === 404 || isLoginRedirect(response))) {
      return `${key} as ${who}: expected allowed, got ${status}${response.headers.get('location') ? ` → ${response.headers.get('location')}` : ''}`;
    }
    if (!allowed && who === 'anonymous' && !(status === 401 || status === 403 || isLoginRedirect(response))) {
      return `${key} as anonymous: expected 401/403/redirect to sign-in, got ${status}`;
    }
    if (!allowed && who !== 'anonymous' && !(status === 403 || status === 404)) return `${key} as ${who}: expected 403/404, got ${status}`;
    return null;
  }

  it('allows each role exactly what its entry says, and denies the rest', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const expectation = EXPECTATIONS[key];
      if (!expectation) continue;
      if (expectation.access === 'public') {
        if (route.method === 'GET') {
          const path = expectation.path ? expectation.path(fixtures) : route.url;
          const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
          if (response.status === 401 || response.status === 403 || response.status >= 500 || isLoginRedirect(response)) {
            failures.push(`${key} as anonymous: expected open, got ${response.status}`);
          }
        }
        continue;
      }
      for (const who of EVERYONE) {
        const allowed = who !== 'anonymous' && ROLES.indexOf(who) >= ROLES.indexOf(expectation.access);
        const path = expectation.path ? expectation.path(fixtures, who) : route.url;
        const response = await call(route.method, path, who, expectation);
        await response.arrayBuffer();
        const failure = judge(key, who, allowed, response);
        if (failure) failures.push(failure);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('gives an API key of each role exactly that role’s rights on every /api/admin route, without cookie or CSRF token', async () => {
    const tokens = keyTokens;
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.url.startsWith('/api/admin/'))) {
      const key = `${route.method} ${route.url}`;
      const expectation = EXPECTATIONS[key];
      if (!expectation || expectation.access === 'public') continue;
      for (const role of ROLES) {
        const path = (expectation.keyPath ?? expectation.path)?.(fixtures, role) ?? route.url;
        const headers: Record<string, string> = { authorization: `Bearer ${tokens.get(role)}` };
        let body: string | undefined;
        if (route.method !== 'GET' && route.method !== 'DELETE') {
          headers['content-type'] = 'application/json';
          body = JSON.stringify(expectation.body ?? {});
        }
        const response = await fetch(`${server.url}${path}`, { method: route.method, headers, body, redirect: 'manual' });
        await response.arrayBuffer();
        const failure = judge(`${key} (API key)`, role, ROLES.indexOf(role) >= ROLES.indexOf(expectation.access), response);
        if (failure) failures.push(failure);
      }
    }
    assert.deepEqual(failures, []);
  });
});
