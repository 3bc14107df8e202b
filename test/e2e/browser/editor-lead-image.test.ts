import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ingestImage } from '#src/domain/media/media-service.ts';
import type { TestServer } from '../../support/test-server.ts';
import { createUserFixture } from '../../support/auth.ts';
import { createSectionFixture } from '../../support/factories.ts';
import { ProblemLog } from '../../support/browser.ts';
import { writeTestImage, useTestbed, signInFresh } from './editor-support.ts';

describe('the lead image box in the editor', () => {
  let server: TestServer;
  let browser: Browser;
  let tempDir: string;

  useTestbed((testbed) => ({ server, browser } = testbed));
  before(async () => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qalam-lead-'));
    await createSectionFixture(server.context, { name: 'Regions', slug: 'regions' });
  });
  after(() => fs.rmSync(tempDir, { recursive: true, force: true }));

  it("shows the library's caption and credit as the text to be printed, and takes the missing alt text in place", async () => {
    const file = await writeTestImage(tempDir, 'harbour.png');
    const image = await ingestImage(server.context, {
      bytes: fs.readFileSync(file),
      originalName: 'harbour.png',
      caption: 'Boats in the Aktau harbour',
      credit: 'Dana Abenova',
      altText: '',
      userId: null,
    });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const log = new ProblemLog();
    const { context, page } = await signInFresh({ server, browser }, log, editor);
    await page.goto(`${server.url}/newsroom/articles/new`);
    await page.getByLabel('Title').fill('The Caspian port doubles its berths');
    await page.locator('.ed-body').click();
    await page.keyboard.type('Four new berths opened this week.');
    await page.getByRole('button', { name: 'Choose lead image' }).click();
    await page.getByRole('button', { name: /Boats in the Aktau harbour/ }).click();

    const alt = page.getByLabel('Alt text (describes the image for people who cannot see it)');
    await alt.waitFor(); // the image's library record has arrived
    const caption = page.getByLabel('Caption for this article');
    const credit = page.getByLabel('Credit for this article');
    assert.equal(await caption.inputValue(), 'Boats in the Aktau harbour', 'the library caption is the value, not a placeholder');
    assert.equal(await credit.inputValue(), 'Dana Abenova');
    assert.equal(await caption.getAttribute('placeholder'), null);

    // Publishing is refused for the missing alt text; the message points at the field beside the image.
    log.allow(/status of 422/);
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.getByText("add it in the lead image's alt text field", { exact: false }).waitFor();
    await alt.fill('Fishing boats moored along a concrete pier');
    await page.getByRole('button', { name: 'Save alt text' }).click();
    await page.getByText('Alt text saved to the library.').waitFor();
    const stored = await server.context.database.db.selectFrom('media').select('alt_text').where('id', '=', image.id).executeTakeFirstOrThrow();
    assert.equal(stored.alt_text, 'Fishing boats moored along a concrete pier');

    // This article's own credit; the caption stays the library's (stored as empty: it follows the library).
    await credit.fill('Dana Abenova for Qalam');
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.getByText('Published.').waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const article = await page.evaluate(async (articleId) => (await fetch(`/api/admin/articles/${articleId}`)).json(), id);
    assert.deepEqual([article.leadCaption, article.leadCredit], ['', 'Dana Abenova for Qalam']);

    // The same file uploaded again from the picker: said, and its typed text can update the library's.
    await page.getByRole('button', { name: 'Replace lead image' }).click();
    await page.getByLabel('Image file').setInputFiles(file);
    await page.getByRole('dialog').getByLabel('Caption').fill('Boats in the Aktau harbour at dawn');
    await page.getByRole('button', { name: 'Upload and use' }).click();
    await page.getByText(`This image is already in the library (image ${image.id}, “harbour.png”)`, { exact: false }).waitFor();
    await page.getByText('You typed: Boats in the Aktau harbour at dawn').waitFor();
    await page.getByRole('button', { name: 'Update the library’s text with yours and use it' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.equal(await caption.inputValue(), 'Boats in the Aktau harbour at dawn');
    const updated = await server.context.database.db.selectFrom('media').select(['caption', 'alt_text']).where('id', '=', image.id).executeTakeFirstOrThrow();
    assert.deepEqual(updated, { caption: 'Boats in the Aktau harbour at dawn', alt_text: 'Fishing boats moored along a concrete pier' });
    assert.equal(await server.context.database.db.selectFrom('media').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)), 1);
    await context.close();
    assert.deepEqual(log.problems, []);
  });
});
