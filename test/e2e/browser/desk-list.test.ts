import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { createUserFixture, loginAs, loginInBrowser } from '../../support/auth.ts';
import { launchBrowser, ProblemLog } from '../../support/browser.ts';
import { createArticleFixture, createAuthorFixture, createPublishedArticle, createSectionFixture } from '../../support/factories.ts';
import { accessibilityProblems, htmlErrorsOf } from '../../support/page-checks.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('the desk’s article list in a browser: filters in the URL, bulk actions, the calendar', () => {
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

  it('an editor filters by section and author, moves the chosen articles, and comes back to the same filtered list', async () => {
    const politics = await createSectionFixture(server.context, { name: 'Politics' });
    const elections = await createSectionFixture(server.context, { name: 'Elections', parentId: politics.id });
    const weather = await createSectionFixture(server.context, { name: 'Weather' });
    const dana = await createAuthorFixture(server.context, { name: 'Dana Seitova' });
    await createArticleFixture(server.context, { sectionId: politics.id, title: 'Parliament sits late' });
    await createArticleFixture(server.context, { sectionId: elections.id, title: 'Turnout rises', authorIds: [dana.id] });
    await createArticleFixture(server.context, { sectionId: weather.id, title: 'Snow in the south' });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const log = new ProblemLog();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = log.watch(await context.newPage());
    await loginInBrowser(page, server, editor);
    await page.goto(`${server.url}/newsroom`);
    const list = page.getByRole('region', { name: /^All articles/ });
    const titles = async () => (await list.locator('tbody tr td a[lang]').allTextContents()).sort();

    await page.getByLabel('Section', { exact: true }).selectOption({ label: 'Politics' });
    await page.getByRole('button', { name: 'Filter' }).click();
    assert.match(page.url(), new RegExp(`section=${politics.id}`));
    assert.deepEqual(await titles(), ['Parliament sits late', 'Turnout rises'], 'a section with its subsections');

    await page.getByLabel('Author', { exact: true }).selectOption({ label: 'Dana Seitova' });
    await page.getByRole('button', { name: 'Filter' }).click();
    assert.match(page.url(), new RegExp(`author=${dana.id}`));
    assert.deepEqual(await titles(), ['Turnout rises']);
    await page.goto(`${server.url}/newsroom?section=${politics.id}`);
    const filtered = page.url();

    await list.getByLabel('Choose “Parliament sits late”').check();
    await list.getByLabel('Choose “Turnout rises”').check();
    await page.getByLabel('With the chosen articles').selectOption({ label: 'Move to the section' });
    await page.getByLabel('Section (to move to)').selectOption({ label: 'Weather' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('2 of 2 articles changed.').waitFor();
    await page.getByRole('link', { name: 'Back to the list' }).click();
    assert.equal(page.url(), filtered, 'back to the same filtered list');
    await page.getByText('No articles match').waitFor();
    await page.goto(`${server.url}/newsroom?section=${weather.id}`);
    assert.deepEqual(await titles(), ['Parliament sits late', 'Snow in the south', 'Turnout rises']);
    await context.close();
    assert.deepEqual(log.problems, []);
  });

  it('shows scheduled and published articles by day on the calendar, by week and by day', async () => {
    const section = await createSectionFixture(server.context, { name: 'Calendar desk' });
    const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString();
    await createArticleFixture(server.context, { sectionId: section.id, status: 'scheduled', scheduledAt: tomorrow, title: 'Budget vote preview' });
    await createPublishedArticle(server.context, { sectionId: section.id, title: 'Morning briefing', publishedAt: new Date(Date.now() - 60_000).toISOString() });
    await createArticleFixture(server.context, { sectionId: section.id, status: 'draft', title: 'An undated draft' });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const page = await browser.newPage();
    await loginInBrowser(page, server, editor);
    await page.goto(`${server.url}/newsroom`);
    await page.getByRole('link', { name: 'Editorial calendar' }).click();
    await page.getByRole('heading', { name: 'Editorial calendar', level: 1 }).waitFor();
    const week = await page.locator('main').textContent();
    assert.match(week ?? '', /Morning briefing/);
    assert.doesNotMatch(week ?? '', /An undated draft/);
    // The scheduled one sits under tomorrow's day, in this week or the next.
    if (!/Budget vote preview/.test(week ?? '')) await page.getByRole('link', { name: 'Next week' }).click();
    await page.getByText('Budget vote preview').waitFor();
    const day = page.locator('section', { has: page.getByText('Budget vote preview') });
    await day.getByRole('heading').getByRole('link').click();
    assert.match(page.url(), /view=day&date=\d{4}-\d{2}-\d{2}$/);
    await page.getByText('Budget vote preview').waitFor();
    assert.equal(await page.locator('main section').count(), 1);
    await page.close();
  });

  it('serves valid HTML without serious accessibility problems: the filtered list, a bulk result, a refusal and the calendar', async () => {
    const section = await createSectionFixture(server.context, { name: 'Checked desk' });
    const article = await createArticleFixture(server.context, { sectionId: section.id, status: 'draft', title: 'Checked draft' });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const session = await loginAs(server, editor);
    const post = (fields: Record<string, string>) =>
      fetch(`${server.url}/newsroom/articles/bulk`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: session.csrfToken, back: '/newsroom', ...fields }),
      });
    const pages: Array<[string, Response]> = [
      ['list', await fetch(`${server.url}/newsroom?section=${section.id}&status=draft`, { headers: { cookie: session.cookie } })],
      ['week', await fetch(`${server.url}/newsroom/calendar`, { headers: { cookie: session.cookie } })],
      ['day', await fetch(`${server.url}/newsroom/calendar?view=day&date=2026-12-01`, { headers: { cookie: session.cookie } })],
      ['result', await post({ action: 'trash', articleId: String(article.id) })],
      ['refusal', await post({ action: 'restore', articleId: String(99_999_999) })],
    ];
    assert.deepEqual(
      pages.map(([name, r]) => `${name} ${r.status}`),
      ['list 200', 'week 200', 'day 200', 'result 200', 'refusal 422'],
    );
    const texts: string[] = [];
    for (const [name, response] of pages) {
      texts.push(await response.text());
    }
    assert.deepEqual(htmlErrorsOf(texts), []);

    const problems: string[] = [];
    const page = await browser.newPage();
    await loginInBrowser(page, server, editor);
    for (const url of [`/newsroom?section=${section.id}`, '/newsroom/calendar', '/newsroom/calendar?view=day&date=2026-12-01']) {
      await page.goto(`${server.url}${url}`);
      problems.push(...(await accessibilityProblems(page)));
    }
    await page.goto(`${server.url}/newsroom?status=trashed`);
    await page.getByLabel('Choose “Checked draft”').check();
    await page.getByLabel('With the chosen articles').selectOption({ label: 'Restore from the trash' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('1 of 1 article changed.').waitFor();
    problems.push(...(await accessibilityProblems(page)));
    await page.close();
    assert.deepEqual(problems, []);
  });
});
