import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../../support/test-server.ts';
import { createUserFixture } from '../../support/auth.ts';
import { createAuthorFixture, createSectionFixture } from '../../support/factories.ts';
import { ProblemLog } from '../../support/browser.ts';
import { useTestbed, signInFresh } from './editor-support.ts';

describe('a new article in the editor', () => {
  let server: TestServer;
  let browser: Browser;

  useTestbed((testbed) => ({ server, browser } = testbed));
  before(async () => {
    await createSectionFixture(server.context, { name: 'Science', slug: 'science' });
  });

  it("is bylined to the writer's author profile, publishes before any save, then reads as an article to edit with Update first", async () => {
    const author = await createAuthorFixture(server.context, { name: 'Aigerim Bekova' });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    await server.context.database.db.updateTable('users').set({ author_id: author.id }).where('id', '=', editor.id).execute();
    const log = new ProblemLog();
    const { context, page } = await signInFresh({ server, browser }, log, editor);
    await page.goto(`${server.url}/newsroom/articles/new`);
    await page.getByRole('heading', { level: 1, name: 'New article' }).waitFor();
    await page.getByRole('button', { name: 'Remove Aigerim Bekova' }).waitFor();
    // Nothing saved yet, and "Publish now" is already there.
    await page.getByRole('button', { name: 'Publish now' }).waitFor();

    await page.getByLabel('Title').fill('A comet passes close to the Tien Shan observatory');
    await page.locator('.ed-body').click();
    await page.keyboard.type('Astronomers watched it for three nights.');
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.getByText('Published.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Edit article' }).waitFor();

    // On a live article "Update" is the main button; "Move to trash" is red text, not the loudest button.
    const look = (name: string) =>
      page.getByRole('button', { name, exact: true }).evaluate((button) => {
        const style = getComputedStyle(button);
        return { background: style.backgroundColor, color: style.color };
      });
    const [update, unpublish, trash] = [await look('Update'), await look('Unpublish'), await look('Move to trash')];
    assert.notEqual(update.background, unpublish.background, 'Update looks like the main action, not a quiet one');
    assert.equal(trash.background, 'rgba(0, 0, 0, 0)');

    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const article = await page.evaluate(async (articleId) => (await fetch(`/api/admin/articles/${articleId}`)).json(), id);
    assert.deepEqual(article.authorIds, [author.id]);
    const reader = log.watch(await browser.newPage());
    await reader.goto(`${server.url}${article.path}`);
    const jsonLd = JSON.parse((await reader.locator('script[type="application/ld+json"]').first().textContent()) ?? '{}');
    assert.deepEqual(
      (jsonLd.author as Array<{ '@type': string; name: string }>).map((a) => [a['@type'], a.name]),
      [['Person', 'Aigerim Bekova']],
    );
    await reader.close();
    await context.close();
    assert.deepEqual(log.problems, []);
  });
});
