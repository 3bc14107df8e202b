import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { articleBodySchema } from '#src/domain/articles/article-body.ts';
import type { TestServer } from '../../support/test-server.ts';
import { createUserFixture } from '../../support/auth.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { ProblemLog } from '../../support/browser.ts';
import { accessibilityProblems } from '../../support/page-checks.ts';
import { writeTestImage, useTestbed, signInFresh } from './editor-support.ts';

describe('an editor writes and publishes an article in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let tempDir: string;

  useTestbed((testbed) => ({ server, browser } = testbed));
  before(async () => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-editor-'));
  });
  after(async () => {
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it('uploads an image, writes a heading, a link and the image, previews, publishes, and finds it on the site', async () => {
    await createSectionFixture(server.context, { name: 'Economy', slug: 'economy' });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const imageFile = await writeTestImage(tempDir);
    const log = new ProblemLog();
    const { context, page } = await signInFresh({ server, browser }, log, editor);

    await page.goto(`${server.url}/newsroom`);
    await page.getByRole('link', { name: 'New article' }).click();
    await page.getByLabel('Title').fill('Қазақстан opens a rail link to the Caspian');
    // The slug follows the title live, by the server's own rules (Kazakh Latin alphabet).
    assert.equal(await page.getByLabel('Slug').inputValue(), 'qazaqstan-opens-a-rail-link-to-the-caspian');
    await page.getByLabel('Standfirst').fill('Freight trains will reach the port in two days instead of five.');

    const body = page.locator('.ed-body');
    await body.click();
    await page.keyboard.type('The new line runs across the western steppe.');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Heading 2' }).click();
    assert.equal(await page.getByRole('button', { name: 'Heading 2' }).getAttribute('aria-pressed'), 'true');
    await page.keyboard.type('What changes for shippers');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Read the ministry report');
    await page.keyboard.down('Shift');
    for (let i = 0; i < 'ministry report'.length; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.up('Shift');
    await page.keyboard.press('Control+k');
    const linkField = page.getByLabel('Address');
    await linkField.fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Apply link' }).click();
    await page.getByText('Links must start with http://, https:// or mailto:').waitFor();
    await linkField.fill('https://example.org/rail-report');
    await page.getByRole('button', { name: 'Apply link' }).click();
    await body.getByRole('link', { name: 'ministry report' }).waitFor();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');

    await page.getByRole('button', { name: 'Insert image' }).click();
    await page.getByText('No images found.').waitFor();
    assert.deepEqual(await accessibilityProblems(page), [], 'the media picker dialog is accessible');
    await page.getByLabel('Image file').setInputFiles(imageFile);
    await page.getByLabel('Alt text').fill('A freight train crossing the steppe at dusk');
    await page.getByLabel('Caption').fill('The first freight train on the new line');
    await page.getByLabel('Credit').fill('Qalam Photo Desk');
    await page.getByRole('button', { name: 'Upload and use' }).click();
    const figure = body.locator('figure.ed-figure');
    await figure.waitFor();
    assert.equal(await figure.locator('img').getAttribute('alt'), 'A freight train crossing the steppe at dusk');
    // This use's caption can differ from the library's.
    await figure.getByLabel('Caption').fill('The first freight train on the new line, near Beyneu');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/^Saved \d\d:\d\d$/).waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    assert.ok(id > 0, 'the address names the saved article');

    // The stored body is exactly the schema's document: a heading, a safe link, the figure.
    const stored = await page.evaluate(async (articleId) => (await fetch(`/api/admin/articles/${articleId}`)).json(), id);
    const parsed = articleBodySchema.parse(stored.body);
    const json = JSON.stringify(parsed);
    assert.match(json, /"type":"heading","attrs":\{[^}]*"level":2/);
    assert.match(json, /"href":"https:\/\/example.org\/rail-report"/);
    assert.match(json, /"type":"figure","attrs":\{"mediaId":\d+,"caption":"The first freight train on the new line, near Beyneu"/);

    const [preview] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Preview' }).click()]);
    log.watch(preview);
    await preview.waitForLoadState();
    assert.equal(new URL(preview.url()).pathname, `/newsroom/articles/${id}/preview`);
    await preview.getByRole('heading', { level: 1, name: 'Қазақстан opens a rail link to the Caspian' }).waitFor();
    await preview.getByRole('heading', { level: 2, name: 'What changes for shippers' }).waitFor();
    assert.equal(await preview.getByRole('link', { name: 'ministry report' }).getAttribute('href'), 'https://example.org/rail-report');
    await preview.getByText('The first freight train on the new line, near Beyneu').waitFor();
    await preview.getByText('Qalam Photo Desk').waitFor();
    await preview.close();

    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.getByText('Published.').waitFor();
    assert.equal(await page.locator('.ed-topbar .nr-badge').textContent(), 'published');

    const reader = log.watch(await browser.newPage());
    const articlePath = '/economy/qazaqstan-opens-a-rail-link-to-the-caspian';
    for (const listPath of ['/', '/economy']) {
      await reader.goto(`${server.url}${listPath}`);
      const link = reader.locator(`a[href="${articlePath}"]`).first();
      assert.equal(await link.count(), 1, `${listPath} links to the new article`);
    }
    const response = await reader.goto(`${server.url}${articlePath}`);
    assert.equal(response?.status(), 200);
    await reader.getByRole('heading', { level: 1, name: 'Қазақстан opens a rail link to the Caspian' }).waitFor();
    await reader.getByRole('heading', { level: 2, name: 'What changes for shippers' }).waitFor();
    assert.equal(await reader.getByRole('link', { name: 'ministry report' }).getAttribute('href'), 'https://example.org/rail-report');
    assert.equal(await reader.getByRole('img', { name: 'A freight train crossing the steppe at dusk' }).count(), 1);
    await reader.getByText('Qalam Photo Desk').waitFor();
    await reader.close();
    await context.close();
    assert.deepEqual(log.problems, []);
  });
});
