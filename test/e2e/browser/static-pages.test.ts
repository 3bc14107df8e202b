import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { asSystem } from '#src/domain/people/actor.ts';
import { createPageService } from '#src/domain/pages/page-service.ts';
import { createUserFixture, loginAs, loginInBrowser } from '../../support/auth.ts';
import { launchBrowser, ProblemLog } from '../../support/browser.ts';
import { paragraphsBody } from '../../support/factories.ts';
import { accessibilityProblems, htmlErrorsOf } from '../../support/page-checks.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

describe('static pages in a browser', () => {
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

  it('an editor creates a page with the body editor, places it in the footer, publishes it, and readers see it on every page', async () => {
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const log = new ProblemLog();
    // The refused slug below answers the form again with 422, on purpose.
    log.allow(/status of 422/);
    const page = log.watch(await browser.newPage());
    await loginInBrowser(page, server, editor);
    await page.goto(`${server.url}/newsroom`);
    await page.getByRole('link', { name: 'Pages', exact: true }).click();
    await page.getByRole('heading', { name: 'Pages', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New page' }).click();
    await page.getByLabel('Title').fill('About the newsroom');
    await page.getByLabel('Slug').fill('about');
    await page.getByLabel('Menu', { exact: true }).selectOption('footer');
    await page.locator('.ed-body').click();
    await page.keyboard.type('We are a small team ');
    await page.getByRole('button', { name: /bold/i }).click();
    await page.keyboard.type('on the steppe');
    await Promise.all([page.waitForURL(/\/newsroom\/pages\/\d+\?done=created$/), page.getByRole('button', { name: 'Create the draft' }).click()]);
    await page.getByText('Draft created.').waitFor();
    const id = Number(/\/newsroom\/pages\/(\d+)/.exec(page.url())![1]);
    const stored = await createPageService(server.context).get(asSystem(), id);
    assert.equal(stored.path, '/about');
    assert.equal(stored.menu, 'footer');
    assert.deepEqual(stored.body.content[0], {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'We are a small team ' },
        { type: 'text', text: 'on the steppe', marks: [{ type: 'bold' }] },
      ],
    });

    // A second save from the form keeps the text it did not touch, and a taken address is refused at the field.
    await page.getByLabel('Slug').fill('newsroom');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#f-slug-error').waitFor();
    assert.match((await page.locator('#f-slug-error').textContent()) ?? '', /reserved/);
    await page.goto(`${server.url}/newsroom/pages/${id}`);
    await Promise.all([page.waitForURL(/done=publish$/), page.getByRole('button', { name: 'Publish' }).click()]);
    await page.getByText('Published.').waitFor();

    const reader = await browser.newPage();
    await reader.goto(`${server.url}/`);
    await reader.getByRole('contentinfo').getByRole('link', { name: 'About the newsroom' }).click();
    await reader.getByRole('heading', { name: 'About the newsroom', level: 1 }).waitFor();
    assert.equal(await reader.locator('.article-body strong').textContent(), 'on the steppe');
    await reader.close();

    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('cell', { name: 'published' }).waitFor();
    await page.close();
    assert.deepEqual(log.problems, []);
  });

  it('serves the newsroom pages and a public page as valid HTML without serious accessibility problems', async () => {
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const pages = createPageService(server.context);
    const parent = await pages.create(asSystem(), { title: 'Company', slug: 'company', status: 'published', menu: 'header', body: paragraphsBody(['Who owns us.']) });
    const child = await pages.create(asSystem(), { title: 'Jobs', parentId: parent.id, status: 'published', body: paragraphsBody(['We are hiring.']) });
    const ru = await pages.create(asSystem(), { title: 'О редакции', language: 'ru', status: 'published', menu: 'footer', body: paragraphsBody(['Кто мы.']) });
    await pages.update(asSystem(), child.id, { version: child.version, title: 'Jobs and internships' });
    const session = await loginAs(server, editor);
    const newsroom = ['/newsroom/pages', '/newsroom/pages/new', `/newsroom/pages/${parent.id}`, `/newsroom/pages/${child.id}/revisions`];
    const site = [parent.path, child.path, ru.path];
    const texts: string[] = [];
    for (const [i, url] of [...newsroom, ...site].entries()) {
      const response = await fetch(`${server.url}${url}`, { headers: newsroom.includes(url) ? { cookie: session.cookie } : {} });
      assert.equal(response.status, 200, url);
      texts.push(await response.text());
    }
    assert.deepEqual(htmlErrorsOf(texts), []);

    const page = await browser.newPage();
    const problems: string[] = [];
    for (const url of site) {
      await page.goto(`${server.url}${url}`);
      problems.push(...(await accessibilityProblems(page)));
    }
    await loginInBrowser(page, server, editor);
    for (const url of newsroom) {
      await page.goto(`${server.url}${url}`);
      problems.push(...(await accessibilityProblems(page)));
    }
    await page.close();
    assert.deepEqual(problems, []);
  });
});
