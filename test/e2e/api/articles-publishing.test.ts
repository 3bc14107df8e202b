import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser, createArticle, imageFixture, textBody, type ApiUser } from './articles-client.ts';

function figure(mediaId: number, alt = '') {
  return { type: 'figure', attrs: { mediaId, caption: '', credit: '', alt } };
}

describe('publishing articles', () => {
  let server: TestServer;
  let section: { id: number; slug: string };
  let editor: ApiUser;
  let author: ApiUser;

  before(async () => {
    server = await startTestServer();
    section = await createSectionFixture(server.context);
    [editor, author] = await Promise.all([apiUser(server, 'editor'), apiUser(server, 'author')]);
  });
  after(() => server.close());

  it('refuses to publish while the lead image has no alt text, naming the image', async () => {
    const bare = await imageFixture(server, { altText: '', name: 'no-alt-lead.png' });
    const article = await createArticle(editor, { title: 'Lead without alt', sectionId: section.id, leadMediaId: bare });
    const response = await editor.call('POST', `/api/admin/articles/${article.id}/publish`, { version: article.version });
    assert.equal(response.status, 422);
    assert.equal(response.body.field, 'leadMediaId');
    assert.match(response.body.message, new RegExp(`Image ${bare} \\("no-alt-lead.png"\\)`));
    const stored = await editor.call<ArticleJson>('GET', `/api/admin/articles/${article.id}`);
    assert.equal(stored.body.status, 'draft');
  });

  it('refuses to publish while a body image has no alt text, and publishes once it has', async () => {
    const described = await imageFixture(server, { altText: 'A yurt on the steppe', name: 'ok.png' });
    const bare = await imageFixture(server, { altText: '', name: 'figure-no-alt.png' });
    const article = await createArticle(editor, {
      title: 'Figures',
      sectionId: section.id,
      leadMediaId: described,
      body: { type: 'doc', content: [...textBody('Intro.').content, figure(described), figure(bare)] },
    });
    const refused = await editor.call('POST', `/api/admin/articles/${article.id}/publish`, { version: article.version });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.field, 'body');
    assert.match(refused.body.message, new RegExp(`Image ${bare} \\("figure-no-alt.png"\\)`));
    // Alt text given on this use of the image is enough.
    const fixed = await editor.call<ArticleJson>('PUT', `/api/admin/articles/${article.id}`, {
      version: article.version,
      body: { type: 'doc', content: [...textBody('Intro.').content, figure(described), figure(bare, 'Riders at dawn')] },
    });
    const published = await editor.call<ArticleJson>('POST', `/api/admin/articles/${article.id}/publish`, { version: fixed.body.version });
    assert.equal(published.status, 200, JSON.stringify(published.body));
    assert.equal(published.body.status, 'published');
  });

  it('makes the old public path answer 301 when a published article’s slug changes', async () => {
    const article = await createArticle(editor, { title: 'Original headline', sectionId: section.id, body: textBody('Text.') });
    const published = await editor.call<ArticleJson>('POST', `/api/admin/articles/${article.id}/publish`, { version: 1 });
    const oldPath = published.body.path;
    assert.equal((await fetch(`${server.url}${oldPath}`, { redirect: 'manual' })).status, 200);
    // The title changes; the slug of a published article stays put unless changed on purpose.
    const retitled = await editor.call<ArticleJson>('PUT', `/api/admin/articles/${article.id}`, { version: published.body.version, title: 'Better headline' });
    assert.equal(retitled.body.path, oldPath);
    const moved = await editor.call<ArticleJson>('PUT', `/api/admin/articles/${article.id}`, { version: retitled.body.version, slug: 'better-headline' });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.path, `/${section.slug}/better-headline`);
    const response = await fetch(`${server.url}${oldPath}`, { redirect: 'manual' });
    assert.equal(response.status, 301);
    assert.equal(new URL(response.headers.get('location')!, server.url).pathname, moved.body.path);
    assert.equal((await fetch(`${server.url}${moved.body.path}`, { redirect: 'manual' })).status, 200);
  });

  it('redirects the path of the last publication when an unpublished article comes back under another section', async () => {
    const other = await createSectionFixture(server.context);
    const article = await createArticle(editor, { title: 'Moving story', sectionId: section.id, body: textBody('Text.') });
    const published = await editor.call<ArticleJson>('POST', `/api/admin/articles/${article.id}/publish`, { version: 1 });
    const down = await editor.call<ArticleJson>('POST', `/api/admin/articles/${article.id}/unpublish`, { version: published.body.version });
    const moved = await editor.call<ArticleJson>('PUT', `/api/admin/articles/${article.id}`, { version: down.body.version, sectionId: other.id });
    const republished = await editor.call<ArticleJson>('POST', `/api/admin/articles/${article.id}/publish`, { version: moved.body.version });
    assert.equal(republished.body.path, `/${other.slug}/${published.body.slug}`);
    const response = await fetch(`${server.url}${published.body.path}`, { redirect: 'manual' });
    assert.equal(response.status, 301);
    assert.equal(new URL(response.headers.get('location')!, server.url).pathname, republished.body.path);
  });

  it('emits article.published after the commit, and article.updated for edits of a published article', async () => {
    const seen: string[] = [];
    const article = await createArticle(editor, { title: 'Evented', sectionId: section.id });
    server.context.events.on('article.published', ({ articleId }) => {
      if (articleId === article.id) seen.push('published');
    });
    server.context.events.on('article.updated', ({ articleId }) => {
      if (articleId === article.id) seen.push('updated');
    });
    server.context.events.on('article.unpublished', ({ articleId }) => {
      if (articleId === article.id) seen.push('unpublished');
    });
    const published = await editor.call<ArticleJson>('POST', `/api/admin/articles/${article.id}/publish`, { version: 1 });
    const edited = await editor.call<ArticleJson>('PUT', `/api/admin/articles/${article.id}`, { version: published.body.version, standfirst: 'New.' });
    await editor.call('POST', `/api/admin/articles/${article.id}/unpublish`, { version: edited.body.version });
    assert.deepEqual(seen, ['published', 'updated', 'unpublished']);
  });

  it('appends corrections to published articles only, and offers no way to change them', async () => {
    const draft = await createArticle(author, { title: 'Correctable', sectionId: section.id, body: textBody('Text.') });
    const early = await author.call('POST', `/api/admin/articles/${draft.id}/corrections`, { kind: 'correction', text: 'Too early.' });
    assert.equal(early.status, 422);
    assert.equal(early.body.field, 'status');
    await author.call('POST', `/api/admin/articles/${draft.id}/publish`, { version: 1 });
    const first = await author.call('POST', `/api/admin/articles/${draft.id}/corrections`, { kind: 'correction', text: 'An earlier version misspelt the minister’s name.' });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const second = await editor.call('POST', `/api/admin/articles/${draft.id}/corrections`, { kind: 'update', text: 'The vote was held on Tuesday.' });
    assert.equal(second.status, 201);
    const badKind = await editor.call('POST', `/api/admin/articles/${draft.id}/corrections`, { kind: 'retraction', text: 'x' });
    assert.equal(badKind.status, 400);
    assert.equal(badKind.body.field, 'kind');
    const read = await editor.call<ArticleJson>('GET', `/api/admin/articles/${draft.id}`);
    assert.deepEqual(read.body.corrections.map((c) => [c.kind, c.text]), [
      ['correction', 'An earlier version misspelt the minister’s name.'],
      ['update', 'The vote was held on Tuesday.'],
    ]);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const response = await editor.call(method, `/api/admin/articles/${draft.id}/corrections/${first.body.id}`, method === 'DELETE' ? undefined : { text: 'rewritten' });
      assert.equal(response.status, 404, method);
    }
    const page = await (await fetch(`${server.url}${read.body.path}`)).text();
    assert.ok(page.includes('The vote was held on Tuesday.'), 'the public page shows the update');
  });
});
