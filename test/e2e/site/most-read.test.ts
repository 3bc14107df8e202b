import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getAs, signedInAs } from '../../support/auth.ts';
import { BROWSER_AGENT, CRAWLER_AGENT } from '../../support/user-agents.ts';
import { waitUntil } from '../../support/wait-until.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { createArticleFixture, createPublishedArticle, createSectionFixture } from '../../support/factories.ts';


describe('readers’ views and “Most read”', () => {
  let server: TestServer;
  let first: { id: number; path: string };
  let second: { id: number; path: string };
  let draft: { id: number };
  before(async () => {
    // Flushes and refreshes every fraction of a second so the test sees them happen.
    server = await startTestServer({ VIEWS_FLUSH_SECONDS: '0.1', MOST_READ_REFRESH_SECONDS: '0.2' });
    const section = await createSectionFixture(server.context, { name: 'News' });
    first = await createPublishedArticle(server.context, { sectionId: section.id, title: 'First story' });
    second = await createPublishedArticle(server.context, { sectionId: section.id, title: 'Second story' });
    await createPublishedArticle(server.context, { sectionId: section.id, title: 'Unread story' });
    draft = await createArticleFixture(server.context, { sectionId: section.id, title: 'Draft story' });
  });
  after(async () => {
    await server.close();
  });

  const views = async (articleId: number) =>
    Number(
      (await server.context.database.db.selectFrom('article_views').select((eb) => eb.fn.sum<number>('views').as('n')).where('article_id', '=', articleId).executeTakeFirst())?.n ?? 0,
    );
  const beacon = (article: string, userAgent = BROWSER_AGENT) =>
    fetch(`${server.url}/views`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': userAgent }, body: `article=${article}` });

  it('counts beacons and no-JavaScript pixels from readers, never from crawlers, staff, drafts or made-up ids', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await beacon(String(second.id))).status, 204);
    const pixel = await fetch(`${server.url}/views/${second.id}.gif`, { headers: { 'user-agent': BROWSER_AGENT } });
    assert.equal(pixel.status, 200);
    assert.equal(pixel.headers.get('content-type'), 'image/gif');
    assert.equal(pixel.headers.get('cache-control'), 'no-store');
    await beacon(String(first.id));
    await beacon(String(first.id), CRAWLER_AGENT);
    await beacon(String(first.id), '');
    const editor = await signedInAs(server, 'editor');
    await fetch(`${server.url}/views`, { method: 'POST', headers: { cookie: editor.cookie, 'user-agent': BROWSER_AGENT, 'content-type': 'application/x-www-form-urlencoded' }, body: `article=${first.id}` });
    for (const junk of [String(draft.id), '999999', '-1', 'abc', '1e3', '99999999999', '']) assert.equal((await beacon(junk)).status, 204, junk);
    await waitUntil('the counts reach the database', async () => (await views(second.id)) === 4 && (await views(first.id)) === 1);
    assert.equal(await views(draft.id), 0);
    const rows = await server.context.database.db.selectFrom('article_views').selectAll().execute();
    assert.ok(rows.every((r) => Object.keys(r).sort().join() === 'article_id,hour,views'), 'nothing about a reader is stored');
    assert.ok(rows.every((r) => r.article_id !== 999999));
  });

  it('answers a beacon the same whether it is counted before the framework or by its route', async () => {
    const before = await views(second.id);
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${server.url}/views`, { method: 'POST', headers: { 'user-agent': BROWSER_AGENT, ...headers }, body });
    // No session cookie, the beacon's own body: answered before the framework.
    const front = await post({ 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' }, `article=${second.id}`);
    // A session cookie that names no session: the route identifies an anonymous reader and counts.
    const route = await post({ 'content-type': 'application/x-www-form-urlencoded', cookie: 'qalam_session=expired' }, `article=${second.id}`);
    // Not a beacon's body (another type, a repeated field, an oversized one): answered, never counted.
    const other = [
      await post({ 'content-type': 'text/plain' }, `article=${second.id}`),
      await post({ 'content-type': 'application/x-www-form-urlencoded' }, `article=${second.id}&article=${second.id}`),
      await post({ 'content-type': 'application/x-www-form-urlencoded' }, `article=${second.id}&padding=${'x'.repeat(300)}`),
    ];
    for (const response of [front, route, ...other]) {
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(response.headers.get('content-security-policy'), front.headers.get('content-security-policy'));
    }
    assert.ok(front.headers.get('content-security-policy'), 'the security headers are sent');
    const pixels = [
      await fetch(`${server.url}/views/${second.id}.gif`, { headers: { 'user-agent': BROWSER_AGENT } }),
      await fetch(`${server.url}/views/${second.id}.gif`, { headers: { 'user-agent': BROWSER_AGENT, cookie: 'qalam_session=expired' } }),
    ];
    for (const pixel of pixels) {
      assert.equal(pixel.headers.get('content-type'), 'image/gif');
      assert.deepEqual(Buffer.from(await pixel.arrayBuffer()), Buffer.from(await (await fetch(`${server.url}/views/x.gif`)).arrayBuffer()));
    }
    await waitUntil('the two beacons and two pixels reach the database', async () => (await views(second.id)) === before + 4);
  });

  it('shows the most read on the Main Page and article pages, most viewed first, without the article itself', async () => {
    const titlesIn = (html: string) => {
      const block = /<section class="home-block most-read"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
      return [...block.matchAll(/<a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]).join(', ');
    };
    // The list is recomputed on its schedule and the cached Main Page dropped when it changes.
    await waitUntil('the Main Page lists both read stories, most viewed first', async () => titlesIn(await (await fetch(`${server.url}/`)).text()) === 'Second story, First story');
    const article = await (await fetch(`${server.url}${second.path}`)).text();
    assert.equal(titlesIn(article), 'First story');
    // Staff see the same page fresh, and their visits are not counted.
    assert.equal((await getAs(server, await signedInAs(server, 'author'), second.path)).status, 200);
  });
});
