import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { asSystem } from '#src/domain/people/actor.ts';
import { createSettingsService } from '#src/domain/settings/settings-service.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import type { ViewCounting } from '#src/domain/settings/view-counting.ts';
import { cacheFrontOf } from '#src/web/cache-front.ts';
import { launchBrowser } from '../../support/browser.ts';
import { getAs, postForm, signedInAs } from '../../support/auth.ts';
import { createPublishedArticle, createSectionFixture } from '../../support/factories.ts';
import { unchangedSettingsForm } from '../../support/settings-form.ts';
import { BROWSER_AGENT, CRAWLER_AGENT } from '../../support/user-agents.ts';
import { waitUntil } from '../../support/wait-until.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';


describe('how readers’ views are counted (ADR 0073)', () => {
  let server: TestServer;
  let browser: Browser;
  let story: { id: number; path: string };
  let marker: { id: number; path: string };
  before(async () => {
    server = await startTestServer({ VIEWS_FLUSH_SECONDS: '0.1', MOST_READ_REFRESH_SECONDS: '0.2' });
    const section = await createSectionFixture(server.context, { name: 'News' });
    story = await createPublishedArticle(server.context, { sectionId: section.id, title: 'Counted story' });
    marker = await createPublishedArticle(server.context, { sectionId: section.id, title: 'Marker story' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server.close();
  });

  const views = async (articleId: number) =>
    Number(
      (await server.context.database.db.selectFrom('article_views').select((eb) => eb.fn.sum<number>('views').as('n')).where('article_id', '=', articleId).executeTakeFirst())?.n ?? 0,
    );
  const read = (path: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${server.url}${path}`, { method, headers: { 'user-agent': BROWSER_AGENT, ...headers } });
  /**
   * Everything counted before this call is in the database once it returns: a view of the marker
   * article is recorded after them (by a beacon, which counts in either way), and a flush takes
   * every pending count at once.
   */
  const settle = async () => {
    const before = await views(marker.id);
    const beacon = await fetch(`${server.url}/views`, { method: 'POST', headers: { 'user-agent': BROWSER_AGENT, 'content-type': 'application/x-www-form-urlencoded' }, body: `article=${marker.id}` });
    assert.equal(beacon.status, 204);
    await waitUntil('the marker view reaches the database', async () => (await views(marker.id)) === before + 1);
  };
  const countWith = async (mode: ViewCounting) => {
    const settings = createSettingsService(server.context);
    await settings.update(asSystem(), { ...(await settings.get(asSystem())), viewCounting: mode });
    // The change drops every cached page (their markup differs between the two ways).
    await waitUntil(`the article page drawn for ${mode} counting`, async () => (await (await read(story.path)).text()).includes('/assets/views.js') === (mode === 'beacon'));
    await settle();
  };

  it('counts on the server by default: the page carries no beacon, and each reader’s request of it is a view, from the route or the cache front', async () => {
    assert.equal((await loadSettings(server.context.database.db)).viewCounting, 'server');
    await settle();
    // "Most read" on the page settles too (it lists the marker), so the page keeps one ETag below.
    await waitUntil('Most read lists the marker', async () => (await (await read(story.path)).text()).includes('Marker story'));
    await settle();
    const before = await views(story.id);
    const front = cacheFrontOf(server.app);
    const answeredBefore = front?.stats().answered ?? 0;
    const first = await read(story.path);
    const html = await first.text();
    assert.equal(first.status, 200);
    assert.doesNotMatch(html, /views\.js|\/views\/\d+\.gif/, 'no beacon and no pixel');
    assert.equal((await read(story.path)).status, 200);
    // A query string the page does not read passes the front by; the route answers from the cache.
    assert.equal((await read(`${story.path}?utm_source=newsletter`)).status, 200);
    // A revalidation is the reader looking at the page again.
    const revalidated = await read(story.path, { 'if-none-match': first.headers.get('etag')! });
    assert.equal(revalidated.status, 304);
    if (front) assert.ok(front.stats().answered >= answeredBefore + 2, 'the cache front answered some of them');
    await settle();
    assert.equal(await views(story.id), before + 4);
  });

  it('does not count a HEAD, a crawler, a request without a User-Agent, a prefetch, staff, a missing page or other pages', async () => {
    await settle();
    const before = await views(story.id);
    assert.equal((await read(story.path, {}, 'HEAD')).status, 200);
    assert.equal((await read(story.path, { 'user-agent': CRAWLER_AGENT })).status, 200);
    assert.equal((await read(story.path, { 'user-agent': '' })).status, 200);
    assert.equal((await read(story.path, { 'sec-purpose': 'prefetch' })).status, 200);
    assert.equal((await read(story.path, { 'sec-purpose': 'prefetch;prerender' })).status, 200);
    assert.equal((await read(story.path, { purpose: 'prefetch' })).status, 200);
    assert.equal((await read(story.path, { 'x-moz': 'prefetch' })).status, 200);
    assert.equal((await getAs(server, await signedInAs(server, 'editor'), story.path)).status, 200);
    assert.equal((await read(`${story.path}-gone`)).status, 404);
    assert.equal((await read('/')).status, 200);
    assert.equal((await read(`/${story.path.split('/')[1]}`)).status, 200);
    await settle();
    assert.equal(await views(story.id), before);
  });

  it('counts one view per page a reader’s browser opens', async () => {
    await settle();
    const before = await views(story.id);
    const page = await browser.newPage({ userAgent: BROWSER_AGENT });
    await page.goto(`${server.url}${story.path}`, { waitUntil: 'load' });
    await page.close();
    await settle();
    assert.equal(await views(story.id), before + 1);
  });

  it('behind a CDN counts the beacon the page sends, not the request for the page', async () => {
    await countWith('beacon');
    try {
      const before = await views(story.id);
      const html = await (await read(story.path)).text();
      assert.match(html, new RegExp(`<script src="/assets/views\\.js" defer data-article="${story.id}">`));
      assert.match(html, new RegExp(`/views/${story.id}\\.gif`));
      assert.equal((await read(story.path)).status, 200);
      await settle();
      assert.equal(await views(story.id), before, 'the page requests counted nothing');
      // Once per page view, and a page from the cache (the second) still sends it.
      const page = await browser.newPage({ userAgent: BROWSER_AGENT });
      await page.goto(`${server.url}${story.path}`, { waitUntil: 'load' });
      await page.goto(`${server.url}${story.path}`, { waitUntil: 'load' });
      await page.close();
      await waitUntil('the browser’s two beacons are counted', async () => (await views(story.id)) === before + 2);
      await settle();
      assert.equal(await views(story.id), before + 2);
    } finally {
      await countWith('server');
    }
  });

  it('is chosen on the settings page; anything but the two ways is refused naming the field, and nothing is saved', async () => {
    const admin = await signedInAs(server, 'admin');
    const stored = await loadSettings(server.context.database.db);
    const refused = await postForm(server, admin, '/newsroom/settings', { ...unchangedSettingsForm(stored), viewCounting: 'pixel' });
    assert.equal(refused.status, 422);
    const page = await refused.text();
    assert.match(page, /Choose one of the ways of counting listed/);
    assert.match(page, /id="[^"]*viewCounting[^"]*"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="[^"]*viewCounting/);
    assert.equal((await loadSettings(server.context.database.db)).viewCounting, 'server');
    await assert.rejects(
      createSettingsService(server.context).update(asSystem(), { ...stored, viewCounting: 'pixel' as ViewCounting }),
      (error: Error & { field?: string }) => error.field === 'viewCounting',
    );
    assert.equal((await postForm(server, admin, '/newsroom/settings', { ...unchangedSettingsForm(stored), viewCounting: 'beacon' })).status, 303);
    assert.equal((await loadSettings(server.context.database.db)).viewCounting, 'beacon');
    assert.equal((await postForm(server, admin, '/newsroom/settings', unchangedSettingsForm(stored))).status, 303);
    assert.equal((await loadSettings(server.context.database.db)).viewCounting, 'server');
  });
});
