import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../../support/test-server.ts';
import { createUserFixture, loginInBrowser } from '../../support/auth.ts';
import { createArticleFixture, createSectionFixture, paragraphsBody } from '../../support/factories.ts';
import { ProblemLog } from '../../support/browser.ts';
import { accessibilityProblems } from '../../support/page-checks.ts';
import { useTestbed } from './editor-support.ts';

async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.locator('.ed-body p').last().click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

describe('two tabs editing one article', () => {
  let server: TestServer;
  let browser: Browser;

  useTestbed((testbed) => ({ server, browser } = testbed));

  it('shows the conflict with both versions, loses neither text, and keeps mine on request', async () => {
    const section = await createSectionFixture(server.context, { name: 'Politics', slug: 'politics' });
    const article = await createArticleFixture(server.context, {
      sectionId: section.id,
      title: 'Parliament debates the water bill',
      body: paragraphsBody(['Deputies met on Tuesday.']),
    });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const colleague = await createUserFixture(server.context, { role: 'editor', name: 'Aigerim Colleague' });
    const log = new ProblemLog();
    const url = `${server.url}/newsroom/articles/${article.id}`;
    // A colleague has the article open: the editor sees who else is in it.
    const colleagueContext = await browser.newContext();
    const colleaguePage = log.watch(await colleagueContext.newPage());
    await loginInBrowser(colleaguePage, server, colleague);
    await colleaguePage.goto(url);
    await colleaguePage.locator('.ed-body').waitFor();

    const context = await browser.newContext();
    const first = log.watch(await context.newPage());
    await loginInBrowser(first, server, editor);
    const second = log.watch(await context.newPage());
    await first.goto(url);
    await second.goto(url);
    await first.getByText('Also editing: Aigerim Colleague').waitFor();
    await colleagueContext.close();

    await typeAtEnd(first, ' The vote is on Friday.');
    await first.getByRole('button', { name: 'Save', exact: true }).click();
    await first.getByText(/^Saved \d\d:\d\d$/).waitFor();

    // The second tab still holds the old version: its save is refused with 409.
    log.allow(/status of 409/);
    await typeAtEnd(second, ' Amendments came from three parties.');
    await second.getByRole('button', { name: 'Save', exact: true }).click();
    await second.getByRole('heading', { name: 'Someone else saved this article while you were editing' }).waitFor();
    await second.getByText('Not saved — someone else saved first').waitFor();
    assert.deepEqual(await accessibilityProblems(second), []);
    const theirs = await second.getByLabel('Their version').inputValue();
    const mine = await second.getByLabel('Your version').inputValue();
    assert.match(theirs, /The vote is on Friday\./);
    assert.doesNotMatch(theirs, /Amendments came/);
    assert.match(mine, /Amendments came from three parties\./);
    assert.doesNotMatch(mine, /The vote is on Friday/);

    // Nothing was lost meanwhile: the server kept the refused text as a revision.
    const revisions = await second.evaluate(async (id) => (await fetch(`/api/admin/articles/${id}/revisions`)).json(), article.id);
    assert.ok(revisions.items.some((r: { kind: string }) => r.kind === 'conflict'), 'the refused save is a revision');

    await second.getByRole('button', { name: 'Keep mine (save over theirs)' }).click();
    await second.getByText(/^Saved \d\d:\d\d$/).waitFor();
    const stored = await second.evaluate(async (id) => (await fetch(`/api/admin/articles/${id}`)).json(), article.id);
    assert.match(JSON.stringify(stored.body), /Amendments came from three parties\./);

    // Theirs is still retrievable: the revision history holds the first tab's text.
    await second.goto(`${url}/revisions`);
    const saves = await second.evaluate(async (id) => (await fetch(`/api/admin/articles/${id}/revisions`)).json(), article.id);
    const newest = saves.items[0];
    // Newest first: after "keep mine" come the refused save and then the first tab's last save.
    const firstTabSave = saves.items.find((r: { id: number; kind: string }) => r.kind !== 'conflict' && r.id !== newest.id);
    await second.goto(`${url}/revisions?from=${firstTabSave.id}&to=${newest.id}`);
    await second.locator('.rv-diff del', { hasText: 'Friday' }).first().waitFor();
    await second.locator('.rv-diff ins', { hasText: 'Amendments' }).first().waitFor();
    await context.close();
    assert.deepEqual(log.problems, []);
  });

  it('takes theirs on request, after the editor copied their own text', async () => {
    const section = await createSectionFixture(server.context, { name: 'Sport', slug: 'sport' });
    const article = await createArticleFixture(server.context, {
      sectionId: section.id,
      title: 'Almaty hosts the skating final',
      body: paragraphsBody(['Tickets sold out in an hour.']),
    });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const log = new ProblemLog();
    log.allow(/status of 409/);
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const first = log.watch(await context.newPage());
    await loginInBrowser(first, server, editor);
    const second = log.watch(await context.newPage());
    const url = `${server.url}/newsroom/articles/${article.id}`;
    await first.goto(url);
    await second.goto(url);
    await typeAtEnd(first, ' Extra trams will run.');
    await first.getByRole('button', { name: 'Save', exact: true }).click();
    await first.getByText(/^Saved \d\d:\d\d$/).waitFor();
    await typeAtEnd(second, ' The ice was relaid overnight.');
    await second.getByText('Not saved — someone else saved first').waitFor();

    // The Clipboard API answers only the focused document; two tabs share one window's focus.
    await second.bringToFront();
    await second.getByRole('button', { name: 'Copy mine' }).click();
    await second.getByText('Your version is on the clipboard.').waitFor();
    const clipboard = await second.evaluate(() => navigator.clipboard.readText());
    assert.match(clipboard, /The ice was relaid overnight\./);
    await second.getByRole('button', { name: 'Take theirs' }).click();
    await second.locator('.ed-body').getByText('Extra trams will run.', { exact: false }).waitFor();
    assert.equal(await second.locator('.ed-body').getByText('The ice was relaid', { exact: false }).count(), 0);
    await context.close();
    assert.deepEqual(log.problems, []);
  });
});
