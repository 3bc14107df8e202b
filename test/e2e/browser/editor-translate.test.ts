import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { ArticleJson } from '#src/domain/articles/article-json.ts';
import { createPublishedArticles } from '#src/domain/articles/published-articles.ts';
import type { TestServer } from '../../support/test-server.ts';
import { createUserFixture } from '../../support/auth.ts';
import { createArticleFixture, createSectionFixture, paragraphsBody } from '../../support/factories.ts';
import { ProblemLog } from '../../support/browser.ts';
import { accessibilityProblems } from '../../support/page-checks.ts';
import { useTestbed, signInFresh } from './editor-support.ts';

describe('an editor translates an article in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  useTestbed((testbed) => ({ server, browser } = testbed));

  it('opens an English article, translates it into Russian, writes the text, publishes, and the Russian version is live and linked', async () => {
    const section = await createSectionFixture(server.context, { name: 'Economy', slug: 'economy' });
    const source = await createArticleFixture(server.context, {
      sectionId: section.id,
      title: 'Rail link to the Caspian opens',
      slug: 'rail-link-to-the-caspian-opens',
      standfirst: 'Freight will reach the port in two days.',
      body: paragraphsBody(['The new line runs across the western steppe.']),
      status: 'published',
    });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const log = new ProblemLog();
    const { context, page } = await signInFresh({ server, browser }, log, editor);

    await page.goto(`${server.url}/newsroom?language=en`);
    await page.getByRole('link', { name: 'Rail link to the Caspian opens' }).first().click();
    await page.getByRole('heading', { name: 'Translations' }).waitFor();
    assert.equal(await page.getByLabel('Language').inputValue(), 'en');
    assert.deepEqual(await accessibilityProblems(page), [], 'the editor with its translations panel is accessible');

    // A plain form: the server makes the linked draft and opens its editor.
    await page.getByRole('button', { name: 'Translate into Russian' }).click();
    await page.waitForURL((url) => /^\/newsroom\/articles\/\d+$/.test(url.pathname) && url.pathname !== `/newsroom/articles/${source.id}`);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    assert.equal(await page.getByLabel('Language').inputValue(), 'ru');
    await page.getByRole('link', { name: /English \(en\): Rail link to the Caspian opens/ }).waitFor();
    assert.equal(await page.getByLabel('Title').inputValue(), 'Rail link to the Caspian opens', 'the source title as a placeholder');

    await page.getByLabel('Title').fill('Открыта железная дорога к Каспию');
    await page.getByLabel('Standfirst').fill('Грузы будут доходить до порта за два дня.');
    const body = page.locator('.ed-body');
    await body.click();
    await page.keyboard.type('Новая линия пересекает западную степь.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/^Saved \d\d:\d\d$/).waitFor();
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.getByText('Published.').waitFor();

    const stored = await page.evaluate(async (articleId) => (await fetch(`/api/admin/articles/${articleId}`)).json(), id) as ArticleJson;
    assert.equal(stored.status, 'published');
    assert.equal(stored.language, 'ru');
    assert.equal(stored.translationOfId, source.id);
    assert.equal(stored.slug, 'otkryta-zheleznaia-doroga-k-kaspiiu', "the slug followed the new title (it was the source's, made from its title)");
    assert.equal(stored.path, `/ru/economy/${stored.slug}`);
    assert.match(JSON.stringify(stored.body), /Новая линия пересекает западную степь/);
    const original = await page.evaluate(async (articleId) => (await fetch(`/api/admin/articles/${articleId}`)).json(), source.id) as ArticleJson;
    assert.deepEqual(original.translations, [{ id, language: 'ru', status: 'published', title: 'Открыта железная дорога к Каспию' }]);

    // What the public Russian page reads: the article at its Russian address, and each version
    // naming the other for the switcher and hreflang.
    const published = createPublishedArticles(server.context);
    const ru = await published.findArticle('ru', 'economy', stored.slug);
    assert.equal(ru?.article.title, 'Открыта железная дорога к Каспию');
    assert.deepEqual((await published.translationsOf(source.id)).map((t) => [t.language, t.slug]), [['ru', stored.slug]]);
    assert.deepEqual((await published.translationsOf(id)).map((t) => [t.language, t.slug]), [['en', 'rail-link-to-the-caspian-opens']]);
    // A reader goes between the two with the header's language switcher.
    const reader = log.watch(await browser.newPage());
    const response = await reader.goto(`${server.url}${stored.path}`);
    assert.equal(response?.status(), 200, `GET ${stored.path}`);
    await reader.locator('.language-switcher a[hreflang="en"]').click();
    await reader.waitForURL(`${server.url}/economy/rail-link-to-the-caspian-opens`);
    assert.equal(await reader.locator('h1').textContent(), 'Rail link to the Caspian opens');
    await reader.locator('.language-switcher a[hreflang="ru"]').click();
    await reader.waitForURL(`${server.url}${stored.path}`);
    assert.equal(await reader.locator('h1').textContent(), 'Открыта железная дорога к Каспию');
    await reader.close();

    // The list shows the story in both languages, and the English row no longer lacks Russian.
    await page.goto(`${server.url}/newsroom?language=en&q=${encodeURIComponent('Rail link to the Caspian')}`);
    const row = page.locator('#all-articles ~ table tr', { hasText: 'Rail link to the Caspian opens' });
    await row.getByText('translated: ru').waitFor();
    await context.close();
    assert.deepEqual(
      log.problems.filter((problem) => !problem.includes(stored.path)),
      [],
    );
  });
});
