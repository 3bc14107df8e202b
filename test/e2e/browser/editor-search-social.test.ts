import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../../support/test-server.ts';
import { createUserFixture } from '../../support/auth.ts';
import { createImageFixture, createSectionFixture } from '../../support/factories.ts';
import { ProblemLog } from '../../support/browser.ts';
import { accessibilityProblems } from '../../support/page-checks.ts';
import { useTestbed, signInFresh } from './editor-support.ts';

describe('the search and social fields in the editor', () => {
  let server: TestServer;
  let browser: Browser;

  useTestbed((testbed) => ({ server, browser } = testbed));
  before(async () => {
    await createSectionFixture(server.context, { name: 'Energy', slug: 'energy' });
  });

  it('previews a search result and a shared card from the fields (or what stands in for them), counts lengths and saves them', async () => {
    const card = await createImageFixture(server.context, { caption: 'Turbine blades on lorries', altText: 'Three turbine blades on lorries at night' });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const log = new ProblemLog();
    const { context, page } = await signInFresh({ server, browser }, log, editor);
    await page.goto(`${server.url}/newsroom/articles/new`);
    await page.getByLabel('Title').fill('Wind farm near Yereymentau doubles its output');
    await page.getByLabel('Standfirst').fill('Forty new turbines came online this week.');
    await page.getByText('Search and social', { exact: true }).click();

    const serp = page.locator('.ed-serp');
    const cardPreview = page.locator('.ed-card');
    // Empty fields: the title and standfirst stand in, in the placeholders and in both previews.
    assert.equal(await page.getByLabel('SEO title').getAttribute('placeholder'), 'Wind farm near Yereymentau doubles its output');
    assert.equal(await serp.locator('.ed-serp__title').textContent(), 'Wind farm near Yereymentau doubles its output');
    assert.equal(await cardPreview.locator('.ed-card__text').textContent(), 'Forty new turbines came online this week.');

    await page.getByLabel('SEO title').fill('Yereymentau wind farm doubles output');
    assert.equal(await serp.locator('.ed-serp__title').textContent(), 'Yereymentau wind farm doubles output');
    assert.equal(await cardPreview.locator('.ed-card__title').textContent(), 'Yereymentau wind farm doubles output', 'the card takes the SEO title');
    await page.getByText('36 of about 60 characters shown.').waitFor();
    const long = 'The operator says the forty turbines added this week double the output of the farm, and that a second line to the grid will follow next spring if the permits come through.';
    await page.getByLabel('Meta description').fill(long);
    await page.getByText(`${long.length} characters: results and cards usually cut after about 160.`).waitFor();
    assert.match((await serp.locator('.ed-serp__text').textContent()) ?? '', /…$/, 'the preview cuts it where a result would');

    await page.getByLabel('Social title').fill('Forty new turbines on the steppe');
    assert.equal(await cardPreview.locator('.ed-card__title').textContent(), 'Forty new turbines on the steppe');
    await page.getByRole('button', { name: 'Choose social image' }).click();
    await page.getByRole('dialog').getByRole('button', { name: /Turbine blades on lorries/ }).click();
    await cardPreview.getByRole('img', { name: 'Three turbine blades on lorries at night' }).waitFor();
    await page.getByText(`Image ${card.id} from the library.`).waitFor();
    assert.deepEqual(await accessibilityProblems(page), [], 'the editor with the panel open');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/^Saved \d\d:\d\d$/).waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const stored = await page.evaluate(async (articleId) => (await fetch(`/api/admin/articles/${articleId}`)).json(), id);
    assert.deepEqual(
      [stored.seoTitle, stored.metaDescription, stored.socialTitle, stored.socialDescription, stored.socialMediaId],
      ['Yereymentau wind farm doubles output', long, 'Forty new turbines on the steppe', '', card.id],
    );
    await page.reload();
    await page.getByText('Search and social', { exact: true }).click();
    assert.equal(await page.getByLabel('Social title').inputValue(), 'Forty new turbines on the steppe');
    await context.close();
    assert.deepEqual(log.problems, []);
  });
});
