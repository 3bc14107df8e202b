import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createArticleService } from '#src/domain/articles/article-service.ts';
import { asSystem } from '#src/domain/people/actor.ts';
import type { TestServer } from '../../support/test-server.ts';
import { createUserFixture, type UserFixture } from '../../support/auth.ts';
import { createArticleFixture, createSectionFixture, paragraphsBody } from '../../support/factories.ts';
import { ProblemLog } from '../../support/browser.ts';
import { accessibilityProblems } from '../../support/page-checks.ts';
import { useTestbed, signInFresh } from './editor-support.ts';

const KEPT = /^Kept at \d\d:\d\d \(not live yet\)/;
const NOTICE = /^You have changes to this published article that are not live yet, kept at \d\d:\d\d on \d{1,2} [A-Z][a-z]{2}\.$/;

describe('a published article’s pending edit follows the editor to another machine', () => {
  let server: TestServer;
  let browser: Browser;

  useTestbed((testbed) => ({ server, browser } = testbed));

  /** A fresh browser context (another machine: nothing in its storage) signed in as `user`, on the article. */
  async function openOnAnotherMachine(log: ProblemLog, user: UserFixture, articleId: number): Promise<{ context: BrowserContext; page: Page }> {
    const { context, page } = await signInFresh({ server, browser }, log, user);
    await page.goto(`${server.url}/newsroom/articles/${articleId}`);
    await page.locator('.ed-body').waitFor();
    return { context, page };
  }

  /** Changes the title and the last body paragraph, and waits until the server keeps them (not live). */
  async function editUntilKept(page: Page, title: string, addition: string): Promise<void> {
    await page.getByLabel('Title').fill(title);
    await page.locator('.ed-body p').last().click();
    await page.keyboard.press('End');
    await page.keyboard.type(addition);
    await page.getByText(KEPT).waitFor();
  }

  async function publicText(path: string): Promise<string> {
    const response = await fetch(`${server.url}${path}`);
    assert.equal(response.status, 200);
    return response.text();
  }

  async function storedVersion(id: number): Promise<number> {
    const row = await server.context.database.db.selectFrom('articles').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    return row.version;
  }

  it('restores the kept changes in a new browser, and Update makes them live', async () => {
    const section = await createSectionFixture(server.context, { name: 'Transport', slug: 'transport' });
    const live = await createArticleFixture(server.context, {
      sectionId: section.id,
      title: 'Rail link to the Caspian opens',
      body: paragraphsBody(['Freight trains reach Aktau in two days.', 'Passenger services follow in spring.']),
      status: 'published',
    });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const log = new ProblemLog();

    const first = await openOnAnotherMachine(log, editor, live.id);
    await editUntilKept(first.page, 'Rail link to the Caspian opens on Monday', ' Tickets go on sale in March.');
    assert.equal(await storedVersion(live.id), 1, 'keeping a pending edit does not change the article');
    assert.doesNotMatch(await publicText(live.path), /on Monday|Tickets go on sale/, 'nothing pending reaches readers');
    // The laptop dies: the context and its storage are gone (no beforeunload, no pagehide save).
    await first.context.close();

    const second = await openOnAnotherMachine(log, editor, live.id);
    const page = second.page;
    const notice = page.getByRole('alert').filter({ hasText: 'not live yet' });
    assert.match((await notice.locator('span').textContent()) ?? '', NOTICE);
    assert.equal(await page.getByLabel('Title').inputValue(), 'Rail link to the Caspian opens', 'the live text shows until the editor restores');
    assert.deepEqual(await accessibilityProblems(page), [], 'the notice is accessible');

    await notice.getByRole('button', { name: 'Restore them' }).click();
    await notice.waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel('Title').inputValue(), 'Rail link to the Caspian opens on Monday');
    await page.locator('.ed-body').getByText('Passenger services follow in spring. Tickets go on sale in March.').waitFor();
    await page.getByText(KEPT).waitFor();
    assert.doesNotMatch(await publicText(live.path), /on Monday/, 'restoring is not publishing');

    await page.getByRole('button', { name: 'Update', exact: true }).click();
    await page.getByText(/^Saved \d\d:\d\d$/).waitFor();
    const reader = await publicText(live.path);
    assert.match(reader, /Rail link to the Caspian opens on Monday/);
    assert.match(reader, /Tickets go on sale in March\./);
    const pending = await page.evaluate(async (id) => (await fetch(`/api/admin/articles/${id}/pending-edit`)).json(), live.id);
    assert.deepEqual(pending, { pendingEdit: null }, 'Update used up the pending edit');
    await page.reload();
    await page.locator('.ed-body').waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(await page.getByRole('button', { name: 'Restore them' }).count(), 0, 'nothing is left to restore');
    await second.context.close();
    assert.deepEqual(log.problems, []);
  });

  it('forgets the kept changes for good on Discard', async () => {
    const live = await createArticleFixture(server.context, {
      title: 'Apple harvest starts early',
      body: paragraphsBody(['Orchards near Almaty began picking.']),
      status: 'published',
    });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const log = new ProblemLog();
    const first = await openOnAnotherMachine(log, editor, live.id);
    await editUntilKept(first.page, 'Apple harvest starts two weeks early', ' Prices may fall.');
    await first.context.close();

    const second = await openOnAnotherMachine(log, editor, live.id);
    const notice = second.page.getByRole('alert').filter({ hasText: 'not live yet' });
    await notice.getByRole('button', { name: 'Discard them' }).click();
    await notice.waitFor({ state: 'detached' });
    assert.equal(await second.page.getByLabel('Title').inputValue(), 'Apple harvest starts early');
    const pending = await second.page.evaluate(async (id) => (await fetch(`/api/admin/articles/${id}/pending-edit`)).json(), live.id);
    assert.deepEqual(pending, { pendingEdit: null });
    await second.context.close();

    // Neither this browser nor another one offers them again.
    const third = await openOnAnotherMachine(log, editor, live.id);
    await third.page.waitForLoadState('networkidle');
    assert.equal(await third.page.getByRole('button', { name: 'Restore them' }).count(), 0);
    assert.equal(await storedVersion(live.id), 1);
    await third.context.close();
    assert.deepEqual(log.problems, []);
  });

  it('shows the conflict panel when the article changed since the kept edit began', async () => {
    const live = await createArticleFixture(server.context, {
      title: 'Dam repairs finish on the Ili',
      body: paragraphsBody(['Engineers replaced two gates.']),
      status: 'published',
    });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const log = new ProblemLog();
    log.allow(/status of 409/);
    const first = await openOnAnotherMachine(log, editor, live.id);
    await editUntilKept(first.page, 'Dam repairs finish early on the Ili', ' The reservoir refills next.');
    await first.context.close();
    // Meanwhile a colleague updates the live article.
    await createArticleService(server.context).update(asSystem(), live.id, { version: 1, standfirst: 'A colleague’s standfirst.' });

    const second = await openOnAnotherMachine(log, editor, live.id);
    const page = second.page;
    await page.getByRole('alert').filter({ hasText: 'not live yet' }).getByRole('button', { name: 'Restore them' }).click();
    await page.getByRole('button', { name: 'Update', exact: true }).click();
    await page.getByRole('heading', { name: 'Someone else saved this article while you were editing' }).waitFor();
    assert.match(await page.getByLabel('Your version').inputValue(), /The reservoir refills next\./);
    assert.match(await page.getByLabel('Their version').inputValue(), /A colleague’s standfirst\./);
    assert.equal(await storedVersion(live.id), 2, 'the stale pending edit did not overwrite the colleague');
    await page.getByRole('button', { name: 'Keep mine (save over theirs)' }).click();
    await page.getByText(/^Saved \d\d:\d\d$/).waitFor();
    assert.match(await publicText(live.path), /The reservoir refills next\./);
    await second.context.close();
    assert.deepEqual(log.problems, []);
  });
});
