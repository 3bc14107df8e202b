import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../../support/test-server.ts';
import { createUserFixture } from '../../support/auth.ts';
import { createArticleFixture, createSectionFixture, paragraphsBody } from '../../support/factories.ts';
import { ProblemLog } from '../../support/browser.ts';
import { useTestbed, signInFresh } from './editor-support.ts';

describe('the article editor keeps what an editor types', () => {
  let server: TestServer;
  let browser: Browser;

  useTestbed((testbed) => ({ server, browser } = testbed));

  it('autosaves typing without pressing Save: a reload shows it', async () => {
    await createSectionFixture(server.context, { name: 'Society', slug: 'society' });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const log = new ProblemLog();
    const { context, page } = await signInFresh({ server, browser }, log, editor);
    await page.goto(`${server.url}/newsroom/articles/new`);
    await page.getByLabel('Title').fill('Steppe libraries open late in winter');
    assert.equal(await page.getByLabel('Slug').inputValue(), 'steppe-libraries-open-late-in-winter');
    await page.locator('.ed-body').click();
    await page.keyboard.type('Readers in small towns asked for longer hours, and the libraries listened.');
    await page.getByText(/^Saved \d\d:\d\d$/).waitFor();
    // The first autosave created the article: the address names it now.
    assert.match(new URL(page.url()).pathname, /^\/newsroom\/articles\/\d+$/);
    assert.equal(await page.locator('#ed-words').textContent(), '12');

    await page.keyboard.type(' Some stay open until ten.');
    await page.getByText(/^Saved \d\d:\d\d$/).waitFor();
    await page.reload();
    await page.locator('.ed-body').getByText('Some stay open until ten.').waitFor();
    assert.equal(await page.getByLabel('Title').inputValue(), 'Steppe libraries open late in winter');
    assert.equal(await page.getByRole('button', { name: 'Restore them' }).count(), 0, 'nothing unsaved is left to restore');
    await context.close();
    assert.deepEqual(log.problems, []);
  });

  it('keeps unsaved work in the browser while offline and offers it back after the tab is closed', async () => {
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const log = new ProblemLog();
    const { context, page } = await signInFresh({ server, browser }, log, editor);
    await page.goto(`${server.url}/newsroom/articles/new`);
    await page.getByLabel('Title').fill('Ferry timetable changes for the spring');
    await page.locator('.ed-body').click();
    await page.keyboard.type('The first ferry now leaves at six.');
    await page.getByText(/^Saved \d\d:\d\d$/).waitFor();
    const articleUrl = page.url();

    // This tab loses the network (the other tab opened below keeps it).
    await page.route('**/api/admin/**', (route) => route.abort('internetdisconnected'));
    log.allow(/ERR_INTERNET_DISCONNECTED|Failed to fetch/);
    await page.keyboard.type(' The last one leaves at nine.');
    await page.getByText('Offline — kept locally').waitFor();
    // "Kept locally" means in the browser's storage, where another tab of the same browser finds it.
    const again = log.watch(await context.newPage());
    await again.goto(`${server.url}/newsroom`);
    await again.waitForFunction(() =>
      Object.keys(localStorage).some((key) => key.startsWith('qalam:unsaved:') && (localStorage.getItem(key) ?? '').includes('The last one leaves at nine.')),
    );
    // The tab goes away (crash, closed by mistake) while the server still lacks the last sentence.
    await page.close({ runBeforeUnload: false });
    await again.goto(articleUrl);
    await again.getByRole('button', { name: 'Restore them' }).click();
    await again.locator('.ed-body').getByText('The last one leaves at nine.', { exact: false }).waitFor();
    await again.getByText(/^Saved \d\d:\d\d$/).waitFor();
    const id = Number(new URL(articleUrl).pathname.split('/').pop());
    const stored = await again.evaluate(async (articleId) => {
      const response = await fetch(`/api/admin/articles/${articleId}`);
      return (await response.json()) as { body: unknown };
    }, id);
    assert.match(JSON.stringify(stored.body), /The last one leaves at nine\./);
    await context.close();
    assert.deepEqual(log.problems, []);
  });

  it('warns before leaving a page with unsaved changes, and not after they are saved', async () => {
    const editor = await createUserFixture(server.context, { role: 'editor' });
    // A live article: its edits wait for Update, so they stay unsaved until the editor acts.
    const live = await createArticleFixture(server.context, { title: 'Harvest begins in the north', body: paragraphsBody(['Combines are out.']), status: 'published' });
    const log = new ProblemLog();
    const { context, page } = await signInFresh({ server, browser }, log, editor);
    await page.goto(`${server.url}/newsroom/articles/${live.id}`);
    await page.locator('.ed-body p').last().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Yields look good.');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });
    const shown = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    await shown;
    assert.deepEqual(dialogs, ['beforeunload'], 'leaving with unsaved work asks first');
    assert.equal(page.isClosed(), false, 'staying keeps the page open');

    await page.getByRole('button', { name: 'Update', exact: true }).click();
    await page.getByText(/^Saved \d\d:\d\d$/).waitFor();
    await page.close({ runBeforeUnload: true });
    await page.waitForEvent('close');
    assert.deepEqual(dialogs, ['beforeunload'], 'no second warning once saved');
    await context.close();
    assert.deepEqual(log.problems, []);
  });
});
