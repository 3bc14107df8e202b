import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { createUserFixture, loginAs, loginInBrowser } from '../../support/auth.ts';
import { launchBrowser, ProblemLog } from '../../support/browser.ts';
import { createArticleFixture, createPublishedArticle, createSectionFixture } from '../../support/factories.ts';
import { accessibilityProblems, htmlErrorsOf } from '../../support/page-checks.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const HOUR = 3600_000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();

/** The headings of the Main Page's blocks, in order. */
async function blockTitles(page: Page): Promise<string[]> {
  return (await page.locator('main .block-title').allTextContents()).map((t) => t.trim());
}

describe('Main Page curation in a browser', () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an editor picks the top story, a banner, the blocks and pins, previews the draft, publishes it, and the reader sees it', async () => {
    const world = await createSectionFixture(server.context, { name: 'World' });
    const business = await createSectionFixture(server.context, { name: 'Business' });
    const chosen = await createPublishedArticle(server.context, { sectionId: world.id, title: 'The steppe railway opens', publishedAt: hoursAgo(20) });
    const businessPin = await createPublishedArticle(server.context, { sectionId: business.id, title: 'Wheat exports double', publishedAt: hoursAgo(30) });
    const worldPin = await createPublishedArticle(server.context, { sectionId: world.id, title: 'Border talks resume', publishedAt: hoursAgo(40) });
    await createPublishedArticle(server.context, { sectionId: world.id, title: 'A newer world story' });
    await createPublishedArticle(server.context, { sectionId: business.id, title: 'The newest business story' });
    const log = new ProblemLog();
    log.allow(/status of 422/);

    const editor = await createUserFixture(server.context, { role: 'editor' });
    const newsroom = await browser.newContext({ javaScriptEnabled: false });
    const desk = log.watch(await newsroom.newPage());
    await loginInBrowser(desk, server, editor);
    await desk.getByRole('link', { name: 'Main Page', exact: true }).click();
    await desk.getByRole('heading', { name: 'Main Page', level: 1 }).waitFor();
    await desk.getByText('No layout has been published').waitFor();

    await desk.getByLabel('Top story', { exact: true }).selectOption({ label: `The steppe railway opens (#${chosen.id})` });
    await desk.getByLabel('Banner text').fill('Polls close at 20:00 in Almaty');
    await desk.getByLabel('Banner link').fill(`/${world.slug}`);
    await desk.getByLabel('Banner ends').fill('2099-12-31T18:00');
    // Business first, then Latest; World keeps no block.
    await desk.getByLabel('Position of the block “Business”').fill('1');
    await desk.getByLabel('Position of the block “Latest (all sections)”').fill('2');
    await desk.getByLabel('Show the block “World”').uncheck();
    await desk.getByLabel('“Business”: pinned story 1', { exact: true }).selectOption({ label: `Wheat exports double (#${businessPin.id})` });
    await desk.getByLabel('Section page “World”: pinned story 1').selectOption({ label: `Border talks resume (#${worldPin.id})` });
    await desk.getByLabel('Note for the history').fill('Election night');

    // A banner ending in the past is refused next to its field, and nothing typed is lost.
    await desk.getByLabel('Banner ends').fill('2001-01-01T00:00');
    await desk.getByRole('button', { name: 'Save draft' }).click();
    await desk.getByText('Not saved: correct the field marked below.').waitFor();
    assert.equal(await desk.getByLabel('Banner ends').getAttribute('aria-invalid'), 'true');
    await desk.getByText('The banner’s end has passed').waitFor();
    assert.equal(await desk.getByLabel('Banner text').inputValue(), 'Polls close at 20:00 in Almaty');
    assert.equal(await desk.getByLabel('Top story', { exact: true }).inputValue(), String(chosen.id));
    await desk.getByLabel('Banner ends').fill('2099-12-31T18:00');
    await Promise.all([desk.waitForURL(/done=saved$/), desk.getByRole('button', { name: 'Save draft' }).click()]);
    await desk.getByText('Draft saved.').waitFor();
    assert.equal(await desk.getByLabel('Banner text').inputValue(), 'Polls close at 20:00 in Almaty', 'the form shows the saved draft');

    // Readers still get the Main Page by recency.
    const before = await browser.newContext({ javaScriptEnabled: false });
    const early = log.watch(await before.newPage());
    await early.goto(`${server.url}/`);
    assert.equal(await early.locator('.breaking-banner').count(), 0);
    await before.close();

    // The preview shows the draft as readers will get it, not for indexing.
    await desk.getByRole('status').getByRole('link', { name: 'Preview' }).click();
    await desk.locator('.breaking-banner').getByText('Polls close at 20:00 in Almaty').waitFor();
    assert.equal(await desk.locator('#top-story-title').textContent(), 'The steppe railway opens');
    assert.equal(await desk.locator('meta[name="robots"]').getAttribute('content'), 'noindex');
    assert.deepEqual(await blockTitles(desk), ['Business', 'Latest']);
    await desk.goBack();

    const revision = (await desk.locator('table').last().locator('tbody tr').first().locator('td').first().textContent())!.trim();
    await Promise.all([desk.waitForURL(/done=published$/), desk.getByRole('button', { name: `Publish ${revision}` }).click()]);
    await desk.getByText('Published: readers see the new Main Page now.').waitFor();
    await desk.getByText(`Live: revision ${revision}.`).waitFor();

    // A reader arriving now (a browser keeps a page for a minute: Cache-Control max-age=60).
    const reader = await browser.newContext({ javaScriptEnabled: false });
    const site = log.watch(await reader.newPage());
    await site.goto(`${server.url}/`);
    await site.locator('.breaking-banner').getByRole('link', { name: 'Polls close at 20:00 in Almaty' }).waitFor();
    assert.equal(await site.locator('#top-story-title').textContent(), 'The steppe railway opens');
    assert.deepEqual(await blockTitles(site), ['Business', 'Latest']);
    const businessCards = await site.locator('section.home-block').first().locator('.card-title').allTextContents();
    assert.deepEqual(businessCards.slice(0, 2), ['Wheat exports double', 'The newest business story'], 'the pin heads its block, the rest by recency');
    await site.goto(`${server.url}/${world.slug}`);
    assert.equal((await site.locator('main .card-title').first().textContent())?.trim(), 'Border talks resume', 'the section page’s pin comes first');
    await reader.close();
    await newsroom.close();
    assert.deepEqual(log.problems, []);
  });

  it('serves valid HTML without serious accessibility problems: the curation page, a refused save, the preview and the Main Page with a banner', async () => {
    const section = await createSectionFixture(server.context, { name: 'Checks' });
    const story = await createPublishedArticle(server.context, { sectionId: section.id, title: 'A story to pin' });
    const stale = await createPublishedArticle(server.context, { sectionId: section.id, title: 'A story soon trashed' });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const session = await loginAs(server, editor);
    const base = await (await fetch(`${server.url}/api/admin/main-page/en`, { headers: { cookie: session.cookie } })).json();
    const saved = await fetch(`${server.url}/api/admin/main-page/en/revisions`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        layout: { topStoryId: story.id, banner: { text: 'Storm warning', url: '', endsAt: '2099-01-01T00:00:00Z' }, blocks: [{ kind: 'latest', pins: [stale.id] }] },
        baseRevisionId: base.newestRevisionId,
        publish: true,
      }),
    });
    const revision = await saved.json();
    assert.equal(saved.status, 201, JSON.stringify(revision));
    // A pin trashed since shows as stale.
    await server.context.database.db.updateTable('articles').set({ status: 'trashed' }).where('id', '=', stale.id).execute();
    await createArticleFixture(server.context, { sectionId: section.id, status: 'draft' });

    const paths = ['/newsroom/main-page/en', '/newsroom/main-page/ru', `/newsroom/main-page/en/revisions/${revision.id}/preview`];
    const texts: string[] = [];
    for (const [i, url] of [...paths, '/'].entries()) {
      const response = await fetch(`${server.url}${url}`, { headers: url === '/' ? {} : { cookie: session.cookie } });
      assert.equal(response.status, 200, url);
      texts.push(await response.text());
    }
    assert.deepEqual(htmlErrorsOf(texts), []);

    const problems: string[] = [];
    const page = await browser.newPage();
    await loginInBrowser(page, server, editor);
    for (const url of paths) {
      await page.goto(`${server.url}${url}`);
      problems.push(...(await accessibilityProblems(page)));
    }
    await page.goto(`${server.url}/newsroom/main-page/en`);
    await page.getByText('A story soon trashed').first().waitFor();
    // A banner without text is refused next to its field.
    await page.getByLabel('Banner text').fill('');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Not saved: correct the field marked below.').waitFor();
    assert.equal(await page.getByLabel('Banner text').getAttribute('aria-invalid'), 'true');
    problems.push(...(await accessibilityProblems(page)));
    await page.goto(`${server.url}/`);
    problems.push(...(await accessibilityProblems(page)));
    await page.close();
    assert.deepEqual(problems, []);
  });
});
