import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createApiKeyService } from '#src/domain/api-keys/api-key-service.ts';
import { createArticleService } from '#src/domain/articles/article-service.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import { createContentAccessService } from '#src/domain/content-api/content-access-service.ts';
import { adminActorOf, bearer, createApiKeyFixture } from '../../support/api-keys.ts';
import { createUserFixture, postForm, signedInAs } from '../../support/auth.ts';
import {
  addCorrectionFixture,
  createAuthorFixture,
  createArticleFixture,
  createImageFixture,
  createPublishedArticle,
  createSectionFixture,
  createTagFixture,
  paragraphsBody,
} from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { upsertTermTranslation } from '#src/domain/taxonomy/term-translation-repository.ts';
import { createSectionService } from '#src/domain/sections/section-service.ts';
import { createTagService } from '#src/domain/tags/tag-service.ts';
import { createAuthorService } from '#src/domain/people/author-service.ts';
import { updateMediaDetails } from '#src/domain/media/media-service.ts';
import { loadSettings, saveSettings } from '#src/domain/settings/settings-repository.ts';

type Answer<T = any> = { status: number; body: T; headers: Headers };

async function get<T = any>(server: TestServer, path: string, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const response = await fetch(`${server.url}${path}`, { headers, redirect: 'manual' });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** Minutes ago, as an ISO instant. */
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('the Content API', () => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof buildWorld>>;

  /** A small newsroom: a section with a subsection, a tag, an author, published stories and ones readers must not see. */
  async function buildWorld(context: TestServer['context']) {
    const news = await createSectionFixture(context, { name: 'News' });
    const sport = await createSectionFixture(context, { name: 'Sport', parentId: news.id });
    const other = await createSectionFixture(context, { name: 'Culture' });
    const tag = await createTagFixture(context, { name: 'Steppe' });
    await createTagFixture(context, { name: 'Second tag' });
    const author = await createAuthorFixture(context, { name: 'Aigerim Nurlanovna', bio: 'Covers the steppe.' });
    const image = await createImageFixture(context, { width: 800, height: 450, caption: 'Library caption', credit: 'Photo: Library', altText: 'Horses on the steppe' });
    const lead = await createPublishedArticle(context, {
      sectionId: news.id,
      title: 'The lead story',
      publishedAt: ago(10),
      tagIds: [tag.id],
      authorIds: [author.id],
      leadMediaId: image.id,
      leadCredit: 'Photo: Our own',
      body: { type: 'doc', content: [...paragraphsBody(['Lead paragraph.']).content, { type: 'figure', attrs: { mediaId: image.id, caption: 'On the road', credit: '', alt: 'A road' } }] },
    });
    const tagged = await createPublishedArticle(context, { sectionId: other.id, title: 'Tagged in culture', publishedAt: ago(20), tagIds: [tag.id] });
    const bySport = await createPublishedArticle(context, { sectionId: sport.id, title: 'A match', publishedAt: ago(30), authorIds: [author.id] });
    const older = await createPublishedArticle(context, { sectionId: news.id, title: 'An older story', publishedAt: ago(40) });
    const oldest = await createPublishedArticle(context, { sectionId: other.id, title: 'The oldest story', publishedAt: ago(50) });
    const draft = await createArticleFixture(context, { sectionId: news.id, title: 'A draft', status: 'draft', tagIds: [tag.id] });
    const future = await createPublishedArticle(context, { sectionId: news.id, title: 'Not yet', publishedAt: new Date(Date.now() + 3_600_000).toISOString(), tagIds: [tag.id] });
    const trashed = await createArticleFixture(context, { sectionId: news.id, title: 'Binned', status: 'trashed' });
    await addCorrectionFixture(context, lead.id, { kind: 'correction', text: 'An earlier version misspelt a name.' });
    return { news, sport, other, tag, author, image, lead, tagged, bySport, older, oldest, draft, future, trashed };
  }

  before(async () => {
    server = await startTestServer();
    world = await buildWorld(server.context);
  });
  after(() => server.close());

  const titles = (answer: Answer) => answer.body.items.map((item: { title: string }) => item.title);

  it('lists only what readers may see, newest first, with absolute URLs, bylines, tags and the lead image', async () => {
    const answer = await get(server, '/api/content/articles');
    assert.equal(answer.status, 200);
    assert.deepEqual(titles(answer), ['The lead story', 'Tagged in culture', 'A match', 'An older story', 'The oldest story']);
    assert.equal(answer.body.nextCursor, null);
    const lead = answer.body.items[0];
    assert.equal(lead.url, `${server.url}${world.lead.path}`);
    assert.equal(lead.path, world.lead.path);
    assert.deepEqual(lead.section, { id: world.news.id, name: 'News', slug: world.news.slug, url: `${server.url}/${world.news.slug}` });
    assert.deepEqual(lead.authors.map((a: { name: string }) => a.name), ['Aigerim Nurlanovna']);
    assert.equal(lead.tags[0].url, `${server.url}/tag/${world.tag.slug}`);
    assert.equal(lead.leadImage.alt, 'Horses on the steppe');
    assert.equal(lead.leadImage.caption, 'Library caption', 'the library caption where the article gives none');
    assert.equal(lead.leadImage.credit, 'Photo: Our own', 'the article’s own credit wins');
    assert.match(lead.leadImage.url, new RegExp(`^${server.url}/media/`));
    assert.ok(lead.leadImage.variants.every((v: { url: string }) => v.url.startsWith(`${server.url}/media/`)));
  });

  it('pages with an opaque cursor, each article once, and a new story does not shift later pages', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer: Answer = await get(server, `/api/content/articles?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(answer.status, 200);
      seen.push(...titles(answer));
      cursor = answer.body.nextCursor;
      pages += 1;
      // Published between two pages: it belongs before the first page, so it must not appear again later.
      if (pages === 1) await createPublishedArticle(server.context, { sectionId: world.other.id, title: 'Breaking meanwhile', publishedAt: ago(1) });
    } while (cursor);
    assert.deepEqual(seen, ['The lead story', 'Tagged in culture', 'A match', 'An older story', 'The oldest story']);
    assert.equal(pages, 3);
  });

  it('filters by section (with its subsections), tag, author and change time, and combines them', async () => {
    const by = async (query: string) => titles(await get(server, `/api/content/articles?${query}`));
    assert.deepEqual(await by(`section=${world.news.slug}`), ['The lead story', 'A match', 'An older story']);
    assert.deepEqual(await by(`section=${world.sport.slug}`), ['A match']);
    assert.deepEqual(await by(`tag=${world.tag.slug}`), ['The lead story', 'Tagged in culture'], 'never the draft or the future one');
    assert.deepEqual(await by(`author=${world.author.slug}`), ['The lead story', 'A match']);
    assert.deepEqual(await by(`tag=${world.tag.slug}&author=${world.author.slug}`), ['The lead story']);
    assert.deepEqual(await by(`tag=${world.tag.slug}&section=${world.other.slug}`), ['Tagged in culture']);
    assert.deepEqual(await by(`author=${world.author.slug}&limit=1&cursor=${(await get(server, `/api/content/articles?author=${world.author.slug}&limit=1`)).body.nextCursor}`), ['A match']);

    const db = server.context.database.db;
    const since = new Date(Date.now() - 5 * 60_000).toISOString();
    await db.updateTable('articles').set({ updated_at: ago(90) }).where('id', 'in', [world.lead.id, world.tagged.id, world.bySport.id, world.older.id, world.oldest.id]).execute();
    await db.updateTable('articles').set({ updated_at: ago(3) }).where('id', '=', world.older.id).execute();
    await db.updateTable('articles').set({ updated_at: ago(2) }).where('id', '=', world.oldest.id).execute();
    assert.deepEqual(await by(`updatedSince=${encodeURIComponent(since)}&section=${world.news.slug}`), ['An older story']);
    const synced = await by(`updatedSince=${encodeURIComponent(since)}&sort=updated`);
    assert.deepEqual(synced.filter((t: string) => t !== 'Breaking meanwhile'), ['The oldest story', 'An older story'], 'latest change first');
  });

  it('answers 400 naming cursor, limit or updatedSince, and 422 naming an unknown section, tag or author', async () => {
    const updatedCursor = (await get(server, '/api/content/articles?sort=updated&limit=1')).body.nextCursor;
    const tagsCursor = (await get(server, '/api/content/tags?limit=1')).body.nextCursor;
    assert.ok(updatedCursor && tagsCursor, 'both lists have a second page');
    const cases: Array<[string, number, string]> = [
      ['cursor=garbage!', 400, 'cursor'],
      ['cursor=eyJrIjoxfQ', 400, 'cursor'],
      [`cursor=${'A'.repeat(600)}`, 400, 'cursor'],
      [`cursor=${updatedCursor}`, 400, 'cursor'],
      [`cursor=${tagsCursor}`, 400, 'cursor'],
      ['limit=0', 400, 'limit'],
      ['limit=101', 400, 'limit'],
      ['limit=ten', 400, 'limit'],
      ['updatedSince=yesterday', 400, 'updatedSince'],
      ['sort=random', 400, 'sort'],
      ['section=no-such-section', 422, 'section'],
      ['tag=no-such-tag', 422, 'tag'],
      ['author=no-such-author', 422, 'author'],
    ];
    for (const [query, status, field] of cases) {
      const answer = await get(server, `/api/content/articles?${query}`);
      assert.equal(answer.status, status, `${query}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.field, field, query);
      assert.equal(typeof answer.body.message, 'string');
    }
    assert.equal((await get(server, `/api/content/tags?cursor=${(await get(server, '/api/content/articles?limit=1')).body.nextCursor}`)).body.field, 'cursor');
  });

  it('answers one article by id with its structured body and the body as HTML, and nothing readers may not see', async () => {
    const answer = await get(server, `/api/content/articles/${world.lead.id}`);
    assert.equal(answer.status, 200);
    const article = answer.body;
    assert.equal(article.title, 'The lead story');
    assert.equal(article.body.type, 'doc');
    assert.equal(article.body.content[0].content[0].text, 'Lead paragraph.');
    assert.match(article.html, /<p>Lead paragraph\.<\/p>/);
    assert.match(article.html, /<figure/);
    assert.match(article.html, new RegExp(`src="${server.url}/media/`), 'images in the HTML load from this site wherever it is shown');
    assert.deepEqual(article.images.map((i: { id: number }) => i.id), [world.image.id]);
    assert.deepEqual(article.corrections.map((c: { text: string }) => c.text), ['An earlier version misspelt a name.']);
    for (const hidden of [world.draft.id, world.future.id, world.trashed.id, 999999]) {
      const refused = await get(server, `/api/content/articles/${hidden}`);
      assert.equal(refused.status, 404, String(hidden));
      assert.equal(refused.body.error, 'not_found');
    }
    assert.equal((await get(server, '/api/content/articles/abc')).status, 400);
  });

  it('gives an article’s search and card texts as the site’s page head does: the newsroom’s own, else the fallbacks', async () => {
    const card = await createImageFixture(server.context, { width: 1200, height: 630, caption: 'Card picture', credit: 'Photo: Card', altText: 'A yurt at dusk' });
    const own = await createPublishedArticle(server.context, {
      sectionId: world.other.id,
      title: 'A headline for the page',
      standfirst: 'The standfirst.',
      publishedAt: ago(60),
      leadMediaId: world.image.id,
      seoTitle: 'A headline for search',
      metaDescription: 'What the search result says.',
      socialTitle: 'A headline for the card',
      socialDescription: 'What the card says.',
      socialMediaId: card.id,
    });
    const ownAnswer = (await get(server, `/api/content/articles/${own.id}`)).body;
    assert.deepEqual(ownAnswer.search, { title: 'A headline for search', description: 'What the search result says.' });
    assert.deepEqual([ownAnswer.social.title, ownAnswer.social.description, ownAnswer.social.image.id, ownAnswer.social.image.alt], ['A headline for the card', 'What the card says.', card.id, 'A yurt at dusk']);
    const page = await (await fetch(`${server.url}${own.path}`)).text();
    assert.match(page, /<title>A headline for search/);
    assert.match(page, /<meta property="og:title" content="A headline for the card"/);

    // The lead story wrote none of them: the title and standfirst stand in, and the lead image makes the card.
    const fallback = (await get(server, `/api/content/articles/${world.lead.id}`)).body;
    assert.deepEqual(fallback.search, { title: 'The lead story', description: fallback.standfirst || 'The lead story' });
    assert.deepEqual([fallback.social.title, fallback.social.description, fallback.social.image.id], ['The lead story', fallback.search.description, world.image.id]);
    const plain = (await get(server, `/api/content/articles/${world.older.id}`)).body;
    assert.equal(plain.social.image, null, 'no lead and no card image: no image');
  });

  it('answers one article by its public path, and follows a path that moved with a 301', async () => {
    const found = await get(server, `/api/content/articles/by-path?path=${encodeURIComponent(world.older.path)}`);
    assert.equal(found.status, 200);
    assert.equal(found.body.id, world.older.id);
    assert.equal((await get(server, `/api/content/articles/by-path?path=${encodeURIComponent(world.draft.path)}`)).status, 404);
    assert.equal((await get(server, '/api/content/articles/by-path?path=no-slash')).body.field, 'path');

    const editor = await createApiKeyFixture(server.context, { role: 'editor' });
    const current = await get(server, `/api/admin/articles/${world.oldest.id}`, bearer(editor.token));
    const moved = await fetch(`${server.url}/api/admin/articles/${world.oldest.id}`, {
      method: 'PUT',
      headers: { ...bearer(editor.token), 'content-type': 'application/json' },
      body: JSON.stringify({ version: current.body.version, slug: 'the-oldest-story-renamed' }),
    });
    assert.equal(moved.status, 200);
    const answer = await get(server, `/api/content/articles/by-path?path=${encodeURIComponent(world.oldest.path)}`);
    assert.equal(answer.status, 301);
    const location = answer.headers.get('location')!;
    assert.equal(new URL(location, server.url).searchParams.get('path'), `/${world.other.slug}/the-oldest-story-renamed`);
    assert.equal((await get(server, location)).body.id, world.oldest.id);
  });

  it('answers the sections, tags (paged), authors and the settings a front end needs', async () => {
    const sections = await get(server, '/api/content/sections');
    const sport = sections.body.items.find((s: { id: number }) => s.id === world.sport.id);
    assert.deepEqual({ parentId: sport.parentId, name: sport.name, url: sport.url }, { parentId: world.news.id, name: 'Sport', url: `${server.url}/${world.sport.slug}` });

    const first = await get(server, '/api/content/tags?limit=1');
    const second = await get(server, `/api/content/tags?limit=1&cursor=${first.body.nextCursor}`);
    assert.deepEqual([...titlesOf(first), ...titlesOf(second)], ['Steppe', 'Second tag']);

    const authors = await get(server, '/api/content/authors');
    assert.deepEqual(authors.body.items.map((a: { name: string; bio: string }) => [a.name, a.bio]), [['Aigerim Nurlanovna', 'Covers the steppe.']]);

    const settings = await get(server, '/api/content/settings');
    assert.equal(settings.body.name, 'Qalam News');
    assert.equal(settings.body.url, server.url);
    assert.equal(settings.body.socialLinks.rss, `${server.url}/feed.xml`);
    assert.match(settings.body.reuseNotice, /Only 30% of an article published on Qalam News/);
  });

  it('answers ETags, and 304 with no body for the one the client has, until the content changes', async () => {
    const first = await fetch(`${server.url}/api/content/articles?section=${world.news.slug}`);
    const etag = first.headers.get('etag');
    assert.match(etag ?? '', /^"[\w-]{22}"$/);
    assert.equal(first.headers.get('cache-control'), 'public, max-age=60');
    await first.arrayBuffer();
    const again = await fetch(`${server.url}/api/content/articles?section=${world.news.slug}`, { headers: { 'if-none-match': etag! } });
    assert.equal(again.status, 304);
    assert.equal((await again.text()).length, 0);
    await createPublishedArticle(server.context, { sectionId: world.news.id, title: 'News just in', publishedAt: ago(0.5) });
    const changed = await fetch(`${server.url}/api/content/articles?section=${world.news.slug}`, { headers: { 'if-none-match': etag! } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
    await changed.arrayBuffer();
  });

  it('lists an article as it is now: an edit of its title, byline and tags, a write no event announces, and its unpublishing', async () => {
    const db = server.context.database.db;
    const story = await createPublishedArticle(server.context, { sectionId: world.other.id, title: 'Memo check', publishedAt: ago(0.2), tagIds: [world.tag.id] });
    const newest = async () => (await get(server, '/api/content/articles?limit=1')).body.items[0];
    assert.deepEqual((await newest()).tags.map((t: { name: string }) => t.name), ['Steppe']);
    // Listed once: what the list presented for it is now held in memory (ADR 0063).
    const articles = createArticleService(server.context);
    const { version } = await db.selectFrom('articles').select('version').where('id', '=', story.id).executeTakeFirstOrThrow();
    const edited = await articles.update(asSystem(), story.id, { version, title: 'Memo checked', authorIds: [world.author.id], tagIds: [] });
    const item = await newest();
    assert.equal(item.title, 'Memo checked');
    assert.deepEqual(item.authors.map((a: { name: string }) => a.name), ['Aigerim Nurlanovna']);
    assert.deepEqual(item.tags, []);
    // A script's write that no event announces and that leaves the version as it was.
    await db.updateTable('articles').set({ standfirst: 'Written behind our back' }).where('id', '=', story.id).execute();
    assert.equal((await newest()).standfirst, 'Written behind our back');
    await articles.unpublish(asSystem(), story.id, edited.version);
    assert.notEqual((await newest()).id, story.id, 'an unpublished article leaves the list at once');
  });

  it('lets pages on any origin read it while open: CORS on GET, HEAD and the preflight', async () => {
    const answer = await fetch(`${server.url}/api/content/settings`, { headers: { origin: 'https://partner.example' } });
    assert.equal(answer.headers.get('access-control-allow-origin'), '*');
    assert.match(answer.headers.get('access-control-expose-headers') ?? '', /ETag/);
    await answer.arrayBuffer();
    const head = await fetch(`${server.url}/api/content/settings`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.ok(head.headers.get('etag'));
    const preflight = await fetch(`${server.url}/api/content/articles`, {
      method: 'OPTIONS',
      headers: { origin: 'https://partner.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /GET/);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/i);
    assert.equal((await fetch(`${server.url}/api/content/articles`, { method: 'POST' })).status, 404, 'nothing to write here');
    assert.equal((await get(server, '/api/content/settings', { authorization: 'Basic c3RhZ2luZzpzZWNyZXQ=' })).status, 200, 'another scheme is not a key (a proxy’s Basic authentication)');
  });

  it('lists every Content API route with its response schemas in the OpenAPI document', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    for (const path of ['/api/content/articles', '/api/content/articles/by-path', '/api/content/articles/{id}', '/api/content/sections', '/api/content/tags', '/api/content/authors', '/api/content/settings']) {
      const operation = document.paths[path]?.get;
      assert.ok(operation, `${path} is documented`);
      for (const status of ['200', '400', '401', '404', '429']) assert.ok(operation.responses[status], `${path} documents ${status}`);
    }
  });
});

describe('the Content API in several languages', () => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof buildWorld>>;

  /** A story in English with its Russian and Kazakh translations, and a section, tag and author named in Russian (not in Kazakh). */
  async function buildWorld(context: TestServer['context']) {
    const db = context.database.db;
    const section = await createSectionFixture(context, { name: 'Society', slug: 'society' });
    await upsertTermTranslation(db, 'section', section.id, { language: 'ru', name: 'Общество', slug: 'obshchestvo', description: 'Школы.' });
    const tag = await createTagFixture(context, { name: 'Chess', slug: 'chess' });
    await upsertTermTranslation(db, 'tag', tag.id, { language: 'ru', name: 'Шахматы', slug: 'shakhmaty', description: '' });
    const author = await createAuthorFixture(context, { name: 'Timur', slug: 'timur', bio: 'Writes about clubs.' });
    await upsertTermTranslation(db, 'author', author.id, { language: 'ru', name: 'Тимур', slug: 'timur-ru', description: 'Пишет о клубах.' });
    await saveSettings(db, { ...(await loadSettings(db)), localized: { ru: { name: 'Калам', tagline: 'Новости' } } });
    context.events.emit('taxonomy.updated');
    const shared = { sectionId: section.id, tagIds: [tag.id], authorIds: [author.id] };
    const original = await createPublishedArticle(context, { ...shared, slug: 'chess-club', title: 'A chess club', publishedAt: ago(30) });
    const russian = await createPublishedArticle(context, { ...shared, language: 'ru', translationOfId: original.id, slug: 'shakhmatnyi-klub', title: 'Шахматный клуб', publishedAt: ago(20) });
    const kazakh = await createPublishedArticle(context, { ...shared, language: 'kk', translationOfId: original.id, slug: 'shakhmat-kluby', title: 'Шахмат клубы', publishedAt: ago(10) });
    await createArticleFixture(context, { ...shared, language: 'ru', slug: 'chernovik', title: 'Черновик', status: 'draft' });
    return { section, tag, author, original, russian, kazakh };
  }

  before(async () => {
    server = await startTestServer();
    world = await buildWorld(server.context);
  });
  after(() => server.close());

  /** Every URL must be a page readers can open: the site answers it 200. */
  async function assertOpens(url: string): Promise<void> {
    const response = await fetch(url, { redirect: 'manual' });
    await response.arrayBuffer();
    assert.equal(response.status, 200, url);
  }

  it('lists every language with each article’s language, original, and URLs under its prefix with that language’s slugs and names', async () => {
    const answer = await get(server, '/api/content/articles');
    assert.deepEqual(
      answer.body.items.map((i: { title: string; language: string; translationOfId: number | null }) => [i.title, i.language, i.translationOfId]),
      [
        ['Шахмат клубы', 'kk', world.original.id],
        ['Шахматный клуб', 'ru', world.original.id],
        ['A chess club', 'en', null],
      ],
    );
    const [kazakh, russian, english] = answer.body.items;
    assert.equal(russian.path, '/ru/obshchestvo/shakhmatnyi-klub');
    assert.equal(russian.url, `${server.url}/ru/obshchestvo/shakhmatnyi-klub`);
    assert.deepEqual(russian.section, { id: world.section.id, name: 'Общество', slug: 'obshchestvo', url: `${server.url}/ru/obshchestvo` });
    assert.deepEqual(russian.tags, [{ id: world.tag.id, name: 'Шахматы', slug: 'shakhmaty', url: `${server.url}/ru/tag/shakhmaty` }]);
    assert.deepEqual(russian.authors, [{ id: world.author.id, name: 'Тимур', slug: 'timur-ru', url: `${server.url}/ru/author/timur-ru` }]);
    assert.equal(kazakh.path, '/kk/society/shakhmat-kluby', 'no Kazakh section name: its own slug, under the Kazakh prefix');
    assert.equal(kazakh.tags[0].url, `${server.url}/kk/tag/chess`);
    assert.equal(english.path, '/society/chess-club', 'the default language at the root');
    assert.equal(english.section.url, `${server.url}/society`);
    for (const item of answer.body.items) {
      for (const url of [item.url, item.section.url, ...item.tags.map((t: { url: string }) => t.url), ...item.authors.map((a: { url: string }) => a.url)]) await assertOpens(url);
    }
  });

  it('filters by language, reading section, tag and author slugs in it, and refuses a language the site does not publish in', async () => {
    const inRussian = await get(server, '/api/content/articles?language=ru&section=obshchestvo&tag=shakhmaty&author=timur-ru');
    assert.equal(inRussian.status, 200, JSON.stringify(inRussian.body));
    assert.deepEqual(inRussian.body.items.map((i: { id: number }) => i.id), [world.russian.id], 'never the draft');
    assert.deepEqual((await get(server, '/api/content/articles?language=kk&tag=chess')).body.items.map((i: { id: number }) => i.id), [world.kazakh.id]);
    const ownSlugInRussian = await get(server, '/api/content/articles?language=ru&section=society');
    assert.equal(ownSlugInRussian.status, 422, 'Russian readers know the section by its Russian slug');
    assert.equal(ownSlugInRussian.body.field, 'section');
    for (const path of ['/api/content/articles?language=de', '/api/content/sections?language=de', '/api/content/tags?language=de', '/api/content/authors?language=de', '/api/content/settings?language=de']) {
      const refused = await get(server, path);
      assert.equal(refused.status, 422, path);
      assert.equal(refused.body.field, 'language', path);
      assert.match(refused.body.message, /en, kk, ru/);
    }
    assert.equal((await get(server, '/api/content/tags?language=Russian')).body.field, 'language');
  });

  it('names sections, tags, authors and lead images as they are now: a rename, a translation or a new caption shows in the next list', async () => {
    const context = server.context;
    const admin = adminActorOf(await createUserFixture(context, { role: 'admin' }));
    const section = await createSectionFixture(context, { name: 'Weather', slug: 'weather' });
    const tag = await createTagFixture(context, { name: 'Rain', slug: 'rain' });
    const author = await createAuthorFixture(context, { name: 'Dana', slug: 'dana' });
    const image = await createImageFixture(context, { caption: 'Clouds', credit: 'Photo: Dana', altText: 'Grey sky' });
    const shared = { sectionId: section.id, tagIds: [tag.id], authorIds: [author.id], leadMediaId: image.id };
    const english = await createPublishedArticle(context, { ...shared, slug: 'rain-again', title: 'Rain again', publishedAt: ago(5) });
    const russian = await createPublishedArticle(context, { ...shared, language: 'ru', translationOfId: english.id, slug: 'snova-dozhd', title: 'Снова дождь', publishedAt: ago(4) });
    const listed = async () => {
      const answer = await get(server, `/api/content/articles?tag=rain&sort=updated`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return new Map<number, any>(answer.body.items.map((item: { id: number }) => [item.id, item]));
    };
    const before = await listed();
    assert.equal(before.get(russian.id).tags[0].name, 'Rain', 'no Russian name yet: its own');
    assert.equal(before.get(english.id).leadImage.caption, 'Clouds');
    const first = await fetch(`${server.url}/api/content/articles?tag=rain&sort=updated`);
    const etag = first.headers.get('etag')!;
    await first.arrayBuffer();

    await createSectionService(context).update(admin, section.id, { name: 'Climate', slug: 'climate' });
    await createTagService(context).saveTranslation(admin, tag.id, 'ru', { name: 'Дождь', slug: 'dozhd' });
    await createAuthorService(context).update(admin, author.id, { name: 'Dana K.' });
    await updateMediaDetails(context, admin, image.id, { caption: 'Low clouds', altText: 'A grey sky' });

    const after = await listed();
    const [en, ru] = [after.get(english.id), after.get(russian.id)];
    assert.deepEqual(en.section, { id: section.id, name: 'Climate', slug: 'climate', url: `${server.url}/climate` });
    assert.equal(en.path, '/climate/rain-again');
    assert.deepEqual(ru.tags, [{ id: tag.id, name: 'Дождь', slug: 'dozhd', url: `${server.url}/ru/tag/dozhd` }]);
    assert.deepEqual(en.tags.map((t: { name: string }) => t.name), ['Rain'], 'the default language keeps the tag’s own name');
    assert.deepEqual([en.authors[0].name, ru.authors[0].name], ['Dana K.', 'Dana K.']);
    assert.deepEqual([en.leadImage.caption, en.leadImage.alt, en.leadImage.credit], ['Low clouds', 'A grey sky', 'Photo: Dana']);
    const revalidated = await fetch(`${server.url}/api/content/articles?tag=rain&sort=updated`, { headers: { 'if-none-match': etag } });
    assert.equal(revalidated.status, 200, 'the articles’ rows are unchanged, their answer is not: nor is its ETag');
    assert.notEqual(revalidated.headers.get('etag'), etag);
    await revalidated.arrayBuffer();
  });

  it('answers an article with its language, its original and its published translations, each at its own address', async () => {
    const original = (await get(server, `/api/content/articles/${world.original.id}`)).body;
    assert.equal(original.language, 'en');
    assert.equal(original.translationOfId, null);
    assert.deepEqual(original.translations, [
      { id: world.kazakh.id, language: 'kk', title: 'Шахмат клубы', url: `${server.url}/kk/society/shakhmat-kluby` },
      { id: world.russian.id, language: 'ru', title: 'Шахматный клуб', url: `${server.url}/ru/obshchestvo/shakhmatnyi-klub` },
    ]);
    const russian = (await get(server, `/api/content/articles/${world.russian.id}`)).body;
    assert.equal(russian.translationOfId, world.original.id);
    assert.equal(russian.url, `${server.url}/ru/obshchestvo/shakhmatnyi-klub`);
    assert.equal(russian.section.name, 'Общество');
    assert.deepEqual(russian.translations.map((t: { language: string; url: string }) => [t.language, t.url]), [
      ['en', `${server.url}/society/chess-club`],
      ['kk', `${server.url}/kk/society/shakhmat-kluby`],
    ]);
    for (const t of [...original.translations, ...russian.translations]) await assertOpens(t.url);
  });

  it('finds an article by its path under a language prefix, the Kazakh Latin edition’s included', async () => {
    const byPath = async (path: string) => get(server, `/api/content/articles/by-path?path=${encodeURIComponent(path)}`);
    assert.equal((await byPath('/ru/obshchestvo/shakhmatnyi-klub')).body.id, world.russian.id);
    assert.equal((await byPath('/kk/society/shakhmat-kluby')).body.id, world.kazakh.id);
    assert.equal((await byPath('/kk-latn/society/shakhmat-kluby')).body.id, world.kazakh.id);
    assert.equal((await byPath('/society/chess-club')).body.id, world.original.id);
    assert.equal((await byPath('/ru/society/shakhmatnyi-klub')).status, 404, 'the section’s own slug is not its Russian address');
    assert.equal((await byPath('/obshchestvo/shakhmatnyi-klub')).status, 404, 'a Russian article is not at the root');
  });

  it('answers sections, tags, authors and settings in the language asked for, the default one otherwise', async () => {
    const sections = await get(server, '/api/content/sections?language=ru');
    assert.equal(sections.body.language, 'ru');
    const society = sections.body.items.find((s: { id: number }) => s.id === world.section.id);
    assert.deepEqual([society.name, society.slug, society.description, society.url], ['Общество', 'obshchestvo', 'Школы.', `${server.url}/ru/obshchestvo`]);
    const defaultSections = await get(server, '/api/content/sections');
    assert.equal(defaultSections.body.language, 'en');
    assert.equal(defaultSections.body.items.find((s: { id: number }) => s.id === world.section.id).url, `${server.url}/society`);
    const kkSociety = (await get(server, '/api/content/sections?language=kk')).body.items.find((s: { id: number }) => s.id === world.section.id);
    assert.deepEqual([kkSociety.name, kkSociety.url], ['Society', `${server.url}/kk/society`], 'no Kazakh name: the section’s own, at the Kazakh address');

    const tags = await get(server, '/api/content/tags?language=ru');
    assert.deepEqual(tags.body.items.find((t: { id: number }) => t.id === world.tag.id), { id: world.tag.id, name: 'Шахматы', slug: 'shakhmaty', url: `${server.url}/ru/tag/shakhmaty` });

    const authors = await get(server, '/api/content/authors?language=ru');
    const timur = authors.body.items.find((a: { id: number }) => a.id === world.author.id);
    assert.deepEqual([timur.name, timur.bio, timur.url], ['Тимур', 'Пишет о клубах.', `${server.url}/ru/author/timur-ru`]);
    assert.equal((await get(server, '/api/content/authors')).body.items.find((a: { id: number }) => a.id === world.author.id).bio, 'Writes about clubs.');

    const settings = await get(server, '/api/content/settings?language=ru');
    assert.deepEqual([settings.body.language, settings.body.name, settings.body.tagline, settings.body.feedUrl], ['ru', 'Калам', 'Новости', `${server.url}/ru/feed.xml`]);
    assert.equal((await get(server, '/api/content/settings')).body.feedUrl, `${server.url}/feed.xml`);
    for (const url of [society.url, kkSociety.url, timur.url, settings.body.feedUrl]) await assertOpens(url);
  });
});

const titlesOf = (answer: Answer) => answer.body.items.map((item: { name: string }) => item.name);

describe('the Content API lists of a tag or an author, in every language or one', () => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof buildWorld>>;

  /**
   * A tag and an author on stories in three languages, two of them published at the same instant
   * (the higher id first), beside ones readers must not see and ones without the tag.
   */
  async function buildWorld(context: TestServer['context']) {
    const section = await createSectionFixture(context, { name: 'Health' });
    const tag = await createTagFixture(context, { name: 'Medicine', slug: 'medicine' });
    const otherTag = await createTagFixture(context, { name: 'Roads' });
    const author = await createAuthorFixture(context, { name: 'Dana', slug: 'dana' });
    const tagged = { sectionId: section.id, tagIds: [tag.id] };
    const sameInstant = ago(45);
    const published = [
      await createPublishedArticle(context, { ...tagged, language: 'kk', title: 'kk 10', publishedAt: ago(10) }),
      await createPublishedArticle(context, { ...tagged, language: 'en', title: 'en 20', publishedAt: ago(20), authorIds: [author.id] }),
      await createPublishedArticle(context, { ...tagged, language: 'ru', title: 'ru 30', publishedAt: ago(30), authorIds: [author.id] }),
      await createPublishedArticle(context, { ...tagged, language: 'en', title: 'en 45 a', publishedAt: sameInstant }),
      await createPublishedArticle(context, { ...tagged, language: 'ru', title: 'ru 45 b', publishedAt: sameInstant, authorIds: [author.id] }),
      await createPublishedArticle(context, { ...tagged, language: 'en', title: 'en 60', publishedAt: ago(60), tagIds: [otherTag.id, tag.id] }),
      await createPublishedArticle(context, { ...tagged, language: 'kk', title: 'kk 70', publishedAt: ago(70), authorIds: [author.id] }),
    ];
    await createPublishedArticle(context, { sectionId: section.id, title: 'Untagged', publishedAt: ago(15), tagIds: [otherTag.id], authorIds: [author.id] });
    await createArticleFixture(context, { ...tagged, title: 'Draft', status: 'draft', authorIds: [author.id] });
    await createArticleFixture(context, { ...tagged, title: 'Trashed', status: 'trashed', publishedAt: ago(5), authorIds: [author.id] });
    await createPublishedArticle(context, { ...tagged, language: 'ru', title: 'Future', publishedAt: new Date(Date.now() + 3_600_000).toISOString(), authorIds: [author.id] });
    return { tag, author, published };
  }

  before(async () => {
    server = await startTestServer();
    world = await buildWorld(server.context);
  });
  after(() => server.close());

  /** Every item of a list, walked page by page with its cursors. */
  async function walk(query: string, limit: number): Promise<{ titles: string[]; pages: number }> {
    const titles: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer: Answer = await get(server, `/api/content/articles?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      titles.push(...answer.body.items.map((item: { title: string }) => item.title));
      cursor = answer.body.nextCursor;
      pages += 1;
    } while (cursor);
    return { titles, pages };
  }

  it('lists exactly the tag’s published articles of every language, newest first, the higher id first at one instant, across cursors', async () => {
    // Newest first by publication, the later id first at the same instant.
    const expected = ['kk 10', 'en 20', 'ru 30', 'ru 45 b', 'en 45 a', 'en 60', 'kk 70'];
    for (const limit of [1, 2, 3, 7, 100]) assert.deepEqual((await walk('tag=medicine', limit)).titles, expected, `limit=${limit}`);
    assert.equal((await walk('tag=medicine', 2)).pages, 4);
    assert.deepEqual((await walk('tag=medicine&language=en', 1)).titles, ['en 20', 'en 45 a', 'en 60']);
    assert.deepEqual((await walk('tag=medicine&language=kk', 1)).titles, ['kk 10', 'kk 70']);
  });

  it('lists exactly the author’s published articles of every language or one, and combines tag and author', async () => {
    assert.deepEqual((await walk('author=dana', 2)).titles, ['Untagged', 'en 20', 'ru 30', 'ru 45 b', 'kk 70']);
    assert.deepEqual((await walk('author=dana&language=ru', 1)).titles, ['ru 30', 'ru 45 b']);
    assert.deepEqual((await walk('tag=medicine&author=dana', 1)).titles, ['en 20', 'ru 30', 'ru 45 b', 'kk 70']);
  });

  it('leaves out an article the link tables still hold as published, and lists the ones after it', async () => {
    // A write that bypasses the repository (a script's SQL) leaves the links' copy of the state behind.
    const db = server.context.database.db;
    const unpublished = world.published[2]!;
    await db.updateTable('articles').set({ status: 'draft' }).where('id', '=', unpublished.id).execute();
    try {
      assert.deepEqual((await walk('tag=medicine', 2)).titles, ['kk 10', 'en 20', 'ru 45 b', 'en 45 a', 'en 60', 'kk 70']);
      assert.deepEqual((await walk('author=dana&language=ru', 1)).titles, ['ru 45 b']);
    } finally {
      await db.updateTable('articles').set({ status: 'published' }).where('id', '=', unpublished.id).execute();
    }
  });
});

describe('the Content API with a key required', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
    await createPublishedArticle(server.context, { title: 'For key holders' });
  });
  after(() => server.close());

  it('is switched by an admin in the newsroom, and then answers 401 without a key and 200 with one of any role', async () => {
    // Read while open first: the process keeps who may read in memory until the switch drops it.
    assert.equal((await get(server, '/api/content/articles')).status, 200);
    const admin = await signedInAs(server, 'admin');
    const switched = await postForm(server, admin, '/newsroom/api-keys/content-access', { contentApiAccess: 'key-required' });
    assert.equal(switched.status, 303);
    const audit = await server.context.database.db.selectFrom('audit_log').select('details').where('action', '=', 'settings.updated').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(audit.details), { changed: ['contentApiAccess'], from: 'open', to: 'key-required' });

    const refused = await get(server, '/api/content/articles');
    assert.equal(refused.status, 401);
    assert.match(refused.body.message, /needs an API key/);
    assert.equal(refused.headers.get('access-control-allow-origin'), null, 'no CORS while a key is required');

    const key = await createApiKeyFixture(server.context, { role: 'contributor' });
    const answer = await get(server, '/api/content/articles', bearer(key.token));
    assert.equal(answer.status, 200);
    assert.deepEqual(titlesOf({ ...answer, body: { items: answer.body.items.map((i: { title: string }) => ({ name: i.title })) } }), ['For key holders']);
    assert.equal(answer.headers.get('cache-control'), 'private, max-age=60');

    await createApiKeyService(server.context).revoke(adminActorOf(key.owner), key.key.id);
    const revoked = await get(server, '/api/content/articles', bearer(key.token));
    assert.equal(revoked.status, 401);
    assert.match(revoked.body.message, /revoked/);

    const { token: expired } = await createApiKeyService(server.context).create(
      adminActorOf(key.owner),
      { name: 'Expired reader', role: 'contributor', expiresAt: '2021-01-01T00:00:00Z' },
      Date.parse('2020-01-01T00:00:00Z'),
    );
    assert.match((await get(server, '/api/content/articles', bearer(expired))).body.message, /expired/);

    await createContentAccessService(server.context).set(adminActorOf(key.owner), 'open');
    assert.equal((await get(server, '/api/content/articles')).status, 200);
    assert.equal((await get(server, '/api/content/articles', bearer(expired))).status, 401, 'a bad key is refused even while open');
  });
});

describe('the Content API rate limit', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ CONTENT_API_RATE_LIMIT: '3' });
  });
  after(() => server.close());

  it('answers 429 JSON saying when to come back once an address has used its minute, while a key has its own count', async () => {
    for (let i = 0; i < 3; i += 1) assert.equal((await get(server, '/api/content/sections')).status, 200);
    const refused = await get(server, '/api/content/sections');
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error, 'too_many_requests');
    assert.match(refused.body.message, /at most 3 a minute from one address/);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal(refused.headers.get('access-control-allow-origin'), '*', 'a page on another origin can read the refusal');

    const key = await createApiKeyFixture(server.context, { role: 'contributor' });
    for (let i = 0; i < 3; i += 1) assert.equal((await get(server, '/api/content/sections', bearer(key.token))).status, 200);
    const keyRefused = await get(server, '/api/content/sections', bearer(key.token));
    assert.equal(keyRefused.status, 429);
    assert.match(keyRefused.body.message, /for this API key/);
  });
});
