import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createArticleFixture, createPublishedArticle, createSectionFixture } from '../../support/factories.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { apiUser, type ApiUser } from './articles-client.ts';

const HOUR = 3600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

/** A page as an anonymous reader gets it (through the page cache). */
async function readerPage(server: TestServer, path: string): Promise<string> {
  const response = await fetch(`${server.url}${path}`);
  assert.equal(response.status, 200, path);
  return response.text();
}

/** The headings of the Main Page's blocks, in order. */
function blockTitles(html: string): string[] {
  return [...html.matchAll(/class="block-title">(?:<a [^>]*>)?([^<]+)/g)].map((m) => m[1]!.trim());
}

/** The top story's title on a Main Page. */
function topStory(html: string): string | undefined {
  return /<h2 id="top-story-title"[^>]*><a [^>]*>([^<]*)<\/a>/.exec(html)?.[1];
}

/** Where `text` first occurs in `html` (-1 when absent). */
const at = (html: string, text: string) => html.indexOf(text);

describe('Main Page curation through the Admin API', () => {
  let server: TestServer;
  let editor: ApiUser;
  let author: ApiUser;

  before(async () => {
    server = await startTestServer();
    editor = await apiUser(server, 'editor');
    author = await apiUser(server, 'author');
  });
  after(() => server?.close());

  /** The newest revision id of a language (what a save starts from). */
  async function newestOf(language: string): Promise<number | null> {
    const { status, body } = await editor.call('GET', `/api/admin/main-page/${language}`);
    assert.equal(status, 200, JSON.stringify(body));
    return body.newestRevisionId;
  }

  async function save(language: string, layout: Record<string, unknown>, publish = true, as = editor) {
    return as.call('POST', `/api/admin/main-page/${language}/revisions`, { layout, baseRevisionId: await newestOf(language), publish });
  }

  it('puts the chosen top story, banner, blocks in order and pins live, and the reader sees them', async () => {
    const economy = await createSectionFixture(server.context, { name: 'Economy Desk' });
    const sport = await createSectionFixture(server.context, { name: 'Sport Desk' });
    const culture = await createSectionFixture(server.context, { name: 'Culture Desk' });
    const oldScoop = await createPublishedArticle(server.context, { sectionId: economy.id, title: 'An older economy scoop', publishedAt: hoursAgo(30) });
    await createPublishedArticle(server.context, { sectionId: economy.id, title: 'Fresh economy news' });
    const sportPin = await createPublishedArticle(server.context, { sectionId: sport.id, title: 'A pinned match report', publishedAt: hoursAgo(40) });
    await createPublishedArticle(server.context, { sectionId: culture.id, title: 'Culture without a block' });
    const newest = await createPublishedArticle(server.context, { sectionId: sport.id, title: 'The very newest story' });

    const before = await readerPage(server, '/');
    assert.ok(at(before, 'The very newest story') < at(before, 'An older economy scoop') || at(before, 'An older economy scoop') === -1, 'by recency before curation');

    const { status, body } = await save('en', {
      topStoryId: oldScoop.id,
      banner: { text: 'Roads to the capital are closed', url: '/economy-desk', endsAt: inHours(3) },
      blocks: [
        { kind: 'section', sectionId: sport.id, pins: [sportPin.id] },
        { kind: 'latest', pins: [] },
        { kind: 'section', sectionId: economy.id, pins: [] },
      ],
    });
    assert.equal(status, 201, JSON.stringify(body));
    assert.ok(body.publishedAt);
    assert.equal(body.createdBy.id, editor.user.id);

    const page = await readerPage(server, '/');
    assert.match(page, /class="breaking-banner"/);
    assert.match(page, /Roads to the capital are closed/);
    const top = page.slice(page.indexOf('top-story-title'), page.indexOf('</h2>', page.indexOf('top-story-title')));
    assert.match(top, /An older economy scoop/, 'the chosen top story');
    assert.deepEqual(blockTitles(page), ['Sport Desk', 'Latest', 'Economy Desk'], 'blocks in the chosen order; a section left out has none');
    const sportBlock = page.slice(at(page, 'id="block-0"'), at(page, 'id="latest-title"'));
    assert.ok(at(sportBlock, 'A pinned match report') > 0, 'the pin is in its block');
    assert.ok(at(sportBlock, 'A pinned match report') < at(sportBlock, 'The very newest story'), 'the pin heads its block');
    assert.ok(at(page, 'The very newest story') > 0, 'the rest fills by recency');

    const audit = await server.context.database.db.selectFrom('audit_log').select(['action', 'user_id']).where('subject_type', '=', 'main_page').where('subject_id', '=', String(body.id)).execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['main_page.published', 'main_page.saved']);
    assert.ok(audit.every((a) => a.user_id === editor.user.id));
    void newest;
  });

  it('keeps a draft off the site until it is published, and restores an earlier layout as a new revision', async () => {
    const section = await createSectionFixture(server.context, { name: 'Draft Desk' });
    const first = await createPublishedArticle(server.context, { sectionId: section.id, title: 'Top story of the first layout', publishedAt: hoursAgo(50) });
    const second = await createPublishedArticle(server.context, { sectionId: section.id, title: 'Top story of the second layout', publishedAt: hoursAgo(51) });
    const live = await save('en', { topStoryId: first.id, blocks: [{ kind: 'latest', pins: [] }] });
    assert.equal(live.status, 201, JSON.stringify(live.body));
    const draft = await save('en', { topStoryId: second.id, blocks: [{ kind: 'latest', pins: [] }] }, false);
    assert.equal(draft.status, 201, JSON.stringify(draft.body));
    assert.equal(draft.body.publishedAt, null);
    assert.match(await readerPage(server, '/'), /Top story of the first layout/, 'a draft changes nothing');

    const published = await editor.call('POST', `/api/admin/main-page/en/revisions/${draft.body.id}/publish`);
    assert.equal(published.status, 200, JSON.stringify(published.body));
    const page = await readerPage(server, '/');
    assert.match(page, /Top story of the second layout/);

    const again = await editor.call('POST', `/api/admin/main-page/en/revisions/${draft.body.id}/publish`);
    assert.equal(again.status, 409);

    const restored = await editor.call('POST', `/api/admin/main-page/en/revisions/${live.body.id}/restore`);
    assert.equal(restored.status, 201, JSON.stringify(restored.body));
    assert.equal(restored.body.restoredFrom, live.body.id);
    assert.ok(restored.body.id > draft.body.id);
    assert.match(await readerPage(server, '/'), /Top story of the first layout/);
  });

  it('refuses bad pins and banners naming the item, and stores nothing', async () => {
    const section = await createSectionFixture(server.context, { name: 'Refusal Desk' });
    const other = await createSectionFixture(server.context, { name: 'Elsewhere Desk' });
    const ok = await createPublishedArticle(server.context, { sectionId: section.id, title: 'A sound story' });
    const draft = await createArticleFixture(server.context, { sectionId: section.id, status: 'draft', title: 'A draft story' });
    const trashed = await createArticleFixture(server.context, { sectionId: section.id, status: 'trashed', title: 'A trashed story' });
    const scheduled = await createArticleFixture(server.context, { sectionId: section.id, status: 'scheduled', title: 'A scheduled story', scheduledAt: inHours(5), publishedAt: inHours(5) });
    const russian = await createPublishedArticle(server.context, { sectionId: section.id, title: 'Русская новость', language: 'ru' });
    const elsewhere = await createPublishedArticle(server.context, { sectionId: other.id, title: 'A story filed elsewhere' });
    const banner = { text: 'Breaking', url: '', endsAt: inHours(1) };
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ topStoryId: draft.id, blocks: [] }, 'layout.topStoryId', /A draft story.*draft/],
      [{ topStoryId: null, blocks: [{ kind: 'latest', pins: [ok.id, trashed.id] }] }, 'layout.blocks.0.pins.1', /A trashed story.*trash/],
      [{ topStoryId: scheduled.id, blocks: [] }, 'layout.topStoryId', /A scheduled story.*not published yet/],
      [{ topStoryId: 99_999_999, blocks: [] }, 'layout.topStoryId', /No article has id 99999999/],
      [{ topStoryId: russian.id, blocks: [] }, 'layout.topStoryId', /Русская новость.*ru/],
      [{ blocks: [{ kind: 'section', sectionId: section.id, pins: [elsewhere.id] }] }, 'layout.blocks.0.pins.0', /A story filed elsewhere.*Refusal Desk/],
      [{ blocks: [], sectionPins: [{ sectionId: section.id, pins: [elsewhere.id] }] }, 'layout.sectionPins.0.pins.0', /A story filed elsewhere/],
      [{ blocks: [{ kind: 'section', sectionId: 99_999_999, pins: [] }] }, 'layout.blocks.0.sectionId', /No section/],
      [{ blocks: [], banner: { ...banner, text: '  ' } }, 'layout.banner.text', /text/],
      [{ blocks: [], banner: { ...banner, endsAt: hoursAgo(1) } }, 'layout.banner.endsAt', /passed/],
      [{ blocks: [], banner: { ...banner, url: 'javascript:alert(1)' } }, 'layout.banner.url', /https:\/\//],
      [{ blocks: [{ kind: 'latest', pins: [ok.id, ok.id] }] }, 'layout.blocks.0.pins', /twice/],
    ];
    const newestBefore = await newestOf('en');
    const auditBefore = await server.context.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('subject_type', '=', 'main_page').executeTakeFirstOrThrow();
    for (const [layout, field, message] of cases) {
      const { status, body } = await save('en', layout);
      assert.ok(status === 400 || status === 422, `${field}: ${status} ${JSON.stringify(body)}`);
      assert.equal(body.field, field, JSON.stringify(body));
      assert.match(body.message, message);
    }
    assert.equal(await newestOf('en'), newestBefore, 'nothing was stored');
    const auditAfter = await server.context.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('subject_type', '=', 'main_page').executeTakeFirstOrThrow();
    assert.equal(Number(auditAfter.n), Number(auditBefore.n));
  });

  it('refuses a save that did not start from the newest revision (409), a language the site lacks (404), and anyone below editor (403)', async () => {
    const stale = await editor.call('POST', '/api/admin/main-page/en/revisions', { layout: { blocks: [] }, baseRevisionId: null });
    assert.equal(stale.status, 409, JSON.stringify(stale.body));
    const unknown = await editor.call('GET', '/api/admin/main-page/fr');
    assert.equal(unknown.status, 404);
    const denied = await save('en', { blocks: [] }, true, author);
    assert.equal(denied.status, 403);
  });

  it('drops a pinned story from the Main Page when it is trashed, and shows the pin as stale in the newsroom', async () => {
    const section = await createSectionFixture(server.context, { name: 'Stale Desk' });
    const pinned = await createPublishedArticle(server.context, { sectionId: section.id, title: 'A top story soon trashed', publishedAt: hoursAgo(70) });
    const saved = await save('en', { topStoryId: pinned.id, blocks: [{ kind: 'latest', pins: [] }] });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));
    assert.match(await readerPage(server, '/'), /A top story soon trashed/);

    const { body: article } = await editor.call('GET', `/api/admin/articles/${pinned.id}`);
    const trash = await editor.call('POST', `/api/admin/articles/${pinned.id}/trash`, { version: article.version });
    assert.equal(trash.status, 200, JSON.stringify(trash.body));

    const page = await readerPage(server, '/');
    assert.doesNotMatch(page, /A top story soon trashed/);
    assert.match(page, /top-story-title/, 'the newest story takes the top');
    const { body } = await editor.call('GET', '/api/admin/main-page/en');
    assert.equal(body.problems[0].field, 'layout.topStoryId');
    assert.equal(body.problems[0].articleId, pinned.id);
    assert.match(body.problems[0].message, /trash/);
    assert.deepEqual(body.pinned.map((a: { status: string }) => a.status), ['trashed']);
  });

  it('pins stories at the head of a section page, in its language only', async () => {
    const section = await createSectionFixture(server.context, { name: 'Pinned Section' });
    const older = await createPublishedArticle(server.context, { sectionId: section.id, title: 'Old but pinned', publishedAt: hoursAgo(90) });
    await createPublishedArticle(server.context, { sectionId: section.id, title: 'Newer, not pinned' });
    const before = await readerPage(server, `/${section.slug}`);
    assert.ok(at(before, 'Newer, not pinned') < at(before, 'Old but pinned'));
    const saved = await save('en', { blocks: [{ kind: 'latest', pins: [] }], sectionPins: [{ sectionId: section.id, pins: [older.id] }] });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));
    const after = await fetch(`${server.url}/${section.slug}`);
    assert.match(after.headers.get('surrogate-key') ?? '', new RegExp(`section-page:en:${section.id}`));
    const html = await after.text();
    assert.ok(at(html, 'Old but pinned') < at(html, 'Newer, not pinned'), 'the pin comes first');
    assert.equal(html.split('Old but pinned').length - 1, 1, 'shown once');
  });

  it('drops exactly the Main Page of the layout’s language and the section pages whose pins changed', async () => {
    const db = server.context.database.db;
    const touched = await createSectionFixture(server.context, { name: 'Touched Section' });
    const untouched = await createSectionFixture(server.context, { name: 'Untouched Section' });
    const inTouched = await createPublishedArticle(server.context, { sectionId: touched.id, title: 'Touched story' });
    const inUntouched = await createPublishedArticle(server.context, { sectionId: untouched.id, title: 'Untouched story' });
    const russian = await createPublishedArticle(server.context, { sectionId: untouched.id, title: 'Русская история', language: 'ru' });
    // Everything cached, then renamed behind the cache's back (no event): a page shows the new title only if it was dropped.
    const paths = ['/', '/ru/', `/${touched.slug}`, `/${untouched.slug}`];
    for (const path of paths) await readerPage(server, path);
    for (const a of [inTouched, inUntouched, russian]) await db.updateTable('articles').set({ title: `Renamed ${a.id}` }).where('id', '=', a.id).execute();

    const saved = await save('en', { blocks: [{ kind: 'latest', pins: [] }], sectionPins: [{ sectionId: touched.id, pins: [inTouched.id] }] });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));

    assert.match(await readerPage(server, '/'), new RegExp(`Renamed ${inUntouched.id}`), 'the Main Page was dropped');
    assert.match(await readerPage(server, `/${touched.slug}`), new RegExp(`Renamed ${inTouched.id}`), 'the touched section page was dropped');
    assert.match(await readerPage(server, `/${untouched.slug}`), /Untouched story/, 'another section page stayed cached');
    assert.match(await readerPage(server, '/ru/'), /Русская история/, 'another language’s Main Page stayed cached');
  });

  it('gives each language its own layout; the Kazakh Latin edition follows the Kazakh one, converted', async () => {
    const section = await createSectionFixture(server.context, { name: 'Kazakh Desk' });
    const kazakh = await createPublishedArticle(server.context, { sectionId: section.id, title: 'Астанадағы жаңалық', language: 'kk', publishedAt: hoursAgo(80) });
    await createPublishedArticle(server.context, { sectionId: section.id, title: 'Жаңа хабар', language: 'kk' });
    for (const path of ['/kk/', '/kk-latn/', '/']) await readerPage(server, path);
    const saved = await save('kk', { topStoryId: kazakh.id, banner: { text: 'Жол жабық', endsAt: inHours(2) }, blocks: [{ kind: 'latest', pins: [] }] });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));
    const cyrillic = await readerPage(server, '/kk/');
    assert.equal(topStory(cyrillic), 'Астанадағы жаңалық');
    assert.match(cyrillic, /Жол жабық/);
    const latin = await readerPage(server, '/kk-latn/');
    assert.match(latin, /Jol jabyq/, 'the banner in Latin script');
    assert.equal(topStory(latin), 'Astanadağy jañalyq');
    assert.doesNotMatch(await readerPage(server, '/'), /breaking-banner/, 'the English Main Page keeps its own layout');
  });
});

