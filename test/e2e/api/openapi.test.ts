import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { upsertTermTranslation } from '#src/domain/taxonomy/term-translation-repository.ts';
import { registeredRoutes } from '#src/web/middleware/auth.ts';
import { isDocumentedApiPath } from '#src/web/api/openapi-document.ts';
import { createAuthorFixture, createImageFixture, createSectionFixture, createTagFixture, createWebhookFixture } from '../../support/factories.ts';
import { createLicenceFixture, createLicenceRequestFixture } from '../../support/licences.ts';
import { createFindingFixture, createWatchSourceFixture } from '../../support/monitoring.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser, createArticle, textBody, type ApiUser } from './articles-client.ts';

/**
 * The OpenAPI document is the contract partners build against, so it is checked against the
 * server itself: every /api/admin and /api/content route is in it, and real answers of every GET
 * route match the schemas it publishes. The answers are checked by Ajv (JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1), a validator independent of zod: checking them with the zod schemas the
 * document is written from would pass even when the writing loses or distorts something (a
 * dangling $ref, a keyword 2020-12 does not know, a nullable written the 3.0 way), which is what
 * this test is for.
 */

type Operation = { responses: Record<string, { content?: Record<string, { schema?: object }> }> };
type OpenApi = { openapi: string; paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, object> } };

/** What the GET requests below need to name real things. */
type Fixtures = {
  articleId: number;
  articlePath: string;
  revisionFrom: number;
  revisionTo: number;
  mediaId: number;
  webhookId: number;
  licenceRequestId: number;
  licenceId: number;
  partnerId: number;
  /** A live layout of the English Main Page that pins the published article. */
  mainPageRevisionId: number;
  watchSourceId: number;
  findingId: number;
  sectionSlug: string;
  ruSectionSlug: string;
  nextTagsCursor: string;
  pageId: number;
  pagePath: string;
  pageRevisionFrom: number;
  pageRevisionTo: number;
};

/**
 * Requests for every documented GET route, by the document's path: at least one that succeeds,
 * and for the Content API the refusals it documents. A GET route added to the API without a line
 * here fails the test (add a request that reaches it with real data).
 */
const GET_REQUESTS: Record<string, Array<(f: Fixtures) => string>> = {
  '/api/admin/session': [() => '/api/admin/session'],
  '/api/admin/media': [() => '/api/admin/media', () => '/api/admin/media?q=Horses&page=1'],
  '/api/admin/media/{id}': [(f) => `/api/admin/media/${f.mediaId}`],
  '/api/admin/articles': [() => '/api/admin/articles', () => '/api/admin/articles?status=published&language=en&mine=1'],
  '/api/admin/articles/{id}': [(f) => `/api/admin/articles/${f.articleId}`],
  '/api/admin/articles/{id}/revisions': [(f) => `/api/admin/articles/${f.articleId}/revisions`],
  '/api/admin/articles/{id}/revisions/diff': [(f) => `/api/admin/articles/${f.articleId}/revisions/diff?from=${f.revisionFrom}&to=${f.revisionTo}`],
  '/api/admin/articles/{id}/pending-edit': [(f) => `/api/admin/articles/${f.articleId}/pending-edit`],
  '/api/admin/articles/{id}/comments': [(f) => `/api/admin/articles/${f.articleId}/comments`],
  '/api/admin/review': [() => '/api/admin/review'],
  '/api/admin/webhooks': [() => '/api/admin/webhooks'],
  '/api/admin/webhooks/{id}': [(f) => `/api/admin/webhooks/${f.webhookId}`],
  '/api/admin/webhooks/{id}/deliveries': [(f) => `/api/admin/webhooks/${f.webhookId}/deliveries`],
  '/api/admin/licences/requests': [() => '/api/admin/licences/requests'],
  '/api/admin/licences/requests/{id}': [(f) => `/api/admin/licences/requests/${f.licenceRequestId}`],
  '/api/admin/licences': [() => '/api/admin/licences'],
  '/api/admin/licences/{id}': [(f) => `/api/admin/licences/${f.licenceId}`],
  '/api/admin/partners': [() => '/api/admin/partners'],
  '/api/admin/partners/{id}': [(f) => `/api/admin/partners/${f.partnerId}`],
  '/api/admin/main-page/{language}': [() => '/api/admin/main-page/en'],
  '/api/admin/main-page/{language}/revisions/{id}': [(f) => `/api/admin/main-page/en/revisions/${f.mainPageRevisionId}`],
  '/api/admin/rights/policy': [() => '/api/admin/rights/policy'],
  '/api/admin/monitoring/sources': [() => '/api/admin/monitoring/sources'],
  '/api/admin/monitoring/sources/{id}': [(f) => `/api/admin/monitoring/sources/${f.watchSourceId}`],
  '/api/admin/monitoring/findings': [() => '/api/admin/monitoring/findings', (f) => `/api/admin/monitoring/findings?status=open&verdict=over-quota&sourceId=${f.watchSourceId}&page=1`],
  '/api/admin/monitoring/findings/{id}': [(f) => `/api/admin/monitoring/findings/${f.findingId}`],
  '/api/content/articles': [
    () => '/api/content/articles',
    (f) => `/api/content/articles?language=ru&section=${f.ruSectionSlug}&sort=updated&limit=1`,
    () => '/api/content/articles?cursor=not-a-cursor',
    () => '/api/content/articles?tag=no-such-tag',
    () => '/api/content/articles?language=de',
  ],
  '/api/content/articles/by-path': [(f) => `/api/content/articles/by-path?path=${encodeURIComponent(f.articlePath)}`, () => '/api/content/articles/by-path?path=%2Fno%2Fsuch'],
  '/api/content/articles/{id}': [(f) => `/api/content/articles/${f.articleId}`, () => '/api/content/articles/2000000000'],
  '/api/admin/pages': [() => '/api/admin/pages', () => '/api/admin/pages?language=en&status=published'],
  '/api/admin/pages/{id}': [(f) => `/api/admin/pages/${f.pageId}`],
  '/api/admin/pages/{id}/revisions': [(f) => `/api/admin/pages/${f.pageId}/revisions`],
  '/api/admin/pages/{id}/revisions/diff': [(f) => `/api/admin/pages/${f.pageId}/revisions/diff?from=${f.pageRevisionFrom}&to=${f.pageRevisionTo}`],
  '/api/content/pages': [() => '/api/content/pages', () => '/api/content/pages?language=en&menu=footer', () => '/api/content/pages?language=de'],
  '/api/content/pages/by-path': [(f) => `/api/content/pages/by-path?path=${encodeURIComponent(f.pagePath)}`, () => '/api/content/pages/by-path?path=%2Fno-such-page'],
  '/api/content/pages/{id}': [(f) => `/api/content/pages/${f.pageId}`, () => '/api/content/pages/2000000000'],
  '/api/content/settings': [() => '/api/content/settings', () => '/api/content/settings?language=ru'],
  '/api/content/sections': [() => '/api/content/sections?language=kk'],
  '/api/content/tags': [() => '/api/content/tags?limit=1', (f) => `/api/content/tags?limit=1&cursor=${f.nextTagsCursor}`],
  '/api/content/authors': [() => '/api/content/authors?language=ru'],
};

