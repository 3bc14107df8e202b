import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { useTestbed } from './editor-support.ts';
import { accessibilityProblems } from '../../support/page-checks.ts';
import type { TestServer } from '../../support/test-server.ts';
import { createUserFixture, loginAs } from '../../support/auth.ts';

describe('the newsroom media library page', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  useTestbed((testbed) => ({ server, browser } = testbed));
  before(async () => {
    const user = { email: 'library@example.kz', password: 'a long enough password 42' };
    await createUserFixture(server.context, { role: 'contributor', ...user });
    // Signed in over HTTP and handed the session cookie: this file tests the library, not the sign-in form.
    const session = await loginAs(server, user);
    const browserContext = await browser.newContext();
    const [name, value] = session.cookie.split('=') as [string, string];
    await browserContext.addCookies([{ name, value, url: server.url }]);
    page = await browserContext.newPage();
    // CSP violations and script errors surface as console errors.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.url}/newsroom/media`);
  });

  it('starts empty, then uploads through the file picker and reports a refused SVG', async () => {
    await page.getByText('The library is empty').waitFor();
    const jpeg = await sharp({ create: { width: 900, height: 500, channels: 3, background: '#3d7ea6' } }).jpeg().toBuffer();
    await page.setInputFiles('#ml-file', [
      { name: 'river.jpg', mimeType: 'image/jpeg', buffer: jpeg },
      { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') },
    ]);
    await page.locator('.ml-upload-row--error').getByText(/SVG images are not accepted/).waitFor();
    await page.locator('.ml-upload-row--ok').getByText(/Uploaded/).waitFor();
    await page.locator('.ml-item').first().waitFor();
    assert.equal(await page.locator('.ml-item').count(), 1);
    assert.ok(await page.locator('.ml-item__warning').first().isVisible(), 'missing alt text is flagged');
    const thumbnail = page.locator('.ml-item img').first();
    assert.match((await thumbnail.getAttribute('src')) ?? '', /^\/media\/.+\.webp$/);
    await page.waitForFunction(() => (document.querySelector('.ml-item img') as HTMLImageElement | null)?.naturalWidth ?? 0 > 0);
  });

  it('uploads a file dropped on the drop zone', async () => {
    const png = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#e9c46a' } }).png().toBuffer();
    await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'dropped-sun.png', { type: 'image/png' }));
      const zone = document.querySelector('[data-drop-zone]')!;
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, png.toString('base64'));
    await page.getByText('2 images.').waitFor();
    const names = await server.context.database.db.selectFrom('media').select('original_name').orderBy('id').execute();
    assert.deepEqual(
      names.map((n) => n.original_name),
      ['river.jpg', 'dropped-sun.png'],
    );
  });

  it('edits alt text, caption and credit inline and saves them', async () => {
    const item = page.locator('.ml-item', { has: page.locator('img[src*=".webp"]') }).last();
    await item.getByLabel(/Alt text/).fill('A blue river between low hills');
    await item.getByLabel('Caption').fill('The Ishim in spring');
    await item.getByLabel('Credit').fill('Demo Photo Desk');
    await item.getByRole('button', { name: 'Save' }).click();
    await item.getByText('Saved.').waitFor();
    assert.equal(await item.locator('.ml-item__warning').isVisible(), false);
    const row = await server.context.database.db
      .selectFrom('media')
      .select(['alt_text', 'caption', 'credit'])
      .where('original_name', '=', 'river.jpg')
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { alt_text: 'A blue river between low hills', caption: 'The Ishim in spring', credit: 'Demo Photo Desk' });
  });

  it('searches the library and shows where an image is used', async () => {
    await page.getByLabel('Search images').fill('ishim');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1 image matching “ishim”.').waitFor();
    assert.equal(await page.locator('.ml-item').count(), 1);
    assert.match(page.url(), /\?q=ishim$/);
    await page.getByRole('button', { name: 'Where used' }).click();
    await page.getByText('Not used in any article.').waitFor();
    await page.getByLabel('Search images').fill('no such picture');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No images match “no such picture”.').waitFor();
    assert.equal(await page.locator('.ml-item').count(), 0);
  });

  it('names each card by its file, and says when a file is already in the library instead of adding it again', async () => {
    await page.goto(`${server.url}/newsroom/media`);
    const river = page.locator('.ml-item', { has: page.getByText('river.jpg', { exact: true }) });
    await river.waitFor();
    const jpeg = await sharp({ create: { width: 900, height: 500, channels: 3, background: '#3d7ea6' } }).jpeg().toBuffer();
    await page.setInputFiles('#ml-file', [{ name: 'river-again.jpg', mimeType: 'image/jpeg', buffer: jpeg }]);
    const id = await river.getAttribute('data-media-id');
    await page.locator('.ml-upload-row--ok').getByText(`Already in the library as image ${id} (“river.jpg”): no copy was made.`).waitFor();
    await page.getByText('2 images.').waitFor();
  });

  it('has no serious accessibility violations (axe-core)', async () => {
    await page.goto(`${server.url}/newsroom/media`);
    await page.locator('.ml-item').first().waitFor();
    // Every rule axe has, not only WCAG's tags.
    const violations = await accessibilityProblems(page, { tags: null, impacts: 'serious-and-critical' });
    assert.deepEqual(violations, []);
  });

  it('ran without script errors or CSP violations', () => {
    // The refused SVG upload answers 422, which Chromium logs as a failed resource load: expected.
    const unexpected = problems.filter((p) => !/status of 422/.test(p));
    assert.deepEqual(unexpected, []);
  });
});
