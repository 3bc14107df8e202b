import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { TestServer } from '../../support/test-server.ts';
import { createUserFixture } from '../../support/auth.ts';
import { createArticleFixture, createSectionFixture, paragraphsBody } from '../../support/factories.ts';
import { ProblemLog } from '../../support/browser.ts';
import { accessibilityProblems } from '../../support/page-checks.ts';
import { useTestbed, signInFresh } from './editor-support.ts';

describe('the newsroom in the language a user chose, in the browser', () => {
  let server: TestServer;
  let browser: Browser;

  useTestbed((testbed) => ({ server, browser } = testbed));

  it('switches an editor to Russian: the dashboard, the articles list and the editor speak Russian, while a colleague stays in English', async () => {
    const section = await createSectionFixture(server.context, { name: 'Economy' });
    await createArticleFixture(server.context, {
      sectionId: section.id,
      title: 'Grain harvest sets a record',
      body: paragraphsBody(['Farmers in the north brought in more wheat than ever.']),
    });
    const editor = await createUserFixture(server.context, { role: 'editor' });
    const colleague = await createUserFixture(server.context, { role: 'editor' });
    const log = new ProblemLog();
    const { context, page } = await signInFresh({ server, browser }, log, editor);

    // The choice, on the user's own account page (the newsroom is in the site's default language until then).
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByLabel('Language of the newsroom').selectOption('ru');
    await page.getByRole('button', { name: 'Save the language' }).click();
    await page.getByText('Сохранено: редакция теперь говорит на выбранном языке.').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
    await page.getByRole('heading', { level: 1, name: 'Смена пароля' }).waitFor();

    // The dashboard and the articles list, filtered by a status named in Russian.
    await page.getByRole('navigation', { name: 'Редакция' }).getByRole('link', { name: 'Статьи' }).click();
    await page.getByRole('heading', { level: 1, name: 'Статьи' }).waitFor();
    await page.getByRole('heading', { name: /^Все статьи/ }).waitFor();
    await page.getByLabel('Статус').selectOption({ label: 'черновик' });
    await page.getByRole('button', { name: 'Показать' }).click();
    await page.waitForURL(/status=draft/);
    const row = page.locator('#all-articles ~ table tr', { hasText: 'Grain harvest sets a record' });
    assert.match((await row.textContent()) ?? '', /черновик/);

    // The editor: the server's page and the island's own words.
    await row.getByRole('link', { name: 'Править «Grain harvest sets a record»' }).click();
    await page.getByRole('heading', { level: 1, name: 'Правка статьи' }).waitFor();
    assert.equal(await page.getByLabel('Заголовок').inputValue(), 'Grain harvest sets a record');
    await page.getByRole('toolbar', { name: 'Форматирование' }).getByRole('button', { name: 'Полужирный' }).waitFor();
    await page.getByRole('button', { name: 'Опубликовать сейчас' }).waitFor();
    await page.getByText(/^\d+ слов(о|а)? · 1 минута чтения$/).waitFor();
    await page.locator('.ed-body').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' The mills are busy.');
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await page.getByText(/^Сохранено в \d\d:\d\d$/).waitFor();
    assert.deepEqual(await accessibilityProblems(page), [], 'the Russian editor is accessible');

    // A colleague who chose nothing sees the same newsroom in English.
    const other = await signInFresh({ server, browser }, log, colleague);
    await other.page.goto(`${server.url}/newsroom`);
    await other.page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
    assert.equal(await other.page.locator('html').getAttribute('lang'), 'en');
    await other.page.getByRole('link', { name: 'Edit “Grain harvest sets a record”' }).first().click();
    await other.page.getByRole('button', { name: 'Publish now' }).waitFor();

    await other.context.close();
    await context.close();
    assert.deepEqual(log.problems, []);
  });
});