/** A route path as the document writes it: /api/admin/articles/:id → /api/admin/articles/{id}. */
const documentPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

describe('the OpenAPI document at /api/openapi.json', () => {
  let server: TestServer;
  let admin: ApiUser;
  let document: OpenApi;
  let fixtures: Fixtures;

  before(async () => {
    server = await startTestServer();
    const { context } = server;
    admin = await apiUser(server, 'admin');
    const section = await createSectionFixture(context, { name: 'Steppe' });
    await upsertTermTranslation(context.database.db, 'section', section.id, { language: 'ru', name: 'Степь', slug: `step-${section.id}`, description: '' });
    const [tag, author, image] = await Promise.all([createTagFixture(context), createAuthorFixture(context), createImageFixture(context, { altText: 'Horses', caption: 'Horses at dawn' })]);
    await createTagFixture(context);
    const draft = await createArticle(admin, { title: 'Horses of the steppe', sectionId: section.id, tagIds: [tag.id], authorIds: [author.id], leadMediaId: image.id, body: textBody('First version.') });
    const published = await admin.call<{ version: number }>('POST', `/api/admin/articles/${draft.id}/publish`, { version: draft.version });
    const edited = await admin.call<{ version: number; path: string }>('PUT', `/api/admin/articles/${draft.id}`, { version: published.body.version, body: textBody('Second version.') });
    assert.equal(edited.status, 200);
    await admin.call('PUT', `/api/admin/articles/${draft.id}/pending-edit`, { version: edited.body.version, title: 'Horses of the steppe, kept aside' });
    const russian = await createArticle(admin, { title: 'Кони степи', sectionId: section.id, language: 'ru', translationOfId: draft.id, body: textBody('Текст.') });
    await admin.call('POST', `/api/admin/articles/${russian.id}/publish`, { version: russian.version });
    const revisions = (await admin.call<{ items: Array<{ id: number }> }>('GET', `/api/admin/articles/${draft.id}/revisions`)).body.items;
    // A thread with a mention, a reply and a withdrawn comment, so the comments answer shows every field filled.
    const opening = await admin.call<{ id: number }>('POST', `/api/admin/articles/${draft.id}/comments`, { body: `Checked, @${admin.user.name}.` });
    await admin.call('POST', `/api/admin/articles/${draft.id}/comments/${opening.body.id}/replies`, { body: 'Noted.' });
    const withdrawn = await admin.call<{ id: number }>('POST', `/api/admin/articles/${draft.id}/comments`, { body: 'Withdrawn later.' });
    await admin.call('DELETE', `/api/admin/articles/${draft.id}/comments/${withdrawn.body.id}`);
    const { endpointId } = await createWebhookFixture(context);
    const pendingRequest = await createLicenceRequestFixture(context, { articleId: draft.id });
    const { licence } = await createLicenceFixture(context, { articleId: draft.id });
    const tags = await (await fetch(`${server.url}/api/content/tags?limit=1`)).json();
    const layout = await admin.call<{ id: number }>('POST', '/api/admin/main-page/en/revisions', {
      layout: { topStoryId: draft.id, banner: { text: 'Breaking', endsAt: '2099-01-01T00:00:00Z' }, blocks: [{ kind: 'latest', pins: [] }] },
      baseRevisionId: null,
      publish: true,
    });
    assert.equal(layout.status, 201, JSON.stringify(layout.body));
    const about = (await admin.call<{ id: number; version: number }>('POST', '/api/admin/pages', { title: 'About', slug: 'about', menu: 'footer', body: textBody('Who we are.') })).body;
    const aboutLive = (await admin.call<{ version: number; path: string }>('POST', `/api/admin/pages/${about.id}/publish`, { version: about.version })).body;
    const pageRevisions = (await admin.call<{ items: Array<{ id: number }> }>('GET', `/api/admin/pages/${about.id}/revisions`)).body.items;
    const watched = await createWatchSourceFixture(context);
    const copied = await createFindingFixture(context, { articleId: draft.id, sourceId: watched.id });
    fixtures = {
      articleId: draft.id,
      articlePath: edited.body.path,
      revisionFrom: Math.min(...revisions.map((r) => r.id)),
      revisionTo: Math.max(...revisions.map((r) => r.id)),
      mediaId: image.id,
      webhookId: endpointId,
      licenceRequestId: pendingRequest.id,
      licenceId: licence.id,
      partnerId: licence.partner.id,
      mainPageRevisionId: layout.body.id,
      watchSourceId: watched.id,
      findingId: copied.id,
      sectionSlug: section.slug,
      ruSectionSlug: `step-${section.id}`,
      nextTagsCursor: tags.nextCursor,
      pageId: about.id,
      pagePath: aboutLive.path,
      pageRevisionFrom: Math.min(...pageRevisions.map((r) => r.id)),
      pageRevisionTo: Math.max(...pageRevisions.map((r) => r.id)),
    };
    document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApi;
  });
  after(() => server?.close());

  it('is OpenAPI 3.1 and describes the Admin API and the Content API, nothing else', () => {
    assert.match(document.openapi, /^3\.1\.\d+$/);
    const paths = Object.keys(document.paths);
    assert.ok(paths.length > 30, `only ${paths.length} paths`);
    assert.deepEqual(paths.filter((path) => !isDocumentedApiPath(path)), [], 'newsroom pages, public pages, feeds and /healthz stay out');
  });

  it('lists every /api/admin and /api/content route the server answers, and none it does not', () => {
    const served = registeredRoutes(server.app)
      .filter((route) => isDocumentedApiPath(route.url) && route.method !== 'HEAD' && route.method !== 'OPTIONS')
      .map((route) => `${route.method} ${documentPath(route.url)}`);
    assert.ok(served.length > 30, `found only ${served.length} routes: is the route catalog wired?`);
    const documented = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    assert.deepEqual(served.filter((route) => !documented.includes(route)), [], 'routes missing from the document (a route with `schema: { hide: true }`, or outside the transform)');
    assert.deepEqual(documented.filter((route) => !served.includes(route)), [], 'documented routes the server does not answer');
  });

  it('describes every real answer of every GET route: the status is documented and the body matches its schema', async () => {
    const ajv = new Ajv2020({ allErrors: true, strictTypes: false, strictTuples: false });
    // ajv-formats is CommonJS: its function is the module and also its `default`.
    formats.default(ajv);
    // The schemas' $refs point into the document's components (#/components/schemas/…).
    ajv.addVocabulary(['components']);
    const gets = Object.entries(document.paths).flatMap(([path, operations]) => (operations.get ? [[path, operations.get] as const] : []));
    assert.deepEqual(gets.map(([path]) => path).filter((path) => !GET_REQUESTS[path]), [], 'add a request for each documented GET route to GET_REQUESTS');

    const checked: string[] = [];
    for (const [path, operation] of gets) {
      for (const request of GET_REQUESTS[path]!) {
        const url = request(fixtures);
        const response = await fetch(`${server.url}${url}`, { headers: { cookie: admin.cookie, accept: 'application/json' }, redirect: 'manual' });
        const body = await response.text();
        const documented = operation.responses[String(response.status)];
        assert.ok(documented, `GET ${url} answered ${response.status}, which the document does not list for GET ${path}: ${body.slice(0, 300)}`);
        const schema = documented.content?.['application/json']?.schema;
        assert.ok(schema, `GET ${path} ${response.status} has no JSON schema in the document`);
        const validate = ajv.compile({ ...schema, components: document.components });
        assert.ok(validate(JSON.parse(body)), `GET ${url} (${response.status}) does not match the document: ${ajv.errorsText(validate.errors)}\n${body.slice(0, 500)}`);
        checked.push(`${response.status} ${url}`);
      }
    }
    const statuses = new Set(checked.map((line) => line.split(' ')[0]));
    for (const status of ['200', '400', '404', '422']) assert.ok(statuses.has(status), `no ${status} answer was checked`);
  });
});
