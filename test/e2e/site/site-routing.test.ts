import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createArticleFixture, createAuthorFixture, createPublishedArticle, createSectionFixture, createTagFixture } from '../../support/factories.ts';
import { recordPathChange } from '#src/domain/redirects/redirect-repository.ts';
import { updateSection } from '#src/domain/sections/section-repository.ts';
import { updateTag } from '#src/domain/tags/tag-repository.ts';
import { updateAuthor } from '#src/domain/people/author-repository.ts';
import { LIST_PAGE_SIZE } from '#src/web/site/page-params.ts';
import { textOf } from './html-text.ts';
import { createArticleService } from '#src/domain/articles/article-service.ts';
import { asSystem } from '#src/domain/people/actor.ts';

describe('public site routing', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, { redirect: 'manual', ...init });

  it('answers 301 from an old article path to the new one', async () => {
    const article = await createPublishedArticle(server.context);
    const oldPath = `/${article.sectionSlug}/an-old-slug`;
    await recordPathChange(server.context.database.db, oldPath, article.path);
    const response = await get(oldPath);
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), article.path);
    assert.equal((await get(article.path)).status, 200);
  });

  it('answers 301 from an old section path', async () => {
    const section = await createSectionFixture(server.context);
    await recordPathChange(server.context.database.db, '/old-section-name', `/${section.slug}`);
    const response = await get('/old-section-name');
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), `/${section.slug}`);
  });

  it('answers 301 for the old paths of a renamed section (and its articles), tag and author', async () => {
    const db = server.context.database.db;
    const section = await createSectionFixture(server.context);
    const tag = await createTagFixture(server.context);
    const author = await createAuthorFixture(server.context);
    const article = await createPublishedArticle(server.context, { sectionId: section.id, tagIds: [tag.id], authorIds: [author.id] });
    await updateSection(db, section.id, { slug: `${section.slug}-renamed` });
    await updateTag(db, tag.id, { slug: `${tag.slug}-renamed` });
    await updateAuthor(db, author.id, { slug: `${author.slug}-renamed` });
    server.context.events.emit('taxonomy.updated');
    for (const [from, to] of [
      [`/${section.slug}`, `/${section.slug}-renamed`],
      [article.path, `/${section.slug}-renamed/${article.slug}`],
      [`/tag/${tag.slug}`, `/tag/${tag.slug}-renamed`],
      [`/author/${author.slug}`, `/author/${author.slug}-renamed`],
    ]) {
      const response = await get(from!);
      assert.equal(response.status, 301, from);
      assert.equal(response.headers.get('location'), to);
      assert.equal((await get(to!)).status, 200, to);
    }
  });

  it('answers a helpful 404 (never 500) for unknown and malformed paths', async () => {
    const section = await createSectionFixture(server.context, { name: 'Economy' });
    const known = await createPublishedArticle(server.context, { sectionId: section.id, title: 'A story to suggest' });
    for (const path of [
      '/no-such-section',
      `/${section.slug}/no-such-article`,
      '/tag/no-such-tag',
      '/author/no-such-author',
      '/UPPER/Case',
      '/%E2%80%AE/x',
      `/${section.slug}/${known.slug}/extra`,
      '/a/b/c/d',
    ]) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      const html = await response.text();
      assert.match(html, /<h1>Page not found<\/h1>/, path);
      assert.match(html, /<a href="\/" class="button-link">Go to the Main Page<\/a>/);
      assert.match(html, new RegExp(`<a href="/${section.slug}">Economy</a>`));
      assert.match(html, new RegExp(`<a href="${known.path}">A story to suggest</a>`));
    }
  });

  it('hides drafts, articles in review, scheduled, trashed and future-dated articles from readers', async () => {
    const hidden = await Promise.all([
      createArticleFixture(server.context, { status: 'draft' }),
      createArticleFixture(server.context, { status: 'review' }),
      createArticleFixture(server.context, { status: 'scheduled', scheduledAt: new Date(Date.now() + 3_600_000).toISOString() }),
      createArticleFixture(server.context, { status: 'trashed' }),
      createPublishedArticle(server.context, { publishedAt: new Date(Date.now() + 3_600_000).toISOString(), title: 'From the future' }),
    ]);
    for (const article of hidden) {
      assert.equal((await get(article.path)).status, 404, article.path);
      const list = await (await get(`/${article.sectionSlug}`)).text();
      assert.doesNotMatch(list, new RegExp(article.slug));
    }
    assert.doesNotMatch(await (await get('/')).text(), /From the future/);
  });

  it('pages a section with prev/next links and 404s past the end or for a non-numeric page', async () => {
    const section = await createSectionFixture(server.context);
    const total = LIST_PAGE_SIZE + 2;
    for (let i = 0; i < total; i++) {
      await createPublishedArticle(server.context, {
        sectionId: section.id,
        title: `Story number ${i}`,
        publishedAt: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(),
      });
    }
    const first = await (await get(`/${section.slug}`)).text();
    assert.equal([...first.matchAll(/<article class="card">/g)].length, LIST_PAGE_SIZE);
    assert.match(first, /Story number 13/);
    assert.doesNotMatch(first, /Story number 0</);
    assert.match(first, new RegExp(`<a href="/${section.slug}\\?page=2" rel="next"`));
    assert.doesNotMatch(first, /rel="prev"/);
    const second = await get(`/${section.slug}?page=2`);
    assert.equal(second.status, 200);
    const secondHtml = await second.text();
    assert.equal([...secondHtml.matchAll(/<article class="card">/g)].length, 2);
    assert.match(secondHtml, new RegExp(`<a href="/${section.slug}" rel="prev"`));
    assert.doesNotMatch(secondHtml, /rel="next"/);
    assert.match(secondHtml, new RegExp(`<link rel="canonical" href="${server.url}/${section.slug}\\?page=2"/>`));
    for (const page of ['3', '0', 'abc', '-1', '1.5', '2e1', '99999999']) {
      assert.equal((await get(`/${section.slug}?page=${page}`)).status, 404, page);
    }
  });

  it('pages a section, a tag and an author by the articles readers see now in the page’s language', async () => {
    const articles = createArticleService(server.context);
    const system = asSystem();
    const section = await createSectionFixture(server.context);
    const tag = await createTagFixture(server.context);
    const author = await createAuthorFixture(server.context);
    const terms = { sectionId: section.id, tagIds: [tag.id], authorIds: [author.id] };
    const paths = [`/${section.slug}`, `/tag/${tag.slug}`, `/author/${author.slug}`];
    for (let i = 0; i < LIST_PAGE_SIZE; i++) {
      await createPublishedArticle(server.context, { ...terms, title: `Seen ${i}`, publishedAt: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString() });
    }
    // None of these is on a list: not yet due, not published, or in another language.
    await createPublishedArticle(server.context, { ...terms, publishedAt: new Date(Date.now() + 3_600_000).toISOString() });
    await createArticleFixture(server.context, { ...terms, status: 'draft' });
    await createArticleFixture(server.context, { ...terms, status: 'scheduled', scheduledAt: new Date(Date.now() + 3_600_000).toISOString() });
    await createPublishedArticle(server.context, { ...terms, language: 'ru' });
    const pages = async () => {
      const seen: string[] = [];
      for (const path of paths) {
        const html = await (await get(path)).text();
        const hasNext = new RegExp(`<a href="${path}\\?page=2" rel="next"`).test(html);
        seen.push(`${path}: ${[...html.matchAll(/<article class="card">/g)].length} cards, next ${hasNext}, page 2 ${(await get(`${path}?page=2`)).status}`);
      }
      return seen;
    };
    assert.deepEqual(await pages(), paths.map((path) => `${path}: ${LIST_PAGE_SIZE} cards, next false, page 2 404`), 'one page');

    const extra = await createPublishedArticle(server.context, { ...terms, title: 'One more' });
    assert.deepEqual(await pages(), paths.map((path) => `${path}: ${LIST_PAGE_SIZE} cards, next true, page 2 200`), 'a second page');

    const unpublished = await articles.unpublish(system, extra.id, 1);
    assert.deepEqual(await pages(), paths.map((path) => `${path}: ${LIST_PAGE_SIZE} cards, next false, page 2 404`), 'back to one page');
    await articles.publish(system, extra.id, unpublished.version);
    assert.deepEqual(await pages(), paths.map((path) => `${path}: ${LIST_PAGE_SIZE} cards, next true, page 2 200`), 'republished');
  });

  it('drops an article from its tag and author pages when unpublished, trashed or retagged, and lists it again when republished', async () => {
    const articles = createArticleService(server.context);
    const system = asSystem();
    const tag = await createTagFixture(server.context);
    const otherTag = await createTagFixture(server.context);
    const author = await createAuthorFixture(server.context);
    const draft = await createArticleFixture(server.context, { title: 'Follows its state', tagIds: [tag.id], authorIds: [author.id] });
    const shows = async (path: string) => (await (await get(path)).text()).includes('Follows its state');
    const listed = async () => ({ tag: await shows(`/tag/${tag.slug}`), author: await shows(`/author/${author.slug}`), otherTag: await shows(`/tag/${otherTag.slug}`) });
    assert.deepEqual(await listed(), { tag: false, author: false, otherTag: false }, 'a draft is on no list');
    let article = await articles.publish(system, draft.id, 1);
    assert.deepEqual(await listed(), { tag: true, author: true, otherTag: false });
    article = await articles.unpublish(system, draft.id, article.version);
    assert.deepEqual(await listed(), { tag: false, author: false, otherTag: false });
    article = await articles.publish(system, draft.id, article.version);
    article = await articles.update(system, draft.id, { version: article.version, tagIds: [otherTag.id] });
    assert.deepEqual(await listed(), { tag: false, author: true, otherTag: true }, 'retagged while published');
    await articles.trash(system, draft.id, article.version);
    assert.deepEqual(await listed(), { tag: false, author: false, otherTag: false });
  });

  it('lists a tag\'s and an author\'s published articles', async () => {
    const tag = await createTagFixture(server.context, { name: 'Energy' });
    const author = await createAuthorFixture(server.context, { name: 'Dana Bekova', bio: 'Covers energy.' });
    const mine = await createPublishedArticle(server.context, { title: 'Tagged and bylined', tagIds: [tag.id], authorIds: [author.id] });
    await createPublishedArticle(server.context, { title: 'Someone else' });
    const tagPage = await (await get(`/tag/${tag.slug}`)).text();
    assert.equal(textOf(/<h1>([\s\S]*?)<\/h1>/.exec(tagPage)![1]!), 'Energy');
    assert.match(tagPage, new RegExp(`<a href="${mine.path}">Tagged and bylined</a>`));
    assert.doesNotMatch(tagPage, /Someone else/);
    const authorPage = await (await get(`/author/${author.slug}`)).text();
    assert.match(authorPage, /Covers energy\./);
    assert.match(authorPage, new RegExp(`<a href="${mine.path}">Tagged and bylined</a>`));
    assert.doesNotMatch(authorPage, /Someone else/);
  });

  it('shows the top story, the latest articles and a block per section on the Main Page', async () => {
    const section = await createSectionFixture(server.context, { name: 'Culture', position: -1 });
    const newest = await createPublishedArticle(server.context, { sectionId: section.id, title: 'The newest story', publishedAt: new Date(Date.now() - 1000).toISOString() });
    const html = await (await get('/')).text();
    assert.match(html, new RegExp(`<h2 id="top-story-title" class="top-story-title"><a href="${newest.path}">The newest story</a></h2>`));
    assert.match(html, new RegExp(`<h2 id="block-\\d+" class="block-title"><a href="/${section.slug}">Culture</a></h2>`));
    assert.equal(html.match(/<h1[\s>]/g)?.length, 1);
  });

  it('shows a subsection’s stories on its parent’s page and Main Page block, and not the parent’s on the subsection’s page', async () => {
    const economy = await createSectionFixture(server.context, { name: 'Economy', position: -2 });
    const energy = await createSectionFixture(server.context, { name: 'Energy', parentId: economy.id });
    const fromEnergy = await createPublishedArticle(server.context, { sectionId: energy.id, title: 'Wind farm opens' });
    const fromEconomy = await createPublishedArticle(server.context, { sectionId: economy.id, title: 'Grain prices steady' });
    const linkTo = (article: { path: string }) => `<a href="${article.path}">`;
    const economyPage = await (await get(`/${economy.slug}`)).text();
    assert.ok(economyPage.includes(linkTo(fromEnergy)) && economyPage.includes(linkTo(fromEconomy)), 'the parent lists both');
    const energyPage = await (await get(`/${energy.slug}`)).text();
    assert.ok(energyPage.includes(linkTo(fromEnergy)));
    assert.ok(!energyPage.includes(linkTo(fromEconomy)), 'the subsection lists only its own');
    const home = await (await get('/')).text();
    const block = new RegExp(`<a href="/${economy.slug}">Economy</a></h2>(.*?)</section>`, 's').exec(home)?.[1] ?? '';
    assert.ok(block.includes(linkTo(fromEnergy)), 'the Main Page block of the parent carries the subsection story');
  });

  it('serves a favicon', async () => {
    const response = await get('/favicon.ico');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/x-icon');
    assert.ok((await response.arrayBuffer()).byteLength > 100);
  });
});
