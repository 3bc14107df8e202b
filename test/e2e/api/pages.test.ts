import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PageJson } from '#src/domain/pages/page-json.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createPublishedArticle, createSectionFixture } from '../../support/factories.ts';
import { apiUser, imageFixture, textBody, type ApiUser } from './articles-client.ts';

/** Creates a page through the Admin API; throws unless it answers 201. */
async function createPage(as: ApiUser, fields: Record<string, unknown>): Promise<PageJson> {
  const { status, body } = await as.call<PageJson>('POST', '/api/admin/pages', fields);
  if (status !== 201) throw new Error(`create answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

async function getHtml(server: TestServer, path: string): Promise<{ status: number; html: string; keys: string }> {
  const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
  return { status: response.status, html: await response.text(), keys: response.headers.get('surrogate-key') ?? '' };
}

describe('static pages over HTTP', () => {
  let server: TestServer;
  let editor: ApiUser;
  before(async () => {
    server = await startTestServer();
    editor = await apiUser(server, 'editor');
  });
  after(() => server.close());

  it('creates, edits and publishes a page through /api/admin/pages, and readers find it at its address', async () => {
    const about = await createPage(editor, { title: 'About the paper', slug: 'about', body: textBody('We report from the steppe.') });
    assert.equal(about.path, '/about');
    assert.equal((await getHtml(server, '/about')).status, 404, 'a draft is not public');
    const saved = await editor.call<PageJson>('PUT', `/api/admin/pages/${about.id}`, { version: about.version, body: textBody('We report from the steppe, daily.') });
    assert.equal(saved.status, 200);
    const stale = await editor.call('PUT', `/api/admin/pages/${about.id}`, { version: about.version, title: 'Old' });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.current.version, saved.body.version);
    const live = await editor.call<PageJson>('POST', `/api/admin/pages/${about.id}/publish`, { version: saved.body.version });
    assert.equal(live.body.status, 'published');
    const page = await getHtml(server, '/about');
    assert.equal(page.status, 200);
    assert.match(page.html, /<h1 class="article-title">About the paper<\/h1>/);
    assert.match(page.html, /We report from the steppe, daily\./);
    assert.match(page.keys, new RegExp(`(^| )page:${about.id}( |$)`));

    const team = await createPage(editor, { title: 'Our team', parentId: about.id, status: 'published', body: textBody('Editors and reporters.') });
    const child = await getHtml(server, `/about/${team.slug}`);
    assert.equal(child.status, 200);
    assert.match(child.html, /<a href="\/about">About the paper<\/a>/, 'the breadcrumb names the parent');
    const revisions = await editor.call('GET', `/api/admin/pages/${about.id}/revisions`);
    assert.deepEqual(revisions.body.items.map((r: { kind: string }) => r.kind), ['publish', 'save', 'create']);
    // The cached page and its subpage's breadcrumb follow an edit of the live page.
    await editor.call('PUT', `/api/admin/pages/${about.id}`, { version: live.body.version, title: 'About us' });
    assert.match((await getHtml(server, '/about')).html, /<h1 class="article-title">About us<\/h1>/);
    assert.match((await getHtml(server, `/about/${team.slug}`)).html, /<a href="\/about">About us<\/a>/);
  });

  it('refuses an address a route, a language or a section owns, naming the slug field', async () => {
    const section = await createSectionFixture(server.context);
    for (const slug of ['newsroom', 'api', 'search', 'sitemaps', 'assets', 'feeds', 'ru', section.slug]) {
      const answer = await editor.call('POST', '/api/admin/pages', { title: 'Clash', slug });
      assert.equal(answer.status, 422, `${slug}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.field, 'slug');
    }
    const bad = await editor.call('POST', '/api/admin/pages', { title: 'Bad', slug: 'Not A Slug' });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body), /slug/);
  });

  it('lists header and footer pages on every public page of their language, and drops cached pages when the menu changes', async () => {
    const article = await createPublishedArticle(server.context);
    const home = await getHtml(server, '/');
    assert.doesNotMatch(home.html, /Contact us/);
    assert.match(home.keys, /(^| )menus( |$)/);
    const contacts = await createPage(editor, { title: 'Contact us', slug: 'contacts', menu: 'footer', menuOrder: 2, status: 'published', body: textBody('Write to us.') });
    await createPage(editor, { title: 'Advertise', slug: 'advertise', menu: 'footer', menuOrder: 1, status: 'published' });
    await createPage(editor, { title: 'Редакция', slug: 'redaktsiia', menu: 'header', language: 'ru', status: 'published' });
    for (const path of ['/', article.path]) {
      const { html } = await getHtml(server, path);
      const footer = html.slice(html.indexOf('<footer'));
      assert.ok(footer.indexOf('>Advertise<') > 0 && footer.indexOf('>Advertise<') < footer.indexOf('>Contact us<'), `${path}: footer pages in menu order`);
      assert.doesNotMatch(html, /Редакция/, 'a Russian page is not in the English menus');
    }
    const ru = await getHtml(server, '/ru/');
    assert.match(ru.html.slice(ru.html.indexOf('<header'), ru.html.indexOf('</header>')), /<a href="\/ru\/redaktsiia">Редакция<\/a>/);
    await editor.call('POST', `/api/admin/pages/${contacts.id}/unpublish`, { version: contacts.version });
    assert.doesNotMatch((await getHtml(server, '/')).html, /Contact us/, 'the cached home page was dropped');
  });

  it('lists published pages in the sitemap and in the Content API, by id and by path', async () => {
    const image = await imageFixture(server, { altText: 'The office', name: 'office.png' });
    const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Our office.' }] }, { type: 'figure', attrs: { mediaId: image, caption: '', credit: '', alt: '' } }] };
    const terms = await createPage(editor, { title: 'Terms of use', slug: 'terms', status: 'published', menu: 'footer', body });
    await createPage(editor, { title: 'Draft policy', slug: 'draft-policy' });
    const sitemap = await getHtml(server, '/sitemaps/pages.xml');
    assert.match(sitemap.html, new RegExp(`<loc>${server.url}/terms</loc>`));
    assert.doesNotMatch(sitemap.html, /draft-policy/);

    const list = await (await fetch(`${server.url}/api/content/pages?menu=footer`)).json();
    assert.ok(list.items.some((p: { id: number }) => p.id === terms.id));
    const all = await (await fetch(`${server.url}/api/content/pages`)).json();
    assert.ok(!all.items.some((p: { slug: string }) => p.slug === 'draft-policy'));
    const one = await (await fetch(`${server.url}/api/content/pages/${terms.id}`)).json();
    assert.equal(one.url, `${server.url}/terms`);
    assert.match(one.html, /Our office\./);
    assert.equal(one.images[0].id, image);
    const byPath = await fetch(`${server.url}/api/content/pages/by-path?path=%2Fterms`);
    assert.equal((await byPath.json()).id, terms.id);
    const moved = await editor.call<PageJson>('PUT', `/api/admin/pages/${terms.id}`, { version: terms.version, slug: 'terms-of-use' });
    const old = await fetch(`${server.url}/api/content/pages/by-path?path=%2Fterms`, { redirect: 'manual' });
    assert.equal(old.status, 301);
    assert.equal((await getHtml(server, '/terms')).status, 301);
    assert.equal(moved.body.path, '/terms-of-use');
    const draft = await fetch(`${server.url}/api/content/pages/by-path?path=%2Fdraft-policy`);
    assert.equal(draft.status, 404);
  });

  it('keeps pages away from contributors and authors', async () => {
    for (const role of ['contributor', 'author'] as const) {
      const user = await apiUser(server, role);
      assert.equal((await user.call('GET', '/api/admin/pages')).status, 403);
      assert.equal((await user.call('POST', '/api/admin/pages', { title: 'Mine' })).status, 403);
    }
  });
});
